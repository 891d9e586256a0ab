"""Readers for data files: long CSV, wide CSV (incl. World Bank WDI), .xlsx, SDMX-CSV, datapackage.json.

Each reader returns a raw table (see ``table.py``): strings per role with the file line of each row.
CSV files are sniffed first (``dialect.py``: encoding, delimiter, decimal mark). Long CSV files take
the fast path: pyarrow's multi-threaded CSV parser, no Python loop per row. A quoted cell that runs
over a line end (an unbalanced quote) is refused with its line, never read as one swallowed cell.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import yaml

from riso.errors import DataImportError, UnsupportedFormat
from riso.ingest.data.dialect import Dialect, open_text, sniff_dialect
from riso.ingest.data.lines import scan_lines
from riso.ingest.data.table import raw_table

__all__ = [
    "FORMATS", "csv_batch", "csv_batches", "detect_format", "find_header", "is_header", "read_raw", "role_index",
    "rows_from",
]

_YEAR = re.compile(r"^\s*(\d{4})(?:\s*\[YR\d{4}\])?\s*$")
FORMATS = ("csv", "xlsx", "sdmx", "datapackage")
_QUOTE_HINT = "Close the quote on the same line, or remove it; riso reads one row per line."


@lru_cache(maxsize=1)
def _columns() -> dict[str, dict[str, list[str]]]:
    text = (resources.files("riso.ingest.data") / "columns.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower().lstrip("\ufeff"))


def role_index(header: Sequence[str], layout: str) -> dict[str, int]:
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


def is_header(row: Sequence[str]) -> bool:
    """Whether a row names the columns of a long or wide layout."""
    roles = role_index(row, "long").keys()
    return {"period", "value"} <= roles or {"region", "value"} <= roles or sum(bool(_YEAR.match(c)) for c in row) >= 2


def detect_format(path: Path) -> str:
    """The data format of a file, from its name and first line; raises UnsupportedFormat."""
    name = path.name.lower()
    if name.endswith(".json"):
        return "datapackage"
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith((".csv", ".tsv", ".txt")):
        dialect = sniff_dialect(path)
        with path.open(encoding=dialect.encoding, errors="replace", newline="") as fh:
            first = next(csv.reader(fh, delimiter=dialect.delimiter), [])
        cols = {_norm(c) for c in first}
        return "sdmx" if {"timeperiod", "obsvalue"} <= cols else "csv"
    raise UnsupportedFormat(
        f"{path.name} is not a data file riso reads",
        hint="Use .csv (long, wide or SDMX-CSV), .xlsx or a Frictionless datapackage.json; see docs/data.md.",
    )


def read_raw(path: Path, *, fmt: str, source: str, indicator: str | None = None, unit: str | None = None) -> pa.Table:
    """Read a data file into a raw table; ``indicator``/``unit`` fill in files that lack those columns.

    The table's schema metadata ``decimal`` is the file's decimal mark (``.`` or ``,``).
    """
    if fmt == "datapackage":
        from riso.ingest.data.package import read_datapackage

        return read_datapackage(path, source=source, indicator=indicator, unit=unit)
    if fmt == "xlsx":
        from riso.ingest.data.xlsx import xlsx_rows

        header, rows, lines = xlsx_rows(path)
        return from_rows(header, rows, name=path.name, source=source, indicator=indicator, unit=unit, lines=lines)
    return _read_csv(path, source=source, indicator=indicator, unit=unit, sdmx=fmt == "sdmx")


def rows_from(path: Path, dialect: Dialect, *, start: int = 0) -> Iterator[tuple[int, list[str]]]:
    """(1-based line, cells) of each CSV row from 0-based row ``start``; a quote left open is an error."""
    try:
        with open_text(path, dialect) as fh:
            reader = csv.reader(fh, delimiter=dialect.delimiter)
            line = 1
            for number, row in enumerate(reader):
                if reader.line_num != line:  # the row ran over a line end inside quotes
                    raise DataImportError(f"{path.name}: line {line}: a quoted cell is not closed on its line "
                                          f"(it runs to line {reader.line_num})", hint=_QUOTE_HINT)
                if number >= start:
                    yield line, row
                line = reader.line_num + 1
    except UnicodeDecodeError as err:
        raise DataImportError(f"{path.name}: not valid {dialect.encoding} text past the first bytes",
                              hint="Re-save the file in one encoding (UTF-8 is best).") from err
    except csv.Error as err:
        raise DataImportError(f"{path.name}: cannot parse as CSV ({err})", hint=_QUOTE_HINT) from err


def find_header(rows: Iterable[tuple[int, Sequence[str]]], name: str) -> tuple[int, list[str]]:
    """The 0-based row of the header (skipping WDI-style metadata lines) and its cells."""
    for number, (_, row) in enumerate(rows):
        cells = [str(c) for c in row]
        if len([c for c in cells if c.strip()]) >= 3 and is_header(cells):
            return number, cells
        if number > 50:
            break
    raise DataImportError(f"{name}: no header row with region/period/value or year columns in the first lines",
                          hint="Name the columns region, indicator, period, value (see docs/data.md).")


def _read_csv(path: Path, *, source: str, indicator: str | None, unit: str | None, sdmx: bool) -> pa.Table:
    batches = csv_batches(path, source=source, indicator=indicator, unit=unit, sdmx=sdmx)
    if batches is None:
        return _slow_csv(path, source=source, indicator=indicator, unit=unit, sdmx=sdmx)
    tables = list(batches)
    if not tables:
        return csv_batch(pa.table({}), path=path, roles={}, first_line=0, source=source, indicator=indicator,
                         unit=unit, decimal=sniff_dialect(path).decimal)
    return pa.concat_tables(tables).replace_schema_metadata(tables[0].schema.metadata)


def _roles(path: Path, *, indicator: str | None, sdmx: bool) -> tuple[Dialect, int, list[str], dict[str, int]]:
    dialect = sniff_dialect(path)
    skip, header = find_header(rows_from(path, dialect), path.name)
    roles = role_index(header, "long")
    if sdmx and "indicator" not in roles and indicator is None:
        for name in _columns()["sdmx"]["indicator_fallback"]:
            if _norm(name) in [_norm(h) for h in header]:
                roles["indicator"] = [_norm(h) for h in header].index(_norm(name))
                break
    return dialect, skip, header, roles


def _slow_csv(path: Path, *, source: str, indicator: str | None, unit: str | None, sdmx: bool) -> pa.Table:
    dialect, skip, header, _ = _roles(path, indicator=indicator, sdmx=sdmx)
    lines, rows = [], []
    for line, row in rows_from(path, dialect, start=skip + 1):
        lines.append(line)
        rows.append(row)
    table = from_rows(header, rows, name=path.name, source=source, indicator=indicator, unit=unit, lines=lines)
    return _with_decimal(table, dialect)


def csv_batches(
    path: Path, *, source: str, indicator: str | None, unit: str | None, sdmx: bool = False,
    block_size: int = 1 << 24,
) -> Iterator[pa.Table] | None:
    """A long CSV file as raw tables of about ``block_size`` bytes each, in file order (bounded memory), or
    None when the file is not long (wide files take the row-by-row reader). Parse errors raise naming the line."""
    dialect, skip, header, roles = _roles(path, indicator=indicator, sdmx=sdmx)
    if not {"period", "value"} <= roles.keys():
        return None
    names = [f"c{i}" for i in range(len(header))]

    def generate() -> Iterator[pa.Table]:
        # the parser skips blank lines without counting them: the map gives each row its line in the file
        lines = scan_lines(path, skip + 2)
        done = 0
        try:
            reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(skip_rows=skip + 1, column_names=names, block_size=block_size,
                                               encoding="utf8" if dialect.is_utf8 else dialect.encoding),
                parse_options=pacsv.ParseOptions(delimiter=dialect.delimiter),
                convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                     strings_can_be_null=True),
            )
            for batch in reader:
                table = pa.Table.from_batches([batch])
                numbers = lines.lines(done, table.num_rows)
                _check_quotes(table, lines=numbers, name=path.name)
                yield csv_batch(table, path=path, roles=roles, first_line=skip + 2 + done, source=source,
                                indicator=indicator, unit=unit, decimal=dialect.decimal, lines=numbers)
                done += table.num_rows
        except (pa.ArrowInvalid, UnicodeDecodeError) as err:
            _locate(path, dialect, skip, len(header))  # raises naming the line
            raise DataImportError(f"{path.name}: cannot parse as CSV ({_short(err)})",
                                  hint="Check the file's encoding; every row needs the header's columns.") from err

    return generate()


def csv_batch(
    table: pa.Table, *, path: Path, roles: dict[str, int], first_line: int, source: str, indicator: str | None,
    unit: str | None, decimal: str, lines: np.ndarray | None = None,
) -> pa.Table:
    """One parsed block of a long CSV file (string columns c0, c1, ...) as a raw table with its lines (``lines``,
    or ``first_line``, + 1, + 2, ... when the block has no blank line among its rows)."""
    n = table.num_rows
    line = pa.array(np.arange(first_line, first_line + n, dtype=np.int64) if lines is None else lines)
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
    return raw_table(cols, n).replace_schema_metadata({"decimal": decimal})


def _locate(path: Path, dialect: Dialect, skip: int, width: int) -> None:
    """Raise DataImportError naming the first line the fast parser could not read (quotes, column count)."""
    for line, row in rows_from(path, dialect, start=skip + 1):
        if len(row) != width and any(c.strip() for c in row):
            raise DataImportError(f"{path.name}: line {line}: {len(row)} columns where the header has {width}",
                                  hint="Give every row the header's columns; quote cells that hold the delimiter.")


def _short(err: Exception) -> str:
    return str(err).splitlines()[0][:200]


def _check_quotes(table: pa.Table, *, lines: np.ndarray, name: str) -> None:
    """Refuse a table where a cell holds a line break: its quote was not closed on its line."""
    found: int | None = None
    for column in table.columns:
        spans = pc.match_substring(column, "\n")
        if pc.any(spans).as_py():
            row = pc.index(spans, True).as_py()
            found = row if found is None else min(found, row)
    if found is not None:
        raise DataImportError(f"{name}: line {int(lines[found])}: a quoted cell is not closed on its line "
                              "(an unbalanced quote swallows the rows after it)", hint=_QUOTE_HINT)


def _with_decimal(table: pa.Table, dialect: Dialect) -> pa.Table:
    return table.replace_schema_metadata({"decimal": dialect.decimal})


def from_rows(
    header: Sequence[object], rows: Iterable[Sequence[object]], *, name: str, source: str,
    indicator: str | None, unit: str | None, lines: Sequence[int] | None = None,
) -> pa.Table:
    """Long or wide rows (header + data) into a raw table; ``lines`` default to header line + 1, + 2, ..."""
    head = [str(h or "").strip() for h in header]
    numbered: Iterable[tuple[int, Sequence[object]]] = (
        zip(lines, rows, strict=True) if lines is not None else enumerate(rows, start=2)
    )
    roles = role_index(head, "long")
    cols: dict[str, list[object]] = {r: [] for r in ("region", "indicator", "period", "value", "unit", "source",
                                                     "file", "note", "line")}
    if {"period", "value"} <= roles.keys():
        for line, row in numbered:
            if not any(str(c or "").strip() for c in row):
                continue
            cell = {role: row[idx] if idx < len(row) else None for role, idx in roles.items()}
            _append(cols, cell, line, name=name, source=source, indicator=indicator, unit=unit)
        return raw_table(cols, len(cols["line"]))  # type: ignore[arg-type]
    wide = role_index(head, "wide")
    years = [(i, m.group(1)) for i, h in enumerate(head) if (m := _YEAR.match(h))]
    if "region" not in wide or not years:
        raise DataImportError(
            f"{name}: neither a long layout (region, indicator, period, value) nor a wide one (region + year columns)"
        )
    for line, row in numbered:
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
