"""What a region page shows beyond its target cards: the summary, measured data, the strategy entities once
across languages, rankings and reported figures, cluster membership. Every query is by region (indexed) and paged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from riso.catalog._fold import key
from riso.model import Fact
from riso.services import overview
from riso.services.targets_table import STATUS_GROUP
from riso.store import Store

__all__ = [
    "GROUPS",
    "HEADING_ORDER",
    "PAGE",
    "EntityGroup",
    "entity_groups",
    "index_rank",
    "latest_changes",
    "observations_page",
    "rank_rows",
    "status_summary",
]

HEADING_ORDER = ("strategy", "hub", "zone", "corridor", "platform", "alliance", "cluster", "entity")
GROUPS = ("on_track", "at_risk", "off_track", "not_assessable")
PAGE = 50
_NEAR = 0.05  # translations put a name within 5 % of the text of where the other version has it
JSON = dict[str, Any]
# a "strategy" kind as an analyst groups them: extractor entity types -> one heading
ENTITY_HEADING = {
    "hub": "hub", "centre": "hub", "center": "hub", "city": "hub", "park": "zone", "zone": "zone",
    "corridor": "corridor", "strategy": "strategy", "plan": "strategy", "circle": "cluster", "cluster": "cluster",
    "platform": "platform", "lab": "platform", "alliance": "alliance",
}


def status_summary(cards: Iterable[JSON]) -> list[tuple[str, int]]:
    """How many targets are on track, at risk, off track and not assessable (Eurostat classes grouped)."""
    counts = Counter(STATUS_GROUP.get(str(c.get("status") or "not_assessable"), "not_assessable") for c in cards)
    return [(g, counts[g]) for g in GROUPS if counts[g]]


def index_rank(store: Store, region: str, language: str | None = None) -> JSON | None:
    """The region's rank in the first saved composite index that ranks it, with its 5-95 % interval and n (the
    index's name in ``language`` where its framework gives one)."""
    from riso.services.index import node_names

    rows, _ = overview.index_results(store)
    by_index: dict[str, list[JSON]] = defaultdict(list)
    for row in rows:
        by_index[str(row["index"])].append(row)
    for name, ranked in by_index.items():
        mine = next((r for r in ranked if r["region"] == region and r["rank"] is not None), None)
        if mine is not None:
            n = sum(1 for r in ranked if r["rank"] is not None)
            saved = store.load_index_result(name)
            meta = (saved.get("datasets") or {}).get("meta") or {}
            title = node_names(meta, language).get(str(saved.get("top") or "")) or name
            return {"index": name, "title": title, "period": meta.get("period"), "rank": int(mine["rank"]),
                    "low": mine["rank_low"], "high": mine["rank_high"], "n": n, "score": mine["score"]}
    return None


def latest_changes(store: Store, region: str, *, limit: int = 6) -> list[JSON]:
    """Per measured series (indicator and source) of the region: the latest value, the one before and the change."""
    out = []
    for row in store.latest_observations(region=region, per_series=2):
        out.append(row)
    series: dict[tuple[str, str], list[JSON]] = defaultdict(list)
    for row in out:
        series[(row["indicator"], row["source"])].append(row)
    changes = []
    for (indicator, source), points in series.items():
        points.sort(key=lambda r: str(r["period"]), reverse=True)
        last = points[0]
        before = points[1] if len(points) > 1 else None
        change = None
        if before is not None and before["value"]:
            change = (float(last["value"]) - float(before["value"])) / abs(float(before["value"]))
        changes.append({"indicator": indicator, "source": source, "unit": last["unit"], "period": last["period"],
                        "value": last["value"], "before": before, "change": change})
    changes.sort(key=lambda c: (str(c["period"]), c["indicator"]), reverse=True)
    return changes[:limit]


def observations_page(store: Store, region: str, page: int) -> tuple[list[JSON], int]:
    """One page of the region's observations (oldest series first) and how many there are."""
    total = store.count_observations(region=region)
    page = max(1, min(page, max(1, -(-total // PAGE))))
    rows = []
    for obs in store.list_observations(region=region, limit=PAGE, offset=(page - 1) * PAGE):
        item = obs.model_dump()
        item["fact"] = obs.source[5:] if obs.source.startswith("fact:") else None
        item["file"], _, item["line"] = (obs.source_row or "").rpartition(":")
        if not item["file"]:
            item["file"], item["line"] = obs.source_row, ""
        rows.append(item)
    return rows, total


def rank_rows(facts: Sequence[Fact]) -> list[JSON]:
    """Rank facts as table rows: indicator, rank, year, scope; duplicates across languages counted once."""
    seen: dict[tuple[Any, ...], JSON] = {}
    for fact in facts:
        year = (fact.period or "")[:4] or None
        found = (fact.metric or fact.metric_text or "", fact.value, year, fact.scope)
        if found in seen:
            seen[found]["languages"].add(fact.language or "")
            continue
        seen[found] = {"fact": fact, "indicator": fact.metric, "value": fact.value, "year": year,
                       "scope": fact.scope, "languages": {fact.language or ""}}
    return list(seen.values())


class EntityGroup:
    """One named hub, zone, platform, alliance or strategy, with its names in every language it is written in."""

    def __init__(self, heading: str) -> None:
        self.heading = heading
        self.facts: list[Fact] = []
        self.region: str | None = None  # a catalog region this name is (an economic circle, say)
        self.definition: tuple[str, str] | None = None  # (language, text) from a glossary entry

    def names(self) -> dict[str, str]:
        """Language -> the first name written in it."""
        out: dict[str, str] = {}
        for fact in self.facts:
            out.setdefault(fact.language or "", _name(fact))
        return out

    def shown(self, lang: str, region_names: dict[str, dict[str, str]] | None = None) -> tuple[str, str, Fact]:
        """(name, its language, the fact to link) in the UI language when written or catalogued in it."""
        if self.region and region_names and self.region in region_names:
            names = region_names[self.region]
            if names.get(lang):
                return names[lang], lang, self._fact_in(lang)
        for wanted in (lang, "en"):
            fact = next((f for f in self.facts if f.language == wanted), None)
            if fact is not None:
                return _name(fact), wanted, fact
        return _name(self.facts[0]), self.facts[0].language or "", self.facts[0]

    def _fact_in(self, lang: str) -> Fact:
        return next((f for f in self.facts if f.language == lang), self.facts[0])

    def others(self, shown_language: str) -> list[tuple[str, str, Fact]]:
        """The names in the other languages, one per language."""
        seen = {shown_language}
        out = []
        for fact in self.facts:
            if (fact.language or "") in seen:
                continue
            seen.add(fact.language or "")
            out.append((fact.language or "", _name(fact), fact))
        return sorted(out, key=lambda x: x[0])


def _name(fact: Fact) -> str:
    return str(fact.payload.get("name") or fact.metric_text or fact.quote[:80]).strip()


def _heading(fact: Fact) -> str:
    kind = str(fact.payload.get("type") or fact.payload.get("entity_type") or "entity")
    return ENTITY_HEADING.get(kind, "entity")


def entity_groups(store: Store, facts: Sequence[Fact], glossary: Sequence[Fact] = ()) -> list[EntityGroup]:
    """Entity facts merged into one group per thing named, across languages.

    Three rules, each general: the same name (folded) is one thing; a name the region gazetteer knows is that
    region (in whatever language it is written); and documents that are versions of one story (translations)
    name their entities in the same order, so the i-th hub of one version is the i-th hub of another when both
    versions name as many hubs (when the counts differ, names are paired by their relative position).
    """
    from riso.services.overview import _catalog

    catalog = _catalog()
    facts = [f for f in facts if _name(f)]
    parent = list(range(len(facts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_name: dict[str, int] = {}
    regions: dict[int, str] = {}
    for i, fact in enumerate(facts):
        name = _name(fact)
        found = _whole_region(catalog, name)
        if found is not None:
            regions[i] = found
        for k in ([f"region:{regions[i]}"] if i in regions else []) + [key(name)]:
            if k in by_name:
                union(i, by_name[k])
            else:
                by_name[k] = i
    stories = store.document_stories(sorted({f.document for f in facts}))
    per_version: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, fact in enumerate(facts):
        story = stories.get(fact.document)
        if story and i not in regions:
            per_version[(story[0], _heading(fact))][fact.document].append(i)

    def where(i: int) -> float:
        return facts[i].start / max(1, stories[facts[i].document][1])

    for versions in per_version.values():
        lists = [_unique(ids, facts) for ids in versions.values()]
        lists = [lst for lst in lists if lst]
        if len(lists) < 2:
            continue
        pivot = max(lists, key=len)
        for other in lists:
            if other is pivot:
                continue
            if len(other) == len(pivot):
                for a, b in zip(pivot, other, strict=True):
                    union(a, b)
                continue
            for j in other:  # the nearest name of the pivot version by relative position in the text
                best = min(pivot, key=lambda m: abs(where(m) - where(j)))
                if abs(where(best) - where(j)) <= _NEAR:
                    union(best, j)
    groups: dict[int, EntityGroup] = {}
    for i, fact in enumerate(facts):
        root = find(i)
        group = groups.get(root)
        if group is None:
            group = groups[root] = EntityGroup(_heading(facts[root]))
        group.facts.append(fact)
        if i in regions:
            group.region = regions[i]
            group.heading = "cluster" if group.heading == "entity" else group.heading
    definitions = {str(g.payload.get("entity")): g for g in glossary
                   if g.payload.get("definition") and not g.payload.get("uninformative")}
    for group in groups.values():
        for fact in group.facts:
            gloss = definitions.get(fact.id)
            if gloss is not None:
                group.definition = (gloss.language or "", str(gloss.payload["definition"]))
                break
    return sorted(groups.values(), key=lambda g: (g.heading, key(_name(g.facts[0]))))


def _whole_region(catalog: Any, name: str) -> str | None:
    """The gazetteer region a whole name is (an economic circle written in any language), else None."""
    if catalog is None:
        return None
    mentions = catalog.find_regions(name)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end >= len(name.rstrip(" .")):
        return str(mentions[0].id)
    return None


def _unique(ids: list[int], facts: Sequence[Fact]) -> list[int]:
    """One index per distinct name within one document (a name repeated in a text is one entity)."""
    seen: set[str] = set()
    out = []
    for i in sorted(ids, key=lambda i: facts[i].start):
        k = key(_name(facts[i]))
        if k not in seen:
            seen.add(k)
            out.append(i)
    return out
