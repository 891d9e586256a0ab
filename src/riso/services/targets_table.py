"""The headline targets table: one row per target across regions, filtered and sorted, and its downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from riso.services import overview
from riso.store import Store

__all__ = [
    "COLUMNS", "SORTS", "STATUS_GROUP", "STATUS_ORDER", "TableQuery", "filter_rows", "target_rows", "to_csv",
    "to_xlsx",
]

# Eurostat's classes (riso.progress.eurostat) grouped as an analyst reads them.
STATUS_GROUP = {
    "met": "on_track", "significant": "on_track", "moderate": "at_risk", "insufficient": "off_track",
    "moving_away": "off_track", "not_assessable": "not_assessable",
}
STATUS_ORDER = ("met", "significant", "moderate", "insufficient", "moving_away", "not_assessable")
SORTS = ("region", "indicator", "target", "deadline", "latest", "status", "probability")
# Download columns, one value per cell: (key, header).
COLUMNS = (
    ("region", "region"), ("region_name", "region_name"), ("indicator", "indicator"),
    ("indicator_label", "indicator_label"), ("comparator", "comparator"), ("target", "target"), ("unit", "unit"),
    ("deadline", "deadline"), ("latest", "latest_value"), ("latest_period", "latest_year"), ("status", "status"),
    ("status_group", "status_group"), ("probability", "probability"), ("sources", "sources"), ("id", "target_id"),
)


@dataclass(frozen=True)
class TableQuery:
    """Filters and order of the targets table, as the query parameters of a permalink carry them."""

    region: str = ""
    indicator: str = ""
    status: str = ""
    deadline: str = ""
    sort: str = "region"
    desc: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> TableQuery:
        """The query from URL parameters; unknown sort keys fall back to region."""
        sort = params.get("sort", "region")
        return cls(
            region=params.get("region", "").strip(), indicator=params.get("indicator", "").strip(),
            status=params.get("status", "").strip(), deadline=params.get("deadline", "").strip(),
            sort=sort if sort in SORTS else "region", desc=params.get("order") == "desc",
        )

    def params(self, **changes: object) -> dict[str, str]:
        """The non-empty parameters of this query, with some changed (for sort links and chips)."""
        values: dict[str, object] = {"region": self.region, "indicator": self.indicator, "status": self.status,
                                     "deadline": self.deadline, "sort": self.sort,
                                     "order": "desc" if self.desc else ""}
        values.update(changes)
        out = {k: str(v) for k, v in values.items() if v not in ("", None)}
        if out.get("sort") == "region" and "order" not in out:
            out.pop("sort")
        return out

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.region or self.indicator or self.status or self.deadline)


def target_rows(store: Store, *, language: str = "en") -> list[dict[str, Any]]:
    """Every target as a flat row: region (id, name in ``language``), indicator, target, latest, status, probability."""
    items, _assessed = overview.targets_with_progress(store)
    regions = {r["id"]: r for r in overview.regions(store)}
    rows = []
    for item in items:
        target = item["target"]
        region = regions.get(target["region"], {})
        latest = item.get("latest") or {}
        projection = item.get("projection") or {}
        status = item.get("status") or "not_assessable"
        label = overview.indicator_label(target.get("indicator"), language)
        rows.append({
            "id": item.get("id") or target.get("id"), "region": target["region"],
            "region_name": str((region.get("names") or {}).get(language) or region.get("name") or target["region"]),
            "indicator": target.get("indicator") or "",
            "indicator_label": str(label or target.get("label") or target.get("metric_text") or ""),
            "comparator": target.get("comparator") or "", "target": target.get("value"),
            "unit": target.get("unit") or "", "deadline": target.get("deadline"),
            "latest": latest.get("value"), "latest_period": str(latest.get("period") or ""),
            "status": status, "status_group": STATUS_GROUP.get(status, "not_assessable"),
            "probability": projection.get("probability"), "reason": item.get("reason"),
            "sources": sum(1 for s in item.get("sources") or [] if s.get("kind") == "document"),
        })
    return rows


def _sort_key(sort: str) -> Any:
    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        if sort == "status":
            value: Any = STATUS_ORDER.index(row["status"]) if row["status"] in STATUS_ORDER else len(STATUS_ORDER)
        elif sort == "region":
            value = row["region_name"].casefold()
        elif sort == "indicator":
            value = row["indicator_label"].casefold()
        else:
            value = row.get(sort)
        return (value is None, value if value is not None else 0, row["region_name"], row["indicator_label"])

    return key


def filter_rows(rows: Sequence[Mapping[str, Any]], query: TableQuery) -> list[dict[str, Any]]:
    """The rows that pass the query's filters, in its order (missing values last either way)."""
    out = [dict(r) for r in rows]
    if query.region:
        out = [r for r in out if r["region"] == query.region]
    if query.indicator:
        out = [r for r in out if r["indicator"] == query.indicator]
    if query.status:
        out = [r for r in out if query.status in (r["status"], r["status_group"])]
    if query.deadline:
        out = [r for r in out if str(r["deadline"]) == query.deadline]
    present = sorted((r for r in out if _sort_key(query.sort)(r)[0] is False), key=_sort_key(query.sort),
                     reverse=query.desc)
    return present + [r for r in out if _sort_key(query.sort)(r)[0] is True]


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]] = COLUMNS) -> str:
    """The rows as CSV text (UTF-8, a header line, one value per cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row.get(key) for key, _ in columns])
    return buffer.getvalue()


def to_xlsx(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]] = COLUMNS, *,
            sheet: str = "targets") -> bytes:
    """The rows as an .xlsx workbook (numbers as numbers; text written as text, never as a formula)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    for j, (_, header) in enumerate(columns):
        ws.write_string(0, j, header, bold)
    for i, row in enumerate(rows, start=1):
        for j, (key, _) in enumerate(columns):
            value = row.get(key)
            if isinstance(value, bool) or value is None:
                ws.write_blank(i, j, None) if value is None else ws.write_boolean(i, j, value)
            elif isinstance(value, int | float):
                ws.write_number(i, j, value)
            else:
                ws.write_string(i, j, str(value))
    ws.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
