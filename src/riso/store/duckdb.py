"""The DuckDB backend: one file, no server; riso's embedded default."""

from __future__ import annotations

import itertools
import os
import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb as _duckdb

from riso.errors import StoreBusy, StoreUnavailable
from riso.store.base import Row, SQLBackend

__all__ = ["DuckDBBackend"]

# DuckDB's executemany runs one statement per row (milliseconds each); a multi-row INSERT of
# this shape goes through an Arrow table instead, which is one vectorised statement.
_INSERT_VALUES = re.compile(
    r"^\s*INSERT\s+INTO\s+(?P<table>\w+)\s*\((?P<cols>[^)]*)\)\s*VALUES\s*\((?P<marks>[?,\s]*)\)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_names = itertools.count()


# How long opening a DuckDB file waits for another process to let go of it ($RISO_LOCK_WAIT seconds).
DEFAULT_LOCK_WAIT = 15.0
_PID = re.compile(r"\(PID (\d+)\)")


def lock_wait() -> float:
    """Seconds to wait for a DuckDB file another process holds: $RISO_LOCK_WAIT, else 15."""
    try:
        return max(0.0, float(os.environ.get("RISO_LOCK_WAIT", DEFAULT_LOCK_WAIT)))
    except ValueError:
        return DEFAULT_LOCK_WAIT


def _is_lock_conflict(err: BaseException) -> bool:
    return isinstance(err, _duckdb.IOException) and "lock" in str(err).lower()


def describe_holder(message: str) -> tuple[str, int | None]:
    """Who holds the lock, from DuckDB's message ("... (PID 334) ..."): "`riso serve` (PID 334)" and the PID."""
    match = _PID.search(message)
    if match is None:
        return "another process", None
    pid = int(match.group(1))
    try:
        argv = [a.decode(errors="replace") for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    except OSError:
        return f"process {pid}", pid
    names = [Path(a).name for a in argv]
    start = next((i for i, (n, a) in enumerate(zip(names, argv, strict=True)) if n == "riso" or "riso.cli" in a), None)
    if start is not None:
        rest, command = argv[start + 1 :], None
        i = 0
        while i < len(rest):  # the first word that is neither an option nor the value of --db/--format
            if rest[i] in ("--db", "--format"):
                i += 2
            elif rest[i].startswith("-"):
                i += 1
            else:
                command = rest[i]
                break
        return (f"`riso {command}` (PID {pid})" if command else f"riso (PID {pid})"), pid
    return f"{' '.join(names[:2]) or 'a process'} (PID {pid})", pid


def busy_error(url: str, message: str, waited: float) -> StoreBusy:
    """The StoreBusy error for a DuckDB file held by another process, naming it and saying what to do."""
    holder, pid = describe_holder(message)
    stop = f"stop it (kill {pid})" if pid else "stop it"
    if "riso serve" in holder or "riso demo" in holder:
        hint = (f"The server lets go of the file whenever it has been idle for a moment; it was busy for all "
                f"{waited:.0f} s. Retry, set RISO_LOCK_WAIT to wait longer, or {stop}. Many writers at once: "
                "use PostgreSQL (--db postgresql://...).")
    else:
        hint = f"Wait for it to finish and retry (RISO_LOCK_WAIT sets how long riso waits), or {stop}."
    return StoreBusy(f"the DuckDB file {url!r} is in use by {holder}; waited {waited:.0f} s", hint=hint)


class DuckDBBackend(SQLBackend):
    """SQL over a DuckDB file (or ``:memory:``).

    The connection opens on first use and, for a file, may be released (`release`) and reopened:
    `riso serve` releases it when idle so other riso processes can use the same file. Opening a file
    another process holds waits up to `lock_wait()` seconds, then raises StoreBusy naming that process.
    """

    dialect = "duckdb"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.url = str(path)
        self.read_only = read_only
        self._conn: _duckdb.DuckDBPyConnection | None = None
        self.conn = self._connect(wait=lock_wait())

    def _connect(self, *, wait: float) -> _duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + wait
        pause = 0.02
        started = time.monotonic()
        while True:
            try:
                if self.url != ":memory:":
                    Path(self.url).parent.mkdir(parents=True, exist_ok=True)
                return _duckdb.connect(self.url, read_only=self.read_only)
            except (_duckdb.Error, OSError) as err:
                if not _is_lock_conflict(err):
                    raise StoreUnavailable(f"cannot open the DuckDB file {self.url!r}: {err}") from err
                if time.monotonic() >= deadline:
                    raise busy_error(self.url, str(err), time.monotonic() - started) from err
                time.sleep(pause)
                pause = min(pause * 1.5, 0.25)

    @property
    def conn(self) -> _duckdb.DuckDBPyConnection:
        """The open connection, reopened (waiting for the file) if it was released."""
        conn = self._conn
        if conn is None:
            with self._lock:
                if self._conn is None:
                    self._conn = self._connect(wait=lock_wait())
                conn = self._conn
        return conn

    @conn.setter
    def conn(self, value: _duckdb.DuckDBPyConnection) -> None:
        self._conn = value

    def ensure_open(self) -> None:
        """Open the connection now if it was released (waiting up to `lock_wait()` for the file)."""
        _ = self.conn

    @property
    def is_open(self) -> bool:
        """Whether the connection is open now (False after `release` until the next statement)."""
        return self._conn is not None

    def release(self) -> bool:
        """Close the connection of a DuckDB file if no statement or transaction is running; True if closed.

        The next statement reopens it. Never releases ``:memory:`` (that would drop the database).
        """
        if self.url == ":memory:" or self._conn is None:
            return False
        if not self._lock.acquire(blocking=False):
            return False
        try:
            if self._conn is None:
                return False
            self._conn.close()
            self._conn = None
            return True
        finally:
            self._lock.release()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self._note_write(sql)
        with self._lock:
            cur = self.conn.execute(sql, list(params)) if params else self.conn.execute(sql)
            if cur.description is None:
                return []
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._note_write(sql)
        match = _INSERT_VALUES.match(sql)
        with self._lock:
            if match is None or len(rows) < 2:
                self.conn.executemany(sql, [list(r) for r in rows])
                return
            import pyarrow as pa  # imported here: a read-only command never pays its ~70 ms import

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

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Sequence[Any]]:
        """A read query's result by column as NumPy arrays (DuckDB's columnar fetch)."""
        with self._lock:
            cur = self.conn.execute(sql, list(params)) if params else self.conn.execute(sql)
            return dict(cur.fetchnumpy())  # type: ignore[arg-type]

    def insert_columns(self, table: str, columns: Mapping[str, Sequence[Any]], *, skip_known: bool = False) -> None:
        """Insert rows given by column through one Arrow table (NumPy arrays are taken without copying)."""
        names = list(columns)
        if not names:
            return
        import pyarrow as pa

        arrow = pa.table({f"c{i}": pa.array(columns[n]) for i, n in enumerate(names)})
        rest = " ON CONFLICT DO NOTHING" if skip_known else ""
        with self.transaction(), self._lock:
            name = f"_riso_rows_{next(_names)}"
            self.conn.register(name, arrow)
            try:
                select = ", ".join(f"c{i}" for i in range(len(names)))
                self.conn.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {select} FROM {name}{rest}")
            finally:
                self.conn.unregister(name)

    def _control(self, sql: str) -> None:
        with self._lock:
            self.conn.execute(sql)

    def close(self) -> None:
        """Close the connection (checkpointing the file)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
