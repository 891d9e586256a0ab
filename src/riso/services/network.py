"""Network services: a region's ecosystem, an actor's page, national analytics, chain maps and exports.

The CLI, the API and the web pages all call these; each returns JSON-ready data.
"""

from __future__ import annotations

import csv
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from riso.catalog import Catalog, load_catalog
from riso.errors import BadRequest, ConfigError, NotFound
from riso.model import ACTOR_TYPES, Actor, Relation
from riso.network import chains as chain_lib
from riso.network import graph as graph_lib
from riso.store import Store

__all__ = [
    "CLUSTERS",
    "actor_json",
    "actor_page",
    "analytics",
    "chain_view",
    "cluster_cooperation",
    "compute_metrics",
    "correct_type",
    "ecosystem",
    "export_graph",
    "parse_after",
    "place_actor",
    "region_ids",
    "triple_helix_by_region",
]

CLUSTERS = ("cn-yrd", "cn-gba", "cn-chengdu-chongqing-circle")
_EVIDENCE_SHOWN = 5


def region_ids(region: str, catalog: Catalog | None = None) -> list[str]:
    """A region and every region inside it (a province's cities, a cluster's members and their cities)."""
    catalog = catalog or load_catalog()
    try:
        root = catalog.region(region)
    except Exception as err:
        raise NotFound(f"no region {region!r} in the gazetteer", hint="Use an id such as CN-CQ or cn-yrd.") from err
    found = {root.id, *root.members}
    changed = True
    while changed:
        changed = False
        for r in catalog.regions.values():
            if r.id not in found and r.parent in found and r.level in ("province", "city", "district"):
                found.add(r.id)
                changed = True
    return sorted(found)


def _province_of(region: str | None, catalog: Catalog) -> str | None:
    while region is not None:
        r = catalog.regions.get(region)
        if r is None or r.level in ("province", "country"):
            return region
        region = r.parent
    return None


def actor_json(a: Actor, lang: str = "en") -> dict[str, object]:
    """An actor as the API and the pages show it in a list."""
    return {"id": a.id, "name": a.names.get(lang) or a.name, "type": a.type, "region": a.region,
            "lab_level": a.lab_level, "ownership": a.ownership, "field": a.field}


def _relation_json(r: Relation) -> dict[str, object]:
    return {"id": r.id, "source": r.source, "target": r.target, "type": r.type, "weight": r.weight,
            "period": r.period, "weak": r.weak, "label": r.label,
            "evidence": {"source": r.provenance.source, "row": r.provenance.row, "fact": r.provenance.fact,
                         "quote": r.provenance.quote}}


def _local(store: Store, region: str, catalog: Catalog) -> tuple[list[Actor], list[Relation], dict[str, Actor]]:
    """A region's actors, the relations touching them, and every actor at either end."""
    actors = store.list_actors(region=region_ids(region, catalog))
    ids = {a.id for a in actors}
    rels = store.relation_edges(actors=sorted(ids))
    others = {x for r in rels for x in (r.source, r.target)} - ids
    known = {a.id: a for a in actors}
    known.update(store.actors_by_id(sorted(others)))
    return actors, rels, known


def ecosystem(
    store: Store,
    region: str,
    *,
    actor_types: Sequence[str] = (),
    relation_types: Sequence[str] = (),
    field: str | None = None,
    lang: str = "en",
    catalog: Catalog | None = None,
    limit: int | None = None,
) -> dict[str, object]:
    """Who is in a region and who works with whom: actors (with centralities and communities), relations,
    outside partners, state key laboratories with their hosts, and the triple-helix balance.

    With ``limit`` and stored analytics, a region of more actors than ``limit`` is shown by its ``limit``
    most central actors (stored eigenvector centrality) and their main outside partners, the relations
    among them, and counts from the stored aggregates (``_ecosystem_top``): the page of a region with
    tens of thousands of actors reads neither all their relations nor the whole relation table."""
    catalog = catalog or load_catalog()
    run = store.metrics_run() if limit is not None else None
    if run is not None and limit is not None:
        regions = region_ids(region, catalog)
        by_type = store.count_actors_by_type(regions)
        if sum(by_type.values()) > limit:
            return _ecosystem_top(store, region, regions, run, by_type, limit=limit, actor_types=actor_types,
                                  relation_types=relation_types, field=field, lang=lang)
    actors, all_rels, known = _local(store, region, catalog)
    local_ids = {a.id for a in actors}
    rels = all_rels
    if relation_types:
        rels = [r for r in rels if r.type in set(relation_types)]

    def keep(a: Actor) -> bool:
        return (not actor_types or a.type in actor_types) and (field is None or a.field == field)

    shown = {i for i, a in known.items() if keep(a)}
    rels = [r for r in rels if r.source in shown and r.target in shown]
    nodes = sorted(local_ids & shown | {x for r in rels for x in (r.source, r.target)})
    run = store.metrics_run()
    if run is not None:  # the whole network's analytics, computed once by `riso network compute`
        stored = store.metrics_of(nodes)
        cents = {i: graph_lib.Centrality(i, int(m["degree"]), float(m["betweenness"]), float(m["betweenness_norm"]),
                                         float(m["eigenvector"])) for i, m in stored.items()}
        comms = {i: m["community"] for i, m in stored.items() if m["community"] is not None}
        provenance: dict[str, object] = {"scope": "network", **_run_json(run)}
    else:  # nothing stored (a small store): this ecosystem's own graph, computed now
        g = graph_lib.build_graph(nodes, rels)
        cents = {c.actor: c for c in graph_lib.centralities(g)}
        comms = graph_lib.communities(g)
        method = graph_lib.betweenness_method(len(nodes), links=g.graph.ecount())
        provenance = {"scope": "region", "betweenness": method, "seed": 0}
    hosts: dict[str, list[str]] = {}
    for r in all_rels:
        if r.type == "hosting" and r.target in local_ids:
            hosts.setdefault(r.target, []).append(r.source)
    levels = ("state_key", "enterprise_state_key", "province_ministry")
    labs = [{"lab": actor_json(a, lang),
             "hosts": [actor_json(known[h], lang) for h in hosts.get(a.id, []) if h in known]}
            for a in actors if a.type == "laboratory" and a.lab_level in levels]
    nodes_json = []
    for i in nodes:
        a = known[i]
        c = cents.get(i)
        nodes_json.append({**actor_json(a, lang), "local": i in local_ids, "community": comms.get(i),
                           "degree": c.degree if c else 0, "betweenness": round(c.betweenness_norm, 4) if c else 0.0,
                           "eigenvector": round(c.eigenvector, 4) if c else 0.0})
    return {
        "region": region,
        "counts": {"actors": len(actors), "relations": len(rels),
                   "by_type": dict(sorted(Counter(a.type for a in actors).items()))},
        "nodes": sorted(nodes_json, key=lambda n: (not n["local"], -float(n["eigenvector"]), str(n["name"]))),  # type: ignore[arg-type]
        "relations": [_relation_json(r) for r in rels],
        "laboratories": sorted(labs, key=lambda d: str(d["lab"]["name"])),  # type: ignore[index]
        "triple_helix": graph_lib.triple_helix(list(known.values()), rels),
        "fields": sorted({a.field for a in actors if a.field}),
        "analytics": provenance,
    }


ECOSYSTEM_NODES = 150  # actors of a large region shown on its ecosystem page (the most central)
_PARTNER_SHARE = 3  # of them, one in three an outside partner
_LAB_LEVELS = ("state_key", "enterprise_state_key", "province_ministry")


def _ecosystem_top(store: Store, region: str, regions: Sequence[str], run: dict[str, object],
                   by_type: dict[str, int], *, limit: int, actor_types: Sequence[str], relation_types: Sequence[str],
                   field: str | None, lang: str) -> dict[str, object]:
    """A large region's ecosystem from the stored analytics: its most central actors, their main partners
    outside (most links to them), the relations among these, and counts and the triple helix from the
    stored region aggregates (all relations touching the region, not only those drawn)."""
    if not store.has_region_links():  # a run stored before the aggregates existed: count them once now
        store.save_region_links()
    partners_wanted = limit // _PARTNER_SHARE
    top = store.top_local_metrics(regions, types=actor_types, field=field, limit=limit - partners_wanted)
    local_ids = [a.id for a, _ in top]
    wider = 4 if actor_types or field is not None else 1  # partners of other types are dropped below
    tally = store.partners_of(local_ids, limit=partners_wanted * wider, relation_types=relation_types)
    candidates = store.actors_by_id([a for a, _ in tally])
    partner_ids = [a for a, _ in tally if a in candidates and (not actor_types or candidates[a].type in actor_types)
                   and (field is None or candidates[a].field == field)][:partners_wanted]
    stored = store.metrics_of(partner_ids)
    node_ids = [*local_ids, *partner_ids]
    edge_rows = {str(r["relation"]): r for r in store.links_among(local_ids, node_ids, relation_types=relation_types)
                 if r["other"] != r["actor"]}
    rels = store.relations_by_id(sorted(edge_rows))
    metric = {a.id: m for a, m in top} | stored

    def node(i: str, a: Actor, local: bool) -> dict[str, object]:
        m = metric.get(i)
        return {**actor_json(a, lang), "local": local, "community": m["community"] if m else None,
                "degree": int(m["degree"]) if m else 0,
                "betweenness": round(float(m["betweenness_norm"]), 4) if m else 0.0,
                "eigenvector": round(float(m["eigenvector"]), 4) if m else 0.0}

    nodes = [node(a.id, a, True) for a, _ in top]
    nodes += sorted((node(i, candidates[i], False) for i in partner_ids),
                    key=lambda n: (-float(n["eigenvector"]), str(n["name"])))  # type: ignore[arg-type]
    sums = store.region_link_counts(regions, relation_types=relation_types, actor_types=actor_types) \
        if field is None else []
    helix: Counter[str] = Counter()
    by_relation: Counter[str] = Counter()
    for r in sums:
        helix["-".join(sorted((graph_lib.helix_of(r["type_s"]), graph_lib.helix_of(r["type_t"]))))] += int(r["n"])
        by_relation[str(r["type"])] += int(r["n"])
    sectors: Counter[str] = Counter()
    for kind, n in by_type.items():
        sectors[graph_lib.helix_of(kind)] += n
    labs = store.laboratories(regions, _LAB_LEVELS)
    hosts: dict[str, list[str]] = {}
    for r in store.links_among([a.id for a in labs], relation_types=["hosting"]):
        if not r["outgoing"]:
            hosts.setdefault(str(r["actor"]), []).append(str(r["other"]))
    host_actors = store.actors_by_id(sorted({h for hs in hosts.values() for h in hs}))
    total = sum(by_type.values())
    return {
        "region": region,
        "counts": {"actors": total, "relations": sum(by_relation.values()) if field is None else None,
                   "by_type": dict(sorted(by_type.items())), "relations_by_type": dict(sorted(by_relation.items()))},
        "nodes": nodes,
        "relations": [_relation_json(r) for r in rels],
        "laboratories": [{"lab": actor_json(a, lang),
                          "hosts": [actor_json(host_actors[h], lang) for h in hosts.get(a.id, []) if h in host_actors]}
                         for a in labs],
        "triple_helix": graph_lib.triple_helix_of_counts(helix, sectors),
        "fields": store.actor_fields(regions),
        "analytics": {"scope": "network", **_run_json(run)},
        "shown": {"local": len(top), "partners": len(partner_ids), "of": total},
    }


def _run_json(run: dict[str, object]) -> dict[str, object]:
    at = run.get("computed_at")
    return {"run": run["run"], "computed_at": at.isoformat(timespec="seconds") if hasattr(at, "isoformat") else at,
            "actors": run["actors"], "relations": run["relations"], "links": run["links"],
            "betweenness": run["betweenness"], "seed": run["seed"], "communities": run["communities"]}


def compute_metrics(store: Store, *, sources: int | None = None, seed: int = 0,
                    timings: dict[str, float] | None = None,
                    progress: Callable[[str, float, float], None] | None = None) -> dict[str, object]:
    """Whole-network analytics, stored for the pages: degree, strength, betweenness (exact up to
    ``graph.EXACT_BETWEENNESS_UP_TO`` actors, else estimated from sampled sources, seeded), eigenvector
    centrality and Leiden communities of every canonical actor, and the per-region link counts the pages
    of large regions read. Returns the run's record. Each step (read, graph, centralities, communities,
    strength, save, region aggregates) goes to ``timings`` (when
    given) as wall and CPU seconds, and to ``progress(step, wall, cpu)`` as soon as it ends. The columns
    stay NumPy arrays from the store's read to its bulk write (no Python object per actor or link)."""
    clock = {} if timings is None else timings
    t0 = last = time.perf_counter()
    last_cpu = time.process_time()

    def lap(step: str, child_cpu: float = 0.0) -> None:  # wall and CPU seconds of each step
        nonlocal last, last_cpu
        now, cpu = time.perf_counter(), time.process_time()
        spent = cpu - last_cpu + child_cpu
        clock[step], clock[f"{step} CPU"] = round(now - last, 2), round(spent, 2)
        if progress is not None:
            progress(step, now - last, spent)
        last, last_cpu = now, cpu

    ids, lo, hi, weights = store.edge_index()
    lap("read")
    g = graph_lib.build_graph_arrays(ids, lo, hi, weights)
    del lo, hi
    lap("graph")
    links = g.graph.ecount()
    method = graph_lib.betweenness_method(len(ids), sources=sources, links=links)
    between = graph_lib.start_betweenness(g, sources=sources, seed=seed)  # on the other core when large
    community = graph_lib.leiden_membership(g.graph, seed=seed)
    lap("communities (Leiden)")
    column, between_cpu = between()
    cents = graph_lib.centrality_columns(g, betweenness=column)
    lap(f"centralities (degree, eigenvector, betweenness {method})", between_cpu)  # its CPU: with Leiden's wall
    strength = g.graph.strength(weights="weight") if links else [0.0] * len(ids)
    lap("strength")
    columns: dict[str, Any] = {  # NumPy arrays, written as one Arrow table
        "actor": ids, "degree": cents["degree"], "strength": np.asarray(strength, dtype=np.float64),
        "betweenness": cents["betweenness"], "betweenness_norm": cents["betweenness_norm"],
        "eigenvector": cents["eigenvector"], "community": community,
    }
    run: dict[str, object] = {
        "actors": len(ids), "relations": store.count_relations(), "links": links,
        "betweenness": method, "seed": seed,
        "communities": len(np.unique(community)), "seconds": round(time.perf_counter() - t0, 2),
    }
    number = store.save_metrics(columns, run)
    lap("save")
    store.save_region_links()  # per-region counts for the pages of large regions
    lap("region aggregates")
    return {"run": number, **run}


ACTOR_PAGE_RELATIONS = 100
ACTOR_PAGE_PER_TYPE = 20  # relations of each type on an actor's first page


def parse_after(after: str | None) -> tuple[float, str] | None:
    """A keyset cursor ``weight:relation id`` (the last relation of a page) as (weight, id); raises BadRequest."""
    if not after:
        return None
    weight, _, rel = after.partition(":")
    try:
        value = float(weight)
    except ValueError:
        value = None
    if value is None or not rel:
        raise BadRequest(f"bad relation cursor {after!r}", hint="Use the page's 'more relations' link.")
    return value, rel


def actor_page(store: Store, actor_id: str, *, lang: str = "en", limit: int = ACTOR_PAGE_RELATIONS, offset: int = 0,
               relation_type: str | None = None, after: str | None = None,
               per_type: int = ACTOR_PAGE_PER_TYPE) -> dict[str, object]:
    """An actor with its provenance, the actors merged into it, its relation counts by type (stored), and
    its relations with evidence: on the first page the ``per_type`` heaviest of each type; with
    ``relation_type`` (or ``offset``) one page of ``limit`` heaviest first, from ``offset`` or after the
    keyset cursor ``after`` (``next_after`` of the page before; ``offset`` then only numbers the rows)."""
    actor = store.get_actor(actor_id)
    members = store.members_of(actor.id)  # read once: each store call below takes them (a query less each)
    counts = store.link_counts(members)
    cursor = parse_after(after) if relation_type else None
    by_type = relation_type is None and offset == 0
    if by_type:
        links = store.first_links(members, per_type=per_type)
    else:
        links = store.link_page(members, limit=limit, offset=0 if cursor else offset, type=relation_type,
                                after=cursor)
    rels = store.relations_by_id([str(r["relation"]) for r in links])
    ends = {x for r in rels for x in (r.source, r.target)} - set(members)
    others = store.actors_by_id(sorted(ends))
    items = []
    for r in rels:
        outgoing = r.source in members
        other = others.get(r.target if outgoing else r.source)
        items.append({**_relation_json(r), "direction": "out" if outgoing else "in",
                      "other": actor_json(other, lang) if other else None})
    merges = [m for m in store.list_merges() if m["winner"] == actor.id or m["loser"] in members]
    total = counts.get(relation_type, 0) if relation_type else sum(counts.values())
    more = not by_type and relation_type is not None and rels and offset + len(rels) < total
    return {
        "actor": {**actor.model_dump(mode="json", exclude={"sources"}), "helix": graph_lib.helix_of(actor.type)},
        "sources": [p.model_dump(mode="json") for p in actor.sources],
        "members": members[1:],
        "merges": merges,
        "relations": items,
        "counts": counts,
        "total": total,
        "offset": offset, "limit": limit, "relation_type": relation_type,
        "per_type": per_type if by_type else None,
        "more_types": [k for k, n in counts.items() if n > per_type] if by_type else [],
        "next_after": f"{rels[-1].weight!r}:{rels[-1].id}" if more else None,
        "metrics": _metrics_json(store, actor.id),
    }


def _metrics_json(store: Store, actor_id: str) -> dict[str, object] | None:
    run = store.metrics_run()
    if run is None:
        return None
    m = store.metrics_of([actor_id]).get(actor_id)
    if m is None:
        return None
    return {"degree": m["degree"], "betweenness": round(float(m["betweenness_norm"]), 6),
            "eigenvector": round(float(m["eigenvector"]), 6), "community": m["community"], **_run_json(run)}


def analytics(store: Store, *, region: str | None = None, top: int = 20,
              catalog: Catalog | None = None) -> dict[str, object]:
    """Centralities, communities and regional brokers of the whole network (or one region's part).

    The whole network with a stored run (`riso network compute`) is read from the store, not recomputed;
    brokers are then left to the region-wise call (counting brokered pairs costs partners squared per actor)."""
    catalog = catalog or load_catalog()
    run = store.metrics_run() if region is None else None
    if run is not None:
        return _stored_analytics(store, run, top)
    actors = store.list_actors(region=region_ids(region, catalog) if region else None)
    rels = store.relation_edges(actors=[a.id for a in actors] if region else None)
    by_id = {a.id: a for a in actors}
    g = graph_lib.build_graph([a.id for a in actors], rels)
    cents = graph_lib.centralities(g)
    comms = graph_lib.communities(g)
    province = {a.id: _province_of(a.region, catalog) for a in actors}
    brokers = graph_lib.brokers(g, province, top=top)
    sizes = Counter(comms.values())

    def row(c: graph_lib.Centrality) -> dict[str, object]:
        a = by_id[c.actor]
        return {"actor": c.actor, "name": a.name, "type": a.type, "region": a.region, "degree": c.degree,
                "betweenness": round(c.betweenness_norm, 5), "eigenvector": round(c.eigenvector, 5),
                "community": comms.get(c.actor)}

    return {
        "region": region, "actors": len(actors), "relations": g.graph.ecount(),
        "degree": [row(c) for c in sorted(cents, key=lambda c: (-c.degree, c.actor))[:top]],
        "betweenness": [row(c) for c in sorted(cents, key=lambda c: (-c.betweenness, c.actor))[:top]],
        "eigenvector": [row(c) for c in sorted(cents, key=lambda c: (-c.eigenvector, c.actor))[:top]],
        "communities": [{"community": k, "size": n,
                         "members": sorted(by_id[a].name for a, c in comms.items() if c == k)[:8]}
                        for k, n in sorted(sizes.items())[:top]],
        "brokers": [{"actor": b.actor, "name": by_id[b.actor].name, "region": by_id[b.actor].region,
                     "score": b.score, "regions": list(b.regions)} for b in brokers],
    }


def _stored_analytics(store: Store, run: dict[str, object], top: int) -> dict[str, object]:
    def rows(by: str) -> list[dict[str, object]]:
        return [{"actor": m["actor"], "name": m["name"], "type": m["type"], "region": m["region"],
                 "degree": m["degree"], "betweenness": round(float(m["betweenness_norm"]), 5),
                 "eigenvector": round(float(m["eigenvector"]), 5), "community": m["community"]}
                for m in store.top_metrics(by, limit=top)]

    return {
        "region": None, "actors": run["actors"], "relations": run["links"], "analytics": _run_json(run),
        "degree": rows("degree"), "betweenness": rows("betweenness"), "eigenvector": rows("eigenvector"),
        "communities": [{"community": c["community"], "size": c["size"],
                         "members": store.community_members(int(c["community"]), limit=8)}
                        for c in store.community_sizes(limit=top)],
        "brokers": [], "brokers_note": "brokers between provinces are counted per region: add region=",
    }


def triple_helix_by_region(store: Store, *, catalog: Catalog | None = None) -> list[dict[str, object]]:
    """The triple-helix balance of every province with actors."""
    catalog = catalog or load_catalog()
    actors = store.list_actors()
    rels = store.relation_edges()
    by_province: dict[str, list[Actor]] = {}
    for a in actors:
        p = _province_of(a.region, catalog)
        if p:
            by_province.setdefault(p, []).append(a)
    out = []
    for p, members in sorted(by_province.items()):
        ids = {a.id for a in members}
        helix = graph_lib.triple_helix(members, [r for r in rels if r.source in ids and r.target in ids])
        out.append({"region": p, "actors": len(members), **helix})
    return out


def cluster_cooperation(store: Store, *, clusters: Iterable[str] = CLUSTERS,
                        catalog: Catalog | None = None) -> dict[str, object]:
    """Relations between the actors of the Yangtze River Delta, the Greater Bay Area and Chengdu-Chongqing."""
    catalog = catalog or load_catalog()
    members = {c: region_ids(c, catalog) for c in clusters}
    actors = store.list_actors()
    region_of = {a.id: a.region for a in actors}
    matrix = graph_lib.cluster_cooperation(region_of, store.relation_edges(), members)
    counts = {c: sum(1 for a in actors if a.region in set(m)) for c, m in members.items()}
    return {"clusters": list(clusters), "actors": counts, "relations": matrix,
            "note": "a province-level actor of Guangdong counts for the Greater Bay Area only when its name "
                    "places it in one of the Area's cities"}


def chain_view(store: Store, chain_id: str, region: str, *, catalog: Catalog | None = None) -> dict[str, object]:
    """One chain in one region: segments with local actors, gaps with partner regions, leader candidates."""
    catalog = catalog or load_catalog()
    chains = chain_lib.load_chains()
    if chain_id not in chains:
        raise NotFound(f"no industry chain {chain_id!r}", hint=f"Chains: {', '.join(sorted(chains))}.")
    chain = chains[chain_id]
    actors = store.list_actors()
    rels = store.relation_edges()
    placements = chain_lib.place_actors(chain, actors, rels, editor=store.list_placements(chain_id))
    view = chain_lib.chain_map(chain, region_ids(region, catalog), actors, placements, rels)
    for seg in view["segments"]:  # type: ignore[attr-defined]
        for item in seg["local"]:
            item["evidence"] = item["evidence"][:_EVIDENCE_SHOWN]
    return {"region": region, **view}


def export_graph(store: Store, region: str, *, fmt: str = "graphml", catalog: Catalog | None = None) -> str:
    """A region's ecosystem graph as GraphML or as a CSV edge list (with both ends' names and evidence)."""
    data = ecosystem(store, region, catalog=catalog)
    nodes: list[dict[str, object]] = data["nodes"]  # type: ignore[assignment]
    edges: list[dict[str, object]] = data["relations"]  # type: ignore[assignment]
    names = {str(n["id"]): str(n["name"]) for n in nodes}
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["source", "source_name", "target", "target_name", "type", "weight", "period", "weak",
                    "evidence_source", "evidence_row"])
        for e in edges:
            ev: dict[str, object] = e["evidence"]  # type: ignore[assignment]
            w.writerow([e["source"], names.get(str(e["source"]), ""), e["target"], names.get(str(e["target"]), ""),
                        e["type"], e["weight"], e["period"] or "", e["weak"], ev["source"], ev["row"] or ""])
        return buf.getvalue()
    if fmt != "graphml":
        raise ConfigError(f"unknown graph format {fmt!r}", hint="Use graphml or csv.")
    keys = [("name", "node", "string"), ("type", "node", "string"), ("region", "node", "string"),
            ("eigenvector", "node", "double"), ("relation", "edge", "string"), ("weight", "edge", "double"),
            ("evidence", "edge", "string")]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    out += [f'<key id="{k}" for="{f}" attr.name="{k}" attr.type="{t}"/>' for k, f, t in keys]
    out.append('<graph id="G" edgedefault="directed">')
    for n in nodes:
        out.append(f"<node id={quoteattr(str(n['id']))}><data key=\"name\">{escape(str(n['name']))}</data>"
                   f"<data key=\"type\">{escape(str(n['type']))}</data>"
                   f"<data key=\"region\">{escape(str(n['region'] or ''))}</data>"
                   f"<data key=\"eigenvector\">{n['eigenvector']}</data></node>")
    for e in edges:
        ev = e["evidence"]  # type: ignore[assignment]
        out.append(f"<edge source={quoteattr(str(e['source']))} target={quoteattr(str(e['target']))}>"
                   f"<data key=\"relation\">{escape(str(e['type']))}</data><data key=\"weight\">{e['weight']}</data>"
                   f"<data key=\"evidence\">{escape(str(ev['source']))} {escape(str(ev['row'] or ''))}</data></edge>")
    out += ["</graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def place_actor(store: Store, chain_id: str, segment: str, actor: str, *, placed: bool = True, by: str = "editor",
                note: str | None = None) -> str:
    """An editor places an actor on a chain segment (or takes it off); checks the chain and the segment.
    Returns the canonical actor id."""
    chains = chain_lib.load_chains()
    if chain_id not in chains:
        raise NotFound(f"no industry chain {chain_id!r}", hint=f"Chains: {', '.join(sorted(chains))}.")
    chains[chain_id].segment(segment)  # raises NotFound naming the chain's segments
    store.set_placement(chain_id, segment, actor, placed=placed, by=by, note=note or None)
    return store.canonical_id(actor)


def correct_type(store: Store, actor: str, actor_type: str, *, by: str = "editor") -> str:
    """An editor corrects an actor's type (one of ``model.ACTOR_TYPES``). Returns the canonical actor id."""
    if actor_type not in ACTOR_TYPES:
        raise BadRequest(f"unknown actor type {actor_type!r}", hint=f"Types: {', '.join(ACTOR_TYPES)}.")
    store.set_actor_type(actor, actor_type, by=by)
    return store.canonical_id(actor)
