"""The headline targets table: one row per target across regions, filtered and sorted, and its downloads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from riso.services import overview
from riso.store import Store

__all__ = [
    "COLUMNS", "PAGE_SIZE", "SORTS", "STATUS_GROUP", "STATUS_ORDER", "TablePage", "TableQuery", "filter_rows",
    "table_page", "target_rows", "to_csv", "to_xlsx",
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


def _names(language: str, regions: Sequence[Mapping[str, Any]]) -> tuple[Any, Any]:
    """Functions naming a region and an indicator in ``language`` (region list and catalog)."""
    by_id = {r["id"]: str((r.get("names") or {}).get(language) or r.get("name") or r["id"]) for r in regions}
    labels: dict[str | None, str | None] = {}

    def region_name(code: str) -> str:
        return by_id.get(code, code)

    def indicator_label(code: str | None) -> str | None:
        if code not in labels:
            labels[code] = overview.indicator_label(code, language)
        return labels[code]

    return region_name, indicator_label


def _flat(row: Mapping[str, Any], region_name: Any, indicator_label: Any) -> dict[str, Any]:
    """A targets-table row from a stored target and its assessment (``AssessmentsMixin.table_rows``)."""
    status = row.get("status") or "not_assessable"
    return {
        "id": row["id"], "region": row["region"], "region_name": region_name(row["region"]),
        "indicator": row.get("indicator") or "",
        "indicator_label": str(indicator_label(row.get("indicator")) or row.get("metric_text") or ""),
        "comparator": row.get("comparator") or "", "target": row.get("target"), "unit": row.get("unit") or "",
        "deadline": row.get("deadline"), "latest": row.get("latest"),
        "latest_period": str(row.get("latest_period") or ""),
        "status": status, "status_group": STATUS_GROUP.get(status, "not_assessable"),
        "probability": row.get("probability"), "sources": len(json.loads(row.get("facts") or "[]")),
    }


def target_rows(store: Store, *, language: str = "en", headline: float | None = None) -> list[dict[str, Any]]:
    """Every target (every headline one, for a review ``headline`` threshold) as a flat row: region (id, name in
    ``language``), indicator, target, latest, status, probability; assessments read from the store."""
    _refresh(store)
    region_name, indicator_label = _names(language, overview.regions(store))
    return [_flat(r, region_name, indicator_label) for r in store.table_rows(headline=headline)]


def _refresh(store: Store) -> None:
    from riso.services.assessments import refresh_assessments
    from riso.services.progress import sync_targets

    sync_targets(store)
    refresh_assessments(store)


PAGE_SIZE = 100  # rows of the targets table per page
_SMALL = 5_000  # up to this many matching rows, the table is sorted in Python exactly as filter_rows does


@dataclass
class TablePage:
    """One page of the headline targets table, the counts its chips and filters show."""

    rows: list[dict[str, Any]]
    shown: int  # rows passing the filters
    total: int  # headline targets
    page: int
    pages: int
    statuses: list[tuple[str, int]]  # headline targets by status, in STATUS_ORDER
    per_region: dict[str, int]  # headline targets by region
    choices: dict[str, list[Any]]


def _filters(query: TableQuery) -> dict[str, Any] | None:
    """The store filters of a query (None: nothing can match, e.g. a deadline that is no year)."""
    out: dict[str, Any] = {"region": query.region, "indicator": query.indicator}
    if query.status:
        out["statuses"] = [s for s in STATUS_ORDER if query.status in (s, STATUS_GROUP[s])] or [query.status]
    if query.deadline:
        if not query.deadline.isdigit():
            return None
        out["deadline"] = int(query.deadline)
    return out


_COUNTS: dict[tuple[Any, ...], tuple[object, Any]] = {}  # the unfiltered table's counts, per assessments' state


def _counts(store: Store, threshold: float, language: str, region_name: Any, indicator_label: Any) -> Any:
    """Headline targets per region and status, and the filters' choices; kept until the stored assessments,
    the facts (region names) or the threshold change."""
    key = (id(store), store.assessment_changes(), store.fact_changes(), threshold, language)
    kept = _COUNTS.get(key)
    if kept is not None and kept[0] is store and None not in key:
        return kept[1]
    per_region = {str(r["key"]): int(r["n"]) for r in store.table_groups("region", headline=threshold)}
    by_status = {str(r["key"]): int(r["n"]) for r in store.table_groups("status", headline=threshold)}
    indicators = [r["key"] for r in store.table_groups("indicator", headline=threshold) if r["key"]]
    deadlines = sorted(str(r["key"]) for r in store.table_groups("deadline", headline=threshold)
                       if r["key"] is not None)
    choices = {
        "region": sorted(((code, region_name(code)) for code in per_region), key=lambda c: c[1]),
        "indicator": sorted(((code, str(indicator_label(code) or code)) for code in indicators),
                            key=lambda c: c[1].casefold()),
        "status": [s for s in STATUS_ORDER if s in by_status],
        "deadline": deadlines,
    }
    by_name = sorted(per_region, key=lambda code: (region_name(code).casefold(), region_name(code)))
    found = (per_region, [(s, by_status[s]) for s in STATUS_ORDER if s in by_status], choices, by_name)
    if None not in key:
        if len(_COUNTS) > 8:
            _COUNTS.clear()
        _COUNTS[key] = (store, found)
    return found


def table_page(store: Store, query: TableQuery, *, threshold: float, language: str = "en", page: int = 1,
               size: int = PAGE_SIZE) -> TablePage:
    """The page ``page`` of the headline targets (review ``threshold``) passing ``query``, in its order.

    Filters, counts and paging run in SQL on the stored assessments; a page of many matching rows ordered by
    region reads only the regions on that page (by name in ``language``); by a value column, SQL orders it
    (ties by region and indicator code).
    """
    _refresh(store)
    regions = overview.regions(store)
    region_name, indicator_label = _names(language, regions)
    per_region, statuses, choices, by_name = _counts(store, threshold, language, region_name, indicator_label)
    total = sum(per_region.values())
    filters = _filters(query)
    if filters is None:
        return TablePage([], 0, total, 1, 1, statuses, per_region, choices)
    groups = store.table_groups("region", headline=threshold, **filters) if query.active else \
        [{"key": k, "n": n} for k, n in per_region.items()]
    shown = sum(int(g["n"]) for g in groups)
    pages = max(1, -(-shown // size))
    page = max(1, min(page, pages))
    start = (page - 1) * size

    def flat(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_flat(r, region_name, indicator_label) for r in rows]

    if shown <= _SMALL:
        rows = filter_rows(flat(store.table_rows(headline=threshold, **filters)), query)[start : start + size]
    elif query.sort == "region":  # the regions whose rows fall on this page, by name
        if query.active:
            order = sorted(groups, key=lambda g: (region_name(str(g["key"])).casefold(), region_name(str(g["key"]))),
                           reverse=query.desc)
        else:  # every headline target: the regions' order by name is kept with the counts
            order = [{"key": code, "n": per_region[code]} for code in (reversed(by_name) if query.desc else by_name)]
        wanted: list[str] = []
        seen = skip = 0
        for g in order:
            n = int(g["n"])
            if seen + n > start and seen < start + size:
                if not wanted:
                    skip = start - seen
                wanted.append(str(g["key"]))
            seen += n
        found = flat(store.table_rows(headline=threshold, **{**filters, "regions": wanted}))
        rows = filter_rows(found, query)[skip : skip + size]
    else:
        rows = flat(store.table_rows(headline=threshold, sort=query.sort, desc=query.desc, limit=size, offset=start,
                                     status_order=STATUS_ORDER, **filters))
    return TablePage(rows, shown, total, page, pages, statuses, per_region, choices)


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
