"""What must hold on the shared Chongqing corpus (skipped when the corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.extract import extract
from riso.ingest import read_document
from riso.model import Fact


def _facts(corpus: Path, prefix: str) -> tuple[str, list[Fact]]:
    path = next(corpus.glob(f"{prefix}_*.txt"))
    document = read_document(path)
    facts = extract(document)
    for fact in facts:
        fact.check_against(document.text)
    return document.text, facts


def _one(facts: list[Fact], **want: object) -> Fact:
    found = [f for f in facts if all(getattr(f, k) == v for k, v in want.items())]
    assert found, f"no fact with {want}"
    return found[0]


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_corpus_article_targets_ranks_entities_glossary(chongqing: Path, prefix: str) -> None:
    text, facts = _facts(chongqing, prefix)
    for metric, value, unit, deadline in [
        ("rd_intensity", 3.0, "%", 2027),
        ("national_innovation_platforms", 150.0, "count", 2027),
        ("high_tech_enterprises", 20000.0, "count", 2030),
    ]:
        fact = _one(facts, kind="target", metric=metric, value=value, deadline=deadline)
        assert fact.unit == unit and fact.subject is not None and fact.subject.id == "CN-CQ"
        assert text[fact.start : fact.end] in fact.quote
    _one(facts, kind="rank", value=7.0, scope="national")
    _one(facts, kind="rank", value=1.0, scope="cn-west", duration=6.0)
    entities = [f for f in facts if f.kind == "entity"]
    hubs = [f for f in entities if f.payload["type"] == "hub"]
    assert len(hubs) >= 4, [f.payload["name"] for f in entities]
    assert any(f.payload["type"] == "zone" for f in entities)
    assert any("416" in str(f.payload["name"]) for f in entities)
    glossary = [f for f in facts if f.kind == "glossary"]
    assert len(glossary) >= 8
    entity_ids = {f.id for f in entities}
    assert all(g.payload["entity"] in entity_ids for g in glossary)
    flagged = [g for g in glossary if g.payload["uninformative"]]
    assert len(flagged) == 1 and "416" in str(flagged[0].payload["term"])


def test_corpus_cooperation_table_corridor_and_park(chongqing: Path) -> None:
    _, facts = _facts(chongqing, "003")
    table = _one(facts, kind="table")
    columns = table.payload["columns"]
    assert [c["type"] for c in columns] == ["text", "number", "text", "number"]  # type: ignore[index]
    assert columns[3]["unit"] == "CNY bn"  # type: ignore[index]
    assert table.payload["regions"] == ["cn-yrd", "cn-gba", "cn-chengdu-chongqing-circle"]
    cells = [f for f in facts if f.kind == "measurement" and f.payload.get("table")]
    assert sorted((f.subject.id, f.value, f.unit) for f in cells if f.subject) == sorted([
        ("cn-yrd", 28.0, "count"), ("cn-yrd", 120.0, "CNY bn"), ("cn-gba", 35.0, "count"),
        ("cn-gba", 180.0, "CNY bn"), ("cn-chengdu-chongqing-circle", 15.0, "count"),
        ("cn-chengdu-chongqing-circle", 75.0, "CNY bn"),
    ])  # fmt: skip
    assert any("Integrierte Schaltungen" in row for row in table.payload["rows"][0])  # type: ignore[index]
    _one(facts, kind="measurement", value=9.0)
    _one(facts, kind="measurement", value=20000.0, comparator="at_least")
    _one(facts, kind="measurement", value=3.5, unit="%")
    _one(facts, kind="measurement", value=50.0, comparator="at_least")
    names = [str(f.payload["name"]) for f in facts if f.kind == "entity"]
    assert any("G60" in n and "Corridor" in n for n in names)
    assert any("Hetao Park" in n for n in names)
    assert any("Alliance" in n for n in names)
    assert not any(f.value == 850.0 for f in facts), "the word count is not a fact"
    assert not any(f.value == 10.0 for f in facts), "the 10-day window is not a fact"


def test_corpus_summary_milestone_and_no_citations(chongqing: Path) -> None:
    _, facts = _facts(chongqing, "004")
    milestone = _one(facts, kind="milestone", deadline=2026)
    assert milestone.subject is not None and milestone.subject.id == "CN-CQ"
    scored = [f for f in facts if f.kind in ("target", "measurement", "rank")]
    assert scored == [], [(f.kind, f.value) for f in scored]
