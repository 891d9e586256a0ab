"""Network analytics with igraph: centralities, Leiden communities, regional brokers, the triple helix
and cooperation between clusters. Pure functions of actors and relations (seeded, no I/O).
"""

from __future__ import annotations

import math
import random
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import igraph as ig
import leidenalg
import numpy as np

from riso.model import Actor, ActorType, Relation

__all__ = [
    "HELIX",
    "ActorGraph",
    "Centrality",
    "betweenness_method",
    "brokers",
    "build_graph",
    "build_graph_arrays",
    "centralities",
    "cluster_cooperation",
    "communities",
    "helix_of",
    "sampled_betweenness",
    "triple_helix",
]

# Triple-helix sector of each actor type (Etzkowitz & Leydesdorff 2000): government, industry, academia;
# intermediaries (platforms, parks, incubators, alliances) are kept apart.
HELIX: dict[ActorType, str] = {
    "government": "government", "enterprise": "industry", "investor": "industry", "university": "academia",
    "research_institute": "academia", "laboratory": "academia", "platform": "intermediary", "park": "intermediary",
    "incubator": "intermediary", "alliance": "intermediary", "other": "other",
}


def helix_of(actor_type: str) -> str:
    """The triple-helix sector of an actor type."""
    return HELIX.get(actor_type, "other")  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class ActorGraph:
    """An undirected simple graph of actors; ``ids[i]`` is vertex i, edge weights summed over relations."""

    graph: ig.Graph
    ids: tuple[str, ...]

    def index(self) -> dict[str, int]:
        """Vertex index of each actor id."""
        return {a: i for i, a in enumerate(self.ids)}


def build_graph(
    actor_ids: Iterable[str],
    relations: Iterable[Relation],
    *,
    types: Iterable[str] | None = None,
    include_weak: bool = True,
) -> ActorGraph:
    """The graph of the given actors and the relations among them (of ``types`` when given)."""
    ids = tuple(dict.fromkeys(actor_ids))
    index = {a: i for i, a in enumerate(ids)}
    wanted = set(types) if types is not None else None
    weights: Counter[tuple[int, int]] = Counter()
    for rel in relations:
        if (wanted is not None and rel.type not in wanted) or (rel.weak and not include_weak):
            continue
        s, t = index.get(rel.source), index.get(rel.target)
        if s is None or t is None or s == t:
            continue
        weights[(min(s, t), max(s, t))] += 1
    graph = ig.Graph(n=len(ids), edges=list(weights), directed=False)
    graph.es["weight"] = list(weights.values())
    return ActorGraph(graph, ids)


def build_graph_arrays(
    actor_ids: Sequence[str], sources: Sequence[int], targets: Sequence[int], weights: Sequence[float]
) -> ActorGraph:
    """The graph from an edge list already numbered and summed (vertex i = ``actor_ids[i]``; one edge per
    pair): what the store's ``edge_index`` returns for a whole network, without a Relation per link."""
    edges = np.column_stack((np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)))
    graph = ig.Graph(n=len(actor_ids), edges=edges if len(edges) else [], directed=False)
    graph.es["weight"] = np.asarray(weights, dtype=np.float64).tolist()
    return ActorGraph(graph, tuple(actor_ids))


@dataclass(frozen=True)
class Centrality:
    """An actor's centralities: degree (distinct partners), betweenness (raw and normalised), eigenvector."""

    actor: str
    degree: int
    betweenness: float
    betweenness_norm: float
    eigenvector: float


EXACT_BETWEENNESS_UP_TO = 5_000  # actors; larger graphs estimate betweenness from sampled sources
BETWEENNESS_SOURCES = 32  # sampled sources above that size (each costs one breadth-first search of the graph)


def betweenness_method(n: int, *, sources: int | None = None) -> str:
    """How ``centralities`` computes betweenness on a graph of ``n`` actors: ``exact`` or ``sampled:K``."""
    k = _sources_for(n, sources)
    return "exact" if k is None else f"sampled:{k}"


def _sources_for(n: int, sources: int | None) -> int | None:
    if sources is None:
        sources = None if n <= EXACT_BETWEENNESS_UP_TO else BETWEENNESS_SOURCES
    return None if sources is None or sources >= n else max(1, sources)


def sampled_betweenness(graph: ig.Graph, sources: int, *, seed: int = 0) -> list[float]:
    """Betweenness estimated from ``sources`` actors drawn uniformly without replacement (seeded).

    Brandes' accumulation runs from the sampled sources only (igraph's subset betweenness, every actor a
    target) and is scaled by n / k: each pair of actors is counted with probability k / n, so the estimate
    is unbiased (Brandes & Pich 2007, "Centrality estimation in large networks"); its relative error falls
    as 1 / sqrt(k) and is smallest for the actors that broker the most paths. ``sources`` >= n is exact.
    """
    n = graph.vcount()
    if n == 0 or graph.ecount() == 0:
        return [0.0] * n
    if sources >= n:
        return [float(x) for x in graph.betweenness(directed=False)]
    picked = sorted(random.Random(seed).sample(range(n), sources))
    partial = graph.betweenness(directed=False, sources=picked)
    scale = n / sources
    return [float(x) * scale for x in partial]


def centralities(g: ActorGraph, *, sources: int | None = None, seed: int = 0) -> list[Centrality]:
    """Degree, betweenness (shortest paths, unweighted) and eigenvector centrality (largest = 1) per actor.

    Betweenness is exact up to ``EXACT_BETWEENNESS_UP_TO`` actors (a region's ecosystem); on larger graphs
    (a whole country's registers) it is estimated from ``BETWEENNESS_SOURCES`` sampled sources with
    ``sampled_betweenness`` (exact betweenness costs actors x links: days at a million actors).
    ``sources`` overrides the number of sampled sources (>= the actor count: exact); ``seed`` the draw.
    """
    n = g.graph.vcount()
    if n == 0:
        return []
    degree = g.graph.degree()
    k = _sources_for(n, sources)
    if not g.graph.ecount():
        between = [0.0] * n
    elif k is None:
        between = g.graph.betweenness(directed=False)
    else:
        between = sampled_betweenness(g.graph, k, seed=seed)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    with warnings.catch_warnings():  # igraph warns on disconnected graphs; other components score ~0, as documented
        warnings.simplefilter("ignore", RuntimeWarning)
        eigen = g.graph.eigenvector_centrality(scale=True) if g.graph.ecount() else [0.0] * n
    return [Centrality(a, int(degree[i]), float(between[i]), float(between[i]) * scale, float(eigen[i]))
            for i, a in enumerate(g.ids)]


def communities(g: ActorGraph, *, random_state: int = 0, resolution: float | None = None) -> dict[str, int]:
    """Leiden communities (modularity, or CPM at ``resolution``): actor id -> community number (largest = 0)."""
    if g.graph.vcount() == 0:
        return {}
    if resolution is None:
        part = leidenalg.find_partition(g.graph, leidenalg.ModularityVertexPartition, seed=random_state)
    else:
        part = leidenalg.find_partition(g.graph, leidenalg.CPMVertexPartition, seed=random_state,
                                        resolution_parameter=resolution)
    sizes = Counter(part.membership)
    order = {c: k for k, (c, _) in enumerate(sorted(sizes.items(), key=lambda cs: (-cs[1], cs[0])))}
    return {a: order[part.membership[i]] for i, a in enumerate(g.ids)}


@dataclass(frozen=True)
class Broker:
    """An actor linking regions: pairs of its partners in different regions that are not linked themselves."""

    actor: str
    score: int
    regions: tuple[str, ...]


def brokers(g: ActorGraph, region_of: Mapping[str, str | None], *, top: int = 20) -> list[Broker]:
    """Actors whose partners lie in other regions and are not linked to each other (brokerage, as Gould &
    Fernandez's liaison and representative roles), most brokering first."""
    out = []
    adjacency = [set(nb) for nb in g.graph.get_adjlist()]
    for i, actor in enumerate(g.ids):
        partners = sorted(adjacency[i])
        regions = {region_of.get(g.ids[p]) for p in partners} - {None}
        if len(regions | {region_of.get(actor)} - {None}) < 2:
            continue
        score = 0
        for x, u in enumerate(partners):
            ru = region_of.get(g.ids[u])
            for w in partners[x + 1 :]:
                if ru != region_of.get(g.ids[w]) and w not in adjacency[u]:
                    score += 1
        if score:
            out.append(Broker(actor, score, tuple(sorted(str(r) for r in regions))))
    return sorted(out, key=lambda b: (-b.score, b.actor))[:top]


def triple_helix(actors: Sequence[Actor], relations: Iterable[Relation]) -> dict[str, object]:
    """Links between government, industry and academia among the given actors' relations.

    ``balance`` is the normalised Shannon entropy of the three cross-sector link counts: 1 when
    government-industry, government-academia and industry-academia links are equally many, 0 when one
    kind holds them all (None without any such link).
    """
    sector = {a.id: helix_of(a.type) for a in actors}
    counts: Counter[str] = Counter()
    for rel in relations:
        a, b = sector.get(rel.source), sector.get(rel.target)
        if a is None or b is None:
            continue
        counts["-".join(sorted((a, b)))] += 1
    cross = {k: counts.get(k, 0) for k in ("government-industry", "academia-government", "academia-industry")}
    total = sum(cross.values())
    balance = None
    if total:
        shares = [c / total for c in cross.values() if c]
        balance = round(-sum(p * math.log(p) for p in shares) / math.log(3), 4)
    return {"links": dict(sorted(counts.items())), "cross_sector": cross, "balance": balance,
            "actors": dict(sorted(Counter(sector.values()).items()))}


def cluster_cooperation(
    region_of: Mapping[str, str | None],
    relations: Iterable[Relation],
    clusters: Mapping[str, Iterable[str]],
) -> dict[str, dict[str, int]]:
    """Relations between the actors of each pair of clusters (a cluster = a set of region ids)."""
    member: dict[str, str] = {}
    for cluster, regions in clusters.items():
        for region in regions:
            member.setdefault(region, cluster)
    matrix: dict[str, dict[str, int]] = {c: dict.fromkeys(clusters, 0) for c in clusters}
    for rel in relations:
        a = member.get(region_of.get(rel.source) or "")
        b = member.get(region_of.get(rel.target) or "")
        if a is None or b is None:
            continue
        matrix[a][b] += 1
        if a != b:
            matrix[b][a] += 1
    return matrix


def neighbours(relations: Iterable[Relation]) -> dict[str, set[str]]:
    """Each actor's partners."""
    out: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        out[rel.source].add(rel.target)
        out[rel.target].add(rel.source)
    return out
