"""Store methods: Targets (reconciled from facts, or added by hand)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from riso.errors import NotFound
from riso.model import Target
from riso.store.base import Row, SQLBackend

__all__ = ["TARGET_COLUMNS", "TargetsMixin", "target_from_row", "target_row"]

_COLS = (
    "id, region, indicator, value, comparator, deadline, unit, baseline_period, baseline_value, facts, origin, "
    "metric_text, conflict, confidence"
)

TARGET_COLUMNS = tuple(_COLS.split(", "))


def target_row(t: Target) -> tuple[Any, ...]:
    """A target as its stored row (in TARGET_COLUMNS order)."""
    return (
        t.id, t.region, t.indicator, t.value, t.comparator, t.deadline, t.unit, t.baseline_period,
        t.baseline_value, json.dumps(list(t.facts)), t.origin, t.metric_text, t.conflict, t.confidence,
    )


def target_from_row(row: Row) -> Target:
    """A target from its stored row."""
    data = {k: row[k] for k in TARGET_COLUMNS}
    data["facts"] = tuple(json.loads(row["facts"] or "[]"))
    data["conflict"] = bool(row["conflict"])
    return Target(**data)


class TargetsMixin(SQLBackend):
    """Targets (reconciled from facts, or added by hand)."""

    def put_targets(self, targets: Iterable[Target]) -> int:
        """Insert or replace targets by id; returns how many were new."""
        items = list(targets)
        if not items:
            return 0
        marks = ", ".join("?" for _ in _COLS.split(", "))
        with self.transaction():
            known = {r["id"] for r in self.query("SELECT id FROM targets")}
            ids = [t.id for t in items]
            if known & set(ids):
                placeholders = ", ".join("?" for _ in ids)
                self._run(f"DELETE FROM targets WHERE id IN ({placeholders})", ids)
            self._run_many(f"INSERT INTO targets ({_COLS}) VALUES ({marks})", [target_row(t) for t in items])
        return len(set(ids) - known)

    def list_targets(self, *, region: str | None = None, origin: str | None = None) -> list[Target]:
        """Targets, by region, deadline and indicator."""
        where, params = [], []
        if region is not None:
            where.append("region = ?")
            params.append(region)
        if origin is not None:
            where.append("origin = ?")
            params.append(origin)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = self.query(f"SELECT {_COLS} FROM targets{clause} ORDER BY region, deadline, indicator, id", params)
        return [target_from_row(r) for r in rows]

    def get_target(self, target_id: str) -> Target:
        """One target by id (a unique prefix of at least 6 characters works too); raises NotFound."""
        row = self.query_one(f"SELECT {_COLS} FROM targets WHERE id = ?", (target_id,))
        if row is None and len(target_id) >= 6:
            rows = self.query(f"SELECT {_COLS} FROM targets WHERE id LIKE ?", (target_id + "%",))
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no target with id {target_id!r}", hint="List the targets with `riso target list`.")
        return target_from_row(row)

    def remove_target(self, target_id: str) -> Target:
        """Delete one target; returns it; raises NotFound."""
        target = self.get_target(target_id)
        self.execute("DELETE FROM targets WHERE id = ?", (target.id,))
        return target

    def count_targets(self, *, origin: str) -> int:
        """How many targets of one origin are stored (counted once per change of the targets on PostgreSQL)."""

        def count() -> int:
            row = self.query_one("SELECT count(*) AS n FROM targets WHERE origin = ?", (origin,))
            return int(row["n"]) if row else 0

        return self._counted("riso_target_changes", ("targets", origin), count)

    def remove_targets(self, *, origin: str, keep: Iterable[str] = ()) -> int:
        """Delete targets of one origin except the ids in ``keep``; returns how many."""
        keep_ids = set(keep)
        with self.transaction():
            gone = [t.id for t in self.list_targets(origin=origin) if t.id not in keep_ids]
            for tid in gone:
                self._run("DELETE FROM targets WHERE id = ?", (tid,))
        return len(gone)
