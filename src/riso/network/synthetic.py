"""Synthetic networks shaped like the registers, for benchmarks and estimator tests."""

from __future__ import annotations

import igraph as ig
import numpy as np

__all__ = ["hub_links", "shaped_graph"]


def hub_links(n: int, m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``m`` links among ``n`` actors: one end a hub (the first tenth of the actors, hub k drawn with
    probability falling as a power of k, Pareto 1.2), the other uniform; self-links dropped."""
    hubs = max(1, n // 10)
    source = (rng.pareto(1.2, m) * hubs / 20).astype(np.int64) % hubs
    target = rng.integers(0, n, m)
    keep = source != target
    return source[keep], target[keep]


def shaped_graph(n: int, m: int, seed: int) -> ig.Graph:
    """An undirected simple graph of ``hub_links`` (repeated links merged)."""
    source, target = hub_links(n, m, np.random.default_rng(seed))
    edges = sorted({(min(a, b), max(a, b)) for a, b in zip(source.tolist(), target.tolist(), strict=True)})
    return ig.Graph(n=n, edges=edges)
