"""Tables: a table fact with typed columns, and a measurement for every numeric cell.

Units come from the header ("Investitionsbetrag (Milliarden Yuan)" -> "CNY bn"), the row's region
from the gazetteer, the column's indicator from the catalog. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from riso.errors import ExtractError
from riso.extract.analysis import DocumentView, view_of
from riso.extract.layout import Cell, TableBlock
from riso.extract.numbers import parse_number_text
from riso.extract.patterns import Patterns, patterns_for
from riso.extract.registry import make_fact, register
from riso.extract.resources import LanguageResources, available_languages
from riso.extract.subjects import national_total
from riso.model import Document, Fact, Indicator

__all__ = ["extract_tables", "header_unit"]

_PARENS = regex.compile(r"[(（\[]([^)）\]]*)[)）\]]")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&+/-]*")


def header_unit(header: str, pats: Patterns) -> str | None:
    """The unit a column header states, in riso's unit codes ("CNY bn", "%", "10k"), or None."""
    inner = " ".join(_PARENS.findall(header)) or header
    for text in (inner, header):
        if pats.percent_after.search(text) or pats.percent_prefix.search(text):
            return "%"
        scale = pats.scale.search(text)
        currency = pats.currency_after.search(text)
        code = pats.currencies.get(currency.group(1).casefold()) if currency else None
        if scale:
            sc = pats.scales[scale.group(1).casefold()]
            return f"{code} {sc.label}" if code else sc.count_unit
        if code:
            return code
    return None


def _cell_value(cell: Cell, pats: Patterns) -> tuple[float, str | None] | None:
    text = cell.text.strip()
    m = pats.number.search(text)
    if not m or text[: m.start()].strip(" ~≈<>≥≤+") or len(text) - m.end() > 3:
        return None
    try:
        value = parse_number_text(m.group(0), pats.res)
    except ExtractError:
        return None
    return value, ("%" if "%" in text[m.end() :] else None)


def _language(view: DocumentView, table: TableBlock, fallback: str) -> str:
    before = [s for s in view.sentences if s.start < table.start]
    lang = before[-1].language if before else (view.document.language or fallback)
    return lang if lang in available_languages() else fallback


def _header_indicator(view: DocumentView, name: str, language: str) -> Indicator | None:
    """The indicator a column header names: a catalog name in it, else the closest name by words when the
    header has more than one word (a lone "Total" or "Valor" names no indicator)."""
    mentions = view.catalog.find_indicators(name, language)
    if mentions:
        best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
        return view.catalog.indicators[best.id]
    if len(_WORDS.findall(name)) < 2:
        return None
    return view.catalog.match_indicator(name, language)


def _row_indicator(
    view: DocumentView, row: Sequence[Cell], columns: list[dict[str, Any]], language: str
) -> tuple[str, str] | None:
    """The indicator a text cell of the row names (its id and the name as written), the longest first."""
    found = [
        m
        for k, c in enumerate(row)
        if k < len(columns) and columns[k]["type"] == "text"
        for m in view.catalog.find_indicators(c.text, language)
    ]
    if not found:
        return None
    best = max(found, key=lambda m: m.end - m.start)
    return best.id, best.surface


def _bare_unit(view: DocumentView, indicator_id: str) -> str | None:
    """The unit a bare number takes under a header naming a percentage indicator ("R&D/GDP" -> "%")."""
    unit = view.catalog.indicators[indicator_id].unit
    return unit if unit in ("%", "‰") else None


def _table_facts(view: DocumentView, table: TableBlock, language: str) -> list[Fact]:
    pats = patterns_for(language)
    catalog = view.catalog
    columns = []
    for j, head in enumerate(table.header):
        values = [_cell_value(row[j], pats) for row in table.rows if j < len(row) and row[j].text.strip()]
        numeric = j > 0 and bool(values) and all(v is not None for v in values)
        name = _PARENS.sub("", head.text).strip() or head.text
        indicator = _header_indicator(view, name, language) if numeric else None
        years = _YEAR.findall(head.text)
        columns.append(
            {
                "name": name,
                "header": head.text,
                "type": "number" if numeric else "text",
                "unit": (header_unit(head.text, pats) or (indicator and _bare_unit(view, indicator.id)) or "count")
                if numeric
                else None,
                "metric": indicator.id if indicator else None,
                "period": years[0] if years else None,
            }
        )
    facts, regions = [], []
    text = view.document.text
    for row, (rs, re_) in zip(table.rows, table.row_spans, strict=True):
        label = row[0].text if row else ""
        found = catalog.find_regions(label) if label else []
        region = found[0].id if found else None
        regions.append(region)
        subject = view.subject(region) if region else national_total(view, label, language)
        for j, cell in enumerate(row):
            col = columns[j] if j < len(columns) else None
            if col is None or col["type"] != "number":
                continue
            parsed = _cell_value(cell, pats)
            if parsed is None:
                continue
            value, cell_unit = parsed
            metric, metric_text, unit = col["metric"], col["name"], cell_unit or col["unit"]
            if metric is None:  # a row header names the metric ("Gastos I+D/PIBpm 2022;1,40", "R&D/GDP | 2.1")
                named = _row_indicator(view, row, columns, language)
                if named is not None:
                    metric, metric_text = named
                    if cell_unit is None and header_unit(str(col["header"]), pats) is None:
                        unit = _bare_unit(view, metric) or unit
            period = col["period"]
            if period is None:  # a year in the row's text cells ("Gastos I+D/PIBpm 2022;1,40") dates its values
                row_years = [
                    y for k, c in enumerate(row) if columns[k]["type"] == "text" for y in _YEAR.findall(c.text)
                ]
                period = row_years[0] if len(row_years) == 1 else None
            facts.append(
                make_fact(
                    view,
                    "measurement",
                    cell.start,
                    cell.end,
                    quote=text[rs:re_],
                    language=language,
                    subject=subject,
                    metric=metric,
                    metric_text=metric_text,
                    value=value,
                    unit=unit,
                    comparator="exactly",
                    period=period,
                    confidence=0.85 if region else 0.7,
                    payload={"table": True, "row": label, "column": col["header"]},
                )
            )
    table_fact = make_fact(
        view,
        "table",
        table.start,
        table.end,
        language=language,
        subject=view.main_region,
        metric_text=" | ".join(c.text for c in table.header),
        confidence=0.9,
        payload={"columns": columns, "rows": [[c.text for c in row] for row in table.rows], "regions": regions},
    )
    return [table_fact, *facts]


@register("tables", produces=("table", "measurement"))
def extract_tables(document: Document, resources: LanguageResources, catalog: object) -> list[Fact]:
    """A table fact and cell measurements for every pipe/markdown or HTML table."""
    view = view_of(document, catalog)  # type: ignore[arg-type]
    return [f for t in view.tables for f in _table_facts(view, t, _language(view, t, resources.code))]
