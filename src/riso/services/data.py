"""Data services: import files into observations, load the shipped datasets, export, facts to observations."""

from __future__ import annotations

import csv
import queue
import re
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from riso.catalog import Catalog, load_catalog
from riso.datasets import SHIPPED
from riso.errors import BadRows, CatalogError, ConfigError
from riso.ingest.data import import_key, read_data, safe_cell
from riso.model import Observation
from riso.store import Store

__all__ = [
    "EXPORT_FORMATS",
    "ImportReport",
    "export_observations",
    "import_file",
    "load_shipped",
    "observations_from_facts",
]

EXPORT_FORMATS = ("csv", "parquet", "sdmx")
_PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$")
_SHOW_BAD = 20


@dataclass
class ImportReport:
    """What one import did."""

    path: str
    source: str
    format: str
    rows_read: int = 0
    stored: int = 0
    skipped: int = 0
    duplicates: int = 0  # good rows not stored again: their key was stored already, or repeats an earlier row
    already_imported: bool = False
    bad_rows: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """A plain dict for rendering."""
        data = asdict(self)
        data["bad_rows"] = [{"line": line, "reason": reason} for line, reason in self.bad_rows[:_SHOW_BAD]]
        return data


def import_file(
    store: Store,
    path: str | Path,
    *,
    skip_bad_rows: bool = False,
    source: str | None = None,
    indicator: str | None = None,
    unit: str | None = None,
    catalog: Catalog | None = None,
) -> ImportReport:
    """Import one data file; raises BadRows (nothing stored) when rows are bad and ``skip_bad_rows`` is off.

    Importing the same file again (same bytes and options) is a no-op.
    """
    catalog = catalog or load_catalog()
    if indicator:
        indicator = catalog.indicator(indicator).id
    name, checksum = import_key(path, source=source, indicator=indicator, unit=unit)
    known = store.has_import(checksum)
    if known:  # checked before parsing, so a re-import of a big file costs one checksum
        return ImportReport(path=str(path), source=name, format=str(known["format"]), already_imported=True)
    if store.dialect == "duckdb":
        by_sql = _import_sql(store, Path(path), name=name, checksum=checksum, catalog=catalog,
                             skip_bad_rows=skip_bad_rows, indicator=indicator, unit=unit)
        if by_sql is not None:
            _assess(store, catalog)
            return by_sql
        streamed = _import_streamed(store, Path(path), name=name, checksum=checksum, catalog=catalog,
                                    skip_bad_rows=skip_bad_rows, indicator=indicator, unit=unit)
        if streamed is not None:
            _assess(store, catalog)
            return streamed
    else:
        copied = _import_postgres(store, Path(path), name=name, checksum=checksum, catalog=catalog,
                                  skip_bad_rows=skip_bad_rows, indicator=indicator, unit=unit)
        if copied is not None:
            _assess(store, catalog)
            return copied
    data = read_data(path, catalog=catalog, source=source, indicator=indicator, unit=unit, key=(name, checksum))
    report = ImportReport(path=str(path), source=data.source, format=data.format, rows_read=data.rows_read,
                          skipped=len(data.bad_rows), bad_rows=list(data.bad_rows))
    if data.bad_rows and not skip_bad_rows:
        listed = "; ".join(f"line {line}: {reason}" for line, reason in data.bad_rows[:_SHOW_BAD])
        more = f" (and {len(data.bad_rows) - _SHOW_BAD} more)" if len(data.bad_rows) > _SHOW_BAD else ""
        raise BadRows(
            f"{Path(path).name}: {len(data.bad_rows)} bad row(s), nothing was imported: {listed}{more}",
            rows=list(data.bad_rows),
        )
    with store.transaction():
        report.stored = store.add_observation_table(data.rows)
        report.duplicates = data.rows.num_rows - report.stored
        store.record_import(data.checksum, source=data.source, path=str(path), format=data.format,
                            stored=report.stored, skipped=report.skipped)
    _assess(store, catalog)
    return report


def _assess(store: Store, catalog: Catalog) -> None:
    """Assess the targets of the regions an import changed now, so the next page read finds them stored."""
    from riso.services.assessments import refresh_assessments

    refresh_assessments(store, catalog=catalog)


def _import_sql(
    store: Store, path: Path, *, name: str, checksum: str, catalog: Catalog, skip_bad_rows: bool,
    indicator: str | None, unit: str | None,
) -> ImportReport | None:
    """A long UTF-8 CSV file read by DuckDB itself (``riso.services.sql_import``), or None for other files."""
    from riso.ingest.data import detect_format
    from riso.ingest.data.readers import _roles
    from riso.services.sql_import import Staged, import_csv_sql

    if detect_format(path) != "csv":
        return None
    dialect, skip, header, roles = _roles(path, indicator=indicator, sdmx=False)
    report = ImportReport(path=str(path), source=name, format="csv")

    def finish(done: Staged) -> None:
        report.rows_read, report.stored, report.duplicates = done.rows_read, done.stored, done.duplicates
        report.bad_rows, report.skipped = done.bad_rows, len(done.bad_rows)
        if done.bad_rows and not skip_bad_rows:
            raise _bad_rows_error(path, done.bad_rows)
        store.record_import(checksum, source=name, path=str(path), format="csv", stored=done.stored,
                            skipped=report.skipped)

    done = import_csv_sql(store, path, name=name, catalog=catalog, indicator=indicator, unit=unit, dialect=dialect,
                          skip=skip, roles=roles, width=len(header), finish=finish)
    return None if done is None else report


def _import_postgres(
    store: Store, path: Path, *, name: str, checksum: str, catalog: Catalog, skip_bad_rows: bool,
    indicator: str | None, unit: str | None,
) -> ImportReport | None:
    """A long CSV file into PostgreSQL block by block through COPY (``riso.services.pg_import``), or None."""
    from riso.services.pg_import import copy_streamed

    streamed = _stream_blocks(path, name=name, indicator=indicator, unit=unit)
    if streamed is None:
        return None
    fmt, batches = streamed
    report = ImportReport(path=str(path), source=name, format=fmt)
    with store.transaction():
        report.rows_read, report.stored, report.duplicates, bad = copy_streamed(store, batches, catalog)
        report.bad_rows, report.skipped = bad, len(bad)
        if bad and not skip_bad_rows:
            raise _bad_rows_error(path, bad)
        store.record_import(checksum, source=name, path=str(path), format=fmt, stored=report.stored,
                            skipped=report.skipped)
    return report


def _stream_blocks(
    path: Path, *, name: str, indicator: str | None, unit: str | None
) -> tuple[str, Iterator[pa.Table]] | None:
    """The format and block reader of a long CSV or SDMX-CSV file, or None for files the streamed imports leave
    to the whole-file reader."""
    from riso.ingest.data import detect_format
    from riso.ingest.data.readers import csv_batches

    fmt = detect_format(path)
    if fmt not in ("csv", "sdmx"):
        return None
    batches = csv_batches(path, source=name, indicator=indicator, unit=unit, sdmx=fmt == "sdmx",
                          block_size=STREAM_BLOCK)
    return None if batches is None else (fmt, batches)


_END = object()
STREAM_BLOCK = 1 << 24  # bytes of CSV per block of a streamed import (about 350,000 short rows)


def _import_streamed(
    store: Store, path: Path, *, name: str, checksum: str, catalog: Catalog, skip_bad_rows: bool,
    indicator: str | None, unit: str | None,
) -> ImportReport | None:
    """A long CSV file into DuckDB read -> resolve -> insert in blocks (memory bounded by two blocks), or None
    for other files. A thread reads and resolves the next block while DuckDB inserts one. Keys are checked
    once at the end for sources new to the store (repeats keep their first line, contradictions are bad
    rows); rows of sources stored before go through the store's anti-join, as a whole-file import does."""
    from riso.ingest.data.table import resolve

    streamed = _stream_blocks(path, name=name, indicator=indicator, unit=unit)
    if streamed is None:
        return None
    fmt, batches = streamed
    report = ImportReport(path=str(path), source=name, format=fmt)
    memo: dict[str, dict[str, str | CatalogError]] = {}
    known: dict[str, bool] = {}  # source -> had observations before this import
    blocks: queue.Queue[object] = queue.Queue(maxsize=1)

    def produce() -> None:
        try:
            for raw in batches:
                blocks.put((raw.num_rows, *resolve(raw, catalog, duplicates=False, memo=memo)))
            blocks.put(_END)
        except BaseException as err:  # handed to the inserting thread, which raises it
            blocks.put(err)

    reader = threading.Thread(target=produce, name="riso-import-reader", daemon=True)
    reader.start()
    bad: list[tuple[int, str]] = []
    try:
        with store.transaction():
            while (item := blocks.get()) is not _END:
                if isinstance(item, BaseException):
                    raise item
                read, table, bad_rows = cast(tuple[int, pa.Table, list[tuple[int, str]]], item)
                report.rows_read += read
                bad += bad_rows
                sources = [str(x) for x in pc.unique(table.column("source")).to_pylist()]
                fresh = [x for x in sources if x not in known]
                if fresh:
                    stored_before = store.known_sources(fresh)
                    known.update({x: x in stored_before for x in fresh})
                old = [x for x in sources if known[x]]
                if old:
                    mask = pc.is_in(table.column("source"), value_set=pa.array(old, pa.string()))
                    new = store.add_observation_table(table.filter(mask))
                    report.stored += new
                    report.duplicates += int(pc.sum(mask).as_py() or 0) - new
                    table = table.filter(pc.invert(mask))
                report.stored += store.append_observation_rows(table)
            # rows are stored even when some are bad, so contradictions are reported too; a raise rolls back
            conflicts, repeats = store.settle_import([x for x, before in known.items() if not before])
            bad += conflicts
            report.stored -= len(conflicts) + repeats
            report.duplicates += repeats
            bad.sort()
            report.bad_rows, report.skipped = bad, len(bad)
            if bad and not skip_bad_rows:
                raise _bad_rows_error(path, bad)
            store.record_import(checksum, source=name, path=str(path), format=fmt, stored=report.stored,
                                skipped=report.skipped)
    finally:
        while reader.is_alive():  # an early error: let the reader finish its block and stop
            try:
                blocks.get(timeout=0.1)
            except queue.Empty:
                continue
    return report


def _bad_rows_error(path: Path, bad: list[tuple[int, str]]) -> BadRows:
    listed = "; ".join(f"line {line}: {reason}" for line, reason in bad[:_SHOW_BAD])
    more = f" (and {len(bad) - _SHOW_BAD} more)" if len(bad) > _SHOW_BAD else ""
    return BadRows(f"{path.name}: {len(bad)} bad row(s), nothing was imported: {listed}{more}", rows=list(bad))


def load_shipped(store: Store, *, catalog: Catalog | None = None) -> list[ImportReport]:
    """Load every dataset shipped in riso.datasets (a no-op for the ones already loaded)."""
    catalog = catalog or load_catalog()
    return [import_file(store, d.path, source=d.source, catalog=catalog) for d in SHIPPED]


def observations_from_facts(store: Store, *, catalog: Catalog | None = None) -> int:
    """Turn measurement facts with a region, an indicator and a period into observations; returns new ones."""
    catalog = catalog or load_catalog()
    found = []
    for fact in store.list_facts(kind="measurement"):
        if not (fact.metric and fact.subject and fact.subject.id and fact.period and fact.value is not None):
            continue
        if not _PERIOD.match(fact.period) or fact.metric not in catalog.indicators:
            continue
        unit = catalog.indicators[fact.metric].unit
        value = fact.value
        if fact.unit and fact.unit != unit:
            try:
                value = catalog.convert(value, fact.unit, unit)
            except CatalogError:  # a fact in a unit that cannot be converted is left out, not guessed
                continue
        found.append(Observation(
            region=fact.subject.id, indicator=fact.metric, period=fact.period, value=value, unit=unit,
            source=f"fact:{fact.id}", source_row=f"{fact.document}:{fact.start}-{fact.end}", origin="document",
        ))
    return store.add_observations(found)


def export_observations(
    store: Store, out: str | Path, *, fmt: str = "csv", region: str | None = None, indicator: str | None = None
) -> int:
    """Write observations to CSV, Parquet or SDMX-CSV; returns the number of rows written."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"Use one of {', '.join(EXPORT_FORMATS)}.")
    table = store.observation_table(region=region, indicator=indicator)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        pq.write_table(table, out)
    elif fmt == "csv":
        _write_csv(out, table.column_names, table)
    else:
        sdmx = pa.table({
            "DATAFLOW": pa.repeat(pa.scalar("RISO:OBSERVATIONS(1.0)"), table.num_rows),
            "REF_AREA": table.column("region"),
            "INDICATOR": table.column("indicator"),
            "TIME_PERIOD": table.column("period"),
            "OBS_VALUE": table.column("value"),
            "UNIT_MEASURE": table.column("unit"),
            "OBS_COMMENT": table.column("source"),
        })
        _write_csv(out, sdmx.column_names, sdmx)
    return int(table.num_rows)


def _write_csv(out: Path, names: list[str], table: pa.Table) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for batch in table.to_batches(max_chunksize=100_000):
            columns = [col.to_pylist() for col in batch.columns]
            text = [i for i, col in enumerate(batch.columns) if pa.types.is_string(col.type)]
            for i in text:  # formula-like text is written so that spreadsheets show it as text
                columns[i] = [safe_cell(v) for v in columns[i]]
            writer.writerows(zip(*columns, strict=True))
