"""The comparison page's data: targets of chosen regions side by side, a tile map's values, and the cooperation
tables with headers and numbers in the UI language. Queries are by region and indicator (indexed), bounded."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import yaml

from riso.catalog._fold import key
from riso.errors import RisoError
from riso.model import Fact
from riso.services import overview
from riso.store import Store

__all__ = ["MAX_PICKED", "map_values", "normalise_table", "side_by_side"]

MAX_PICKED = 8  # regions compared at once
_UNIT = re.compile(r"\s*[(（]([^)）]*)[)）]\s*$")


def side_by_side(rows: Sequence[Mapping[str, Any]], regions: Sequence[str], indicators: Sequence[str]
                 ) -> list[tuple[str, str, list[list[Mapping[str, Any]]]]]:
    """(indicator, its label, per region the target rows) for the chosen regions and indicators."""
    cells: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for row in rows:
        if row["region"] in regions and row["indicator"] in indicators:
            cells[(row["indicator"], row["region"])].append(row)
            labels[row["indicator"]] = row["indicator_label"]
    return [(i, labels.get(i, i), [cells.get((i, r), []) for r in regions]) for i in indicators if i in labels]


def map_values(store: Store, indicator: str, regions: Sequence[str]) -> tuple[dict[str, Any], str | None]:
    """The regions' values of one indicator in one year (the latest year with the most regions), and the year."""
    by_year: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in store.series_of(indicator=indicator, regions=list(regions)):
        year = str(row["period"])[:4]
        by_year[year].setdefault(row["region"], row)
    if not by_year:
        return {}, None
    year = max(by_year, key=lambda y: (len(by_year[y]), y))
    return by_year[year], year


@cache
def _terms() -> dict[str, tuple[dict[str, str], frozenset[str]]]:
    text = (resources.files("riso.web") / "data" / "table_terms.yaml").read_text(encoding="utf-8")
    out = {}
    for term, entry in (yaml.safe_load(text).get("terms") or {}).items():
        forms = frozenset(key(f) for f in [*entry.get("forms", []), *entry["labels"].values()])
        out[str(term)] = (dict(entry["labels"]), forms)
    return out


def _term_label(words: str, lang: str) -> str | None:
    folded = key(words)
    for labels, forms in _terms().values():
        if folded in forms:
            return labels.get(lang) or labels.get("en")
    return None


def _header(column: Any, lang: str, catalog: Any) -> tuple[str, str | None, bool]:
    """(header in the UI language or as written, the language it stays in when not translated, numeric?)."""
    if isinstance(column, Mapping):
        raw = str(column.get("header") or column.get("name") or "")
        metric, unit, period = column.get("metric"), column.get("unit"), column.get("period")
        numeric = column.get("type") == "number"
    else:
        raw, metric, unit, period, numeric = str(column), None, None, None, False
    words, unit_text = raw, None
    found = _UNIT.search(raw)
    if found:
        words, unit_text = raw[: found.start()], found.group(1)
    if unit is None and unit_text and catalog is not None:
        unit = catalog.normalise_unit(unit_text)
    label = overview.indicator_label(str(metric), lang) if metric else None
    if label is None:
        stripped = re.sub(r"\s*\b(19|20)\d\d\b\s*", " ", words).strip()
        label = _term_label(stripped, lang) or _term_label(words, lang)
    if label is None:
        return raw, "source", numeric
    if period:
        label = f"{label} {period}"
    if unit and unit not in ("count",):
        label = f"{label} ({unit})"
    return label, None, numeric or bool(unit)


def _number(cell: Any, language: str) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip()
    if not text or not re.fullmatch(r"[-+]?[\d.,\s\u00a0\u202f']+", text):
        return None
    from riso.extract.numbers import parse_number

    try:
        return float(parse_number(text, language))
    except (RisoError, ValueError, ArithmeticError):  # a number the parser refuses stays as written
        return None


def normalise_table(fact: Fact, lang: str, region_name: Any, fmt: Any) -> dict[str, Any] | None:
    """A table fact with headers in the UI language (catalog indicators, the table-terms file, units), numbers
    read in the source language's notation and written in the UI's, region names from the gazetteer."""
    columns = fact.payload.get("columns") or fact.payload.get("header")
    rows = fact.payload.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        return None
    catalog = overview._catalog()
    headers = [_header(c, lang, catalog) for c in columns]
    names = [str(c.get("name") or c.get("header") or "") if isinstance(c, Mapping) else str(c) for c in columns]
    body = []
    source = fact.language or "en"
    for raw in rows:
        cells = [raw.get(n, "") for n in names] if isinstance(raw, Mapping) else list(raw)
        out = []
        for j, cell in enumerate(cells):
            value = _number(cell, source)
            if value is not None:
                out.append({"text": fmt(value), "lang": None, "number": True})
                continue
            text = str(cell)
            region = _whole_region(catalog, text) if j == 0 else None
            if region is not None:
                out.append({"text": region_name(region), "lang": None, "number": False, "region": region})
            else:
                out.append({"text": text, "lang": source, "number": False})
        body.append(out)
    return {"columns": [{"text": h, "lang": source if keep else None, "number": n} for h, keep, n in headers],
            "rows": body, "fact": fact, "translated": sum(1 for _, keep, _ in headers if keep is None)}


def _whole_region(catalog: Any, text: str) -> str | None:
    from riso.services.region_view import _whole_region as whole

    return whole(catalog, text)


def common(values: Iterable[str]) -> list[str]:
    """Distinct values, most frequent first."""
    return [v for v, _ in Counter(values).most_common()]
