"""`riso data import` of a long CSV into PostgreSQL, streamed: read -> resolve -> COPY block by block.

pyarrow reads the file in blocks (``csv_batches``); each block is resolved (``resolve``, the catalog's answers
memoised across blocks) and sent by ``COPY ... FROM STDIN`` into a staging table, so memory holds one block,
not the file. Keys are settled once at the end in SQL, as a whole-file import settles them: a row repeating an
earlier row's key with another value is a bad row naming the line it contradicts, a repeat with the same value
is kept once (its first line), and keys stored before are kept (``ON CONFLICT DO NOTHING``).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg.rows import tuple_row

from riso.catalog import Catalog
from riso.errors import CatalogError
from riso.ingest.data.table import resolve

__all__ = ["copy_streamed"]

_COLS = ("region", "indicator", "period", "value", "unit", "source", "source_row", "note", "origin", "file", "line")
_KEYS = ("region", "indicator", "period", "source")


def copy_streamed(store: Any, batches: Iterator[pa.Table], catalog: Catalog) -> tuple[int, int, int,
                                                                                     list[tuple[int, str]]]:
    """Stage, settle and insert the blocks inside the caller's transaction: (rows read, stored, duplicates, bad
    rows sorted by line). Raises nothing for bad rows: the caller decides."""
    memo: dict[str, dict[str, str | CatalogError]] = {}
    bad: list[tuple[int, str]] = []
    read = good = 0
    regions: set[str] = set()
    stage = "riso_stage_" + uuid.uuid4().hex[:10]
    cols = ", ".join(_COLS)
    conn = store.conn
    # the rows are inserted by the cursor below, not through the store: advance the observations' change sequence
    # (remembered list totals, migration 018) as a write through the store does
    store._note_write("INSERT INTO observations")
    with store._lock, conn.cursor(row_factory=tuple_row) as cur:
        cur.execute(f"CREATE TEMP TABLE {stage} (LIKE observations INCLUDING DEFAULTS) ON COMMIT DROP")
        with cur.copy(f"COPY {stage} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy:
            for raw in batches:
                read += raw.num_rows
                table, bad_rows = resolve(raw, catalog, duplicates=False, memo=memo)
                bad += bad_rows
                good += table.num_rows
                if not table.num_rows:
                    continue
                regions.update(r for r in table.column("region").unique().to_pylist() if r is not None)
                buf = io.BytesIO()
                # pyarrow writes CSV in C; PostgreSQL reads an unquoted empty field as NULL and "" as ''
                pacsv.write_csv(table.select(list(_COLS)), buf,
                                write_options=pacsv.WriteOptions(include_header=False))
                copy.write(buf.getvalue())
        mark = getattr(store, "mark_assessments_stale", None)
        if mark is not None and regions:  # after the COPY: the connection runs one command at a time
            mark(sorted(regions))
        keys = ", ".join(_KEYS)
        on = " AND ".join(f"s.{k} = f.{k}" for k in _KEYS)
        cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM {stage} GROUP BY {keys} HAVING count(*) > 1) AS d")
        row = cur.fetchone()
        if row and row[0]:
            cur.execute(
                f"SELECT s.line, f.line, s.region, s.indicator, s.period, f.value, s.value FROM {stage} s JOIN "
                f"(SELECT DISTINCT ON ({keys}) {keys}, line, value FROM {stage} ORDER BY {keys}, line) f ON {on} "
                "WHERE s.line <> f.line AND s.value <> f.value ORDER BY s.line")
            conflicts = cur.fetchall()
            bad += [
                (int(line), f"conflicts with line {first} (same region {region}, indicator {indicator}, period "
                            f"{period}): value {value:g} there, {other:g} here")
                for line, first, region, indicator, period, value, other in conflicts
            ]
            if conflicts:
                cur.execute(f"DELETE FROM {stage} WHERE line = ANY(%s)", ([int(r[0]) for r in conflicts],))
                good -= len(conflicts)
            select = f"SELECT DISTINCT ON ({keys}) {cols} FROM {stage} ORDER BY {keys}, line"
        else:
            select = f"SELECT {cols} FROM {stage}"
        cur.execute(f"INSERT INTO observations ({cols}) {select} ON CONFLICT DO NOTHING")
        stored = int(cur.rowcount or 0)
        cur.execute(f"DROP TABLE {stage}")
    bad.sort()
    return read, stored, good - stored, bad
