"""Store methods: the catalog (indicators, regions) mirrored into the database."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from riso.model import Indicator, Region
from riso.store.base import Row, SQLBackend

if TYPE_CHECKING:
    from riso.catalog import Catalog

__all__ = ["CatalogMixin"]

_REGION_COLUMNS = "id, level, parent, names, aliases, members"
_INDICATOR_COLUMNS = "id, unit, direction, kind, labels, synonyms, definition, source"


def _region_row(region: Region) -> tuple[Any, ...]:
    return (
        region.id,
        region.level,
        region.parent,
        json.dumps(region.names, ensure_ascii=False, sort_keys=True),
        json.dumps(list(region.aliases), ensure_ascii=False),
        json.dumps(list(region.members), ensure_ascii=False),
    )


def _indicator_row(indicator: Indicator) -> tuple[Any, ...]:
    return (
        indicator.id,
        indicator.unit,
        indicator.direction,
        indicator.kind,
        json.dumps(indicator.labels, ensure_ascii=False, sort_keys=True),
        json.dumps({k: list(v) for k, v in indicator.synonyms.items()}, ensure_ascii=False, sort_keys=True),
        indicator.definition,
        indicator.source,
    )


def _region_from_row(row: Row) -> Region:
    return Region(
        id=row["id"],
        level=row["level"],
        parent=row["parent"],
        names=json.loads(row["names"] or "{}"),
        aliases=tuple(json.loads(row["aliases"] or "[]")),
        members=tuple(json.loads(row["members"] or "[]")),
    )


def _indicator_from_row(row: Row) -> Indicator:
    return Indicator(
        id=row["id"],
        unit=row["unit"],
        direction=int(row["direction"]),  # type: ignore[arg-type]
        kind=row["kind"],
        labels=json.loads(row["labels"] or "{}"),
        synonyms={k: tuple(v) for k, v in json.loads(row["synonyms"] or "{}").items()},
        definition=row["definition"] or "",
        source=row["source"] or "",
    )


def _upsert(table: str, columns: str) -> str:
    names = [c.strip() for c in columns.split(",")]
    updates = ", ".join(f"{c} = excluded.{c}" for c in names if c != "id")
    marks = ", ".join("?" for _ in names)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}"


class CatalogMixin(SQLBackend):
    """The catalog (indicators, regions) mirrored into the database."""

    def sync_catalog(self, catalog: Catalog) -> dict[str, int]:
        """Write every catalog region and indicator (insert or update); running it twice changes nothing."""
        regions = [_region_row(r) for r in catalog.regions.values()]
        indicators = [_indicator_row(i) for i in catalog.indicators.values()]
        with self.transaction():
            self.execute_many(_upsert("regions", _REGION_COLUMNS), regions)
            self.execute_many(_upsert("indicators", _INDICATOR_COLUMNS), indicators)
        return {"regions": len(regions), "indicators": len(indicators)}

    def list_regions(self, *, level: str | None = None, parent: str | None = None) -> list[Region]:
        """Regions in the store, by id; optionally of one level or under one parent."""
        sql = f"SELECT {_REGION_COLUMNS} FROM regions WHERE 1 = 1"
        params: list[Any] = []
        if level is not None:
            sql += " AND level = ?"
            params.append(level)
        if parent is not None:
            sql += " AND parent = ?"
            params.append(parent)
        return [_region_from_row(r) for r in self.query(sql + " ORDER BY id", params)]

    def list_indicators(self, *, kind: str | None = None) -> list[Indicator]:
        """Indicators in the store, by id; optionally of one kind (value, rank, score)."""
        sql = f"SELECT {_INDICATOR_COLUMNS} FROM indicators"
        params: list[Any] = []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        return [_indicator_from_row(r) for r in self.query(sql + " ORDER BY id", params)]

    def get_region(self, region_id: str) -> Region | None:
        """One region by id, or None."""
        row = self.query_one(f"SELECT {_REGION_COLUMNS} FROM regions WHERE id = ?", (region_id,))
        return _region_from_row(row) if row else None

    def get_indicator(self, indicator_id: str) -> Indicator | None:
        """One indicator by id, or None."""
        row = self.query_one(f"SELECT {_INDICATOR_COLUMNS} FROM indicators WHERE id = ?", (indicator_id,))
        return _indicator_from_row(row) if row else None
