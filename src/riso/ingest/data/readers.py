"""Readers for data files: long CSV, wide CSV (incl. World Bank WDI), .xlsx, SDMX-CSV, datapackage.json.

Each reader returns a raw table (see ``table.py``): strings per role with the file line of each row.
Long CSV files take the fast path: pyarrow's multi-threaded CSV parser, no Python loop per row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import yaml

from riso.errors import DataImportError, UnsupportedFormat
from riso.ingest.data.table import raw_table

__all__ = ["detect_format", "read_raw"]

_YEAR = re.compile(r"^\s*(\d{4})(?:\s*\[YR\d{4}\])?\s*$")
FORMATS = ("csv", "xlsx", "sdmx", "datapackage")


@lru_cache(maxsize=1)
def _columns() -> dict[str, dict[str, list[str]]]:
    text = (resources.files("riso.ingest.data") / "columns.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower().lstrip("\ufeff"))


def _role_index(header: Sequence[str], layout: str) -> dict[str, int]:
    """Column index per role, using the first name from columns.yaml that the header has."""
    normed = [_norm(h) for h in header]
    found: dict[str, int] = {}
    for role, names in _columns()[layout].items():
        if not isinstance(names, list):
            continue
        for name in names:
            if _norm(name) in normed:
                found[role] = normed.index(_norm(name))
                break
    return found


def detect_format(path: Path) -> str:
    """The data format of a file, from its name and first line; raises UnsupportedFormat."""
    name = path.name.lower()
    if name.endswith(".json"):
        return "datapackage"
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith((".csv", ".tsv", ".txt")):
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
        cols = {_norm(c) for c in first.split(",")}
        return "sdmx" if {"timeperiod", "obsvalue"} <= cols else "csv"
    raise UnsupportedFormat(
        f"{path.name} is not a data file riso reads",
        hint="Use .csv (long, wide or SDMX-CSV), .xlsx or a Frictionless datapackage.json; see docs/data.md.",
    )


def read_raw(path: Path, *, fmt: str, source: str, indicator: str | None = None, unit: str | None = None) -> pa.Table:
    """Read a data file into a raw table; ``indicator``/``unit`` fill in files that lack those columns."""
    if fmt == "datapackage":
        return _read_datapackage(path, source=source, indicator=indicator, unit=unit)
    if fmt == "xlsx":
        header, rows, lines = _xlsx_rows(path)
        return _from_rows(header, rows, lines, name=path.name, source=source, indicator=indicator, unit=unit)
    return _read_csv(path, source=source, indicator=indicator, unit=unit, sdmx=fmt == "sdmx")


def _header_line(path: Path) -> tuple[int, list[str]]:
    """The 0-based line of the header (skipping WDI-style metadata lines) and its cells."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for number, row in enumerate(csv.reader(fh)):
            cells = [c for c in row if c.strip()]
            if len(cells) >= 3 and (_role_index(row, "long").keys() >= {"period", "value"}
                                    or sum(bool(_YEAR.match(c)) for c in row) >= 2
                                    or _role_index(row, "long").keys() >= {"region", "value"}):
                return number, row
            if number > 50:
                break
    raise DataImportError(f"{path.name}: no header row with region/period/value or year columns in the first lines")


def _read_csv(path: Path, *, source: str, indicator: str | None, unit: str | None, sdmx: bool) -> pa.Table:
    skip, header = _header_line(path)
    roles = _role_index(header, "long")
    if sdmx and "indicator" not in roles and indicator is None:
        for name in _columns()["sdmx"]["indicator_fallback"]:
            if _norm(name) in [_norm(h) for h in header]:
                roles["indicator"] = [_norm(h) for h in header].index(_norm(name))
                break
    long = {"period", "value"} <= roles.keys()
    if not long:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))[skip + 1 :]
        lines = list(range(skip + 2, skip + 2 + len(rows)))
        return _from_rows(header, rows, lines, name=path.name, source=source, indicator=indicator, unit=unit)
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(skip_rows=skip + 1, column_names=names, encoding="utf8"),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=True),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as err:
        raise DataImportError(f"{path.name}: cannot parse as CSV ({err})") from err
    n = table.num_rows
    # Line numbers assume one row per line (no line breaks inside quoted cells).
    line = pa.array(np.arange(skip + 2, skip + 2 + n, dtype=np.int64))
    cols: dict[str, object] = {role: table.column(idx) for role, idx in roles.items()}
    if indicator is not None or "indicator" not in cols:
        cols["indicator"] = pa.array([indicator] * n, pa.string()) if indicator else None
    if unit is not None:
        cols["unit"] = pa.array([unit] * n, pa.string())
    given = cols.get("source")
    fallback = pa.repeat(pa.scalar(source, pa.string()), n)
    if given is None:
        cols["source"] = fallback
    else:  # rows without a source of their own get the dataset's
        empty = pc.or_kleene(pc.is_null(given), pc.equal(pc.utf8_trim_whitespace(given), ""))
        cols["source"] = pc.if_else(pc.fill_null(empty, True), fallback, given)
    cols["file"] = pa.repeat(pa.scalar(path.name, pa.string()), n)
    cols["line"] = line
    return raw_table(cols, n)


def _from_rows(
    header: Sequence[str], rows: Sequence[Sequence[object]], lines: Sequence[int], *, name: str, source: str,
    indicator: str | None, unit: str | None,
) -> pa.Table:
    """Long or wide rows (header + data) into a raw table."""
    header = [str(h or "").strip() for h in header]
    roles = _role_index(header, "long")
    cols: dict[str, list[object]] = {r: [] for r in ("region", "indicator", "period", "value", "unit", "source",
                                                     "file", "note", "line")}
    if {"period", "value"} <= roles.keys():
        for row, line in zip(rows, lines, strict=True):
            if not any(str(c or "").strip() for c in row):
                continue
            cell = {role: row[idx] if idx < len(row) else None for role, idx in roles.items()}
            _append(cols, cell, line, name=name, source=source, indicator=indicator, unit=unit)
        return raw_table(cols, len(cols["line"]))  # type: ignore[arg-type]
    wide = _role_index(header, "wide")
    years = [(i, m.group(1)) for i, h in enumerate(header) if (m := _YEAR.match(h))]
    if "region" not in wide or not years:
        raise DataImportError(
            f"{name}: neither a long layout (region, indicator, period, value) nor a wide one (region + year columns)"
        )
    for row, line in zip(rows, lines, strict=True):
        for idx, year in years:
            value = row[idx] if idx < len(row) else None
            if value is None or str(value).strip() == "":
                continue  # an empty year cell is missing data, not a bad row
            cell = {"region": row[wide["region"]], "period": year, "value": value}
            if "indicator" in wide:
                cell["indicator"] = row[wide["indicator"]]
            if "unit" in wide:
                cell["unit"] = row[wide["unit"]]
            _append(cols, cell, line, name=name, source=source, indicator=indicator, unit=unit)
    return raw_table(cols, len(cols["line"]))  # type: ignore[arg-type]


def _append(
    cols: dict[str, list[object]], cell: dict[str, object], line: int, *, name: str, source: str,
    indicator: str | None, unit: str | None,
) -> None:
    value = cell.get("value")
    cols["region"].append(cell.get("region"))
    cols["indicator"].append(indicator or cell.get("indicator"))
    period = cell.get("period")
    cols["period"].append(str(int(period)) if isinstance(period, float) and period.is_integer() else period)
    cols["value"].append(repr(value) if isinstance(value, float) else value)
    cols["unit"].append(unit or cell.get("unit"))
    cols["source"].append(cell.get("source") or source)
    cols["file"].append(name)
    cols["note"].append(cell.get("note"))
    cols["line"].append(line)


def _xlsx_rows(path: Path) -> tuple[list[str], list[list[object]], list[int]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a broken file
        raise DataImportError(f"{path.name}: cannot open as .xlsx ({type(err).__name__})") from err
    sheet = book.worksheets[0]
    all_rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    for number, row in enumerate(all_rows[:50]):
        header = [str(c) if c is not None else "" for c in row]
        if _role_index(header, "long").keys() >= {"period", "value"} or sum(
            bool(_YEAR.match(h)) for h in header
        ) >= 2:
            return header, all_rows[number + 1 :], list(range(number + 2, len(all_rows) + 1))
    raise DataImportError(f"{path.name}: no header row with region/period/value or year columns on the first sheet")


def _read_datapackage(path: Path, *, source: str, indicator: str | None, unit: str | None) -> pa.Table:
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataImportError(f"{path.name}: not a readable datapackage.json ({err})") from err
    tables = []
    title = source
    if package.get("sources") and isinstance(package["sources"], list):
        title = "; ".join(str(s.get("title") or s.get("path") or "") for s in package["sources"]) or source
    for resource in package.get("resources", []):
        res_path = resource.get("path")
        if isinstance(res_path, list):
            res_path = res_path[0] if res_path else None
        if not res_path or str(res_path).startswith(("http://", "https://")):
            raise DataImportError(f"{path.name}: resource {resource.get('name')!r} has no local path",
                                  hint="riso reads local resources only; download the files next to datapackage.json.")
        file = (path.parent / res_path).resolve()
        if not file.is_file():
            raise DataImportError(f"{path.name}: resource file {res_path} not found")
        fields = [f.get("name", "") for f in (resource.get("schema") or {}).get("fields", [])]
        fmt = "xlsx" if file.suffix.lower() == ".xlsx" else detect_format(file)
        if fields and fmt == "csv":
            _check_fields(file, fields)
        tables.append(read_raw(file, fmt=fmt, source=title, indicator=indicator, unit=unit))
    if not tables:
        raise DataImportError(f"{path.name}: the data package lists no resources")
    return pa.concat_tables(tables)


def _check_fields(file: Path, fields: Sequence[str]) -> None:
    with file.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(io.StringIO(fh.readline())), [])
    if [h.strip() for h in header] != [f.strip() for f in fields]:
        raise DataImportError(
            f"{file.name}: header {header} does not match the schema fields {list(fields)}",
            hint="Make the CSV header list the schema's fields in order.",
        )
