"""Targets are reconciled from the facts again only after facts or documents changed (issue 12's page
benchmark: every dashboard read used to re-reconcile every target fact), on both backends."""

from __future__ import annotations

from riso.model import Document, Fact, Subject
from riso.services.progress import sync_targets
from riso.store import Store


def _document(n: int) -> tuple[Document, list[Fact]]:
    text = f"Bis 2030 soll die F&E-Quote {n} Prozent erreichen."
    doc = Document(id=f"sha256:{n:064d}", source=f"d{n}.txt", text=text, language="de")
    fact = Fact(document=doc.id, kind="target", metric="rd_intensity", value=float(n), unit="%", deadline=2030,
                comparator="at_least", subject=Subject(id="DE-BY", name="Bayern"), quote=text, start=0,
                end=len(text), language="de")
    return doc, [fact]


def test_targets_are_synced_again_only_after_a_fact_change(store: Store) -> None:
    store.add_documents([_document(3)])
    assert store.fact_changes() is not None
    assert sync_targets(store) == 1
    before = store.fact_changes()
    store.execute("DELETE FROM targets")  # not a fact change: a sync now leaves the targets as they are
    assert sync_targets(store) == 0 and store.list_targets() == []
    assert store.fact_changes() == before
    store.add_documents([_document(4)])  # a new document and fact: the next sync reconciles again
    assert store.fact_changes() != before
    assert sync_targets(store) == 2
    assert sorted(t.value for t in store.list_targets()) == [3.0, 4.0]
    changed = store.fact_changes()
    store.execute("UPDATE facts SET review = 'rejected' WHERE value = 4")  # an editor's decision is a change
    assert store.fact_changes() != changed
