"""Data-file readers: long and wide CSV, WDI layout, .xlsx, SDMX-CSV, data packages; bad rows with lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riso.catalog import load_catalog
from riso.errors import DataImportError, UnsupportedFormat
from riso.ingest.data import detect_format, read_data

CATALOG = load_catalog()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_data_long_csv_resolves_names_in_any_language(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.csv", "region,indicator,period,value,unit,source,note\n"
                  "重庆,研发投入强度,2023,2.48,%,NBS,\n"
                  "Chongqing,F&E-Quote,2022,2.36,Prozent,NBS,x\n"
                  "CHN,rd_intensity,2021,2.43,,,\n")
    data = read_data(path, catalog=CATALOG)
    rows = data.table.to_pylist()
    assert data.bad_rows == ()
    assert [(r["region"], r["indicator"], r["period"], r["value"]) for r in rows] == [
        ("CN-CQ", "rd_intensity", "2023", 2.48), ("CN-CQ", "rd_intensity", "2022", 2.36),
        ("CN", "rd_intensity", "2021", 2.43)]
    assert rows[0]["source_row"] == "long.csv:2" and rows[2]["source_row"] == "long.csv:4"
    assert rows[0]["source"] == "NBS" and rows[2]["source"] == "long.csv"
    assert all(r["unit"] == "%" for r in rows)


def test_data_units_are_converted_or_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "units.csv", "region,indicator,period,value,unit\n"
                  "CN-CQ,rd_expenditure,2023,7467000,万元\n"
                  "CN-CQ,rd_expenditure,2022,686.6,亿元\n"
                  "CN-CQ,rd_expenditure,2021,5,%\n")
    data = read_data(path, catalog=CATALOG)
    values = [r["value"] for r in data.table.to_pylist()]
    assert values == [pytest.approx(746.7), pytest.approx(686.6)]
    assert len(data.bad_rows) == 1 and data.bad_rows[0][0] == 4
    assert "CNY 100m" in data.bad_rows[0][1]


def test_data_bad_rows_carry_line_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", "region,indicator,period,value\n"
                  "CN-CQ,rd_intensity,2023,2.48\n"
                  "Atlantis,rd_intensity,2023,1\n"
                  "CN-CQ,rd_intensity,20x3,1\n"
                  "CN-CQ,rd_intensity,2021,abc\n"
                  "CN-CQ,nonsense indicator,2021,1\n"
                  "CN-CQ,rd_intensity,2020,\n")
    data = read_data(path, catalog=CATALOG)
    assert data.table.num_rows == 1
    lines = dict(data.bad_rows)
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "Atlantis" in lines[3] and "20x3" in lines[4] and "abc" in lines[5] and "missing value" in lines[7]


def test_data_wdi_wide_layout(shared_data: Path) -> None:
    data = read_data(shared_data / "raw" / "wdi_gerd_pct_gdp.csv", catalog=CATALOG, indicator="rd_intensity")
    china = {r["period"]: r["value"] for r in data.table.to_pylist() if r["region"] == "CN"}
    assert china["2023"] == pytest.approx(2.57729) and china["2015"] == pytest.approx(2.01703)
    assert data.format == "csv"
    # aggregates such as AFE are not gazetteer regions: reported, with their file line
    assert any("AFE" in reason and line == 7 for line, reason in data.bad_rows)


def test_data_wide_csv_with_indicator_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.csv", "region,indicator,2020,2021,2022\n"
                  "CN-SC,rd_intensity,2.17,2.26,\n")
    rows = read_data(path, catalog=CATALOG).table.to_pylist()
    assert [(r["period"], r["value"], r["source_row"]) for r in rows] == [("2020", 2.17, "wide.csv:2"),
                                                                         ("2021", 2.26, "wide.csv:2")]


def test_data_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["note about the table"])
    sheet.append(["region", "indicator", "period", "value", "unit"])
    sheet.append(["Sichuan", "rd_intensity", 2023, 2.26, "%"])
    sheet.append(["四川", "rd_intensity", 2022, 2.14, None])
    path = tmp_path / "book.xlsx"
    book.save(path)
    data = read_data(path, catalog=CATALOG)
    assert data.format == "xlsx"
    assert [(r["region"], r["period"], r["source_row"]) for r in data.table.to_pylist()] == [
        ("CN-SC", "2023", "book.xlsx:3"), ("CN-SC", "2022", "book.xlsx:4")]


def test_data_sdmx_csv(tmp_path: Path) -> None:
    path = _write(tmp_path, "sdmx.csv", "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\n"
                  "RISO:OBS(1.0),DE,rd_intensity,2022,3.13,%,A\n"
                  "RISO:OBS(1.0),FR,rd_intensity,2022,2.23,%,A\n")
    data = read_data(path, catalog=CATALOG)
    assert data.format == "sdmx"
    assert [(r["region"], r["value"], r["note"]) for r in data.table.to_pylist()] == [("DE", 3.13, "A"),
                                                                                      ("FR", 2.23, "A")]


def test_data_datapackage(tmp_path: Path) -> None:
    _write(tmp_path, "rd.csv", "region,indicator,period,value\nCN-CQ,rd_intensity,2023,2.48\n")
    package = {"name": "cq", "sources": [{"title": "NBS bulletin 2023"}],
               "resources": [{"name": "rd", "path": "rd.csv", "schema": {"fields": [
                   {"name": "region"}, {"name": "indicator"}, {"name": "period"}, {"name": "value"}]}}]}
    path = _write(tmp_path, "datapackage.json", json.dumps(package))
    data = read_data(path, catalog=CATALOG)
    assert data.table.to_pylist()[0]["source"] == "NBS bulletin 2023"
    package["resources"][0]["schema"]["fields"][0]["name"] = "geo"
    path.write_text(json.dumps(package))
    with pytest.raises(DataImportError):
        read_data(path, catalog=CATALOG)


def test_data_unsupported_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat):
        detect_format(tmp_path / "x.pdf")
    path = _write(tmp_path, "junk.csv", "just,some\nwords,here\n")
    with pytest.raises(DataImportError):
        read_data(path, catalog=CATALOG)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["CN-CQ", "CN-SC", "DE", "重庆"]), st.integers(1990, 2030),
                          st.floats(0.0, 1e6, allow_nan=False)), min_size=1, max_size=30,
                unique_by=lambda r: ({"重庆": "CN-CQ"}.get(r[0], r[0]), r[1])))
def test_data_long_csv_round_trips_every_row(tmp_path: Path, rows: list[tuple[str, int, float]]) -> None:
    lines = ["region,indicator,period,value"] + [f"{r},rd_intensity,{y},{v!r}" for r, y, v in rows]
    path = _write(tmp_path, "prop.csv", "\n".join(lines) + "\n")
    data = read_data(path, catalog=CATALOG)
    assert data.bad_rows == ()
    got = [(r["period"], r["value"], r["source_row"]) for r in data.table.to_pylist()]
    assert got == [(str(y), v, f"prop.csv:{i + 2}") for i, (_, y, v) in enumerate(rows)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(st.none(), st.floats(0.01, 1e5, allow_nan=False)), min_size=3, max_size=3),
                min_size=1, max_size=8))
def test_data_wide_csv_keeps_every_filled_cell(tmp_path: Path, grid: list[list[float | None]]) -> None:
    regions = ["CN-CQ", "CN-SC", "CN-BJ", "CN-SH", "DE", "FR", "IT", "ES"]
    lines = ['"Data Source","test"', "", "region,indicator,2021,2022,2023"]
    for region, cells in zip(regions, grid, strict=False):
        lines.append(",".join([region, "rd_intensity", *("" if c is None else repr(c) for c in cells)]))
    path = _write(tmp_path, "wide_prop.csv", "\n".join(lines) + "\n")
    data = read_data(path, catalog=CATALOG)
    expected = [(regions[i], str(2021 + j), c, f"wide_prop.csv:{i + 4}")
                for i, cells in enumerate(grid) for j, c in enumerate(cells) if c is not None]
    got = [(r["region"], r["period"], r["value"], r["source_row"]) for r in data.table.to_pylist()]
    assert data.bad_rows == () and got == expected
