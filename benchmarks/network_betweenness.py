"""Benchmark: sampled-source betweenness against exact betweenness on a register-shaped graph.

    .venv/bin/python benchmarks/network_betweenness.py [--actors 5000 --links 50000 --sources 32,128 --seeds 3]

The graph is the shape of benchmarks/network.py (a tenth of the actors hubs holding a heavy-tailed share
of the links). Prints the exact computation's CPU time, then per number of sources and seed: CPU time,
Spearman rank correlation with exact, overlap of the top 20, relative error of the exact top 20 (mean and
max) and the estimated total over the exact total (1 when unbiased).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy.stats import spearmanr

from riso.network.graph import sampled_betweenness
from riso.network.synthetic import shaped_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--links", type=int, default=50_000)
    parser.add_argument("--sources", default="32,128", help="comma-separated numbers of sampled sources")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    g = shaped_graph(args.actors, args.links, 7)
    c = time.process_time()
    exact = np.array(g.betweenness(directed=False))
    print(f"graph: {g.vcount():,} actors, {g.ecount():,} links; exact betweenness {time.process_time() - c:.1f} CPU-s")
    top = np.argsort(-exact)[:20]
    for k in (int(x) for x in args.sources.split(",")):
        for seed in range(args.seeds):
            c = time.process_time()
            est = np.array(sampled_betweenness(g, k, seed=seed))
            cpu = time.process_time() - c
            rel = np.abs(est[top] - exact[top]) / exact[top]
            print(f"k={k} seed={seed}: {cpu:.2f} CPU-s, Spearman {spearmanr(est, exact).statistic:.3f}, top-20 overlap "
                  f"{len(set(top) & set(np.argsort(-est)[:20]))}/20, top-20 relative error mean {rel.mean():.3f} "
                  f"max {rel.max():.3f}, total/exact {est.sum() / exact.sum():.3f}")


if __name__ == "__main__":
    main()
