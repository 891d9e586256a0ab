"""The Store: one interface over DuckDB (embedded default) and PostgreSQL (shared server).

Only this package speaks SQL. SQL is written once with ``?`` placeholders; a backend
translates it to its own parameter style. Every write runs inside ``transaction()``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any, ClassVar

from riso.errors import MigrationError, StoreError

__all__ = ["Row", "SQLBackend", "after_key", "migrations"]

Row = dict[str, Any]

_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+?)(?:\.(duckdb|postgres))?\.sql$")


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """The numbered migrations for a dialect: (number, name, sql), in order.

    ``NNN_name.sql`` applies to every backend; ``NNN_name.duckdb.sql`` or
    ``NNN_name.postgres.sql`` replaces it for one backend.
    """
    files = resources.files("riso.store") / "migrations"
    chosen: dict[int, tuple[str, str, bool]] = {}
    for entry in files.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        number, name, only = int(match.group(1)), match.group(2), match.group(3)
        if only and only != dialect:
            continue
        specific = only is not None
        if number in chosen and chosen[number][2] and not specific:
            continue
        chosen[number] = (name, entry.read_text(encoding="utf-8"), specific)
    return [(n, chosen[n][0], chosen[n][1]) for n in sorted(chosen)]


_FACT_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:facts|documents)\b", re.IGNORECASE)
_TARGET_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+targets\b", re.IGNORECASE)
_OBSERVATION_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+observations\b", re.IGNORECASE)
_ASSESSMENT_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+assessments(?:_stale)?\b",
                               re.IGNORECASE)
_COUNTS_KEPT = 256  # list totals a process remembers (count_facts, count_observations on PostgreSQL)


def after_key(columns: Sequence[str], after: Sequence[Any]) -> tuple[str, list[Any]]:
    """A keyset condition: rows whose sort key ``columns`` (all ascending, none null) follows ``after``.

    Both backends compare row values, and PostgreSQL walks an index on exactly these columns for it.
    """
    if len(columns) != len(after):
        raise ValueError("a keyset needs one value per sort column")
    marks = ", ".join("?" for _ in columns)
    return f"({', '.join(columns)}) > ({marks})", list(after)


def split_statements(sql: str) -> list[str]:
    """Split a migration script on semicolons that end a line."""
    parts = re.split(r";\s*(?:\n|$)", sql)
    out = []
    for part in parts:
        lines = [ln for ln in part.splitlines() if not ln.strip().startswith("--")]
        stmt = "\n".join(lines).strip()
        if stmt:
            out.append(stmt)
    return out


class SQLBackend:
    """Connection handling, transactions and migrations shared by both backends.

    Subclasses set ``dialect`` and implement ``_connect``, ``_run`` and ``_run_many``.
    """

    dialect: ClassVar[str] = ""
    begin_sql: ClassVar[str] = "BEGIN"
    url: str

    def __init__(self) -> None:
        # One connection, shared by threads (the API's thread pool): statements and whole transactions
        # hold this lock; the nesting depth is per thread, so another thread never "joins" a transaction.
        self._lock = threading.RLock()
        self._local = threading.local()

    # -- backend seam -------------------------------------------------------------
    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _control(self, sql: str) -> None:  # pragma: no cover - abstract
        """Run a transaction-control statement (BEGIN, COMMIT, ROLLBACK)."""
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - abstract
        """Close the connection."""
        raise NotImplementedError

    def lock_writers(self, name: str) -> None:
        """Serialise a kind of write (``name``) across processes until the current transaction ends;
        a no-op where one process is the only writer (a DuckDB file)."""

    # -- public helpers used by the record mixins ---------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a read query and return its rows as dicts."""
        return self._run(sql, params)

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """Run a read query and return its first row, or None."""
        rows = self._run(sql, params)
        return rows[0] if rows else None

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Sequence[Any]]:
        """Run a read query and return its result by column (a backend may answer with arrays, without
        a dict per row: for results of millions of rows)."""
        rows = self._run(sql, params)
        if not rows:
            return {}
        return {k: [r[k] for r in rows] for k in rows[0]}

    def insert_columns(self, table: str, columns: Mapping[str, Sequence[Any]], *, skip_known: bool = False) -> None:
        """Insert rows given by column (equal lengths); ``skip_known`` keeps rows whose key is stored.
        A backend may load the columns in one vectorised statement (DuckDB: an Arrow table)."""
        names = list(columns)
        if not names:
            return
        rows = list(zip(*(columns[n] for n in names), strict=True))
        rest = " ON CONFLICT DO NOTHING" if skip_known else ""
        self.execute_many(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}){rest}",
                          rows)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one write statement (inside the current transaction, or its own)."""
        with self.transaction():
            self._run(sql, params)

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one write statement for many parameter rows."""
        if not rows:
            return
        with self.transaction():
            self._run_many(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nested calls join the outer one."""
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth = depth
            return
        with self._lock:
            self._control(self.begin_sql)
            self._local.depth = 1
            try:
                yield
            except BaseException:
                self._local.depth = 0
                self._control("ROLLBACK")
                raise
            self._local.depth = 0
            self._control("COMMIT")

    # -- changes --------------------------------------------------------------------
    _tracks_changes = False  # set once migration 017 is known to be applied

    _tracks_targets = False  # set once migration 015 is known to be applied

    _tracks_observations = False  # set once migration 018 is known to be applied

    def _note_write(self, sql: str) -> str | None:
        """Advance the fact-change sequence when ``sql`` writes facts or documents (see ``fact_changes``), the
        target-change one when it writes targets (``target_changes``), the observation-change one when it writes
        observations, the assessment-change one when it writes stored assessments (migration 015); returns the
        sequence advanced (None: none)."""
        name = None
        if self._tracks_changes and _FACT_WRITE.match(sql):
            name = "riso_fact_changes"
        elif self._tracks_targets and _TARGET_WRITE.match(sql):
            name = "riso_target_changes"
        elif self._tracks_observations and _OBSERVATION_WRITE.match(sql):
            name = "riso_observation_changes"
        elif self._tracks_targets and _ASSESSMENT_WRITE.match(sql):  # its writers advance it first themselves
            name = "riso_assessment_changes"
        if name is not None:
            self._run(f"SELECT nextval('{name}') AS n")
            self._advanced(name)
        return name

    def _advanced(self, name: str) -> None:
        """A write advanced sequence ``name`` (PostgreSQL advances it again once the write is committed)."""

    def _counted(self, sequence: str, key: tuple[Any, ...], count: Callable[[], int]) -> int:
        """``count()``, remembered in this process until ``sequence`` advances (PostgreSQL only, outside a
        transaction): a list's total over millions of rows is counted once per change, not per page.

        Writers advance the sequence before their statement and again after their commit (``_advanced``), and the
        sequence is read here before counting: a count that missed a write is never kept past its commit.
        """
        tracked = {"riso_fact_changes": self._tracks_changes, "riso_target_changes": self._tracks_targets,
                   "riso_assessment_changes": self._tracks_targets,
                   "riso_observation_changes": self._tracks_observations}[sequence]
        inside = int(getattr(self._local, "depth", 0)) > 0  # a transaction's own writes may be uncommitted
        if self.dialect != "postgres" or not tracked or inside:
            return count()
        changes = self._sequence(sequence)
        memo: dict[tuple[Any, ...], tuple[int | None, int]] = self.__dict__.setdefault("_counts", {})
        hit = memo.get((sequence, *key))
        if hit is not None and hit[0] == changes:
            return hit[1]
        n = count()
        if len(memo) >= _COUNTS_KEPT:
            memo.clear()
        memo[(sequence, *key)] = (changes, n)
        return n

    def target_changes(self) -> int | None:
        """A number that changes whenever targets change (in any process); None when unknown."""
        return self._sequence("riso_target_changes") if self._tracks_targets else None

    def fact_changes(self) -> int | None:
        """A number that changes whenever facts or documents change (in any process); None when unknown."""
        if not self._tracks_changes:
            return None
        return self._sequence("riso_fact_changes")

    def _sequence(self, name: str) -> int | None:
        if self.dialect == "duckdb":
            row = self.query_one("SELECT last_value AS n FROM duckdb_sequences() WHERE sequence_name = ?", (name,))
        else:
            # before its first nextval a PostgreSQL sequence reads last_value 1 (is_called false), as after it
            row = self.query_one(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM {name}")
        if row is None:
            return None
        # 0 before the first write; DuckDB reports the next value after a reopen, so a write can cost one
        # extra recomputation, never a missed one
        return int(row["n"] or 0)

    # -- migrations ---------------------------------------------------------------
    def schema_version(self) -> int:
        """The number of the last applied migration (0 for a new database)."""
        rows = self._run("SELECT max(version) AS v FROM riso_migrations")
        value = rows[0]["v"] if rows else None
        return int(value or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks, each in its own transaction."""
        with self.transaction():
            self._run(
                "CREATE TABLE IF NOT EXISTS riso_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
            )
        have = self.schema_version()
        known = migrations(self.dialect)
        newest = known[-1][0] if known else 0
        if have > newest:
            raise MigrationError(
                f"the database schema is at version {have}, newer than this riso knows ({newest})"
            )
        # Numbers are assigned to features that land in any order: apply every missing one, not only newer ones.
        done = {int(r["version"]) for r in self._run("SELECT version FROM riso_migrations")}
        applied = []
        for number, name, sql in known:
            if number in done:
                continue
            try:
                with self.transaction():
                    for stmt in split_statements(sql):
                        self._run(stmt)
                    self._run("INSERT INTO riso_migrations (version, name) VALUES (?, ?)", (number, name))
            except StoreError:
                raise
            except Exception as err:  # a driver error: keep the cause, say which migration
                raise MigrationError(f"migration {number:03d}_{name} failed: {type(err).__name__}") from err
            applied.append(number)
        self._tracks_changes = 17 in done or 17 in applied
        self._tracks_targets = 15 in done or 15 in applied
        self._tracks_observations = 18 in done or 18 in applied
        return applied

    def __enter__(self) -> SQLBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
