"""Search across languages: a query in any language is read through the catalog (indicator labels and synonyms,
region names and aliases) and the facts found in every language are merged into one hit per thing stated.

Queries are bounded: facts of a named indicator are read through the metric index, text matches with a limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from riso.catalog._fold import key
from riso.model import FACT_KINDS, Fact
from riso.services import overview
from riso.store import Store

__all__ = ["KIND_ORDER", "Hit", "SearchQuery", "search"]

KIND_ORDER = ("target", "milestone", "measurement", "rank", "entity", "table", "glossary")
LIMIT = 200  # facts read per source of matches (text, each indicator named)


@dataclass(frozen=True)
class SearchQuery:
    """The query and its filters, as the search page's URL carries them."""

    q: str = ""
    kind: str = ""
    region: str = ""
    indicator: str = ""
    language: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> SearchQuery:
        """The query from URL parameters (an unknown kind is ignored)."""
        kind = params.get("kind", "").strip()
        return cls(q=params.get("q", "").strip()[:200], kind=kind if kind in FACT_KINDS else "",
                   region=params.get("region", "").strip()[:100], indicator=params.get("indicator", "").strip()[:100],
                   language=params.get("language", "").strip()[:10])


@dataclass
class Hit:
    """One thing stated (a target, a figure, a rank, an entity), with its facts in every language."""

    kind: str
    region: str | None
    metric: str | None
    facts: list[Fact] = field(default_factory=list)
    target: str | None = None  # the reconciled target's id, for targets

    def languages(self) -> list[str]:
        """The languages that state it, sorted."""
        return sorted({f.language or "" for f in self.facts})

    def per_language(self) -> list[tuple[str, Fact, int]]:
        """(language, its first fact, how many more in that language)."""
        grouped: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            grouped[fact.language or ""].append(fact)
        return [(lang, found[0], len(found) - 1) for lang, found in sorted(grouped.items())]

    @property
    def first(self) -> Fact:
        return self.facts[0]


def _hit_key(fact: Fact) -> tuple[Any, ...]:
    """What makes two facts the same statement: kind, region, indicator (or its words), value, deadline, year."""
    what = fact.metric or key(str(fact.payload.get("name") or fact.metric_text or fact.quote[:60]))
    return (fact.kind, fact.subject.id if fact.subject else None, what, fact.value, fact.deadline,
            (fact.period or "")[:4], fact.scope)


def _resolve(q: str) -> tuple[list[str], list[str]]:
    """The indicators and regions the query names, in any language (exact names first, then names inside it)."""
    catalog = overview._catalog()
    if catalog is None or not q:
        return [], []
    indicators: list[str] = []
    exact = catalog.indicators.get(q) or next((i for i in catalog.indicators.values()
                                               if key(q) in {key(n) for n in _all_names(i)}), None)
    if exact is not None:
        indicators.append(exact.id)
    for mention in catalog.find_indicators(q):
        if mention.id not in indicators:
            indicators.append(mention.id)
    regions = []
    for mention in catalog.find_regions(q):
        if mention.id not in regions:
            regions.append(str(mention.id))
    return indicators, regions


def _all_names(entry: Any) -> set[str]:
    return {*entry.labels.values(), *(n for names in entry.synonyms.values() for n in names)}


def names_of(indicator: str) -> list[str]:
    """Every label and synonym of an indicator, longest first (to mark them in quotes)."""
    catalog = overview._catalog()
    entry = catalog.indicators.get(indicator) if catalog is not None else None
    if entry is None:
        return []
    return sorted(_all_names(entry), key=len, reverse=True)


def search(store: Store, query: SearchQuery) -> dict[str, Any]:
    """Hits (merged across languages), the regions and indicators the query names, and the filter choices."""
    indicators, regions = _resolve(query.q)
    kind = query.kind or None
    region = query.region or None
    language = query.language or None
    facts: dict[str, Fact] = {}
    wanted = [query.indicator] if query.indicator else indicators
    # "R&D intensity Lombardia": the indicator's facts about the regions named; a region alone: all its facts
    within: list[str | None] = [region] if region else (list(regions) or [None])
    for indicator in wanted:
        for place in within:
            for fact in store.list_facts(metric=indicator, kind=kind, region=place, language=language, limit=LIMIT):
                facts.setdefault(fact.id, fact)
    if not wanted:
        for place in ([region] if region else regions):
            for fact in store.list_facts(region=place, kind=kind, language=language, limit=LIMIT):
                facts.setdefault(fact.id, fact)
    if query.q:
        for fact in store.search_facts(query.q, limit=LIMIT, kind=kind, region=region, language=language,
                                       metric=query.indicator or None):
            facts.setdefault(fact.id, fact)
    found = [f for f in facts.values() if f.kind != "glossary" or kind == "glossary"]
    hits = _merge(store, found)
    hits.sort(key=lambda h: (KIND_ORDER.index(h.kind) if h.kind in KIND_ORDER else 99, -len(h.languages()),
                             h.region or "", h.metric or ""))
    choices = {
        "kind": sorted({h.kind for h in hits} | ({query.kind} if query.kind else set()),
                       key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99),
        "region": sorted({h.region for h in hits if h.region} | ({query.region} if query.region else set())),
        "indicator": sorted({h.metric for h in hits if h.metric} | ({query.indicator} if query.indicator else set())),
        "language": sorted({f.language for f in found if f.language} | ({query.language} if query.language else set())),
    }
    return {"hits": hits, "indicators": indicators, "regions": regions, "choices": choices, "facts": len(found)}


def _merge(store: Store, facts: list[Fact]) -> list[Hit]:
    """One hit per statement: same kind, region, indicator, value and date; entities through their groups."""
    from riso.services.region_view import entity_groups

    hits: dict[tuple[Any, ...], Hit] = {}
    entities = [f for f in facts if f.kind == "entity"]
    by_region: dict[str | None, list[Fact]] = defaultdict(list)
    for fact in entities:
        by_region[fact.subject.id if fact.subject else None].append(fact)
    for region, found in by_region.items():
        # the region's entity groups merge the names of one hub across languages; only the groups found count
        every = store.list_facts(region=region, kind="entity", limit=2000) if region else found
        ids = {f.id for f in found}
        for group in entity_groups(store, every):
            if any(f.id in ids for f in group.facts):
                hit = Hit("entity", region, None, list(group.facts))
                hits[("entity", region, id(group))] = hit
    for fact in facts:
        if fact.kind == "entity":
            continue
        k = _hit_key(fact)
        if k not in hits:
            hits[k] = Hit(fact.kind, fact.subject.id if fact.subject else None, fact.metric)
        hits[k].facts.append(fact)
    targets = [h for h in hits.values() if h.kind == "target" and h.region]
    for region in {h.region for h in targets}:
        owner = {fid: t.id for t in overview.list_targets(store, region=region) for fid in t.facts}
        for hit in targets:
            if hit.region == region:
                hit.target = next((owner[f.id] for f in hit.facts if f.id in owner), None)
    return list(hits.values())
