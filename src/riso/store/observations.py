"""Store methods: Observations (indicator values from datasets and documents) and data imports."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from riso.model import Observation
from riso.store.base import Row, SQLBackend, after_key

if TYPE_CHECKING:  # pyarrow is imported where a table is built: read-only commands start without it
    import pyarrow as pa

__all__ = ["OBSERVATION_COLUMNS", "ObservationsMixin", "observation_schema"]

OBSERVATION_COLUMNS = tuple(Observation.model_fields)
# An imported row keeps its file name and line (migration 006); source_row is spelled "file:line" on read.
_STORED = (*OBSERVATION_COLUMNS, "file", "line")
_COLS = ", ".join(_STORED)
_READ = ", ".join(
    "COALESCE(source_row, file || ':' || CAST(line AS TEXT)) AS source_row" if c == "source_row" else c
    for c in OBSERVATION_COLUMNS
)
_KEY = ("region", "indicator", "period", "source")  # unique; the order of lists and their keyset


def observation_schema() -> pa.Schema:
    """The Arrow schema of an observations table (bulk insert and export)."""
    import pyarrow as pa

    return pa.schema(
        [(c, pa.float64() if c == "value" else pa.string()) for c in OBSERVATION_COLUMNS]
    )


def _stored_table(table: pa.Table) -> pa.Table:
    """A table with OBSERVATION_COLUMNS (+ optional file, line) as the stored columns, in order."""
    import pyarrow as pa

    n = table.num_rows
    for name, kind in (("file", pa.string()), ("line", pa.int64())):
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(n, kind))
    schema = pa.schema([*observation_schema(), pa.field("file", pa.string()), pa.field("line", pa.int64())])
    return table.select(list(_STORED)).cast(schema)


def _obs_from_row(row: Row) -> Observation:
    return Observation(**{c: row[c] for c in OBSERVATION_COLUMNS})


def _filters(
    region: str | None, indicator: str | None, source: str | None, origin: str | None
) -> tuple[str, list[Any]]:
    where, params = [], []
    for col, value in (("region", region), ("indicator", indicator), ("source", source), ("origin", origin)):
        if value is not None:
            where.append(f"{col} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(where)) if where else "", params


class ObservationsMixin(SQLBackend):
    """Observations (indicator values from datasets and documents) and the log of imported files."""

    def add_observations(self, observations: Iterable[Observation]) -> int:
        """Store observations; ones already stored (same region, indicator, period, source) are kept. Returns new."""
        rows = [[getattr(o, c) for c in OBSERVATION_COLUMNS] for o in observations]
        if not rows:
            return 0
        import pyarrow as pa

        table = pa.Table.from_pylist([dict(zip(OBSERVATION_COLUMNS, r, strict=True)) for r in rows],
                                     schema=observation_schema())
        return self.add_observation_table(table)

    def add_observation_table(self, table: pa.Table) -> int:
        """Bulk-store an Arrow table with OBSERVATION_COLUMNS and optionally file + line (the source row). Returns new.

        DuckDB inserts from Arrow; PostgreSQL reads it by COPY.
        """
        table = _stored_table(table)
        if table.num_rows == 0:
            return 0
        with self.transaction():
            self._observations_changed(table)
            if self.dialect == "duckdb":
                return self._insert_duckdb(table)
            return self._insert_postgres(table)

    def _observations_changed(self, table: pa.Table) -> None:
        """Mark the regions of these rows: their targets' stored assessments are made again (migration 015)."""
        mark = getattr(self, "mark_assessments_stale", None)
        if mark is not None and table.num_rows:
            import pyarrow.compute as pc

            mark(pc.unique(table.column("region")).to_pylist())

    def _insert_duckdb(self, table: pa.Table) -> int:
        conn: Any = self.conn  # type: ignore[attr-defined]
        name = "riso_obs_" + uuid.uuid4().hex[:8]
        before = self.count_observations()
        conn.register(name, table)
        try:
            sources = table.column("source").unique().to_pylist()
            marks = ", ".join("?" for _ in sources)
            known = self.query_one(f"SELECT count(*) AS n FROM observations WHERE source IN ({marks})", sources)
            dedup = f"SELECT DISTINCT ON (region, indicator, period, source) {_COLS} FROM {name}"
            if known and known["n"]:
                keys = ", ".join(_KEY)
                dedup = f"SELECT s.* FROM ({dedup}) s ANTI JOIN observations o USING ({keys})"
            elif table.num_rows > 1:
                dedup = f"SELECT {_COLS} FROM {name}" if self._unique_keys(name) else dedup
            # Row order in the table carries no meaning; letting DuckDB insert out of order parallelises the scan.
            self._run("SET preserve_insertion_order = false")
            self._run(f"INSERT INTO observations ({_COLS}) {dedup}")
        finally:
            self._run("RESET preserve_insertion_order")
            conn.unregister(name)
        return self.count_observations() - before

    def append_observation_rows(self, table: pa.Table) -> int:
        """DuckDB: append resolved rows as they are, without any duplicate check (a streamed import of sources
        new to the store checks its keys once at the end, with ``settle_import``). Call inside a transaction."""
        table = _stored_table(table)
        self._observations_changed(table)
        conn: Any = self.conn  # type: ignore[attr-defined]
        name = "riso_obs_" + uuid.uuid4().hex[:8]
        with self._lock:
            conn.register(name, table)
        try:
            self._run("SET preserve_insertion_order = false")
            self._run(f"INSERT INTO observations ({_COLS}) SELECT {_COLS} FROM {name}")
        finally:
            self._run("RESET preserve_insertion_order")
            with self._lock:
                conn.unregister(name)
        return int(table.num_rows)

    def known_sources(self, sources: Sequence[str]) -> set[str]:
        """Which of these sources already have observations."""
        if not sources:
            return set()
        marks = ", ".join("?" for _ in sources)
        rows = self.query(f"SELECT DISTINCT source FROM observations WHERE source IN ({marks})", list(sources))
        return {r["source"] for r in rows}

    def settle_import(self, sources: Sequence[str]) -> tuple[list[tuple[int, str]], int]:
        """After ``append_observation_rows`` of one file's rows of ``sources`` (new to the store): rows repeating
        a key keep the first line only; a repeat with another value is a bad row naming the line it
        contradicts. Returns (bad rows, repeats with the same value removed)."""
        if not sources:
            return [], 0
        marks = ", ".join("?" for _ in sources)
        keys = ", ".join(_KEY)
        # one 64-bit hash per row groups far faster than four strings; only rows whose hash repeats are compared
        repeated = self.query_one(
            f"SELECT count(*) AS n FROM (SELECT hash({keys}) AS h FROM observations WHERE source IN ({marks}) "
            "GROUP BY h HAVING count(*) > 1)", list(sources)
        )
        if not repeated or not repeated["n"]:
            return [], 0
        self._run("DROP TABLE IF EXISTS riso_repeats")
        self._run(
            f"CREATE TEMP TABLE riso_repeats AS SELECT {keys}, min(line) AS first_line, arg_min(value, line) AS first "
            f"FROM observations WHERE source IN ({marks}) GROUP BY {keys} HAVING count(*) > 1", list(sources)
        )
        try:
            on = " AND ".join(f"o.{k} = r.{k}" for k in _KEY)
            rows = self.query(
                f"SELECT o.line, r.first_line, o.region, o.indicator, o.period, r.first, o.value FROM observations o "
                f"JOIN riso_repeats r ON {on} WHERE o.line <> r.first_line ORDER BY o.line"
            )
            if not rows:
                return [], 0
            bad = [
                (int(r["line"]), f"conflicts with line {r['first_line']} (same region {r['region']}, indicator "
                                 f"{r['indicator']}, period {r['period']}): value {r['first']:g} there, "
                                 f"{r['value']:g} here")
                for r in rows if r["value"] != r["first"]
            ]
            self._run(f"DELETE FROM observations o USING riso_repeats r WHERE {on} AND o.line <> r.first_line")
            return bad, len(rows) - len(bad)
        finally:
            self._run("DROP TABLE IF EXISTS riso_repeats")

    def _unique_keys(self, name: str) -> bool:
        row = self.query_one(
            # hash collisions only send the rows through the slower DISTINCT ON path
            f"SELECT count(*) AS n, count(DISTINCT hash(region, indicator, period, source)) AS k FROM {name}"
        )
        return bool(row and row["n"] == row["k"])

    def _insert_postgres(self, table: pa.Table) -> int:
        import pyarrow.csv as pacsv

        conn: Any = self.conn  # type: ignore[attr-defined]
        name = "riso_obs_" + uuid.uuid4().hex[:8]
        self._note_write("INSERT INTO observations")  # the rows are inserted by the cursor below, not by _run
        with self._lock, conn.cursor() as cur:
            cur.execute(f"CREATE TEMP TABLE {name} (LIKE observations INCLUDING DEFAULTS) ON COMMIT DROP")
            # pyarrow writes CSV in C; PostgreSQL reads an unquoted empty field as NULL and "" as ''.
            with cur.copy(f"COPY {name} ({_COLS}) FROM STDIN WITH (FORMAT csv)") as copy:
                for batch in table.to_batches(max_chunksize=200_000):
                    buf = io.BytesIO()
                    pacsv.write_csv(batch, buf, write_options=pacsv.WriteOptions(include_header=False))
                    copy.write(buf.getvalue())
            cur.execute(f"INSERT INTO observations ({_COLS}) SELECT {_COLS} FROM {name} ON CONFLICT DO NOTHING")
            return int(cur.rowcount or 0)

    def list_observations(
        self,
        *,
        region: str | None = None,
        indicator: str | None = None,
        source: str | None = None,
        origin: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> list[Observation]:
        """Observations matching the filters, ordered by region, indicator, period, source; ``after`` is that
        key of the last observation of the previous page (keyset paging)."""
        where, params = _filters(region, indicator, source, origin)
        if after is not None:
            condition, values = after_key(_KEY, after)
            where = f"{where} AND {condition}" if where else f" WHERE {condition}"
            params += values
        sql = f"SELECT {_READ} FROM observations{where} ORDER BY region, indicator, period, source"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_obs_from_row(r) for r in self.query(sql, params)]

    def count_observations(
        self,
        *,
        region: str | None = None,
        indicator: str | None = None,
        source: str | None = None,
        origin: str | None = None,
    ) -> int:
        """How many observations match the filters."""
        where, params = _filters(region, indicator, source, origin)

        def count() -> int:
            row = self.query_one(f"SELECT count(*) AS n FROM observations{where}", params)
            return int(row["n"]) if row else 0

        if region is not None:  # at most a region's rows, through the primary key
            return count()
        # otherwise up to every row: counted once per change of the observations (PostgreSQL counts 10M rows in
        # about a second; DuckDB in milliseconds, and counts afresh)
        return self._counted("riso_observation_changes", ("observations", indicator, source, origin), count)

    def latest_observations(self, *, region: str, per_series: int = 2) -> list[Row]:
        """The newest ``per_series`` observations of every series (indicator and source) of one region."""
        return self.query(
            "SELECT region, indicator, period, value, unit, source FROM ("
            "SELECT region, indicator, period, value, unit, source, row_number() OVER "
            "(PARTITION BY indicator, source ORDER BY period DESC) AS n FROM observations WHERE region = ?) AS s "
            "WHERE n <= ? ORDER BY indicator, source, period DESC",
            (region, per_series),
        )

    def target_observations(self, regions: Sequence[str]) -> dict[str, Sequence[Any]]:
        """By column: region, indicator, period, value, source, origin of every observation of a stored target's
        region and indicator, for these regions (what assessing their targets reads)."""
        if not regions:
            return {}
        marks = ", ".join("?" for _ in regions)
        return self.query_columns(
            "SELECT o.region, o.indicator, o.period, o.value, o.source, o.origin FROM observations o "
            f"JOIN (SELECT DISTINCT region, indicator FROM targets WHERE region IN ({marks})) t "
            f"ON o.region = t.region AND o.indicator = t.indicator WHERE o.region IN ({marks})",
            [*regions, *regions],
        )

    def series_of(self, *, indicator: str, regions: Sequence[str]) -> list[Row]:
        """Every observation of one indicator for the given regions (read through the region/indicator index)."""
        if not regions:
            return []
        marks = ", ".join("?" for _ in regions)
        return self.query(
            f"SELECT region, period, value, unit, source FROM observations WHERE indicator = ? AND region IN ({marks}) "
            "ORDER BY region, period",
            (indicator, *regions),
        )

    def indicators_of(self, regions: Sequence[str]) -> list[Row]:
        """The indicators measured for any of the given regions, with how many of them each covers."""
        if not regions:
            return []
        marks = ", ".join("?" for _ in regions)
        return self.query(
            f"SELECT indicator, count(DISTINCT region) AS regions FROM observations WHERE region IN ({marks}) "
            "GROUP BY indicator ORDER BY indicator",
            tuple(regions),
        )

    def observation_table(self, *, region: str | None = None, indicator: str | None = None) -> pa.Table:
        """Observations as an Arrow table (for export)."""
        where, params = _filters(region, indicator, None, None)
        sql = f"SELECT {_READ} FROM observations{where} ORDER BY region, indicator, period, source"
        if self.dialect == "duckdb":
            with self._lock:
                return self.conn.execute(sql, params).fetch_arrow_table().cast(observation_schema())  # type: ignore[attr-defined]
        import pyarrow as pa

        return pa.Table.from_pylist(self.query(sql, params), schema=observation_schema())

    def delete_observations(self, *, source: str) -> int:
        """Delete every observation from one source; returns how many."""
        with self.transaction():
            n = self.count_observations(source=source)
            regions = self.query("SELECT DISTINCT region FROM observations WHERE source = ?", (source,))
            mark = getattr(self, "mark_assessments_stale", None)
            if mark is not None and regions:
                mark([r["region"] for r in regions])
            self._run("DELETE FROM observations WHERE source = ?", (source,))
            self._run("DELETE FROM data_imports WHERE source = ?", (source,))
        return n

    def has_import(self, checksum: str) -> Row | None:
        """The import record of a file with this checksum, or None."""
        return self.query_one("SELECT * FROM data_imports WHERE checksum = ?", (checksum,))

    def record_import(
        self, checksum: str, *, source: str, path: str | None, format: str, stored: int, skipped: int
    ) -> None:
        """Remember an imported file so importing it again is a no-op."""
        self.execute(
            "INSERT INTO data_imports (checksum, source, path, format, rows_stored, rows_skipped) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (checksum, source, path, format, stored, skipped),
        )

    def list_imports(self) -> list[Row]:
        """Every imported data file, oldest first."""
        return self.query(
            "SELECT checksum, source, path, format, rows_stored, rows_skipped, imported_at "
            "FROM data_imports ORDER BY imported_at, source"
        )

    def series_sources(self, indicators: Sequence[str]) -> dict[str, list[str]]:
        """For each indicator, the sources that hold observations of it."""
        if not indicators:
            return {}
        marks = ", ".join("?" for _ in indicators)
        rows = self.query(
            f"SELECT DISTINCT indicator, source FROM observations WHERE indicator IN ({marks}) ORDER BY source",
            list(indicators),
        )
        out: dict[str, list[str]] = {}
        for row in rows:
            out.setdefault(row["indicator"], []).append(row["source"])
        return out
