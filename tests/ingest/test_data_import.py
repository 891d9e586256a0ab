"""Importing data files into the store on both backends: all-or-nothing, no-op on re-import, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from riso.errors import BadRows
from riso.model import Document, Fact, Observation, Subject
from riso.services.data import export_observations, import_file, observations_from_facts
from riso.store import Store

GOOD = "region,indicator,period,value,unit\nCN-CQ,rd_intensity,2022,2.36,%\nCN-CQ,rd_intensity,2023,2.48,%\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_is_a_noop_the_second_time(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "cq.csv", GOOD)
    first = import_file(store, path, source="NBS 2023")
    again = import_file(store, path, source="NBS 2023")
    assert (first.stored, again.stored, again.already_imported) == (2, 0, True)
    assert store.count_observations() == 2
    obs = store.list_observations(region="CN-CQ")
    assert obs[0].source == "NBS 2023" and obs[0].source_row == "cq.csv:2"


def test_import_overlapping_file_keeps_existing_rows(store: Store, tmp_path: Path) -> None:
    import_file(store, _write(tmp_path, "a.csv", GOOD), source="NBS")
    more = GOOD + "CN-CQ,rd_intensity,2021,2.16,%\n"
    report = import_file(store, _write(tmp_path, "b.csv", more), source="NBS")
    assert report.stored == 1
    assert store.count_observations(source="NBS") == 3


def test_import_with_bad_rows_stores_nothing_unless_skipping(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", GOOD + "Atlantis,rd_intensity,2023,1,%\n")
    with pytest.raises(BadRows) as info:
        import_file(store, path)
    assert info.value.rows[0][0] == 4 and "line 4" in info.value.message
    assert store.count_observations() == 0
    report = import_file(store, path, skip_bad_rows=True)
    assert (report.stored, report.skipped) == (2, 1)


def test_import_duplicate_keys_within_a_file_store_once(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "dup.csv", GOOD + "CN-CQ,rd_intensity,2023,2.48,%\n")
    assert import_file(store, path).stored == 2


def test_export_csv_parquet_sdmx(store: Store, tmp_path: Path) -> None:
    import_file(store, _write(tmp_path, "cq.csv", GOOD), source="NBS")
    assert export_observations(store, tmp_path / "o.parquet", fmt="parquet") == 2
    assert pq.read_table(tmp_path / "o.parquet").column("value").to_pylist() == [2.36, 2.48]
    export_observations(store, tmp_path / "o.csv", fmt="csv")
    rows = list(csv.DictReader((tmp_path / "o.csv").open(encoding="utf-8")))
    assert rows[1]["period"] == "2023" and rows[1]["source"] == "NBS"
    export_observations(store, tmp_path / "o.sdmx.csv", fmt="sdmx")
    sdmx = list(csv.DictReader((tmp_path / "o.sdmx.csv").open(encoding="utf-8")))
    assert sdmx[0]["REF_AREA"] == "CN-CQ" and sdmx[0]["TIME_PERIOD"] == "2022" and sdmx[0]["OBS_VALUE"] == "2.36"
    # SDMX-CSV written by riso reads back in
    store2_report = import_file(store, tmp_path / "o.sdmx.csv", source="again")
    assert store2_report.format == "sdmx" and store2_report.stored == 2


def test_measurement_facts_become_observations(store: Store) -> None:
    text = "Die F&E-Quote lag 2023 bei 2,48 %."
    doc = Document(id="sha256:" + "a" * 64, source="cq.txt", text=text, language="de")
    fact = Fact(document=doc.id, kind="measurement", metric="rd_intensity", value=2.48, unit="%", period="2023",
                subject=Subject(id="CN-CQ", name="Chongqing"), quote=text, start=0, end=len(text), language="de")
    store.add_document(doc, [fact])
    assert observations_from_facts(store) == 1
    assert observations_from_facts(store) == 0
    obs = store.list_observations(origin="document")[0]
    assert (obs.value, obs.source, obs.period) == (2.48, f"fact:{fact.id}", "2023")


def test_import_keeps_nulls_empty_strings_and_quotes(store: Store, tmp_path: Path) -> None:
    text = 'region,indicator,period,value,unit,source,note\nCN-CQ,rd_intensity,2023,2.48,%,"NBS, ""2023""",\n'
    import_file(store, _write(tmp_path, "q.csv", text))
    obs = store.list_observations()[0]
    assert obs.source == 'NBS, "2023"' and obs.note is None and obs.unit == "%"


def test_imported_rows_keep_file_and_integer_line(store: Store, tmp_path: Path) -> None:
    import_file(store, _write(tmp_path, "cq.csv", GOOD), source="NBS 2023")
    rows = store.query("SELECT file, line, source_row FROM observations ORDER BY line")
    assert [(r["file"], r["line"], r["source_row"]) for r in rows] == [("cq.csv", 2, None), ("cq.csv", 3, None)]
    exported = store.observation_table().column("source_row").to_pylist()
    assert exported == ["cq.csv:2", "cq.csv:3"]


def test_explicit_source_row_is_kept(store: Store) -> None:
    store.add_observations([Observation(region="CN-CQ", indicator="rd_intensity", period="2020", value=2.1,
                                        source="fact:f:1", source_row="doc:10-20", origin="document")])
    assert store.list_observations()[0].source_row == "doc:10-20"
