"""Benchmark: the ecosystem network at scale (synthetic, shaped like the registers), on DuckDB.

    .venv/bin/python benchmarks/network.py                                  # 20,000 actors, 200,000 relations
    .venv/bin/python benchmarks/network.py --actors 1000000 --relations 10000000   # the issue's size

Shape: 31 provinces; a tenth of the actors are universities/institutes that host laboratories and lead
projects (hubs), the rest enterprises, labs and platforms; relation ends drawn with a heavy tail (a few
hubs hold most links, as in the NKRDP and SKL registers). Figures: import (store.add_actors /
add_relations in batches), whole-network analytics (graph build, degree/betweenness/eigenvector, Leiden),
a region's ecosystem and an actor page (p50/p95 over random actors), each with time and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from riso.model import Actor, Provenance, Relation
from riso.network import graph as graph_lib
from riso.services import network as network_service
from riso.store import open_store

PROVINCES = ["CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", "CN-JS", "CN-ZJ",
             "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA", "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ",
             "CN-SC", "CN-GZ", "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ"]
TYPES = ["enterprise", "laboratory", "platform", "research_institute", "university"]
RELS = ["cooperation", "hosting", "funding", "membership", "supply"]
BATCH = 50_000


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _actors(n: int, rng: np.random.Generator) -> list[Actor]:
    regions = rng.integers(0, len(PROVINCES), n)
    kinds = rng.choice(len(TYPES), n, p=[0.55, 0.15, 0.1, 0.1, 0.1])
    return [Actor(id=f"a:{i:08x}", name=f"actor {i}", type=TYPES[kinds[i]], region=PROVINCES[regions[i]],  # type: ignore[arg-type]
                  sources=(Provenance(source="synthetic register", row=f"synthetic.csv:{i + 2}"),))
            for i in range(n)]


def _relations(n: int, actors: int, rng: np.random.Generator) -> list[Relation]:
    hubs = max(1, actors // 10)
    # heavy tail: a Zipf-like choice among hubs for one end, uniform for the other
    source = np.minimum((rng.pareto(1.2, n) * hubs / 20).astype(np.int64), hubs - 1)
    target = rng.integers(0, actors, n)
    kinds = rng.integers(0, len(RELS), n)
    return [Relation(id=f"r:{j:09x}", source=f"a:{source[j]:08x}", target=f"a:{target[j]:08x}", type=RELS[kinds[j]],  # type: ignore[arg-type]
                     provenance=Provenance(source="synthetic register", row=f"synthetic.csv:{j + 2}"))
            for j in range(n) if source[j] != target[j]]


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--pages", type=int, default=50, help="actor pages to time")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "net.duckdb")
        t0 = time.perf_counter()
        c0 = time.process_time()
        actors = _actors(args.actors, rng)
        for i in range(0, len(actors), BATCH):
            store.add_actors(actors[i : i + BATCH])
        t_actors = time.perf_counter() - t0
        rels = _relations(args.relations, args.actors, rng)
        t1 = time.perf_counter()
        for i in range(0, len(rels), BATCH):
            store.add_relations(rels[i : i + BATCH])
        t_rels = time.perf_counter() - t1
        print(f"import: {len(actors):,} actors in {t_actors:.1f} s, {len(rels):,} relations in {t_rels:.1f} s "
              f"(CPU {time.process_time() - c0:.1f} s), peak RSS {_rss_mb():.0f} MB", flush=True)
        del rels
        t2, c2 = time.perf_counter(), time.process_time()
        edges = store.relation_edges()
        t_read = time.perf_counter() - t2
        g = graph_lib.build_graph([a.id for a in actors], edges)
        t_build = time.perf_counter() - t2 - t_read
        cents = graph_lib.centralities(g)
        t_cent = time.perf_counter() - t2 - t_read - t_build
        comms = graph_lib.communities(g)
        t_comm = time.perf_counter() - t2 - t_read - t_build - t_cent
        print(f"analytics: read {t_read:.1f} s, graph {t_build:.1f} s ({g.graph.vcount():,} nodes, "
              f"{g.graph.ecount():,} edges), centralities {t_cent:.1f} s ({len(cents):,}), Leiden {t_comm:.1f} s "
              f"({len(set(comms.values())):,} communities); total {time.perf_counter() - t2:.1f} s "
              f"(CPU {time.process_time() - c2:.1f} s), peak RSS {_rss_mb():.0f} MB", flush=True)
        del edges, g, cents, comms
        picks = rng.integers(0, args.actors, args.pages)
        times = []
        for i in picks:
            t = time.perf_counter()
            network_service.actor_page(store, f"a:{i:08x}")
            times.append(time.perf_counter() - t)
        hub_times = []
        for i in range(min(10, args.actors // 10)):
            t = time.perf_counter()
            network_service.actor_page(store, f"a:{i:08x}")
            hub_times.append(time.perf_counter() - t)
        print(f"actor page: p50 {_p(times, 50):.1f} ms, p95 {_p(times, 95):.1f} ms over {len(times)} random actors; "
              f"the 10 largest hubs p95 {_p(hub_times, 95):.0f} ms", flush=True)
        t3 = time.perf_counter()
        eco = network_service.ecosystem(store, "CN-XZ")
        print(f"a region's ecosystem (CN-XZ, {eco['counts']['actors']:,} actors): "  # type: ignore[index]
              f"{time.perf_counter() - t3:.1f} s; peak RSS {_rss_mb():.0f} MB", flush=True)
        store.close()


if __name__ == "__main__":
    main()
