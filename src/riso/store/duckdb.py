"""The DuckDB backend: one file, no server; riso's embedded default."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb as _duckdb
import pyarrow as pa

from riso.errors import StoreUnavailable
from riso.store.base import Row, SQLBackend

__all__ = ["DuckDBBackend"]

# DuckDB's executemany runs one statement per row (milliseconds each); a multi-row INSERT of
# this shape goes through an Arrow table instead, which is one vectorised statement.
_INSERT_VALUES = re.compile(
    r"^\s*INSERT\s+INTO\s+(?P<table>\w+)\s*\((?P<cols>[^)]*)\)\s*VALUES\s*\((?P<marks>[?,\s]*)\)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_names = itertools.count()


class DuckDBBackend(SQLBackend):
    """SQL over a DuckDB file (or ``:memory:``)."""

    dialect = "duckdb"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.url = str(path)
        try:
            if self.url != ":memory:":
                Path(self.url).parent.mkdir(parents=True, exist_ok=True)
            self.conn = _duckdb.connect(self.url, read_only=read_only)
        except (_duckdb.Error, OSError) as err:
            raise StoreUnavailable(f"cannot open the DuckDB file {self.url!r}: {err}") from err

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            cur = self.conn.execute(sql, list(params)) if params else self.conn.execute(sql)
            if cur.description is None:
                return []
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        match = _INSERT_VALUES.match(sql)
        with self._lock:
            if match is None or len(rows) < 2:
                self.conn.executemany(sql, [list(r) for r in rows])
                return
            columns = [c.strip() for c in match.group("cols").split(",")]
            table = pa.table({f"c{i}": pa.array([r[i] for r in rows]) for i in range(len(columns))})
            name = f"_riso_rows_{next(_names)}"
            self.conn.register(name, table)
            try:
                select = ", ".join(f"c{i}" for i in range(len(columns)))
                self.conn.execute(
                    f"INSERT INTO {match.group('table')} ({', '.join(columns)}) SELECT {select} FROM {name} "
                    + match.group("rest")
                )
            finally:
                self.conn.unregister(name)

    def _control(self, sql: str) -> None:
        with self._lock:
            self.conn.execute(sql)

    def close(self) -> None:
        """Close the connection (checkpointing the file)."""
        self.conn.close()
