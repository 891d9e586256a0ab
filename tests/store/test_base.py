"""The store's transactions, migrations and document/fact round trip, on both backends."""

from __future__ import annotations

import pytest

from riso.errors import NotFound
from riso.model import Document, Fact, Subject
from riso.store import Store
from riso.store.base import migrations
from riso.store.postgres import to_pyformat

TEXT = "Bis 2027 strebt die Stadt eine F&E-Quote von 3 % an."


def _doc(text: str = TEXT) -> Document:
    return Document(id="sha256:" + str(abs(hash(text))), source="a.txt", text=text, language="de")


def _fact(doc: Document) -> Fact:
    start = doc.text.index("3 %")
    return Fact(
        document=doc.id,
        kind="target",
        metric="rd_intensity",
        value=3.0,
        unit="%",
        comparator="at_least",
        deadline=2027,
        subject=Subject(id="CN-CQ", name="Chongqing"),
        quote=doc.text,
        start=start,
        end=start + 3,
        language="de",
        confidence=0.9,
    )


def test_base_migrations_are_applied_once(store: Store) -> None:
    version = store.schema_version()
    assert version == migrations(store.dialect)[-1][0]
    assert store.migrate() == []


def test_base_document_round_trip_keeps_facts(store: Store) -> None:
    doc = _doc()
    assert store.add_document(doc, [_fact(doc)]) is True
    assert store.add_document(doc, [_fact(doc)]) is False
    back = store.get_document(doc.id)
    assert back.text == doc.text
    facts = store.list_facts(document=doc.id)
    assert [f.value for f in facts] == [3.0]
    assert facts[0].subject == Subject(id="CN-CQ", name="Chongqing")
    assert store.count_facts(region="CN-CQ", kind="target") == 1


def test_base_failed_transaction_leaves_nothing(store: Store) -> None:
    doc = _doc()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_document(doc, [_fact(doc)])
        raise RuntimeError("crash in the middle of a batch")
    assert not store.has_document(doc.id)
    assert store.count_facts() == 0


def test_base_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_document("sha256:nothing-here")


def test_base_placeholders_skip_quoted_text() -> None:
    assert to_pyformat("SELECT '?', x FROM t WHERE a = ? AND b LIKE '%z'") == (
        "SELECT '?', x FROM t WHERE a = %s AND b LIKE '%z'"
    )


def test_base_other_threads_wait_for_a_transaction(store: Store) -> None:
    """A second thread's transaction never joins the first one; it waits and commits on its own."""
    import threading

    first, second = _doc("first text"), _doc("second text")
    started, done = threading.Event(), threading.Event()

    def other() -> None:
        started.wait()
        store.add_document(second)
        done.set()

    worker = threading.Thread(target=other)
    worker.start()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_document(first)
        started.set()
        assert not done.wait(0.3)  # blocked behind this transaction, not joined into it
        raise RuntimeError("roll back the first transaction only")
    worker.join(5)
    assert done.is_set()
    assert not store.has_document(first.id)
    assert store.has_document(second.id)
