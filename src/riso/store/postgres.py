"""The PostgreSQL backend: a shared server for several users.

``postgresql://host/db?schema=NAME`` puts riso's tables in schema NAME (created if missing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from riso.errors import ConfigError, StoreUnavailable
from riso.store.base import Row, SQLBackend

__all__ = ["PostgresBackend", "to_pyformat"]

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def to_pyformat(sql: str) -> str:
    """Translate ``?`` placeholders to ``%s`` (and escape ``%``), leaving quoted text alone."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token

    return _TOKEN.sub(swap, sql)


def _plain(column: Sequence[Any]) -> list[Any]:
    """A column as Python values (NumPy arrays and Arrow arrays converted in one call)."""
    for method in ("to_pylist", "tolist"):
        convert = getattr(column, method, None)
        if convert is not None:
            return list(convert())
    return list(column)


class PostgresBackend(SQLBackend):
    """SQL over a PostgreSQL connection."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        self.schema = query.pop("schema", None)
        if self.schema is not None and not _SCHEMA_NAME.match(self.schema):
            raise ConfigError(f"invalid schema name {self.schema!r}", hint="Use letters, digits and _ only.")
        conninfo = urlunsplit(parts._replace(query=urlencode(query)))
        import psycopg  # imported on connect: DuckDB users never pay for it
        from psycopg.rows import dict_row

        try:
            self.conn = psycopg.connect(conninfo, autocommit=True, row_factory=dict_row)
        except psycopg.Error as err:
            raise StoreUnavailable(f"cannot connect to PostgreSQL at {parts.hostname or 'localhost'}") from err
        if self.schema:
            with self._schema_lock():  # CREATE SCHEMA IF NOT EXISTS itself races between processes
                self.conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            self.conn.execute(f'SET search_path TO "{self.schema}"')

    @contextmanager
    def _schema_lock(self) -> Iterator[None]:
        """A session advisory lock on this schema: processes opening it together take turns."""
        key = f"riso:{self.schema or ''}"
        self.conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))

    def migrate(self) -> list[int]:
        """Apply the pending migrations while holding the schema's advisory lock, so that processes
        opening a fresh schema at the same time apply each migration once, one after the other."""
        with self._lock, self._schema_lock():
            return super().migrate()

    def lock_writers(self, name: str) -> None:
        """Hold a transaction advisory lock ``name`` until the current transaction ends."""
        self._run("SELECT pg_advisory_xact_lock(hashtext(?)) AS locked", (f"riso:{self.schema or ''}:{name}",))

    def _advanced(self, name: str) -> None:
        """Inside a transaction, remember to advance ``name`` again after COMMIT (see ``_control``): a reader that
        read the sequence between the write and its commit, and so counted without it, sees it change again."""
        if getattr(self._local, "depth", 0):
            self._local.__dict__.setdefault("advance", set()).add(name)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        advanced = self._note_write(sql)
        with self._lock:
            cur = self.conn.execute(to_pyformat(sql), list(params) if params else None)
            rows = [] if cur.description is None else list(cur.fetchall())
            if advanced is not None and not getattr(self._local, "depth", 0):  # committed: advance once more
                self.conn.execute(f"SELECT nextval('{advanced}')")
            return rows

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        advanced = self._note_write(sql)
        with self._lock, self.conn.cursor() as cur:
            cur.executemany(to_pyformat(sql), [list(r) for r in rows])
            if advanced is not None and not getattr(self._local, "depth", 0):  # committed: advance once more
                cur.execute(f"SELECT nextval('{advanced}')")

    def insert_columns(self, table: str, columns: Mapping[str, Sequence[Any]], *, skip_known: bool = False) -> None:
        """Insert rows given by column with COPY (NumPy arrays, Arrow or lists); ``skip_known`` copies into a
        temporary table first and inserts from it what is not stored (COPY itself has no ON CONFLICT)."""
        names = list(columns)
        values = [_plain(columns[n]) for n in names]
        if not names or not len(values[0]):
            return
        cols = ", ".join(names)
        self._note_write(f"INSERT INTO {table}")
        with self.transaction(), self._lock, self.conn.cursor() as cur:
            target = table
            if skip_known:
                target = f"_riso_copy_{table}"
                cur.execute(f"CREATE TEMP TABLE {target} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP")
            with cur.copy(f"COPY {target} ({cols}) FROM STDIN") as copy:
                for row in zip(*values, strict=True):
                    copy.write_row(row)
            if skip_known:
                cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {target} ON CONFLICT DO NOTHING")
                cur.execute(f"DROP TABLE {target}")

    def _control(self, sql: str) -> None:
        with self._lock:
            self.conn.execute(sql)
            advance = self._local.__dict__.pop("advance", ()) if sql in ("COMMIT", "ROLLBACK") else ()
            for name in sorted(advance) if sql == "COMMIT" else ():
                self.conn.execute(f"SELECT nextval('{name}')")

    def drop_schema(self) -> None:
        """Drop this store's schema and everything in it (tests use this)."""
        if not self.schema:
            raise ConfigError("drop_schema needs a store opened with ?schema=NAME")
        self.conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
