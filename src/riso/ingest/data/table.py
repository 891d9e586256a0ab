"""Raw data rows to resolved observations: value and period checks, catalog resolution, unit conversion.

A raw table is an Arrow table of strings with the roles region, indicator, period, value, unit,
source, file, note and line (the file name and line each row came from; the store keeps them as two
columns and shows them as ``source_row`` "file:line"). Resolution works on the
distinct names, so a 10-million-row file with 10,000 regions asks the catalog 10,000 times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from riso.catalog import Catalog
from riso.errors import CatalogError
from riso.ingest.data.dialect import comma_decimals
from riso.model import Observation

__all__ = ["KEY", "OBSERVATION_COLUMNS", "RAW_COLUMNS", "STORED_COLUMNS", "DataFile", "observation_schema", "raw_table",
           "resolve", "with_source_row"]

RAW_COLUMNS = ("region", "indicator", "period", "value", "unit", "source", "file", "note", "line")
OBSERVATION_COLUMNS = tuple(Observation.model_fields)
STORED_COLUMNS = (*OBSERVATION_COLUMNS, "file", "line")  # source_row null: the store shows file:line
_KEY = KEY = ("region", "indicator", "period", "source")
_PERIOD = r"^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$"


@dataclass(frozen=True)
class DataFile:
    """A data file read and resolved: observations as an Arrow table, and its bad rows."""

    path: str
    format: str
    source: str
    checksum: str
    rows: pa.Table  # STORED_COLUMNS, resolved and converted: what the store's bulk insert takes
    bad_rows: tuple[tuple[int, str], ...] = ()
    rows_read: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def table(self) -> pa.Table:
        """The rows with OBSERVATION_COLUMNS, ``source_row`` spelled out as "file:line"."""
        return with_source_row(self.rows)

    def observations(self) -> list[Observation]:
        """The rows as Observation records (small files; big ones stay Arrow)."""
        return [Observation(**row) for row in self.table.to_pylist()]


def observation_schema() -> pa.Schema:
    """The Arrow schema of resolved observations (the store's bulk insert takes this)."""
    return pa.schema([(c, pa.float64() if c == "value" else pa.string()) for c in OBSERVATION_COLUMNS])


def _stored_schema() -> pa.Schema:
    return pa.schema([*observation_schema(), pa.field("file", pa.string()), pa.field("line", pa.int64())])


def with_source_row(rows: pa.Table) -> pa.Table:
    """STORED_COLUMNS rows as OBSERVATION_COLUMNS, with source_row = "file:line" where it is not given."""
    spelled = pc.binary_join_element_wise(rows.column("file"), pc.cast(rows.column("line"), pa.string()), ":")
    given = rows.column("source_row")
    source_row = pc.if_else(pc.is_null(given), spelled, given) if rows.num_rows else given
    return rows.set_column(rows.schema.get_field_index("source_row"), "source_row", source_row).select(
        list(OBSERVATION_COLUMNS))


def raw_table(columns: dict[str, Sequence[object] | pa.Array], n: int) -> pa.Table:
    """A raw table with every role present (missing roles are nulls), all strings except ``line``."""
    arrays = {}
    for name in RAW_COLUMNS:
        data = columns.get(name)
        if name == "line":
            arrays[name] = pa.array(data if data is not None else np.arange(1, n + 1), type=pa.int64())
        elif data is None:
            arrays[name] = pa.nulls(n, type=pa.string())
        elif isinstance(data, pa.Array | pa.ChunkedArray):
            arrays[name] = pc.utf8_trim_whitespace(pc.cast(data, pa.string()))  # a regex check costs more
        else:
            arrays[name] = pa.array([None if v is None else str(v).strip() for v in data], type=pa.string())
    return pa.table(arrays)


def _lookup(values: pa.Array, resolve_one: object) -> tuple[pa.Array, dict[str, str]]:
    """Map each distinct value through resolve_one; returns ids (null where unknown) and errors by value."""
    distinct = pc.unique(values).drop_null().to_pylist()
    ids: list[str | None] = []
    errors: dict[str, str] = {}
    for name in distinct:
        try:
            ids.append(resolve_one(name))  # type: ignore[operator]
        except CatalogError as err:
            ids.append(None)
            errors[name] = err.message
    mapped = pc.take(pa.array(ids, type=pa.string()), pc.index_in(values, value_set=pa.array(distinct, pa.string())))
    return mapped, errors


def _bad(mask: pa.Array, lines: pa.Array, message: object, *, values: pa.Array | None = None) -> list[tuple[int, str]]:
    picked = pc.filter(lines, mask).to_pylist()
    if values is None:
        return [(line, str(message)) for line in picked]
    texts = pc.filter(values, mask).to_pylist()
    lookup = message if isinstance(message, dict) else {}
    return [(line, lookup.get(text, f"{message} {text!r}")) for line, text in zip(picked, texts, strict=True)]


def _memoised(memo: dict[str, str | CatalogError] | None, resolve_one: Callable[[str], str]) -> Callable[[str], str]:
    """``resolve_one`` remembering its answers (and refusals) in ``memo``: a file read in blocks asks once a name."""
    if memo is None:
        return resolve_one

    def cached(name: str) -> str:
        found = memo.get(name)
        if found is None:
            try:
                found = memo[name] = resolve_one(name)
            except CatalogError as err:
                found = memo[name] = err
        if isinstance(found, CatalogError):
            raise found
        return found

    return cached


def resolve(
    raw: pa.Table, catalog: Catalog, *, duplicates: bool = True,
    memo: dict[str, dict[str, str | CatalogError]] | None = None,
) -> tuple[pa.Table, list[tuple[int, str]]]:
    """Check and resolve a raw table; returns (observation table, bad rows as (line, reason)).

    ``duplicates`` off leaves rows repeating a key in the table (a file read in blocks checks them once, in the
    store); ``memo`` keeps the catalog's answers across the blocks of one file.
    """
    lines = raw.column("line")
    bad: list[tuple[int, str]] = []
    ok = pa.array(np.ones(raw.num_rows, dtype=bool))

    def flag(mask: pa.Array, message: object, values: pa.Array | None = None) -> None:
        nonlocal ok
        mask = pc.and_(pc.fill_null(mask, True), ok)
        if pc.any(mask).as_py():
            bad.extend(_bad(mask, lines, message, values=values))
            ok = pc.and_(ok, pc.invert(mask))

    text = {name: raw.column(name) for name in RAW_COLUMNS if name != "line"}  # chunked: no copy of big columns
    for role in ("region", "indicator", "period", "value"):
        flag(pc.or_kleene(pc.is_null(text[role]), pc.equal(text[role], "")), f"missing {role}")
    flag(pc.invert(pc.match_substring_regex(text["period"], _PERIOD)), "period is not YYYY, YYYY-Qn or YYYY-MM:",
         text["period"])
    if (raw.schema.metadata or {}).get(b"decimal") == b",":
        converted, not_number = comma_decimals(text["value"])
        flag(not_number, "value is not a number written with a decimal comma (this file's form):", text["value"])
        text["value"] = converted
    values = pc.cast(pc.if_else(ok, text["value"], pa.scalar("0")), pa.string())
    try:
        numbers = pc.cast(values, pa.float64())
    except pa.ArrowInvalid:
        numbers = pa.array([_float(v) for v in values.to_pylist()], type=pa.float64())
        flag(pc.is_null(numbers), "value is not a number:", text["value"])
    flag(pc.invert(pc.is_finite(numbers)), "value is not a finite number (inf, nan or beyond 1.8e308):",
         text["value"])
    region, region_errors = _lookup(
        text["region"], _memoised(None if memo is None else memo.setdefault("region", {}),
                                  lambda name: catalog.region(name).id))
    flag(pc.is_null(region), region_errors, text["region"])
    indicator, indicator_errors = _lookup(
        text["indicator"], _memoised(None if memo is None else memo.setdefault("indicator", {}),
                                     lambda name: catalog.indicator(name).id))
    flag(pc.is_null(indicator), indicator_errors, text["indicator"])
    numbers, units = _convert(numbers, indicator, text["unit"], catalog, flag)
    columns = {"region": region, "indicator": indicator, "period": text["period"], "value": numbers, "unit": units,
               "source": text["source"], "note": text["note"], "file": text["file"], "line": lines}
    if bad:
        columns = {name: pc.filter(col, ok) for name, col in columns.items()}
    keep, conflicts = _conflicting_duplicates(columns) if duplicates else (None, [])
    if conflicts:
        bad.extend(conflicts)
        columns = {name: pc.filter(col, keep) for name, col in columns.items()}
    n = len(columns["region"])
    table = pa.table({**columns, "source_row": pa.nulls(n, pa.string()),
                      "origin": pa.repeat(pa.scalar("dataset", pa.string()), n)})
    bad.sort()
    return table.select(list(STORED_COLUMNS)).cast(_stored_schema()), bad


def _conflicting_duplicates(columns: dict[str, pa.Array]) -> tuple[pa.Array, list[tuple[int, str]]]:
    """Rows repeating an earlier row's key (region, indicator, period, source) with another value.

    Returns a mask of the rows to keep and the conflicting rows as bad rows naming the line they
    contradict; a row repeating the first row of its key with the same value is kept (the store keeps one).
    """
    n = len(columns["region"])
    keep_all: tuple[pa.Array, list[tuple[int, str]]] = (pa.array(np.ones(n, dtype=bool)), [])
    if n < 2:
        return keep_all
    keyed = pa.table({**{k: columns[k] for k in _KEY}, "value": columns["value"],
                      "row": pa.array(np.arange(n, dtype=np.int64))})
    groups = keyed.group_by(list(_KEY)).aggregate([("value", "min"), ("value", "max"), ("row", "min")])
    if groups.num_rows == n:
        return keep_all
    clashing = groups.filter(pc.not_equal(groups.column("value_min"), groups.column("value_max")))
    if clashing.num_rows == 0:
        return keep_all
    joined = keyed.join(clashing.select([*_KEY, "row_min"]), list(_KEY))
    first_value = pc.take(keyed.column("value"), joined.column("row_min"))
    joined = joined.append_column("first", first_value)
    joined = joined.filter(pc.not_equal(joined.column("value"), joined.column("first"))).sort_by("row")
    rows = joined.column("row").to_numpy()
    lines = pc.take(columns["line"], joined.column("row")).to_pylist()
    first_lines = pc.take(columns["line"], joined.column("row_min")).to_pylist()
    bad = [
        (line, f"conflicts with line {first} (same region {region}, indicator {indicator}, period {period}): "
               f"value {value:g} there, {other:g} here")
        for line, first, region, indicator, period, value, other in zip(
            lines, first_lines, joined.column("region").to_pylist(), joined.column("indicator").to_pylist(),
            joined.column("period").to_pylist(), joined.column("first").to_pylist(),
            joined.column("value").to_pylist(), strict=True)
    ]
    mask = np.ones(n, dtype=bool)
    mask[rows] = False
    return pa.array(mask), bad


def _float(text: str | None) -> float | None:
    try:
        return float(text.replace(" ", "").replace("\u00a0", "")) if text is not None else None
    except ValueError:
        return None


def _convert(
    numbers: pa.Array, indicator: pa.Array, unit: pa.Array, catalog: Catalog, flag: object
) -> tuple[pa.Array, pa.Array]:
    """Convert each row's value to its indicator's unit; rows whose unit cannot be converted are flagged.

    Factors are computed once per (indicator, unit) pair and applied by numpy indexing.
    """
    ind_ids = pc.unique(indicator).drop_null().to_pylist()
    ind_unit = [catalog.indicators[i].unit for i in ind_ids]
    given = pc.if_else(pc.fill_null(pc.equal(unit, ""), True), pa.scalar(None, pa.string()), unit)
    units = pc.unique(given).drop_null().to_pylist()
    factor = np.ones((len(ind_ids) + 1, len(units) + 1))  # last row/column: no indicator / no unit given
    errors: dict[str, str] = {}
    for i, (ind, target_unit) in enumerate(zip(ind_ids, ind_unit, strict=True)):
        for j, src in enumerate(units):
            try:
                factor[i, j] = 1.0 if src == target_unit else catalog.convert(1.0, src, target_unit)
            except CatalogError as err:
                factor[i, j] = np.nan
                errors[f"{ind}\x1f{src}"] = f"{err.message} (indicator {ind} is measured in {target_unit!r})"
    ind_index = pc.fill_null(pc.index_in(indicator, value_set=pa.array(ind_ids, pa.string())), len(ind_ids))
    unit_index = pc.fill_null(pc.index_in(given, value_set=pa.array(units, pa.string())), len(units))
    row_factor = factor[ind_index.to_numpy(), unit_index.to_numpy()]
    bad = np.isnan(row_factor)
    if bad.any():
        pairs = pc.binary_join_element_wise(pc.fill_null(indicator, ""), pc.fill_null(given, ""), "\x1f")
        flag(pa.array(bad), errors, pairs)  # type: ignore[operator]
    target_units = pc.take(pa.array([*ind_unit, None], pa.string()), ind_index)
    values = numbers.to_numpy(zero_copy_only=False) * np.where(bad, 1.0, row_factor)
    return pa.array(values, pa.float64()), target_units
