"""Data files as people have them, and as attackers write them (issues 16.4 and 17.1/17.3/17.8), on both backends.

Data packages cannot read files outside their folder; conflicting duplicates and unbalanced quotes
are reported with their lines; non-finite values are refused; encodings, delimiters and decimal
commas are detected; nothing is imported in part.
"""

from __future__ import annotations

import csv
import json
import math
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riso.catalog import load_catalog
from riso.errors import BadRows, DataImportError
from riso.ingest.data import read_data
from riso.services.data import export_observations, import_file
from riso.services.uploads import import_data
from riso.store import Store

CATALOG = load_catalog()
HEADER = "region,indicator,period,value,unit\n"
SECRET = "TOPSECRET-first-line"


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _package(folder: Path, res_path: str) -> Path:
    package = {"name": "p", "resources": [{"name": "r", "path": res_path}]}
    return _write(folder, "datapackage.json", json.dumps(package))


# -- 17.1: data packages stay inside their folder -------------------------------------------------

@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A server-side CSV outside any package, which a hostile package tries to read."""
    return _write(tmp_path / "server", "secret.csv", f"{SECRET}\nregion,indicator,period,value\n"
                  "CN-CQ,rd_intensity,2023,9.99\n")


@pytest.mark.parametrize("kind", ["absolute", "climb", "symlink", "absent-outside"])
def test_local_package_cannot_name_files_outside_its_folder(store: Store, tmp_path: Path, secret: Path,
                                                            kind: str) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    res = {"absolute": str(secret), "climb": "../server/secret.csv", "symlink": "link.csv",
           "absent-outside": "../server/nothing-here.csv"}[kind]
    if kind == "symlink":
        (pkg / "link.csv").symlink_to(secret)
    path = _package(pkg, res)
    with pytest.raises(DataImportError) as info:
        import_file(store, path)
    message = info.value.message + " " + info.value.hint
    assert "outside the package folder" in message
    assert SECRET not in message and "9.99" not in message
    assert store.count_observations() == 0


def test_outside_errors_do_not_reveal_which_paths_exist(tmp_path: Path, secret: Path) -> None:
    pkg = tmp_path / "pkg"
    messages = []
    for res in ("../server/secret.csv", "../server/nothing.csv", "../server", "/etc/hostname"):
        with pytest.raises(DataImportError) as info:
            read_data(_package(pkg, res), catalog=CATALOG)
        messages.append(info.value.message.replace(res, "PATH"))
    assert len(set(messages)) == 1, messages


def test_uploaded_package_cannot_name_server_files(store: Store, secret: Path) -> None:
    for res in (str(secret), "../../" * 12 + str(secret).lstrip("/")):
        body = json.dumps({"name": "p", "resources": [{"name": "r", "path": res}]}).encode()
        with pytest.raises(DataImportError) as info:
            import_data(store, "datapackage.json", body, actor="editor")
        assert SECRET not in info.value.message and "9.99" not in info.value.message
    assert store.count_observations() == 0


def test_local_package_in_subfolder_still_reads(store: Store, tmp_path: Path) -> None:
    _write(tmp_path / "pkg" / "tables", "rd.csv", "region,indicator,period,value\nCN-CQ,rd_intensity,2023,2.48\n")
    report = import_file(store, _package(tmp_path / "pkg", "tables/rd.csv"))
    assert report.stored == 1


def test_package_naming_itself_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataImportError):
        read_data(_package(tmp_path, "datapackage.json"), catalog=CATALOG)


# -- 17.3: nothing dropped silently --------------------------------------------------------------

def test_conflicting_duplicates_are_bad_rows_with_lines(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "dup.csv", HEADER + "CN-CQ,rd_intensity,2022,2.36,%\n"
                  "CN-CQ,rd_intensity,2023,2.48,%\n"
                  "CN-CQ,rd_intensity,2022,2.99,%\n"
                  "CN-CQ,rd_intensity,2022,2.36,%\n")
    with pytest.raises(BadRows) as info:
        import_file(store, path)
    assert [line for line, _ in info.value.rows] == [4]
    assert "conflicts with line 2" in info.value.rows[0][1]
    assert store.count_observations() == 0
    report = import_file(store, path, skip_bad_rows=True)
    assert (report.rows_read, report.stored, report.skipped, report.duplicates) == (4, 2, 1, 1)
    assert report.rows_read == report.stored + report.skipped + report.duplicates


def test_every_row_accounted_for_on_reimport_of_overlapping_file(store: Store, tmp_path: Path) -> None:
    import_file(store, _write(tmp_path, "a.csv", HEADER + "CN-CQ,rd_intensity,2022,2.36,%\n"), source="NBS")
    report = import_file(store, _write(tmp_path, "b.csv", HEADER + "CN-CQ,rd_intensity,2022,2.36,%\n"
                                       "CN-CQ,rd_intensity,2023,2.48,%\n"), source="NBS")
    assert (report.stored, report.duplicates) == (1, 1)


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_unbalanced_quote_is_reported_with_its_line(store: Store, tmp_path: Path, layout: str) -> None:
    if layout == "long":
        text = HEADER + 'CN-CQ,rd_intensity,2022,2.36,%\nCN-CQ,"rd_intensity,2023,2.48,%\n' \
            + "".join(f"CN-CQ,rd_intensity,{y},1.0,%\n" for y in range(2000, 2010))
    else:
        text = "region,2021,2022\nCN-CQ,1.5,1.6\n\"CN-SC,1.7,1.8\nCN-BJ,2.0,2.1\n"
    with pytest.raises(DataImportError) as info:
        import_file(store, _write(tmp_path, f"{layout}.csv", text), indicator="rd_intensity", skip_bad_rows=True)
    assert "line 3" in info.value.message and "quote" in info.value.message
    assert store.count_observations() == 0


# -- 17.8 / 16.4: non-finite values ---------------------------------------------------------------

@pytest.mark.parametrize("value", ["inf", "-Infinity", "1e309", "NaN", "-1e400"])
def test_non_finite_values_are_refused_with_their_line(store: Store, tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, "nf.csv", HEADER + "CN-CQ,rd_intensity,2022,2.36,%\n"
                  f"CN-CQ,rd_intensity,2023,{value},%\n")
    with pytest.raises(BadRows) as info:
        import_file(store, path)
    line, reason = info.value.rows[0]
    assert line == 3 and ("finite" in reason or (value == "NaN" and "missing value" in reason))
    import_file(store, path, skip_bad_rows=True)
    assert all(math.isfinite(o.value) for o in store.list_observations())
    assert store.count_observations() == 1


# -- 16.4: encodings, delimiters, decimal marks ----------------------------------------------------

ROWS = [("重庆", "2022", "2.36"), ("Île-de-France", "2022", "2.2"), ("Baden-Württemberg", "2021", "5.6")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"])
def test_csv_encodings_are_detected(store: Store, tmp_path: Path, encoding: str) -> None:
    rows = ROWS if encoding not in ("gb18030", "gbk") else [*ROWS[:1], ("四川", "2022", "2.1")]
    text = HEADER + "".join(f"{r},rd_intensity,{p},{v},%\n" for r, p, v in rows)
    report = import_file(store, _write(tmp_path, "enc.csv", text, encoding))
    assert report.stored == 2 + (encoding not in ("gb18030", "gbk"))
    assert {o.region for o in store.list_observations()} >= {"CN-CQ"}


def test_cp1252_csv_is_detected(store: Store, tmp_path: Path) -> None:
    text = HEADER + "Île-de-France,rd_intensity,2022,2.2,%\nBaden-Württemberg,rd_intensity,2021,5.6,%\n"
    assert import_file(store, _write(tmp_path, "w.csv", text, "cp1252")).stored == 2
    assert {o.region for o in store.list_observations()} == {"FR-IDF", "DE-BW"}


def test_semicolons_with_decimal_commas_and_tabs(store: Store, tmp_path: Path) -> None:
    semi = "region;indicator;period;value;unit\nCN-CQ;rd_intensity;2022;2,36;%\nDE;rd_intensity;2022;3,13;%\n"
    tab = "region\tindicator\tperiod\tvalue\tunit\nFR\trd_intensity\t2022\t2.23\t%\n"
    assert import_file(store, _write(tmp_path, "semi.csv", semi, "cp1252")).stored == 2
    assert import_file(store, _write(tmp_path, "tab.tsv", tab)).stored == 1
    values = {o.region: o.value for o in store.list_observations()}
    assert values == {"CN-CQ": 2.36, "DE": 3.13, "FR": 2.23}


def test_decimal_comma_file_refuses_a_point_decimal_with_its_line(tmp_path: Path) -> None:
    text = "region;indicator;period;value\nCN-CQ;rd_intensity;2022;2,36\nDE;rd_intensity;2022;1.234,5\n" \
        "FR;rd_intensity;2022;2.5\nIT;rd_intensity;2022;1,5\n"
    data = read_data(_write(tmp_path, "eu.csv", text), catalog=CATALOG)
    assert [line for line, _ in data.bad_rows] == [4]
    assert sorted(data.table.column("value").to_pylist()) == [1.5, 2.36, 1234.5]


_REGIONS = ["CN-CQ", "DE", "FR", "Île-de-France", "Baden-Württemberg"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(st.sampled_from(_REGIONS), st.integers(1990, 2030),
                            st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)),
                  min_size=1, max_size=25, unique_by=lambda r: (r[0], r[1])),
    dialect=st.sampled_from([(",", "."), (";", ","), (";", "."), ("\t", "."), ("\t", ","), ("|", ".")]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_dialects_round_trip_every_value(tmp_path: Path, rows: list[tuple[str, int, float]],
                                         dialect: tuple[str, str], encoding: str) -> None:
    delimiter, decimal = dialect
    lines = [delimiter.join(["region", "indicator", "period", "value"])]
    for region, year, value in rows:
        shown = repr(value) if "e" not in repr(value) else f"{value:.6f}"
        lines.append(delimiter.join([region, "rd_intensity", str(year), shown.replace(".", decimal)]))
    data = read_data(_write(tmp_path, "prop.csv", "\n".join(lines) + "\n", encoding), catalog=CATALOG)
    assert data.bad_rows == ()
    expected = [float(repr(v) if "e" not in repr(v) else f"{v:.6f}") for _, _, v in rows]
    assert data.table.column("value").to_pylist() == pytest.approx(expected, rel=1e-12, abs=1e-9)
    assert data.table.column("source_row").to_pylist() == [f"prop.csv:{i + 2}" for i in range(len(rows))]


# -- 16.4: formula-like cells are neutralised in what riso writes ---------------------------------

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)"]


def test_exported_csv_neutralises_formula_like_cells(store: Store, tmp_path: Path) -> None:
    with (tmp_path / "f.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["region", "indicator", "period", "value", "unit", "source", "note"])
        writer.writerows(["CN-CQ", "rd_intensity", 2000 + i, -1.5, "%", f, f] for i, f in enumerate(FORMULAS))
    assert import_file(store, tmp_path / "f.csv").stored == len(FORMULAS)
    out = tmp_path / "out.csv"
    export_observations(store, out, fmt="csv")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["source"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert all(r["note"].startswith("'") for r in rows)
    assert {r["value"] for r in rows} == {"-1.5"}  # a negative number is not a formula


def test_api_and_cli_csv_neutralise_formula_like_cells() -> None:
    from riso.api._render import to_csv

    body = to_csv({"items": [{"name": f, "value": -2} for f in FORMULAS]}).decode()
    rows = list(csv.reader(body.splitlines()[1:]))
    assert [row[0] for row in rows] == ["'" + f for f in FORMULAS]
    assert {row[1] for row in rows} == {"-2"}


# -- 16.4: an .xlsx zip bomb is refused before it is unpacked --------------------------------------

def test_xlsx_zip_bomb_is_refused_quickly(store: Store, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["region", "indicator", "period", "value"])
    sheet.append(["CN-CQ", "rd_intensity", 2023, 2.48])
    path = tmp_path / "bomb.xlsx"
    book.save(path)
    # add a member that unpacks to 64 MiB of one repeated row: a few hundred KiB packed
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet2.xml", b"<row><c><v>1</v></c></row>" * (64 * 2**20 // 26))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(DataImportError) as info:
        import_file(store, path)
    assert "zip bomb" in info.value.message
    assert store.count_observations() == 0


def test_xlsx_within_bounds_still_imports(store: Store, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["region", "indicator", "period", "value"])
    for year in range(2000, 2020):
        sheet.append(["CN-CQ", "rd_intensity", year, 2.0])
    book.save(tmp_path / "ok.xlsx")
    assert import_file(store, tmp_path / "ok.xlsx").stored == 20
