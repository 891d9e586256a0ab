"""Network analytics with igraph: centralities, Leiden communities, regional brokers, the triple helix
and cooperation between clusters. Pure functions of actors and relations (seeded, no I/O).
"""

from __future__ import annotations

import math
import os
import random
import threading
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import igraph as ig
import numpy as np

from riso.model import Actor, ActorType, Relation

__all__ = [
    "HELIX",
    "ActorGraph",
    "Centrality",
    "betweenness_column",
    "betweenness_method",
    "brokers",
    "build_graph",
    "build_graph_arrays",
    "centralities",
    "centrality_columns",
    "cluster_cooperation",
    "communities",
    "helix_of",
    "leiden_membership",
    "sampled_betweenness",
    "sources_for",
    "start_betweenness",
    "triple_helix",
    "triple_helix_of_counts",
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
    pair): what the store's ``edge_index`` returns for a whole network, without a Relation per link. The
    arrays go to igraph in one ``add_edges`` call (no Python loop per link here; at 10M links one call
    takes 5 CPU-s, the constructor 10 s and chunks of 1M 15 s: igraph re-indexes the graph per call)."""
    lo, hi = np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)
    graph = ig.Graph(n=len(actor_ids), directed=False)
    if len(lo):
        graph.add_edges(np.column_stack((lo, hi)))
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
BETWEENNESS_WORK = 160_000_000  # bound on sources x links: fewer sources on the largest graphs (16 at 10M links)
BETWEENNESS_MIN_SOURCES = 8


def betweenness_method(n: int, *, sources: int | None = None, links: int = 0) -> str:
    """How ``centralities`` computes betweenness on a graph of ``n`` actors and ``links`` links: ``exact``
    or ``sampled:K``."""
    k = sources_for(n, sources, links=links)
    return "exact" if k is None else f"sampled:{k}"


def sources_for(n: int, sources: int | None, *, links: int = 0) -> int | None:
    """The number of sampled betweenness sources (None: exact). By default exact up to
    ``EXACT_BETWEENNESS_UP_TO`` actors, else ``BETWEENNESS_SOURCES``, fewer (not under
    ``BETWEENNESS_MIN_SOURCES``) where sources x links would pass ``BETWEENNESS_WORK``."""
    if sources is None:
        if n <= EXACT_BETWEENNESS_UP_TO:
            return None
        sources = max(BETWEENNESS_MIN_SOURCES, min(BETWEENNESS_SOURCES, BETWEENNESS_WORK // max(links, 1)))
    return None if sources >= n else max(1, sources)


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


PARALLEL_BETWEENNESS_FROM = 200_000  # links from which betweenness runs in a forked process beside the rest


def betweenness_column(g: ActorGraph, *, sources: int | None = None, seed: int = 0) -> np.ndarray:
    """Betweenness per vertex: exact, or sampled as ``sources_for`` decides (see ``centralities``)."""
    k = sources_for(g.graph.vcount(), sources, links=g.graph.ecount())
    if not g.graph.ecount():
        return np.zeros(g.graph.vcount())
    if k is None:
        return np.asarray(g.graph.betweenness(directed=False), dtype=np.float64)
    return np.asarray(sampled_betweenness(g.graph, k, seed=seed), dtype=np.float64)


def start_betweenness(g: ActorGraph, *, sources: int | None = None,
                      seed: int = 0) -> Callable[[], tuple[np.ndarray, float]]:
    """Start ``betweenness_column``; returns the call that waits for it: (column, CPU seconds of the child
    process, 0 when computed in this one).

    On a large graph (``PARALLEL_BETWEENNESS_FROM`` links) where the OS forks, a child process computes it
    on the parent's graph (shared copy-on-write) while the caller goes on with eigenvector centrality and
    Leiden on the other core, and sends the column back through a pipe; elsewhere it is computed now."""
    if g.graph.ecount() < PARALLEL_BETWEENNESS_FROM or not hasattr(os, "fork"):
        return lambda: (betweenness_column(g, sources=sources, seed=seed), 0.0)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, write the column, leave without any clean-up of the parent's state
        code = 1
        try:
            os.close(read)
            data = betweenness_column(g, sources=sources, seed=seed).tobytes()
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)

    def wait() -> tuple[np.ndarray, float]:
        with os.fdopen(read, "rb") as got:
            data = got.read()
        _, status, usage = os.wait4(pid, 0)
        if status != 0 or len(data) != 8 * g.graph.vcount():
            raise RuntimeError(f"the betweenness process failed (status {status})")
        return np.frombuffer(data, dtype=np.float64).copy(), usage.ru_utime + usage.ru_stime

    return wait


def centrality_columns(g: ActorGraph, *, sources: int | None = None, seed: int = 0,
                       betweenness: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """``centralities`` as arrays (vertex order): degree, betweenness, betweenness_norm, eigenvector; what
    whole-network analytics store, without an object per actor. ``betweenness``: already computed
    (``start_betweenness``)."""
    n = g.graph.vcount()
    degree = np.asarray(g.graph.degree(), dtype=np.int64)
    between = betweenness_column(g, sources=sources, seed=seed) if betweenness is None else betweenness
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    with warnings.catch_warnings():  # igraph warns on disconnected graphs; other components score ~0, as documented
        warnings.simplefilter("ignore", RuntimeWarning)
        eigen = g.graph.eigenvector_centrality(scale=True) if g.graph.ecount() else [0.0] * n
    return {"degree": degree, "betweenness": between, "betweenness_norm": between * scale,
            "eigenvector": np.asarray(eigen, dtype=np.float64)}


def centralities(g: ActorGraph, *, sources: int | None = None, seed: int = 0) -> list[Centrality]:
    """Degree, betweenness (shortest paths, unweighted) and eigenvector centrality (largest = 1) per actor.

    Betweenness is exact up to ``EXACT_BETWEENNESS_UP_TO`` actors (a region's ecosystem); on larger graphs
    (a whole country's registers) it is estimated from sampled sources (``sources_for``) with
    ``sampled_betweenness`` (exact betweenness costs actors x links: days at a million actors).
    ``sources`` overrides the number of sampled sources (>= the actor count: exact); ``seed`` the draw.
    """
    if g.graph.vcount() == 0:
        return []
    cols = centrality_columns(g, sources=sources, seed=seed)
    return [Centrality(a, int(d), float(b), float(bn), float(e)) for a, d, b, bn, e in
            zip(g.ids, cols["degree"].tolist(), cols["betweenness"].tolist(), cols["betweenness_norm"].tolist(),
                cols["eigenvector"].tolist(), strict=True)]


LEIDEN_ITERATIONS = 2  # passes of igraph's Leiden (leidenalg's default too)
_RNG_LOCK = threading.Lock()  # igraph draws from one process-wide generator: seeded runs take turns


def leiden_membership(graph: ig.Graph, *, seed: int = 0, resolution: float | None = None) -> np.ndarray:
    """Leiden communities by igraph's C implementation (Traag, Waltman & van Eck 2019), unweighted:
    modularity, or CPM at ``resolution``; seeded. Community numbers by size (largest = 0, ties by igraph's
    number). The objective is leidenalg's ModularityVertexPartition / CPMVertexPartition (CPM up to a
    constant); igraph's is an order of magnitude faster on a million links."""
    n = graph.vcount()
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            if resolution is None:
                part = graph.community_leiden(objective_function="modularity", n_iterations=LEIDEN_ITERATIONS)
            else:
                part = graph.community_leiden(objective_function="CPM", resolution=resolution,
                                              n_iterations=LEIDEN_ITERATIONS)
        finally:
            ig.set_random_number_generator(random)
    membership = np.asarray(part.membership, dtype=np.int64)
    labels, sizes = np.unique(membership, return_counts=True)
    order = np.lexsort((labels, -sizes))  # largest first, then by igraph's label
    rank = np.empty(len(labels), dtype=np.int64)
    rank[order] = np.arange(len(labels))
    return rank[np.searchsorted(labels, membership)]


def communities(g: ActorGraph, *, random_state: int = 0, resolution: float | None = None) -> dict[str, int]:
    """Leiden communities (modularity, or CPM at ``resolution``): actor id -> community number (largest = 0)."""
    membership = leiden_membership(g.graph, seed=random_state, resolution=resolution)
    return dict(zip(g.ids, membership.tolist(), strict=True))


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
    return triple_helix_of_counts(counts, Counter(sector.values()))


def triple_helix_of_counts(links: Mapping[str, int], actors: Mapping[str, int]) -> dict[str, object]:
    """``triple_helix`` from counts already made: links per sector pair (``academia-industry`` ..., the
    two sectors sorted) and actors per sector (what a large region's stored aggregates give)."""
    cross = {k: int(links.get(k, 0)) for k in ("government-industry", "academia-government", "academia-industry")}
    total = sum(cross.values())
    balance = None
    if total:
        shares = [c / total for c in cross.values() if c]
        balance = round(-sum(p * math.log(p) for p in shares) / math.log(3), 4)
    return {"links": {k: int(n) for k, n in sorted(links.items()) if n}, "cross_sector": cross, "balance": balance,
            "actors": {k: int(n) for k, n in sorted(actors.items()) if n}}


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
