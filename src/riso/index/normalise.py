"""Normalisation (COINr's Normalise): direction first, then min-max, z-score, ranks, distances, goalposts. No I/O."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import rankdata

from riso.errors import ConfigError
from riso.index.base import Step, check_is_fitted, register_step
from riso.index.framework import Dataset, Framework

__all__ = ["NORMALISE_METHODS", "Normalise", "normalise_matrix"]

NORMALISE_METHODS = ("minmax", "zscore", "rank", "prank", "borda", "dist2max", "dist2targ", "dist2ref", "fracmax",
                     "goalposts", "scaled", "none")


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
    ref_row: int | None = None,
    npara: Sequence[float] = (0.0, 100.0),
    scale_factor: float = 100.0,
) -> np.ndarray:
    """Normalise each column of x (units x indicators) after multiplying by its direction.

    `dist2ref` is COINr's n_dist2ref (1 - (x_ref - x)/(x_ref - min), the reference unit at row `ref_row`);
    `scaled` is n_scaled ((x - a)/(b - a) * scale_factor with npara = (a, b)).
    """
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
        if method == "dist2ref":
            if ref_row is None:
                raise ConfigError("distance to a reference needs the reference unit",
                                  hint="Set normalise_ref (or --ref-unit) to a uCode of the data.")
            ref = x[ref_row]
            y = 1.0 - (ref - x) / (ref - lo)
            return np.minimum(y, 1.0) if cap_max else y  # type: ignore[no-any-return]
        if method == "scaled":
            a, b = float(npara[0]), float(npara[1])
            if a == b:
                raise ConfigError(f"scaled normalisation needs two different parameters, got {a}, {b}",
                                  hint="Set npara to (a, b) with a != b.")
            return (x - a) / (b - a) * float(scale_factor)
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
        ref_unit: str | None = None,
        npara: Sequence[float] = (0.0, 100.0),
        scale_factor: float = 100.0,
        specs: Mapping[str, Any] | None = None,
    ) -> None:
        self.method = method
        self.range = range
        self.mean = mean
        self.sd = sd
        self.goalposts = goalposts
        self.cap_max = cap_max
        self.ref_unit = ref_unit
        self.npara = npara
        self.scale_factor = scale_factor
        self.specs = specs

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
        unknown = sorted(set(self.specs or {}) - set(data.codes))
        if unknown:
            raise ConfigError(f"normalisation specs for unknown indicators: {', '.join(unknown)}",
                              hint="Key normalise_specs by iCodes of the data.")
        self.column_specs_ = {code: self._column_spec(code) for code in (self.specs or {})}
        if self.ref_unit is not None and self.ref_unit not in data.units:
            raise ConfigError(f"reference unit {self.ref_unit!r} is not in the data", hint="Use a uCode of the data.")
        return self

    def _column_spec(self, code: str) -> dict[str, Any]:
        """One indicator's own settings (COINr's indiv_specs): the global ones with its overrides."""
        spec = (self.specs or {})[code]
        own: dict[str, Any] = {"method": spec} if isinstance(spec, str) else dict(spec)
        merged = {"method": self.method, "range": self.range, "mean": self.mean, "sd": self.sd,
                  "cap_max": self.cap_max, "ref_unit": self.ref_unit, "npara": self.npara,
                  "scale_factor": self.scale_factor, "goalposts": None} | own
        if merged["method"] not in NORMALISE_METHODS:
            raise ConfigError(f"unknown normalisation {merged['method']!r} for {code}",
                              hint=f"Use one of {', '.join(NORMALISE_METHODS)}.")
        extra = sorted(set(merged) - {"method", "range", "mean", "sd", "cap_max", "ref_unit", "npara",
                                      "scale_factor", "goalposts"})
        if extra:
            raise ConfigError(f"unknown normalisation setting(s) for {code}: {', '.join(extra)}",
                              hint="Use method, range, mean, sd, cap_max, ref_unit, npara, scale_factor, goalposts.")
        return merged

    def _apply(self, data: Dataset, cols: np.ndarray, s: Mapping[str, Any], gp: np.ndarray | None) -> np.ndarray:
        ref = s.get("ref_unit")
        return normalise_matrix(
            data.values[:, cols], s["method"], directions=self.directions_[cols], lower_upper=s["range"],
            mean_sd=(s["mean"], s["sd"]), targets=self.targets_[cols], goalposts=gp, cap_max=s["cap_max"],
            ref_row=None if ref is None else data.units.index(ref), npara=s["npara"],
            scale_factor=s["scale_factor"],
        )

    def transform(self, data: Dataset) -> Dataset:
        """The normalised dataset (each indicator with its own spec where one is given)."""
        check_is_fitted(self, "directions_")
        everything = {"method": self.method, "range": self.range, "mean": self.mean, "sd": self.sd,
                      "cap_max": self.cap_max, "ref_unit": self.ref_unit, "npara": self.npara,
                      "scale_factor": self.scale_factor}
        own = getattr(self, "column_specs_", {})
        rest = np.array([c not in own for c in data.codes])
        values = np.full(data.values.shape, np.nan)
        if rest.any():
            gp = None if self.goalposts is None else np.asarray(self.goalposts, dtype=float).T
            if gp is not None and gp.shape[1] == len(data.codes):
                gp = gp[:, rest]
            values[:, rest] = self._apply(data, np.flatnonzero(rest), everything, gp)
        for code, spec in own.items():
            j = data.codes.index(code)
            gp1 = None if spec.get("goalposts") is None else np.asarray([spec["goalposts"]], dtype=float).T
            values[:, [j]] = self._apply(data, np.array([j]), spec, gp1)
        return Dataset("Normalised", data.units, data.codes, values)
