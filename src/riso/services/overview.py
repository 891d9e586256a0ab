"""What the API and the dashboard show, computed once: regions, indicators, targets with progress, stories, index.

Other stages land in parallel; each function uses the stage when it is installed and otherwise says so
(``available: False``) rather than inventing data.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from typing import Any

from riso.errors import RisoError
from riso.model import Fact, Target
from riso.store import Store

__all__ = [
    "clusters_of",
    "completion",
    "fact_view",
    "find_function",
    "index_results",
    "indicator_label",
    "indicators",
    "list_targets",
    "region_index",
    "regions",
    "stories",
    "story",
    "target_progress",
    "targets_with_progress",
]

JSON = dict[str, Any]
log = logging.getLogger("riso.services")


def find_function(module: str, *names: str) -> Callable[..., Any] | None:
    """The first of ``names`` that ``module`` defines, or None when the module or names are absent."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


_CATALOG: list[Any] = []  # [catalog or None, monotonic time it was loaded]


def _catalog() -> Any | None:
    """The catalog, or None when it is not installed or its data files do not load (logged, retried after 60 s)."""
    if _CATALOG and (_CATALOG[0] is not None or time.monotonic() - _CATALOG[1] < 60):
        return _CATALOG[0]
    load = find_function("riso.catalog", "load_catalog")
    found = None
    if load is not None:
        try:
            found = load()
        except RisoError as err:
            log.warning("the catalog could not be loaded: %s", err)
    _CATALOG[:] = [found, time.monotonic()]
    return found


def _values(found: Any) -> list[Any]:
    if found is None:
        return []
    return list(found.values()) if hasattr(found, "values") else list(found)


_REGIONS: dict[int, tuple[object, int | None, dict[str, Any]]] = {}  # id(store) -> (store, fact_changes(), views)


def _region_views(store: Store) -> dict[str, Any]:
    """The region list and its indexes (filled on first use), kept per store until its facts change
    (``fact_changes``, which every process's fact writes advance)."""
    changes = store.fact_changes()
    kept = _REGIONS.get(id(store))
    if changes is not None and kept is not None and kept[0] is store and kept[1] == changes:
        return kept[2]
    views: dict[str, Any] = {"list": _count_regions(store)}
    if changes is not None:
        _REGIONS.clear()  # one store per process in practice: keep the newest only
        _REGIONS[id(store)] = (store, changes, views)
    return views


def regions(store: Store) -> list[JSON]:
    """Every region with facts or in the gazetteer: id, name, names, level, fact counts by kind (callers must not
    change the list: it is kept until the facts change)."""
    return list(_region_views(store)["list"])


def region_index(store: Store) -> dict[str, JSON]:
    """The regions of `regions` by id (kept as the list is; callers must not change it)."""
    views = _region_views(store)
    if "by_id" not in views:
        views["by_id"] = {r["id"]: r for r in views["list"]}
    return views["by_id"]  # type: ignore[no-any-return]


def clusters_of(store: Store, region_id: str) -> list[str]:
    """The ids of the regions (clusters) that list ``region_id`` among their members."""
    views = _region_views(store)
    if "clusters" not in views:
        clusters: dict[str, list[str]] = {}
        for r in views["list"]:
            for member in r.get("members") or []:
                clusters.setdefault(member, []).append(r["id"])
        views["clusters"] = clusters
    return list(views["clusters"].get(region_id, []))


def _count_regions(store: Store) -> list[JSON]:
    counts: dict[str, JSON] = {}
    for row in store.fact_subjects():
        entry = counts.setdefault(row["subject_id"], {"name": row["subject_name"], "facts": {}})
        entry["facts"][row["kind"]] = int(row["n"])
    out: dict[str, JSON] = {}
    catalog = _catalog()
    for region in _values(getattr(catalog, "regions", None)):
        region_id = region.id
        if region_id not in counts and region.level not in ("city", "province", "cluster"):
            continue
        out[region_id] = {
            "id": region_id,
            "name": region.name,
            "names": dict(region.names),
            "level": region.level,
            "parent": region.parent,
            "members": list(region.members),
            "facts": counts.get(region_id, {}).get("facts", {}),
        }
    for region_id, entry in counts.items():
        if region_id not in out:
            out[region_id] = {
                "id": region_id,
                "name": entry["name"],
                "names": {},
                "level": None,
                "parent": None,
                "members": [],
                "facts": entry["facts"],
            }
    return sorted(out.values(), key=lambda r: (-sum(r["facts"].values()), r["id"]))


def indicators(store: Store) -> tuple[list[JSON], bool]:
    """Catalog indicators, and whether the catalog is installed."""
    catalog = _catalog()
    if catalog is None:
        return [], False
    items = []
    for ind in _values(getattr(catalog, "indicators", None)):
        items.append(
            {
                "id": ind.id,
                "label": ind.label,
                "labels": dict(ind.labels),
                "unit": ind.unit,
                "direction": ind.direction,
                "kind": ind.kind,
                "definition": ind.definition,
                "source": ind.source,
            }
        )
    return sorted(items, key=lambda i: i["id"]), True


def indicator_label(indicator: str | None, language: str) -> str | None:
    """The catalog label of an indicator in a language (English as fallback), or None."""
    catalog = _catalog()
    if catalog is None or indicator is None:
        return None
    found = _values(getattr(catalog, "indicators", None))
    entry = next((i for i in found if i.id == indicator), None)
    if entry is None:
        return None
    return str(entry.labels.get(language) or entry.label)


def list_targets(store: Store, *, region: str | None = None) -> list[Target]:
    """Stored targets; before the targets stage stores any, the ones the target facts state."""
    stored = getattr(store, "list_targets", None)
    if stored is not None:
        try:
            found = list(stored(region=region)) if region else list(stored())
        except TypeError:
            found = [t for t in stored() if region is None or t.region == region]
        if found:
            return found
    from riso.link import reconcile_targets

    facts = store.list_facts(kind="target", region=region)
    story_of = {d: None for d in {f.document for f in facts}}
    return reconcile_targets(facts, story_of)


def target_progress(store: Store, target: Target) -> JSON:
    """A target with null progress fields and its source facts (used when the progress stage is absent)."""
    facts = [fact_view(store, f) for f in _facts_of(store, target)]
    base: JSON = {
        "target": {
            "id": target.id,
            "region": target.region,
            "indicator": target.indicator,
            "metric_text": target.metric_text,
            "value": target.value,
            "comparator": target.comparator,
            "unit": target.unit,
            "deadline": target.deadline,
        },
        "status": None,
        "latest": None,
        "actual_cagr": None,
        "required_cagr": None,
        "ratio": None,
        "projection": None,
        "sources": facts,
    }
    return base


def targets_with_progress(store: Store, *, region: str | None = None) -> tuple[list[JSON], bool]:
    """Every target (of a region) as the progress JSON object, and whether the progress stage assessed them.

    With the progress stage: ``{id, target, status, status_text, latest, start, actual_cagr, required_cagr, ratio,
    projection, series, sources}``; without it, the same keys with null progress and the source facts.
    """
    records = find_function("riso.services.progress", "progress_records")
    if records is None:
        items = [target_progress(store, t) for t in list_targets(store, region=region)]
        for item in items:
            item["id"] = item["target"]["id"]
            item["series"] = []
            item["sources"] = [_source(f) for f in item["sources"]]
        return items, False
    return list(records(store, region=region)), True


def _source(fact: JSON) -> JSON:
    return {"kind": "document", "quote": fact["quote"], "language": fact["language"], "document": fact["document"],
            "source": (fact.get("evidence") or {}).get("source"), "fact": fact["id"]}


def completion(item: JSON) -> float | None:
    """How far a target is reached, 0..1: from the start value to the target when known, else latest / target."""
    latest, start, goal = item.get("latest"), item.get("start"), item["target"].get("value")
    if not latest or latest.get("value") is None or goal is None:
        return None
    value = float(latest["value"])
    if start and start.get("value") is not None and float(goal) != float(start["value"]):
        share = (value - float(start["value"])) / (float(goal) - float(start["value"]))
    else:
        share = value / float(goal) if goal else 0.0
    return max(0.0, min(1.0, share))


def _facts_of(store: Store, target: Target) -> list[Fact]:
    out = []
    for fact_id in target.facts:
        try:
            out.append(store.get_fact(fact_id))
        except LookupError:
            continue
    return out


def fact_view(store: Store, fact: Fact) -> JSON:
    """A fact's contract JSON plus its evidence: the document's title, source, language and story."""
    data = fact.to_json()
    try:
        doc = store.get_document(fact.document)
    except LookupError:
        data["evidence"] = None
        return data
    data["evidence"] = {
        "document": doc.id,
        "title": doc.title,
        "source": doc.source,
        "language": fact.language or doc.language,
        "story": doc.story,
        "passage": fact.quote,
    }
    return data


def stories(store: Store) -> list[JSON]:
    """Stories (documents that are versions of one another): id, title, languages, document ids."""
    return [s.model_dump(mode="json") for s in store.list_stories()]


def story(store: Store, story_id: str) -> JSON:
    """One story; raises NotFound."""
    return store.get_story(story_id).model_dump(mode="json")


def index_results(store: Store, *, name: str | None = None) -> tuple[list[JSON], bool]:
    """Saved composite-index results as rows (index, region, score, rank, rank_low/high) and whether any exist."""
    names = [r["name"] for r in store.list_index_results()]
    if name is not None:
        names = [n for n in names if n == name]
    rows: list[JSON] = []
    for index_name in names:
        saved = store.load_index_result(index_name)
        top = saved.get("top")
        bounds = {u["uCode"]: u for u in saved.get("uncertainty") or []}
        for row in saved.get("scores") or []:
            unit = row.get("uCode")
            bound = bounds.get(unit, {})
            rows.append(
                {
                    "index": index_name,
                    "region": unit,
                    "score": row.get(top) if top else None,
                    "rank": row.get("Rank"),
                    "rank_median": bound.get("median"),
                    "rank_low": bound.get("q5"),
                    "rank_high": bound.get("q95"),
                }
            )
    return rows, bool(names)
