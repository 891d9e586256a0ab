"""`riso data import` of a long CSV into DuckDB by DuckDB itself: read_csv -> resolve by join -> INSERT ... SELECT.

DuckDB's parallel CSV reader stages the file in a temporary table (file order is kept, so a row's ``rowid`` gives
its line); regions, indicators, periods and units are resolved on their *distinct* values in Python (the catalog's
own rules, memoised) into small map tables; bad rows are found by one SQL pass over the staged rows (the same
reasons, in the same order, as ``riso.ingest.data.table.resolve``); the good rows go into ``observations`` in one
``INSERT ... SELECT`` joined to the maps (no join at all when every name already is its id). No Python loop per
row, no Arrow copy of the file: memory is DuckDB's, which spills to disk past its ``memory_limit``.

Files this path does not take (another encoding or decimal comma, a wide layout, SDMX, a source already in the
store, a cell DuckDB cannot parse or with a line break, a blank line between rows, which DuckDB skips without
counting it) return None: the caller uses the block-streamed reader, which reports such files line by line.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pyarrow as pa

from riso.catalog import Catalog
from riso.errors import CatalogError
from riso.ingest.data.lines import count_lines

__all__ = ["import_csv_sql"]

_PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$")
_ROLES = ("region", "indicator", "period", "value", "unit", "source", "note")
_KEYS = ("region", "indicator", "period", "source")


class Staged:
    """What ``import_csv_sql`` did: the caller turns it into an ImportReport."""

    def __init__(self) -> None:
        self.rows_read = 0
        self.stored = 0
        self.duplicates = 0
        self.bad_rows: list[tuple[int, str]] = []


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def _registered(conn: Any, table: pa.Table) -> Iterator[str]:
    name = "riso_map_" + uuid.uuid4().hex[:10]
    conn.register(name, table)
    try:
        yield name
    finally:
        conn.unregister(name)


def _map(values: list[str | None], role: str, resolve_one: Callable[[str], str]) -> pa.Table:
    """name -> (id, error) for the distinct raw cells of one column: missing, refused by the catalog, or its id."""
    ids: list[str | None] = []
    errors: list[str | None] = []
    for raw in values:
        text = None if raw is None else raw.strip()
        if not text:
            ids.append(None)
            errors.append(f"missing {role}")
            continue
        try:
            ids.append(resolve_one(text))
            errors.append(None)
        except CatalogError as err:
            ids.append(None)
            errors.append(err.message)
    return pa.table({"name": pa.array(values, pa.string()), "id": pa.array(ids, pa.string()),
                     "err": pa.array(errors, pa.string())})


def _period(text: str) -> str:
    if not _PERIOD.match(text):
        raise CatalogError(f"period is not YYYY, YYYY-Qn or YYYY-MM: {text!r}")
    return text


def import_csv_sql(
    store: Any, path: Path, *, name: str, catalog: Catalog, indicator: str | None, unit: str | None,
    dialect: Any, skip: int, roles: dict[str, int], width: int, finish: Callable[[Staged], None],
) -> Staged | None:
    """Import a long CSV file (see the module's docstring) in one transaction; None: not this path (nothing done).

    ``skip`` is the header's 0-based row, ``roles`` the column of each role, ``width`` the header's length;
    ``finish`` runs inside the transaction once the rows are in (it raises to roll back, e.g. on bad rows)."""
    import duckdb

    if not dialect.is_utf8 or dialect.decimal != "." or not {"region", "period", "value"} <= roles.keys():
        return None
    if ("indicator" not in roles and indicator is None) or int(getattr(store._local, "depth", 0) or 0):
        return None  # inside a caller's transaction a failed read would abort it: the block reader goes there
    conn = store.conn
    stage = "riso_stage_" + uuid.uuid4().hex[:10]
    delim = _lit(dialect.delimiter)

    def read(value_type: str) -> None:
        columns = ", ".join(
            f"'c{i}': '{value_type if i == roles['value'] else 'VARCHAR'}'" for i in range(width))
        # file order is kept (preserve_insertion_order), so rowid - min(rowid) is the row's place in the file
        conn.execute("SET preserve_insertion_order = true")
        conn.execute(
            f"CREATE TEMP TABLE {stage} AS SELECT * FROM read_csv({_lit(str(path))}, header = false, "
            f"skip = {skip + 1}, columns = {{{columns}}}, delim = {delim}, quote = '\"', escape = '\"', "
            "auto_detect = false, strict_mode = true, encoding = 'utf-8')"
        )

    def drop() -> None:
        with suppress(duckdb.Error):  # the connection is gone: the temp table went with it
            conn.execute(f"DROP TABLE IF EXISTS {stage}")

    with store._lock:
        try:
            try:
                read("DOUBLE")
                numeric = True
            except duckdb.ConversionException:  # some value is no number: read it as text and say which
                drop()
                read("VARCHAR")
                numeric = False
        except duckdb.Error:
            drop()
            return None  # the block reader names the line it cannot read
        finally:
            conn.execute("RESET preserve_insertion_order")
        try:
            # DuckDB skips blank lines without counting them, and a quoted cell may run over a line end: when
            # there are not as many rows as lines after the header, the block reader numbers the rows
            if conn.execute(f"SELECT count(*) FROM {stage}").fetchone()[0] != count_lines(path) - skip - 1:
                return None
            with store.transaction():
                done = _from_stage(store, conn, stage, path=path, name=name, catalog=catalog, indicator=indicator,
                                   unit=unit, roles=roles, numeric=numeric, first_line=skip + 2)
                if done is not None:
                    finish(done)
            return done
        finally:
            drop()


def _from_stage(
    store: Any, conn: Any, stage: str, *, path: Path, name: str, catalog: Catalog, indicator: str | None,
    unit: str | None, roles: dict[str, int], numeric: bool, first_line: int,
) -> Staged | None:
    col = {role: f"s.c{roles[role]}" for role in _ROLES if role in roles}
    if indicator is not None:
        col["indicator"] = _lit(indicator)
    if unit is not None:
        col["unit"] = _lit(unit)
    done = Staged()
    count, base = conn.execute(f"SELECT count(*), min(rowid) FROM {stage}").fetchone()
    done.rows_read = int(count)
    if not count:
        return done

    def distinct(expr: str) -> list[str | None]:
        return [r[0] for r in conn.execute(f"SELECT DISTINCT {expr} FROM {stage} s").fetchall()]

    maps: dict[str, pa.Table] = {}
    maps["region"] = _map(distinct(col["region"]), "region", lambda t: catalog.region(t).id)
    maps["indicator"] = _map(distinct(col["indicator"]) if "indicator" in roles else [indicator], "indicator",
                             lambda t: catalog.indicator(t).id)
    maps["period"] = _map(distinct(col["period"]), "period", _period)
    # the period map's id is the trimmed text; the indicator map carries the indicator's unit
    ind_units = [None if i is None else catalog.indicators[i].unit for i in maps["indicator"].column("id").to_pylist()]
    maps["indicator"] = maps["indicator"].append_column("unit", pa.array(ind_units, pa.string()))
    texts = [v for table in maps.values() for v in table.column("name").to_pylist() if v is not None]
    if any("\n" in v or "\r" in v for v in texts):
        return None  # a quote left open: the block reader names its line
    sources: list[str] = [name]
    if "source" in col:
        given = distinct(col["source"])
        if any(v is not None and ("\n" in v or "\r" in v) for v in given):
            return None
        sources = sorted({(v or "").strip() or name for v in given})
    if store.known_sources(sources):
        return None  # rows of a source stored before go through the store's anti-join (the block reader)

    unit_map: pa.Table | None = None
    with _registered(conn, maps["region"]) as rmap, _registered(conn, maps["indicator"]) as imap, \
            _registered(conn, maps["period"]) as pmap:
        joins = (f"JOIN {rmap} r ON r.name IS NOT DISTINCT FROM {col['region']} "
                 f"JOIN {imap} i ON i.name IS NOT DISTINCT FROM {col['indicator']} "
                 f"JOIN {pmap} p ON p.name IS NOT DISTINCT FROM {col['period']}")
        factor = "1.0"
        unit_expr = "i.unit"
        unit_err = "NULL"
        if "unit" in col:
            found = conn.execute(
                f"SELECT DISTINCT i.id, {col['unit']} FROM {stage} s JOIN {imap} i "
                f"ON i.name IS NOT DISTINCT FROM {col['indicator']} WHERE i.id IS NOT NULL").fetchall()
            unit_map = _unit_map(found, catalog)
        with _unit_registered(conn, unit_map) as umap:
            if umap is not None:
                joins += f" LEFT JOIN {umap} u ON u.ind = i.id AND u.name IS NOT DISTINCT FROM {col['unit']}"
                factor = "coalesce(u.factor, 1.0)"
                unit_err = "u.err"
            value, value_checks = _value(col["value"], numeric)
            # resolve's order: missing region, indicator, period, value; then period, value, region,
            # indicator and unit checks (a missing cell is the map's first error, so it comes first)
            missing = ["CASE WHEN r.err = 'missing region' THEN r.err END",
                       "CASE WHEN i.err = 'missing indicator' THEN i.err END",
                       "CASE WHEN p.err = 'missing period' THEN p.err END",
                       f"CASE WHEN {col['value']} IS NULL THEN 'missing value' END" if numeric else
                       f"CASE WHEN {col['value']} IS NULL OR trim({col['value']}) = '' THEN 'missing value' END"]
            reason = f"coalesce({', '.join([*missing, 'p.err', *value_checks, 'r.err', 'i.err', unit_err])})"
            line = f"(s.rowid - {int(base)} + {first_line})"
            bad = _bad_rows(conn, stage, joins, reason, line, maps, unit_map, col['value'] if numeric else None)
            done.bad_rows = bad
            source = _lit(name)
            if "source" in col:
                source = f"coalesce(nullif(trim({col['source']}), ''), {_lit(name)})"
            note = f"trim({col['note']})" if "note" in col else "NULL"
            identity = _identity(maps, col) and not bad and umap is None and numeric
            select = (
                f"SELECT {col['region']}, {col['indicator']}, {col['period']}, {value}, i.unit, {source}, NULL, "
                f"{note}, 'dataset', {_lit(path.name)}, {line} FROM {stage} s "
                f"JOIN {imap} i ON i.name IS NOT DISTINCT FROM {col['indicator']}"
            ) if identity else (
                f"SELECT r.id, i.id, p.id, {value} * {factor}, {unit_expr}, {source}, NULL, {note}, 'dataset', "
                f"{_lit(path.name)}, {line} FROM {stage} s {joins} WHERE {reason} IS NULL"
            )
            regions = [r for r in maps["region"].column("id").to_pylist() if r is not None]
            mark = getattr(store, "mark_assessments_stale", None)
            if mark is not None and regions:
                mark(regions)
            conn.execute("SET preserve_insertion_order = false")  # row order carries no meaning: parallel insert
            try:
                conn.execute("INSERT INTO observations (region, indicator, period, value, unit, source, source_row, "
                             f"note, origin, file, line) {select}")
            finally:
                conn.execute("RESET preserve_insertion_order")
            done.stored = done.rows_read - len(bad)
    # repeated keys: when the stored rows are the staged cells (names are ids), they are checked on the staged
    # file (one 64-bit hash per row); rows whose hash repeats, or renamed rows, are settled in the store
    repeats = True
    if _identity(maps, col) and "source" not in col:
        row = conn.execute(
            f"SELECT count(*) FROM (SELECT hash({col['region']}, {col['indicator']}, {col['period']}) AS h "
            f"FROM {stage} s GROUP BY h HAVING count(*) > 1)").fetchone()
        repeats = bool(row and row[0])
    if repeats:
        conflicts, same = store.settle_import(sources)
        done.bad_rows += conflicts
        done.stored -= len(conflicts) + same
        done.duplicates += same
    done.bad_rows.sort()
    return done


def _identity(maps: dict[str, pa.Table], col: dict[str, str]) -> bool:
    """Whether every distinct cell of region, indicator and period is already its own id (no join needed)."""
    for role in ("region", "indicator", "period"):
        table = maps[role]
        if role == "indicator" and not col["indicator"].startswith("s."):
            continue
        if table.column("name").to_pylist() != table.column("id").to_pylist():
            return False
    return True


def _value(expr: str, numeric: bool) -> tuple[str, list[str]]:
    """The value as DOUBLE and the checks of resolve on it (as SQL giving the reason, or NULL)."""
    if numeric:
        return expr, [
            f"CASE WHEN NOT isfinite({expr}) THEN 'value is not a finite number (inf, nan or beyond 1.8e308): ' || "
            f"'''' || CAST({expr} AS VARCHAR) || '''' END"]
    text = f"trim({expr})"
    number = f"try_cast(replace(replace({text}, ' ', ''), chr(160), '') AS DOUBLE)"
    return number, [
        f"CASE WHEN {number} IS NULL THEN 'value is not a number: ' || '''' || {text} || '''' END",
        f"CASE WHEN NOT isfinite({number}) THEN 'value is not a finite number (inf, nan or beyond 1.8e308): ' "
        f"|| '''' || {text} || '''' END",
    ]


def _unit_map(pairs: list[tuple[str, str | None]], catalog: Catalog) -> pa.Table:
    inds, names, factors, errors = [], [], [], []
    for ind, raw in pairs:
        target = catalog.indicators[ind].unit
        given = None if raw is None else raw.strip()
        factor: float | None = 1.0
        err = None
        if given and given != target:
            try:
                factor = catalog.convert(1.0, given, target)
            except CatalogError as exc:
                factor = None
                err = f"{exc.message} (indicator {ind} is measured in {target!r})"
        inds.append(ind)
        names.append(raw)
        factors.append(factor)
        errors.append(err)
    return pa.table({"ind": pa.array(inds, pa.string()), "name": pa.array(names, pa.string()),
                     "factor": pa.array(factors, pa.float64()), "err": pa.array(errors, pa.string())})


@contextmanager
def _unit_registered(conn: Any, table: pa.Table | None) -> Iterator[str | None]:
    if table is None:
        yield None
        return
    with _registered(conn, table) as name:
        yield name


def _bad_rows(
    conn: Any, stage: str, joins: str, reason: str, line: str, maps: dict[str, pa.Table], unit_map: pa.Table | None,
    number: str | None,
) -> list[tuple[int, str]]:
    """(line, reason) of every bad row. When no map refuses a name and the values were read as numbers, one cheap
    pass over the value column decides whether the full pass is needed (``number``: that column, or None)."""
    refused = any(any(e is not None for e in table.column("err").to_pylist()) for table in maps.values())
    if unit_map is not None:
        refused = refused or any(e is not None for e in unit_map.column("err").to_pylist())
    if not refused and number is not None:
        row = conn.execute(f"SELECT count(*) FROM {stage} s WHERE {number} IS NULL OR NOT isfinite({number})"
                           ).fetchone()
        if not row or not row[0]:
            return []
    rows = conn.execute(f"SELECT {line} AS line, {reason} AS why FROM {stage} s {joins} WHERE {reason} IS NOT NULL "
                        "ORDER BY line").fetchall()
    return [(int(a), str(b)) for a, b in rows]
