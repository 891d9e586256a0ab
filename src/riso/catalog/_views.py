"""Plain rows describing the catalog, for the CLI, the API and the dashboard."""

from __future__ import annotations

from riso.catalog._catalog import Catalog
from riso.errors import CatalogError, ConfigError, UnknownRegion

__all__ = ["describe_indicators", "describe_regions", "resolve_text"]

Row = dict[str, object]
UnknownName = UnknownRegion  # neither a region, an indicator nor a unit
_LEVELS = ("world", "supranational", "country", "macro_region", "province", "city", "district", "cluster")


def _pick(values: dict[str, str], language: str | None) -> str:
    if language and values.get(language):
        return values[language]
    return values.get("en") or next(iter(values.values()), "")


def describe_indicators(catalog: Catalog, *, language: str | None = None) -> list[Row]:
    """One row per indicator: id, label (in the language, else English), unit, direction, kind, synonyms, source."""
    rows: list[Row] = []
    for ind in sorted(catalog.indicators.values(), key=lambda i: i.id):
        synonyms = ind.synonyms.get(language, ()) if language else tuple(s for v in ind.synonyms.values() for s in v)
        rows.append(
            {
                "id": ind.id,
                "label": _pick(ind.labels, language),
                "unit": ind.unit,
                "direction": ind.direction,
                "kind": ind.kind,
                "synonyms": len(synonyms),
                "source": ind.source,
                "definition": ind.definition,
                "labels": dict(ind.labels),
            }
        )
    return rows


def describe_regions(catalog: Catalog, *, language: str | None = None, level: str | None = None) -> list[Row]:
    """One row per region: id, level, name (in the language, else English), parent, members, codes."""
    if level is not None and level not in _LEVELS:
        raise ConfigError(f"unknown region level {level!r}", hint=f"Use one of: {', '.join(_LEVELS)}.")
    rows: list[Row] = []
    for region in sorted(catalog.regions.values(), key=lambda r: (_LEVELS.index(r.level), r.id)):
        if level is not None and region.level != level:
            continue
        rows.append(
            {
                "id": region.id,
                "level": region.level,
                "name": _pick(region.names, language),
                "parent": region.parent,
                "members": " ".join(region.members),
                "codes": " ".join(catalog.codes(region.id)),
                "names": dict(region.names),
                "aliases": list(region.aliases),
            }
        )
    return rows


def resolve_text(catalog: Catalog, text: str, *, language: str | None = None) -> list[Row]:
    """What a text resolves to: the whole text as a region, indicator or unit, then every mention inside it."""
    rows: list[Row] = []

    def add(kind: str, how: str, entry_id: str, name: str, surface: str, start: int, end: int) -> None:
        rows.append(
            {"kind": kind, "how": how, "id": entry_id, "name": name, "surface": surface, "start": start, "end": end}
        )

    whole = (text, 0, len(text))
    suggestions: list[str] = []
    try:
        region = catalog.region(text)
        add("region", "exact", region.id, _pick(region.names, language), *whole)
    except CatalogError as err:
        suggestions.append(err.hint)
    indicator = None
    try:
        indicator = catalog.indicator(text)
        add("indicator", "exact", indicator.id, _pick(indicator.labels, language), *whole)
    except CatalogError as err:
        suggestions.append(err.hint)
    unit = catalog.normalise_unit(text)
    if unit is not None:
        add("unit", "exact", unit, unit, *whole)
    for mention in catalog.find_regions(text):
        if (mention.start, mention.end) != whole[1:]:
            name = catalog.regions[mention.id].name
            add("region", "mention", mention.id, name, mention.surface, mention.start, mention.end)
    found_indicator = indicator is not None
    for mention in catalog.find_indicators(text, language):
        found_indicator = True
        if (mention.start, mention.end) != whole[1:]:
            name = catalog.indicators[mention.id].label
            add("indicator", "mention", mention.id, name, mention.surface, mention.start, mention.end)
    if not found_indicator:
        fuzzy = catalog.match_indicator(text, language)
        if fuzzy is not None:
            add("indicator", "best match", fuzzy.id, _pick(fuzzy.labels, language), *whole)
    if not rows:
        hint = next((h for h in suggestions if h.startswith("Did you mean")), suggestions[-1])
        raise UnknownName(f"nothing in the catalog matches {text!r}", hint=hint)
    return rows
