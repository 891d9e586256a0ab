"""Weights: manual (metadata), equal, PCA-based, and optimised to a target correlation structure. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.optimize import minimize

from riso.errors import ConfigError, FrameworkError
from riso.index.aggregate import aggregate_batch, level_methods
from riso.index.framework import Dataset, Framework

__all__ = ["WEIGHT_METHODS", "effective_weights", "pca_loadings", "pca_weights", "resolve_weights"]

WEIGHT_METHODS = ("manual", "equal", "pca", "pca-squared", "optimised", "optimised-groups")


def _complete(block: np.ndarray) -> np.ndarray:
    rows = ~np.isnan(block).any(axis=1)
    if rows.sum() < 3:
        raise FrameworkError("too few complete units to estimate weights from the data", hint="Impute first.")
    out: np.ndarray = block[rows]
    return out


def pca_loadings(block: np.ndarray) -> np.ndarray:
    """COINr's get_PCA weights: the signed loadings of the first principal component (R's prcomp, scaled).

    Complete rows only; columns centred and scaled to unit sd; the loadings are the first right-singular
    vector of that matrix (LAPACK's divide-and-conquer SVD, as R's prcomp), signs as the SVD returns them.
    """
    if block.shape[1] == 1:
        return np.ones(1)
    data = _complete(block)
    sd = data.std(axis=0, ddof=1)
    if np.any(sd == 0):
        raise FrameworkError("PCA weights need indicators that vary across units", hint="Drop constant indicators.")
    z = (data - data.mean(axis=0)) / sd
    _, _, vt = np.linalg.svd(z, full_matrices=False)
    return vt[0]  # type: ignore[no-any-return]


def pca_weights(block: np.ndarray) -> np.ndarray:
    """Squared loadings of the first principal component of the correlation matrix (summing to 1).

    riso's `pca-squared` rule (non-negative weights at every level); COINr's rule is `pca_loadings`.
    """
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


def effective_weights(framework: Framework, weights: Mapping[str, float]) -> dict[str, float]:
    """COINr's get_eff_weights: each weight normalised within its group, times its parents' effective weights."""
    nodes = [n for n in framework.nodes if n.parent is not None]
    totals: dict[str, float] = {}
    for n in nodes:
        assert n.parent is not None
        totals[n.parent] = totals.get(n.parent, 0.0) + float(weights.get(n.code, n.weight))
    share = {n.code: float(weights.get(n.code, n.weight)) / totals[n.parent] for n in nodes if n.parent}
    parent = {n.code: n.parent for n in nodes}

    def eff(code: str) -> float:
        up = parent.get(code)
        return share[code] * (eff(up) if up in share else 1.0)

    return {code: eff(code) for code in share}


def _coinr_pca(data: Dataset, framework: Framework, level: int) -> dict[str, float]:
    """Signed first-PC loadings of each group's children at `level` (COINr's get_PCA, by_groups)."""
    kids = framework.children(level)
    groups = framework.membership(level)
    if level == 1:
        x = data.values[:, [list(data.codes).index(k) for k in kids]]
    else:
        raise ConfigError("PCA weights from the data are computed at level 1 (COINr's default)",
                          hint="Use pca_level: 1, or pca-squared for every level.")
    out: dict[str, float] = {}
    for p in range(groups.shape[1]):
        cols = np.flatnonzero(groups[:, p])
        out.update({kids[c]: float(v) for c, v in zip(cols, pca_loadings(x[:, cols]), strict=True)})
    return out


def _weights_to_corr(
    x: np.ndarray, framework: Framework, weights: dict[str, float], methods: Mapping[int, str], level: int,
    cortype: str,
) -> np.ndarray:
    """Correlations of the aggregates at `level` with the index, aggregated with `weights` (COINr's weights2corr)."""
    from scipy.stats import kendalltau, pearsonr, spearmanr

    current, codes = x, list(framework.indicators)
    at_level = current if level == 1 else None
    for lev in range(2, framework.n_levels + 1):
        kids, groups = framework.children(lev - 1), framework.membership(lev - 1)
        w = np.array([weights[k] for k in kids])
        current = aggregate_batch(current[:, [codes.index(k) for k in kids]], w, groups, methods[lev])[0]
        codes = list(framework.aggregates(lev))
        if lev == level:
            at_level = current
    assert at_level is not None
    top = current[:, 0]
    func = {"pearson": pearsonr, "spearman": spearmanr, "kendall": kendalltau}[cortype]
    out = []
    for j in range(at_level.shape[1]):
        ok = ~np.isnan(at_level[:, j]) & ~np.isnan(top)
        out.append(float(func(at_level[ok, j], top[ok])[0]) if ok.sum() > 2 else 0.0)
    result: np.ndarray = np.nan_to_num(np.array(out))
    return result


def _coinr_optimised(
    data: Dataset, framework: Framework, base: dict[str, float], aggregate: Any, options: Mapping[str, Any]
) -> dict[str, float]:
    """COINr's get_opt_weights: weights at one level whose correlations with the index meet target shares.

    `optype: balance` minimises log(mean((itarg - r / sum r)^2)) with target shares `itarg` (a list, or
    "equal"); `optype: infomax` maximises the sum of the correlations. Nelder-Mead from the target shares
    (balance) or the current weights (infomax), as COINr's optim call.
    """
    level = int(options.get("level", framework.n_levels - 1))
    cortype = str(options.get("cortype", "pearson"))
    optype = str(options.get("optype", "balance"))
    if cortype not in ("pearson", "spearman", "kendall"):
        raise ConfigError(f"unknown correlation type {cortype!r}", hint="Use pearson, spearman or kendall.")
    if optype not in ("balance", "infomax"):
        raise ConfigError(f"unknown optimisation type {optype!r}", hint="Use balance or infomax.")
    if not 1 <= level < framework.n_levels:
        raise ConfigError(f"optimised weights level {level} is out of range",
                          hint=f"Use a level from 1 to {framework.n_levels - 1}.")
    codes = list(framework.children(level))
    itarg_opt = options.get("itarg", "equal")
    itarg = np.ones(len(codes)) if itarg_opt == "equal" else np.asarray(
        [float(itarg_opt[c]) for c in codes] if isinstance(itarg_opt, Mapping) else list(itarg_opt), dtype=float)
    if len(itarg) != len(codes):
        raise ConfigError(f"itarg has {len(itarg)} values for {len(codes)} codes at level {level}",
                          hint=f"Give one target share per code: {', '.join(codes)}.")
    itarg = itarg / itarg.sum()
    methods = level_methods(aggregate, framework.n_levels)
    x = data.values[:, [list(data.codes).index(c) for c in framework.indicators]]

    def objective(w: np.ndarray) -> float:
        w = w / w.sum()
        trial = dict(base) | dict(zip(codes, map(float, w), strict=True))
        crs = _weights_to_corr(x, framework, trial, methods, level, cortype)
        if optype == "infomax":
            return float(-crs.sum())
        crs_n = crs / crs.sum() if crs.sum() else crs
        return float(np.log(np.sum((itarg - crs_n) ** 2) / len(crs_n) + 1e-300))

    start = itarg if optype == "balance" else np.array([base[c] for c in codes], dtype=float)
    res = minimize(objective, start, method="Nelder-Mead",
                   options={"maxiter": int(options.get("maxiter", 500)), "fatol": float(options.get("toler", 1e-6))})
    w = res.x / res.x.sum()
    return dict(base) | dict(zip(codes, map(float, w), strict=True))


def resolve_weights(
    method: str | Mapping[str, float], data: Dataset, framework: Framework, aggregate: Any = "amean",
    options: Mapping[str, Any] | None = None,
) -> dict[str, float]:
    """Weights of every node (code -> weight) by the named method, or metadata weights overridden by a mapping.

    `pca` and `optimised` follow COINr (get_PCA at level `pca_level`, default 1, other levels keep the
    metadata weights; get_opt_weights with `opt_*` options); `pca-squared` and `optimised-groups` are riso's
    rules applied to every level.
    """
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
    opts = dict(options or {})
    base = {n.code: n.weight for n in nodes}
    if method == "pca":
        return base | _coinr_pca(data, framework, int(opts.get("pca_level", 1)))
    if method == "optimised":
        return _coinr_optimised(data, framework, base, aggregate, opts)
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
            w[cols] = (pca_weights(block) if method == "pca-squared"
                       else _optimised(block, methods[lev], np.ones(len(cols))))
        out.update({k: float(v) for k, v in zip(kids, w, strict=True)})
        current = aggregate_batch(x, w, groups, methods[lev])[0]
        codes = list(framework.aggregates(lev))
    return out
