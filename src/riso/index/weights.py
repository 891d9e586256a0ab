"""Weights: manual (metadata), equal, PCA-based, and optimised to a target correlation structure. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.optimize import minimize

from riso.errors import ConfigError, FrameworkError
from riso.index.aggregate import aggregate_batch, level_methods
from riso.index.framework import Dataset, Framework

__all__ = ["WEIGHT_METHODS", "pca_weights", "resolve_weights"]

WEIGHT_METHODS = ("manual", "equal", "pca", "optimised")


def _complete(block: np.ndarray) -> np.ndarray:
    rows = ~np.isnan(block).any(axis=1)
    if rows.sum() < 3:
        raise FrameworkError("too few complete units to estimate weights from the data", hint="Impute first.")
    out: np.ndarray = block[rows]
    return out


def pca_weights(block: np.ndarray) -> np.ndarray:
    """Squared loadings of the first principal component of the correlation matrix (summing to 1)."""
    if block.shape[1] == 1:
        return np.ones(1)
    corr = np.corrcoef(_complete(block), rowvar=False)
    _, vecs = np.linalg.eigh(np.nan_to_num(corr))
    load = vecs[:, -1]
    return load**2 / np.sum(load**2)  # type: ignore[no-any-return]


def _optimised(block: np.ndarray, method: str, start: np.ndarray) -> np.ndarray:
    """Weights making each child's correlation with the aggregate as equal as possible (COINr get_opt_weights)."""
    if block.shape[1] == 1:
        return np.ones(1)
    data = _complete(block)
    groups = np.ones((block.shape[1], 1))

    def loss(w: np.ndarray) -> float:
        w = np.abs(w) + 1e-9
        agg = aggregate_batch(data, w / w.sum(), groups, method)[0][:, 0]
        corr = np.array([np.corrcoef(data[:, j], agg)[0, 1] for j in range(data.shape[1])])
        corr = np.nan_to_num(corr)
        target = corr.sum() / len(corr)
        return float(np.sum((corr / corr.sum() - target / corr.sum()) ** 2)) if corr.sum() else 1.0

    res = minimize(loss, start / start.sum(), method="Nelder-Mead", options={"xatol": 1e-6, "fatol": 1e-10,
                                                                              "maxiter": 2000})
    w = np.abs(res.x)
    return w / w.sum()  # type: ignore[no-any-return]


def resolve_weights(
    method: str | Mapping[str, float], data: Dataset, framework: Framework, aggregate: Any = "amean"
) -> dict[str, float]:
    """Weights of every node (code -> weight) by the named method, or metadata weights overridden by a mapping."""
    nodes = [n for n in framework.nodes if n.parent is not None]
    if isinstance(method, Mapping):
        unknown = sorted(set(method) - {n.code for n in nodes})
        if unknown:
            raise ConfigError(f"weights for unknown codes: {', '.join(unknown)}", hint="Use iCodes from the metadata.")
        return {n.code: float(method.get(n.code, n.weight)) for n in nodes}
    if method == "manual":
        return {n.code: n.weight for n in nodes}
    if method == "equal":
        return {n.code: 1.0 for n in nodes}
    if method not in WEIGHT_METHODS:
        raise ConfigError(f"unknown weighting {method!r}", hint=f"Use one of {', '.join(WEIGHT_METHODS)}.")
    methods = level_methods(aggregate, framework.n_levels)
    out: dict[str, float] = {}
    current, codes = data.values, list(data.codes)
    for lev in range(2, framework.n_levels + 1):
        kids, groups = framework.children(lev - 1), framework.membership(lev - 1)
        x = current[:, [codes.index(k) for k in kids]]
        w = np.ones(len(kids))
        for p in range(groups.shape[1]):
            cols = np.flatnonzero(groups[:, p])
            block = x[:, cols]
            w[cols] = pca_weights(block) if method == "pca" else _optimised(block, methods[lev], np.ones(len(cols)))
        out.update({k: float(v) for k, v in zip(kids, w, strict=True)})
        current = aggregate_batch(x, w, groups, methods[lev])[0]
        codes = list(framework.aggregates(lev))
    return out
