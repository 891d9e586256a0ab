"""The vectorised progress pipeline: many series as rows of a matrix, one call for all targets.

Pure stage: no I/O. ``assess_matrix`` picks each row's assessment window, classifies it with the
Eurostat method and projects it to the deadline with both trend models.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from riso.progress.eurostat import classify
from riso.progress.projection import Fit, fit_trend

__all__ = ["MatrixResult", "assess_matrix"]

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class MatrixResult:
    """Per-row results of ``assess_matrix``."""

    status: Ints
    actual: Floats
    required: Floats
    ratio: Floats
    x0: Floats
    t0: Floats
    xt: Floats
    t: Floats
    n: Ints
    linear: NDArray[np.bool_]
    years_to_target: Floats
    fits: dict[str, Fit]


def _pick(values: Floats, index: Ints) -> Floats:
    return np.take_along_axis(values, index[:, None], axis=1)[:, 0]


def assess_matrix(
    years: Floats,
    values: Floats,
    *,
    target: Floats,
    deadline: Floats,
    sense: Ints,
    linear: NDArray[np.bool_],
    as_of: float | None = None,
    window: int = 5,
    fit_years: int = 10,
    min_points: int = 3,
    significant: float = 0.95,
    moderate: float = 0.60,
    level: float = 0.90,
) -> MatrixResult:
    """Assess every row (one series per target); NaN marks a missing value or year.

    The window is the latest year t and the observations of the ``window`` years before it; t0 is
    the earliest year in that window. Projections fit the last ``fit_years`` years up to t.
    """
    x = np.asarray(years, dtype=np.float64)
    y = np.asarray(values, dtype=np.float64)
    valid = np.isfinite(x) & np.isfinite(y)
    if as_of is not None:
        valid &= x <= as_of
    has_any = valid.any(axis=1)
    idx_t = np.argmax(np.where(valid, x, -np.inf), axis=1)
    t = np.where(has_any, _pick(x, idx_t), np.nan)
    xt = np.where(has_any, _pick(y, idx_t), np.nan)
    in_window = valid & (x >= (t - window)[:, None])
    idx_0 = np.argmin(np.where(in_window, x, np.inf), axis=1)
    t0 = np.where(has_any, _pick(x, idx_0), np.nan)
    x0 = np.where(has_any, _pick(y, idx_0), np.nan)
    n = in_window.sum(axis=1).astype(np.int64)
    linear = np.asarray(linear, dtype=bool) | (x0 <= 0) | (xt <= 0) | (np.asarray(target) <= 0)
    status, actual, required, ratio = classify(
        x0=x0, t0=t0, xt=xt, t=t, n=n, target=np.asarray(target, dtype=np.float64),
        deadline=np.asarray(deadline, dtype=np.float64), sense=np.asarray(sense), linear=linear,
        min_points=min_points, significant=significant, moderate=moderate,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        compound_years = np.log(np.asarray(target) / xt) / np.log1p(actual)
        linear_years = (np.asarray(target) - xt) / actual
    years_to_target = np.where(linear, linear_years, compound_years)
    years_to_target = np.where(np.isfinite(years_to_target) & (years_to_target >= 0), years_to_target, np.nan)
    in_fit = valid & (x >= (t - fit_years + 1)[:, None])
    fx = np.where(in_fit, x, np.nan)
    fy = np.where(in_fit, y, np.nan)
    fits = {
        model: fit_trend(fx, fy, deadline, target, sense, model=model, level=level)
        for model in ("linear", "constant_growth")
    }
    return MatrixResult(
        status=status, actual=actual, required=required, ratio=ratio, x0=x0, t0=t0, xt=xt, t=t, n=n,
        linear=linear, years_to_target=years_to_target, fits=fits,
    )
