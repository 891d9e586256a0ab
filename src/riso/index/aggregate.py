"""Aggregation level by level (COINr's Aggregate) and ranks; batched over weight sets for uncertainty. No I/O."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import rankdata

from riso.errors import ConfigError, FrameworkError
from riso.index.base import Step, check_is_fitted, register_step
from riso.index.framework import Dataset, Framework

__all__ = [
    "AGGREGATE_METHODS", "Aggregate", "aggregate_batch", "copeland_scores", "genmean_power", "level_methods",
    "rank_desc",
]

AGGREGATE_METHODS = ("amean", "gmean", "hmean", "median", "copeland", "genmean")
_FIX = "normalise onto a strictly positive scale, e.g. min-max to [1, 100] (--normalise minmax --range 1,100)"


def rank_desc(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    """Ranks with 1 = highest; ties share the lowest rank (R's ties.method = "min"); NaN stays NaN."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return rankdata(-scores, method="min", axis=axis, nan_policy="omit").astype(float)  # type: ignore[no-any-return]


def level_methods(method: str | Sequence[str] | Mapping[Any, str], n_levels: int) -> dict[int, str]:
    """Aggregation method per target level (2..n_levels) from one name, a list or a {level: name} mapping."""
    if isinstance(method, str):
        out = {lev: method for lev in range(2, n_levels + 1)}
    elif isinstance(method, Mapping):
        out = {lev: "amean" for lev in range(2, n_levels + 1)}
        out.update({int(k): str(v) for k, v in method.items()})
    else:
        names = list(method)
        if len(names) != n_levels - 1:
            raise ConfigError(
                f"{len(names)} aggregation methods for {n_levels - 1} aggregation levels",
                hint="Give one method, one per level (2..top), or a {level: method} mapping.",
            )
        out = dict(zip(range(2, n_levels + 1), names, strict=True))
    for lev, name in out.items():
        base, _, param = name.partition(":")
        if base not in AGGREGATE_METHODS:
            raise ConfigError(f"unknown aggregation {name!r} at level {lev}",
                              hint=f"Use one of {', '.join(AGGREGATE_METHODS)} (genmean as genmean:P, e.g. genmean:2).")
        if base == "genmean":
            genmean_power(name)
        elif param:
            raise ConfigError(f"aggregation {base!r} takes no parameter (got {name!r})", hint=f"Write {base}.")
    return out


def genmean_power(name: str) -> float:
    """The power P of a generalised mean written `genmean:P` (P != 0; P = 0 is the geometric mean)."""
    _, _, param = name.partition(":")
    try:
        p = float(param)
    except ValueError:
        p = float("nan")
    if not np.isfinite(p) or p == 0:
        raise ConfigError(f"generalised mean needs a non-zero power, got {name!r}",
                          hint="Write genmean:P with P != 0, e.g. genmean:2 (P = 0 is the geometric mean: gmean).")
    return p


def aggregate_batch(
    x: np.ndarray, weights: np.ndarray, groups: np.ndarray, method: str, *, where: str = "",
    dat_thresh: float | None = None,
) -> np.ndarray:
    """Aggregate x (units x children, or reps x units x children) with weights (reps x children) into parents.

    groups is the children x parents 0/1 matrix; returns reps x units x parents. Missing children are
    skipped and the remaining weights rescaled (COINr's a_amean/a_gmean/a_hmean).
    """
    w = np.atleast_2d(weights)
    wg = w[:, :, None] * groups[None, :, :]
    ok = ~np.isnan(x)
    if method in ("gmean", "hmean") and np.any(x[ok] <= 0):
        raise FrameworkError(
            f"{'geometric' if method == 'gmean' else 'harmonic'} mean over zero or negative values{where}",
            hint=f"The {method} needs positive values: {_FIX}, or use amean.",
        )
    if method in ("median", "copeland"):
        return np.stack([_rowwise(x if x.ndim == 2 else x[r], w[r], groups, method) for r in range(len(w))])
    if method.startswith("genmean"):
        return _genmean(x, wg, genmean_power(method), where)
    with np.errstate(divide="ignore", invalid="ignore"):
        fx = np.where(ok, _transform(method, np.where(ok, x, 1.0)), 0.0)
    m = ok.astype(float)
    sub = "uc" if x.ndim == 2 else "ruc"
    num = np.einsum(f"{sub},rcp->rup", fx, wg, optimize=True)
    den = np.einsum(f"{sub},rcp->rup", m, wg, optimize=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = {"amean": num / den, "gmean": np.exp(num / den), "hmean": den / num}[method]
    out[den == 0] = np.nan
    if dat_thresh is not None:
        have = np.einsum(f"{sub},cp->{sub[:-1]}p", m, groups)
        share = have / groups.sum(axis=0)
        out[np.broadcast_to(share < dat_thresh, out.shape)] = np.nan
    return out  # type: ignore[no-any-return]


def _genmean(x: np.ndarray, wg: np.ndarray, p: float, where: str) -> np.ndarray:
    """COINr's a_genmean: (sum w x^p / sum w)^(1/p); a parent with any missing child is missing (as COINr)."""
    ok = ~np.isnan(x)
    if p < 0 and np.any(x[ok] <= 0):
        raise FrameworkError(f"generalised mean with negative power over zero or negative values{where}",
                             hint=f"{_FIX}, or use a positive power.")
    sub = "uc" if x.ndim == 2 else "ruc"
    with np.errstate(divide="ignore", invalid="ignore"):
        num = np.einsum(f"{sub},rcp->rup", np.where(ok, x, 0.0) ** p, wg, optimize=True)
        den = wg.sum(axis=1)[:, None, :]
        missing = np.einsum(f"{sub},rcp->rup", (~ok).astype(float), wg, optimize=True) > 0
        out = (num / den) ** (1.0 / p)
    out[np.broadcast_to(missing, out.shape)] = np.nan
    return out  # type: ignore[no-any-return]


def copeland_scores(block: np.ndarray, w: np.ndarray) -> np.ndarray:
    """COINr's a_copeland: outranking shares turned into +1/0/-1 per pair of units, summed per unit.

    For i < j the share is the weight (normalised to sum 1) where unit i is higher plus half the weight where
    both are equal (comparisons with a missing value count for neither); for i > j it is 1 minus the share of
    (j, i), as COINr's outrankMatrix fills its lower triangle. Sums run in extended precision, as R's sum.
    """
    n = block.shape[0]
    wp = np.asarray(w, dtype=np.longdouble) / np.nansum(np.asarray(w, dtype=np.longdouble))
    a, b = block[:, None, :], block[None, :, :]
    with np.errstate(invalid="ignore"):
        gt = ((a > b) * wp).sum(axis=2).astype(float)
        eq = ((a == b) * wp).sum(axis=2).astype(float)
    share = (np.asarray(gt, dtype=np.longdouble) + np.asarray(eq, dtype=np.longdouble) / 2).astype(float)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    share = np.where(upper, share, 1.0 - share.T)
    sign = np.where(share > 0.5, 1.0, np.where(share < 0.5, -1.0, 0.0))
    np.fill_diagonal(sign, 0.0)
    return sign.sum(axis=1)  # type: ignore[no-any-return]


def _transform(method: str, v: np.ndarray) -> np.ndarray:
    """The generalised-mean transform: x (arithmetic), log x (geometric), 1/x (harmonic)."""
    out: np.ndarray = np.log(v) if method == "gmean" else (1.0 / v if method == "hmean" else v)
    return out


def _rowwise(x: np.ndarray, w: np.ndarray, groups: np.ndarray, method: str) -> np.ndarray:
    """Median (of the non-missing children) or Copeland scores (COINr's a_copeland), one parent at a time."""
    out = np.full((x.shape[0], groups.shape[1]), np.nan)
    for p in range(groups.shape[1]):
        cols = groups[:, p] > 0
        block = x[:, cols]
        if method == "median":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out[:, p] = np.nanmedian(block, axis=1)
            continue
        out[:, p] = copeland_scores(block, w[cols])
    return out


@register_step("aggregate")
class Aggregate(Step):
    """Aggregate indicators up the tree with weights rescaled over non-missing children; each level its method."""

    def __init__(
        self,
        *,
        method: str | Sequence[str] | Mapping[Any, str] = "amean",
        weights: Mapping[str, float] | None = None,
        dat_thresh: float | None = None,
    ) -> None:
        self.method = method
        self.weights = weights
        self.dat_thresh = dat_thresh

    def fit(self, data: Dataset, framework: Framework) -> Aggregate:
        """Resolve per-level methods, weights and group matrices."""
        self.methods_ = level_methods(self.method, framework.n_levels)
        override = dict(self.weights or {})
        self.levels_ = []
        for lev in range(2, framework.n_levels + 1):
            kids = framework.children(lev - 1)
            w = np.array([override.get(c, framework.node(c).weight) for c in kids], dtype=float)
            groups = framework.membership(lev - 1)
            if np.any((w @ groups) == 0):
                bad = framework.aggregates(lev)[int(np.flatnonzero((w @ groups) == 0)[0])]
                raise FrameworkError(f"weights of the children of {bad!r} sum to zero", hint="Give positive weights.")
            self.levels_.append((lev, kids, framework.aggregates(lev), w, groups))
        if not np.isin(framework.indicators, data.codes).all():
            raise FrameworkError("the data lacks some indicators of the framework", hint="Normalise every indicator.")
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Indicators plus every aggregate, level by level (COINr's column order)."""
        check_is_fitted(self, "levels_")
        empty = np.all(np.isnan(data.values), axis=1)
        if empty.any():
            units = ", ".join(u for u, e in zip(data.units, empty, strict=True) if e)
            raise FrameworkError(f"units with no data left: {units}", hint="Screen them out (--screen) or impute.")
        codes, blocks = list(data.codes), [data.values]
        current = data.values
        for lev, kids, parents, w, groups in self.levels_:
            idx = [codes.index(k) for k in kids]
            current = aggregate_batch(
                np.hstack(blocks)[:, idx], w, groups, self.methods_[lev], where=f" at level {lev}",
                dat_thresh=self.dat_thresh,
            )[0]
            codes.extend(parents)
            blocks.append(current)
        return Dataset("Aggregated", data.units, tuple(codes), np.hstack(blocks))
