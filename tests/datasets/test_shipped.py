"""The shipped datasets: citations, known figures, loading twice, and the Chongqing must-hold."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from riso.catalog import load_catalog
from riso.datasets import DATA_DIR, SHIPPED
from riso.services.data import load_shipped
from riso.services.progress import progress_records
from riso.store import Store


def test_shipped_files_exist_and_are_cited() -> None:
    sources = (DATA_DIR.parent / "SOURCES.md").read_text(encoding="utf-8")
    for dataset in SHIPPED:
        assert dataset.path.is_file(), dataset.file
        assert f"`{dataset.file}`" in sources
        assert dataset.source and dataset.licence
    assert "gii" not in " ".join(d.file for d in SHIPPED).lower()


def test_shipped_indicators_are_catalog_ids() -> None:
    catalog = load_catalog()
    for dataset in SHIPPED:
        with dataset.path.open(encoding="utf-8") as fh:
            ids = {row["indicator"] for row in csv.DictReader(fh)}
        assert ids <= set(catalog.indicators), dataset.file


def test_shipped_load_twice_is_a_noop(store: Store) -> None:
    first = load_shipped(store)
    assert all(r.skipped == 0 and r.stored > 0 for r in first)
    total = store.count_observations()
    assert all(r.already_imported for r in load_shipped(store))
    assert store.count_observations() == total
    cq = {o.period: o for o in store.list_observations(region="CN-CQ", indicator="rd_intensity")}
    assert cq["2011"].value == 1.28 and cq["2023"].value == 2.48
    assert cq["2023"].source.startswith("NBS") and cq["2023"].source_row.startswith("cn_rd.csv:")
    china = {(o.source[:5], o.period): o.value for o in store.list_observations(region="CN", indicator="rd_intensity")}
    assert china[("NBS, ", "2023")] == 2.65 and china[("World", "2023")] == pytest.approx(2.57729)
    turnover = store.list_observations(region="CN-CQ", indicator="tech_market_turnover")
    assert all(o.unit == "CNY 100m" for o in turnover)  # 万元 converted on import


def test_shipped_chongqing_targets_listed_assessed_and_sourced(duck_store: Store, chongqing: Path) -> None:
    from riso import pipeline

    pipeline.ingest([str(chongqing)], duck_store)
    load_shipped(duck_store)
    records = {r["target"]["indicator"]: r for r in progress_records(duck_store, region="CN-CQ")}
    assert {"rd_intensity", "national_innovation_platforms", "high_tech_enterprises"} <= set(records)
    rd = records["rd_intensity"]
    assert rd["target"]["value"] == 3.0 and rd["target"]["deadline"] == 2027
    assert rd["status"] == "moderate" and rd["ratio"] == pytest.approx(0.9433, abs=1e-4)
    assert rd["latest"] == {"period": "2023", "value": 2.48}
    assert rd["projection"]["interval"][0] < rd["projection"]["value"] < rd["projection"]["interval"][1]
    for key in ("rd_intensity", "national_innovation_platforms", "high_tech_enterprises"):
        languages = {s["language"] for s in records[key]["sources"] if s["kind"] == "document"}
        assert {"de", "fr", "it"} <= languages, key
    for key in ("national_innovation_platforms", "high_tech_enterprises"):
        assert records[key]["status"] == "not_assessable"
        assert records[key]["reason"] == "no measured data"
        assert "riso data import" in records[key]["hint"] and f"CN-CQ,{key}," in records[key]["hint"]
    assert any(s["kind"] == "dataset" and "NBS" in s["citation"] for s in rd["sources"])
