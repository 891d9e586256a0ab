"""Normalisation (COINr's Normalise): direction first, then min-max, z-score, ranks, distances, goalposts. No I/O."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from scipy.stats import rankdata

from riso.errors import ConfigError
from riso.index.base import Step, check_is_fitted, register_step
from riso.index.framework import Dataset, Framework

__all__ = ["NORMALISE_METHODS", "Normalise", "normalise_matrix"]

NORMALISE_METHODS = ("minmax", "zscore", "rank", "prank", "borda", "dist2max", "dist2targ", "fracmax", "goalposts",
                     "none")


def _rank_min(x: np.ndarray) -> np.ndarray:
    """R's rank(x, ties.method = "min", na.last = "keep") per column."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return rankdata(x, method="min", axis=0, nan_policy="omit").astype(float)  # type: ignore[no-any-return]


def normalise_matrix(
    x: np.ndarray,
    method: str,
    *,
    directions: np.ndarray | None = None,
    lower_upper: Sequence[float] = (0.0, 100.0),
    mean_sd: Sequence[float] = (0.0, 1.0),
    targets: np.ndarray | None = None,
    goalposts: np.ndarray | None = None,
    cap_max: bool = False,
) -> np.ndarray:
    """Normalise each column of x (units x indicators) after multiplying by its direction."""
    if directions is not None:
        x = x * directions
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
        if method == "minmax":
            lo_u, up_u = float(lower_upper[0]), float(lower_upper[1])
            return (x - lo) / (hi - lo) * (up_u - lo_u) + lo_u  # type: ignore[no-any-return]
        if method == "zscore":
            m, s = float(mean_sd[0]), float(mean_sd[1])
            if s <= 0:
                raise ConfigError(f"z-score sd must be positive, got {s}", hint="Pass --sd with a positive number.")
            return (x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0, ddof=1) * s + m  # type: ignore[no-any-return]
        if method == "rank":
            return _rank_min(x)
        if method == "borda":
            return _rank_min(x) - 1.0
        if method == "prank":
            return (_rank_min(x) - 1.0) / (np.sum(~np.isnan(x), axis=0) - 1.0)  # type: ignore[no-any-return]
        if method == "dist2max":
            return 1.0 - (hi - x) / (hi - lo)  # type: ignore[no-any-return]
        if method == "fracmax":
            return x / hi  # type: ignore[no-any-return]
        if method == "dist2targ":
            if targets is None or np.any(np.isnan(targets)):
                raise ConfigError("distance to target needs a Target for every indicator", hint="Fill iMeta Target.")
            targ = targets * (directions if directions is not None else 1.0)
            y = 1.0 - (targ - x) / (targ - lo)
            return np.minimum(y, 1.0) if cap_max else y  # type: ignore[no-any-return]
        if method == "goalposts":
            if goalposts is None:
                raise ConfigError("goalposts need (low, high, scale) per indicator", hint="Set normalise.goalposts.")
            gp = np.asarray(goalposts, dtype=float)
            d = directions if directions is not None else np.ones(x.shape[1])
            low, high = gp[0] * d, gp[1] * d
            y = np.where(d < 0, (x - high) / (low - high), (x - low) / (high - low))
            return np.clip(y, 0.0, 1.0) * gp[2]  # type: ignore[no-any-return]
        if method == "none":
            return x
    raise ConfigError(f"unknown normalisation {method!r}", hint=f"Use one of {', '.join(NORMALISE_METHODS)}.")


@register_step("normalise")
class Normalise(Step):
    """Bring indicators onto a common scale; directions from the metadata are applied first."""

    def __init__(
        self,
        *,
        method: str = "minmax",
        range: Sequence[float] = (0.0, 100.0),
        mean: float = 0.0,
        sd: float = 1.0,
        goalposts: Sequence[Sequence[float]] | None = None,
        cap_max: bool = False,
    ) -> None:
        self.method = method
        self.range = range
        self.mean = mean
        self.sd = sd
        self.goalposts = goalposts
        self.cap_max = cap_max

    def fit(self, data: Dataset, framework: Framework) -> Normalise:
        """Check the method and look up directions and targets."""
        if self.method not in NORMALISE_METHODS:
            raise ConfigError(f"unknown normalisation {self.method!r}",
                              hint=f"Use one of {', '.join(NORMALISE_METHODS)}.")
        if len(self.range) != 2:
            raise ConfigError(f"range must be two numbers, got {self.range!r}", hint="Write it as L,U e.g. 0,100.")
        self.directions_ = np.array([framework.node(c).direction for c in data.codes], dtype=float)
        targets = [framework.node(c).target for c in data.codes]
        self.targets_ = np.array([np.nan if t is None else t for t in targets], dtype=float)
        return self

    def transform(self, data: Dataset) -> Dataset:
        """The normalised dataset."""
        check_is_fitted(self, "directions_")
        gp = None if self.goalposts is None else np.asarray(self.goalposts, dtype=float).T
        values = normalise_matrix(
            data.values, self.method, directions=self.directions_, lower_upper=self.range,
            mean_sd=(self.mean, self.sd), targets=self.targets_, goalposts=gp, cap_max=self.cap_max,
        )
        return Dataset("Normalised", data.units, data.codes, values)
