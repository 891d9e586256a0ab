"""Editors' decisions on facts, on both backends: kept across re-ingest and re-extraction, overriding the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.errors import BadRequest, NotFound
from riso.model import Document, Fact
from riso.pipeline import ingest, reextract
from riso.services import review
from riso.services.progress import sync_targets
from riso.store import Store
from riso.store.reviews import review_key

TEXT = (
    "Chongqing innovation plan\n\n"
    "By 2027 Chongqing aims to raise its R&D intensity to 3.5 % of GDP.\n\n"
    "In 2023 Chongqing spent 2.4 % of GDP on research and development.\n"
)


def _ingest(store: Store, tmp_path: Path) -> tuple[Path, Fact, Fact]:
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    ingest([path], store)
    facts = store.list_facts()
    target = next(f for f in facts if f.kind == "target")
    measurement = next(f for f in facts if f.kind == "measurement")
    assert target.value == 3.5 and measurement.value == 2.4  # what the extractor reads
    return path, target, measurement


def test_correction_survives_reingest_and_reextraction(store: Store, tmp_path: Path) -> None:
    path, target, _ = _ingest(store, tmp_path)
    done = review.decide(store, target.id, "correct", reviewer="edith", changes={"value": "3.2", "deadline": 2028})
    assert (done.value, done.deadline, done.review, done.confidence) == (3.2, 2028, "corrected", 1.0)
    assert [(t.value, t.deadline) for t in store.list_targets()] == [(3.2, 2028)]  # targets follow at once

    ingest([path], store)  # the same document again: already present, nothing changes
    assert store.get_fact(target.id).value == 3.2

    assert reextract(store) == 1  # the extractor reads 3.5 again; the decision is re-applied
    again = store.get_fact(target.id)
    assert (again.value, again.deadline, again.review) == (3.2, 2028, "corrected")
    sync_targets(store)
    assert [(t.value, t.deadline) for t in store.list_targets()] == [(3.2, 2028)]


def test_decision_is_keyed_on_document_quote_and_value_not_on_the_fact_id(store: Store, tmp_path: Path) -> None:
    _, target, _ = _ingest(store, tmp_path)
    review.decide(store, target.id, "correct", reviewer="edith", changes={"value": 3.2})
    moved = Fact.model_validate({**target.model_dump(), "id": "", "end": target.end - 1})  # a new id, same quote
    assert moved.id != target.id
    store.replace_facts(target.document, [moved])
    assert store.get_fact(moved.id).value == 3.2 and store.get_fact(moved.id).review == "corrected"
    other = Fact.model_validate({**target.model_dump(), "id": "", "value": 9.0})  # another reading: not it
    store.replace_facts(target.document, [other])
    assert store.get_fact(other.id).review is None
    key = review_key(target.document, target.quote, "target", 3.5)
    assert [r.key for r in store.list_reviews()] == [key]


def test_rejected_fact_disappears_everywhere_and_stays_rejected(store: Store, tmp_path: Path) -> None:
    _, target, measurement = _ingest(store, tmp_path)
    review.decide(store, measurement.id, "reject", reviewer="edith", note="not R&D")
    review.decide(store, target.id, "reject", reviewer="edith")
    assert store.list_facts() == [] and store.count_facts() == 0
    assert store.list_targets() == []
    assert store.get_fact(measurement.id).review == "rejected"  # still readable as evidence of the decision
    assert {f.id for f in store.list_facts(rejected=True)} == {target.id, measurement.id}
    reextract(store)
    assert store.count_facts() == 0 and store.count_facts(rejected=True) == 2
    assert store.search_facts("Chongqing") == []


def test_undo_and_audit(store: Store, tmp_path: Path) -> None:
    _, target, measurement = _ingest(store, tmp_path)
    review.decide(store, measurement.id, "confirm", reviewer="edith")
    changes = {"subject": "Sichuan", "metric": "rd_intensity"}
    review.decide(store, target.id, "correct", reviewer="edith", changes=changes)
    fact = store.get_fact(target.id)
    assert fact.subject is not None and fact.subject.id == "CN-SC"
    review.decide(store, target.id, "correct", reviewer="olga", changes={"value": 4})  # a second decision replaces it
    assert len(store.list_reviews()) == 2
    assert store.get_fact(target.id).value == 4 and store.list_reviews(decision="corrected")[0].reviewer == "olga"
    restored = review.undo(store, target.id, actor="olga")
    assert (restored.value, restored.review) == (3.5, None)
    assert restored.subject is not None and restored.subject.name == "Chongqing"
    assert restored.confidence == target.confidence
    actions = [(a["actor"], a["action"], a["target"]) for a in store.list_audit()]
    assert ("edith", "review.confirm", measurement.id) in actions
    assert ("olga", "review.correct", target.id) in actions and ("olga", "review.undo", target.id) in actions
    assert store.get_fact(measurement.id).review == "confirmed"
    with pytest.raises(NotFound):
        review.undo(store, target.id, actor="olga")


def test_bad_decisions_are_refused(store: Store, tmp_path: Path) -> None:
    _, target, _ = _ingest(store, tmp_path)
    for decision, changes in (
        ("approve", {}), ("confirm", {"value": 3}), ("correct", {"colour": "red"}), ("correct", {"value": "three"}),
        ("correct", {"deadline": "soon"}), ("correct", {"kind": "entity"}), ("correct", {"comparator": "maybe"}),
    ):
        with pytest.raises(BadRequest):
            review.decide(store, target.id, decision, reviewer="edith", changes=changes)
    with pytest.raises(BadRequest, match="indicator"):
        review.decide(store, target.id, "correct", reviewer="edith", changes={"metric": "no such indicator"})
    with pytest.raises(NotFound):
        review.decide(store, "f:nope", "confirm", reviewer="edith")
    assert store.list_reviews() == [] and store.get_fact(target.id).review is None


def test_kind_change_moves_deadline_to_period(store: Store, tmp_path: Path) -> None:
    _, target, measurement = _ingest(store, tmp_path)
    done = review.decide(store, target.id, "correct", reviewer="edith", changes={"kind": "measurement"})
    assert (done.kind, done.period, done.deadline) == ("measurement", "2027", None)
    assert store.list_targets() == []
    back = review.decide(store, measurement.id, "correct", reviewer="edith", changes={"kind": "target"})
    assert (back.kind, back.deadline, back.period) == ("target", 2023, None)


def test_to_review_queue_and_threshold(store: Store, tmp_path: Path) -> None:
    _, target, measurement = _ingest(store, tmp_path)
    cut = max(target.confidence, measurement.confidence) + 0.01
    assert {f.id for f in review.to_review(store, threshold=cut)} == {target.id, measurement.id}
    assert review.to_review(store, threshold=0.0) == []
    review.set_review_threshold(store, cut, actor="admin")
    assert review.review_threshold(store) == pytest.approx(cut)
    review.decide(store, target.id, "confirm", reviewer="edith")
    assert [f.id for f in review.to_review(store)] == [measurement.id]  # reviewed facts leave the queue
    assert [f.id for f in review.to_review(store, threshold=0.0, everything=True)] == [measurement.id]
    with pytest.raises(BadRequest):
        review.set_review_threshold(store, 1.5, actor="admin")


def test_missing_migration_is_applied_even_when_newer_ones_are(store: Store) -> None:
    store.execute("DROP TABLE fact_reviews")  # as if 007 landed after the database had reached 011
    store.execute("DELETE FROM riso_migrations WHERE version = 7")
    assert store.schema_version() > 7
    assert store.migrate() == [7]
    doc = Document(id="sha256:x", source="x.txt", text="abc")
    store.add_document(doc, [Fact(document=doc.id, kind="measurement", value=1.0, quote="abc", start=0, end=3)])
    assert store.count_facts() == 1 and store.list_reviews() == []
