"""Stored assessments (migration 015) read the same as assessing afresh, after every kind of write that changes
them (ingest, data import, a review decision, a deleted source, a target removed behind the store's back), on
both backends; the targets table pages and filters them in SQL with the rows of the whole-table path."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.model import Document, Fact, Subject
from riso.services import review, targets_table
from riso.services.assessments import refresh_assessments
from riso.services.data import import_file
from riso.services.progress import add_target, progress_records, sync_targets
from riso.services.targets_table import TableQuery, filter_rows, table_page, target_rows
from riso.store import Store

# Own sentences (real aims of the two regions), one target per region and indicator.
PLANS = {
    ("CN-CQ", "Chongqing", "rd_intensity", 2.8): "Chongqing wants research spending to reach 2.8 % of GDP by 2027.",
    ("CN-SC", "Sichuan", "rd_intensity", 2.5): "Sichuan plans research spending of 2.5 % of GDP by 2027.",
    ("CN-CQ", "Chongqing", "high_tech_enterprises", 12000.0): "By 2027 Chongqing counts on 12,000 high-tech firms.",
}
SERIES = "region,indicator,period,value,unit\n" + "".join(
    f"{r},rd_intensity,{y},{v + d},%\n" for r, d in (("CN-CQ", 0.0), ("CN-SC", 0.1))
    for y, v in zip(range(2018, 2024), [1.95, 1.99, 2.1, 2.16, 2.36, 2.48], strict=True)
)


def _ingest(store: Store) -> None:
    for n, ((region, name, metric, value), text) in enumerate(PLANS.items()):
        doc = Document(id=f"sha256:{n:064d}", source=f"plan{n}.txt", text=text, language="en")
        fact = Fact(document=doc.id, kind="target", metric=metric, value=value, unit="%" if value < 100 else "count",
                    comparator="at_least", deadline=2027, subject=Subject(id=region, name=name), quote=text, start=0,
                    end=len(text), language="en", confidence=0.95)
        store.add_document(doc, [fact])


def _same(store: Store) -> list[dict[str, object]]:
    stored = progress_records(store)
    assert stored == progress_records(store, stored=False)
    assert progress_records(store, region="CN-CQ") == progress_records(store, region="CN-CQ", stored=False)
    assert store.count_assessments() == len(store.list_targets())
    return stored


def _status(records: list[dict[str, object]], region: str, indicator: str) -> dict[str, object]:
    return next(r for r in records if r["target"]["region"] == region  # type: ignore[index]
                and r["target"]["indicator"] == indicator)  # type: ignore[index]


def test_stored_assessments_follow_ingest_import_review_and_deletes(store: Store, tmp_path: Path) -> None:
    _ingest(store)
    before = _same(store)
    assert _status(before, "CN-CQ", "rd_intensity")["status"] == "not_assessable"
    path = tmp_path / "rd.csv"
    path.write_text(SERIES, encoding="utf-8")
    import_file(store, path, source="statistics bulletin")  # marks CN-CQ and CN-SC: their targets are assessed again
    after = _same(store)
    cq = _status(after, "CN-CQ", "rd_intensity")
    assert cq["status"] != "not_assessable" and cq["latest"] == {"period": "2023", "value": 2.48}
    assert refresh_assessments(store) == 0  # nothing changed since: nothing assessed again
    fact = next(f for f in store.list_facts(kind="target") if f.subject and f.subject.id == "CN-SC")
    review.decide(store, fact.id, "correct", reviewer="editor", changes={"value": "3.2"})  # a new target value
    corrected = _same(store)
    assert _status(corrected, "CN-SC", "rd_intensity")["target"]["value"] == 3.2  # type: ignore[index]
    store.delete_observations(source="statistics bulletin")
    assert _status(_same(store), "CN-CQ", "rd_intensity")["status"] == "not_assessable"
    add_target(store, region="CN-SC", indicator="high_tech_enterprises", value=9000, deadline=2030)
    assert len(_same(store)) == 4
    store.execute("DELETE FROM targets WHERE region = 'CN-SC'")  # behind the store's methods: still followed
    assert {r["target"]["region"] for r in _same(store)} == {"CN-CQ"}  # type: ignore[index]


@pytest.mark.parametrize("sort", ["region", "indicator", "status", "deadline", "probability", "target"])
def test_table_page_matches_the_whole_table(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            sort: str) -> None:
    _ingest(store)
    path = tmp_path / "rd.csv"
    path.write_text(SERIES, encoding="utf-8")
    import_file(store, path, source="statistics bulletin")
    sync_targets(store)
    threshold = review.review_threshold(store)
    every = target_rows(store, headline=threshold)
    assert len(every) == 3
    for desc in (False, True):
        query = TableQuery(sort=sort, desc=desc)
        whole = filter_rows(every, query)
        small = table_page(store, query, threshold=threshold, size=2)
        assert small.rows == whole[:2] and small.shown == 3 and small.pages == 2
        monkeypatch.setattr(targets_table, "_SMALL", 0)  # the SQL path of many rows
        big = [r for p in (1, 2) for r in table_page(store, query, threshold=threshold, size=2, page=p).rows]
        monkeypatch.undo()
        if sort in ("region", "target"):  # exact (SQL breaks ties by codes, not names)
            assert big == whole
        assert sorted(r["id"] for r in big) == sorted(r["id"] for r in whole)
    filtered = table_page(store, TableQuery(region="CN-CQ", status="not_assessable"), threshold=threshold)
    assert [r["indicator"] for r in filtered.rows] == ["high_tech_enterprises"] and filtered.total == 3
    assert dict(filtered.statuses)["not_assessable"] == 1 and filtered.per_region == {"CN-CQ": 2, "CN-SC": 1}


def test_a_catalog_change_reassesses_only_its_indicators_targets(store: Store) -> None:
    import json

    from riso.services.assessments import BASIS_SETTING

    _ingest(store)
    _same(store)
    basis = json.loads(store.get_setting(BASIS_SETTING) or "{}")
    basis["indicators"]["rd_intensity"] = "edited"  # as if the catalog's R&D intensity had another unit
    store.set_setting(BASIS_SETTING, json.dumps(basis))
    assert refresh_assessments(store) == 2  # its two targets, not the high-tech one
    basis["version"] = -1
    store.set_setting(BASIS_SETTING, json.dumps(basis))
    assert refresh_assessments(store) == 3
    _same(store)
