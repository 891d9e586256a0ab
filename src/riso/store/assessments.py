"""Store methods: stored target assessments (migration 015) and the facts-per-region counts pages list.

An assessment row keeps the target's fields as they were assessed; a target whose stored fields differ (or that
has no row) is stale, and so is every target of a region whose observations changed since (``assessments_stale``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from riso.store.base import Row, SQLBackend, after_key
from riso.store.documents import NOT_REJECTED
from riso.store.targets import TARGET_COLUMNS

__all__ = ["ASSESSED_FIELDS", "AssessmentsMixin", "TableFilter"]

# A stored assessment is a copy of its target (all of its columns) as assessed, then the assessment.
ASSESSED_FIELDS = TARGET_COLUMNS
_FRESH = " AND ".join(f"a.{c} IS NOT DISTINCT FROM t.{c}" for c in TARGET_COLUMNS)
_STORED = (*TARGET_COLUMNS, "status", "latest_value", "latest_period", "probability", "record")
# Flat columns of the targets table: a stored assessment holds its target's fields, so it is read alone.
_FLAT = (
    "id, region, indicator, comparator, value AS target, unit, deadline, metric_text, facts, "
    "status, latest_value AS latest, latest_period, probability"
)
_SORT_COLUMN = {"target": "value", "deadline": "deadline", "latest": "latest_value",
                "probability": "probability", "indicator": "indicator"}


def _quote(word: str) -> str:
    """A status code as an SQL literal (codes are lowercase words; anything else is refused)."""
    if not word.replace("_", "").isalpha():
        raise ValueError(f"not a status code: {word!r}")
    return f"'{word}'"

TableFilter = tuple[str, Sequence[Any]]  # a WHERE clause over assessments, and its parameters


class AssessmentsMixin(SQLBackend):
    """Stored target assessments and the regions whose observations changed since they were made."""

    def mark_assessments_stale(self, regions: Iterable[str]) -> None:
        """Note that these regions' observations changed: their targets are assessed again on the next read."""
        wanted = sorted({str(r) for r in regions if r is not None})
        if not wanted:
            return
        with self.transaction():
            row = self._run("SELECT nextval('riso_assessment_changes') AS n")
            changed = int(row[0]["n"])
            for start in range(0, len(wanted), 1000):
                part = wanted[start : start + 1000]
                marks = ", ".join("?" for _ in part)
                self._run(f"DELETE FROM assessments_stale WHERE region IN ({marks})", part)
                self._run_many("INSERT INTO assessments_stale (region, changed) VALUES (?, ?)",
                               [(r, changed) for r in part])

    def assessment_changes(self) -> int | None:
        """A number that changes whenever stored assessments or stale marks change (in any process)."""
        return self._sequence("riso_assessment_changes")

    def stale_mark(self) -> int:
        """The newest mark in ``assessments_stale`` (0 when none): marks up to it are cleared by a refresh."""
        row = self.query_one("SELECT max(changed) AS n FROM assessments_stale")
        return int(row["n"] or 0) if row else 0

    def stale_targets(self, *, region: str | None = None) -> list[Row]:
        """Targets (of a region, as stored rows) without a fresh assessment: none stored, stored for other target
        fields, or their region's observations changed since."""
        where, params = "", []
        if region is not None:
            where, params = " AND t.region = ?", [region]
        cols = ", ".join(f"t.{c}" for c in TARGET_COLUMNS)
        rows = self.query(
            f"SELECT {cols} FROM targets t LEFT JOIN assessments a ON a.id = t.id AND {_FRESH} "
            f"WHERE (a.id IS NULL OR t.region IN (SELECT region FROM assessments_stale)){where} "
            "ORDER BY t.region, t.deadline, t.indicator, t.id",
            params,
        )
        return rows

    def put_assessments(self, rows: Sequence[Sequence[Any]], *, regions: Sequence[str] = (), upto: int = 0) -> None:
        """Store assessments (one tuple per target, in ``_STORED`` order) replacing the targets' old ones, drop rows of
        targets that are gone, and clear the stale marks of ``regions`` up to mark ``upto`` (all regions when
        ``regions`` is empty and ``upto`` given)."""
        with self.transaction():
            self.lock_writers("assessments")
            self._run("SELECT nextval('riso_assessment_changes') AS n")  # readers' memos of the table start again
            ids = [r[0] for r in rows]
            for start in range(0, len(ids), 1000):
                part = ids[start : start + 1000]
                self._run(f"DELETE FROM assessments WHERE id IN ({', '.join('?' for _ in part)})", part)
            if rows:
                marks = ", ".join("?" for _ in _STORED)
                self._run_many(f"INSERT INTO assessments ({', '.join(_STORED)}) VALUES ({marks})",
                               [tuple(r) for r in rows])
            self._run("DELETE FROM assessments WHERE id NOT IN (SELECT id FROM targets)")
            if upto and regions:
                for start in range(0, len(regions), 1000):
                    part = list(regions[start : start + 1000])
                    self._run(f"DELETE FROM assessments_stale WHERE changed <= ? AND region IN "
                              f"({', '.join('?' for _ in part)})", [upto, *part])
            elif upto:
                self._run("DELETE FROM assessments_stale WHERE changed <= ?", (upto,))

    def clear_assessments(self, *, indicators: Sequence[str] | None = None) -> None:
        """Drop every stored assessment (of these indicators): the next read assesses those targets again."""
        with self.transaction():
            self._run("SELECT nextval('riso_assessment_changes') AS n")
            if indicators is None:
                self._run("DELETE FROM assessments")
                return
            for start in range(0, len(indicators), 1000):
                part = list(indicators[start : start + 1000])
                self._run(f"DELETE FROM assessments WHERE indicator IN ({', '.join('?' for _ in part)})", part)

    def assessment_records(self, *, region: str | None = None, ids: Sequence[str] | None = None) -> list[Row]:
        """Stored assessments (of a region, or these targets) in the targets' order: target columns + ``record``.
        Fresh after ``riso.services.assessments.refresh_assessments``."""
        where, params = [], []
        if region is not None:
            where.append("region = ?")
            params.append(region)
        if ids is not None:
            if not ids:
                return []
            where.append(f"id IN ({', '.join('?' for _ in ids)})")
            params += list(ids)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return self.query(
            f"SELECT {', '.join(TARGET_COLUMNS)}, record FROM assessments{clause} "
            "ORDER BY region, deadline, indicator, id",
            params,
        )

    # -- the targets table ------------------------------------------------------------
    def _table_where(self, *, headline: float | None, region: str = "", indicator: str = "",
                     statuses: Sequence[str] = (), deadline: int | None = None,
                     regions: Sequence[str] | None = None) -> TableFilter:
        where: list[str] = []
        params: list[Any] = []
        if regions is not None:
            where.append(f"region IN ({', '.join('?' for _ in regions)})" if regions else "FALSE")
            params += list(regions)
        if headline is not None:  # riso.services.review.is_headline, in SQL
            where.append("(origin <> 'document' OR (indicator IS NOT NULL AND confidence >= ?))")
            params.append(headline)
        for column, value in (("region", region), ("indicator", indicator)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
            params += list(statuses)
        if deadline is not None:
            where.append("deadline = ?")
            params.append(deadline)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def table_groups(self, by: str, *, headline: float | None, **filters: Any) -> list[Row]:
        """How many targets pass the filters per value of ``by`` (region, indicator, status or deadline)."""
        column = {"region": "region", "indicator": "indicator", "status": "status", "deadline": "deadline"}[by]
        where, params = self._table_where(headline=headline, **filters)
        return self.query(f"SELECT {column} AS key, count(*) AS n FROM assessments{where} GROUP BY {column}", params)

    def table_rows(self, *, headline: float | None, sort: str | None = None, desc: bool = False,
                   limit: int | None = None, offset: int = 0, status_order: Sequence[str] = (),
                   **filters: Any) -> list[Row]:
        """Targets-table rows passing the filters; ordered in SQL by a value column (``sort``: target, deadline,
        latest, probability, indicator; status in ``status_order``; missing values last, ties by region,
        indicator, id) or by region, indicator, id."""
        where, params = self._table_where(headline=headline, **filters)
        order = "region, indicator, id"
        col = _SORT_COLUMN.get(sort or "")
        if sort == "status" and status_order:
            col = f"CASE status {' '.join(f'WHEN {_quote(s)} THEN {i}' for i, s in enumerate(status_order))} END"
        if col is not None:
            order = f"{col} IS NULL, {col}{' DESC' if desc else ''}, {order}"
        sql = f"SELECT {_FLAT} FROM assessments{where} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return self.query(sql, params)

    def assessment_keys(self, *, region: str | None = None, indicator: str | None = None) -> list[Row]:
        """id, region, deadline, indicator of the stored assessments (of a region, an indicator): a list's order."""
        where, params = [], []
        for column, value in (("region", region), ("indicator", indicator)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return self.query(f"SELECT id, region, deadline, indicator FROM assessments{clause}", params)

    def assessment_page(
        self, *, region: str | None = None, indicator: str | None = None, limit: int, offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> list[tuple[str, int, str, str]]:
        """One page of the stored assessments' keys (region, deadline, indicator or '', id) in that order, the
        targets list's: the first ``limit`` after ``after`` (keyset) or from ``offset`` (migration 018's index on
        PostgreSQL walks it)."""
        where, params = _key_filter(region, indicator)
        if after is not None:
            condition, values = after_key(_ASSESSMENT_ORDER, after)
            where, params = [*where, condition], [*params, *values]
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = self.query(
            f"SELECT region, deadline, COALESCE(indicator, '') AS indicator, id FROM assessments{clause} "
            f"ORDER BY {', '.join(_ASSESSMENT_ORDER)} LIMIT {int(limit)} OFFSET {int(offset)}", params
        )
        return [(str(r["region"]), int(r["deadline"]), str(r["indicator"]), str(r["id"])) for r in rows]

    def count_assessments(self, *, region: str | None = None, indicator: str | None = None) -> int:
        """How many assessments are stored (as many as targets, after a refresh), of a region, of an indicator."""
        where, params = _key_filter(region, indicator)
        clause = (" WHERE " + " AND ".join(where)) if where else ""

        def count() -> int:
            row = self.query_one(f"SELECT count(*) AS n FROM assessments{clause}", params)
            return int(row["n"]) if row else 0

        if region is not None:
            return count()
        return self._counted("riso_assessment_changes", ("assessments", indicator), count)  # once per change

    # -- facts per region ---------------------------------------------------------------
    def fact_subjects(self) -> list[Row]:
        """Every region facts are about: id, a name, and how many facts of each kind (recounted after a change)."""
        changes = self.fact_changes()
        if changes is None or getattr(self, "read_only", False):
            return self._count_fact_subjects()
        if self.get_setting(_COUNTED_SETTING) != str(changes):  # type: ignore[attr-defined]
            with self.transaction():
                self.lock_writers("fact_region_counts")
                self._run("DELETE FROM fact_region_counts")
                self._run(
                    "INSERT INTO fact_region_counts (region, name, kind, n) SELECT subject_id, min(subject_name), "
                    f"kind, count(*) FROM facts WHERE subject_id IS NOT NULL AND {NOT_REJECTED} "
                    "GROUP BY subject_id, kind"
                )
                self.set_setting(_COUNTED_SETTING, str(changes))  # type: ignore[attr-defined]
        return self.query(
            "SELECT region AS subject_id, name AS subject_name, kind, n FROM fact_region_counts ORDER BY region, kind"
        )

    def _count_fact_subjects(self) -> list[Row]:
        return self.query(
            "SELECT subject_id, min(subject_name) AS subject_name, kind, count(*) AS n FROM facts "
            f"WHERE subject_id IS NOT NULL AND {NOT_REJECTED} GROUP BY subject_id, kind ORDER BY subject_id, kind"
        )


_ASSESSMENT_ORDER = ("region", "deadline", "COALESCE(indicator, '')", "id")  # the targets list's order and keyset


def _key_filter(region: str | None, indicator: str | None) -> tuple[list[str], list[Any]]:
    where, params = [], []
    for column, value in (("region", region), ("indicator", indicator)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    return where, params


_COUNTED_SETTING = "fact_region_counts_at"  # fact_changes() when fact_region_counts was last filled
