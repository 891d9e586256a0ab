"""Projections to a deadline: linear and constant-growth OLS trends with prediction intervals.

Pure stage: no I/O. Both fits are ordinary least squares on (year, value) pairs, vectorised over
many series at once (rows of a matrix, NaN where a year has no value). The constant-growth fit is
OLS of log(value) on year, so it needs positive values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

__all__ = ["Fit", "fit_trend"]

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Fit:
    """Projection of many series to their deadlines under one model (one entry per series)."""

    model: str  # "linear" or "constant_growth"
    value: Floats  # point projection at the deadline, in the indicator's unit
    low: Floats  # prediction interval at the deadline
    high: Floats
    probability: Floats  # P(value at deadline meets the target) under the predictive distribution
    slope: Floats  # per year: absolute change (linear) or log growth (constant growth)
    n: NDArray[np.int64]


def fit_trend(
    years: Floats,
    values: Floats,
    deadline: Floats,
    target: Floats,
    sense: NDArray[np.int64],
    *,
    model: str = "linear",
    level: float = 0.90,
) -> Fit:
    """Fit one OLS trend per row of ``values`` (NaN = missing) and project it to each row's deadline.

    ``years`` has the same shape as ``values``. The prediction interval and the probability come
    from the Student-t predictive distribution with n - 2 degrees of freedom, which assumes
    independent, normally distributed residuals of constant variance around a straight line (on
    the log scale for constant growth). Rows with fewer than 3 points give NaN.
    ``sense``: +1 the target is met from below, -1 from above, 0 exactly (probability of falling
    within 1 % of the target).
    """
    y = np.asarray(values, dtype=np.float64)
    x = np.asarray(years, dtype=np.float64)
    log = model == "constant_growth"
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            y = np.where(y > 0, np.log(np.where(y > 0, y, 1.0)), np.nan)
    mask = np.isfinite(y) & np.isfinite(x)
    n = mask.sum(axis=1)
    w = mask.astype(np.float64)
    xs = np.where(mask, x, 0.0)
    ys = np.where(mask, y, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        xbar = xs.sum(axis=1) / n
        ybar = ys.sum(axis=1) / n
        dx = (xs - xbar[:, None]) * w
        dy = (ys - ybar[:, None]) * w
        sxx = (dx * dx).sum(axis=1)
        slope = (dx * dy).sum(axis=1) / sxx
        intercept = ybar - slope * xbar
        resid = (dy - slope[:, None] * dx) * w
        dof = n - 2
        s2 = (resid * resid).sum(axis=1) / dof
        x_new = np.asarray(deadline, dtype=np.float64)
        centre = intercept + slope * x_new
        se = np.sqrt(s2 * (1.0 + 1.0 / n + (x_new - xbar) ** 2 / sxx))
        ok = (n >= 3) & (sxx > 0)
        dof_safe = np.where(ok, dof, 1)
        q = stats.t.ppf(0.5 + level / 2.0, dof_safe)
        low, high = centre - q * se, centre + q * se
        tgt = np.asarray(target, dtype=np.float64)
        goal = np.where(tgt > 0, np.log(np.where(tgt > 0, tgt, 1.0)), -np.inf) if log else tgt
        se_safe = np.where(se > 0, se, np.nan)
        above = stats.t.sf((goal - centre) / se_safe, dof_safe)
        band = 0.01 * np.abs(tgt)
        if log:
            lo_g = np.log(np.maximum(tgt - band, 1e-300))
            hi_g = np.log(np.maximum(tgt + band, 1e-300))
        else:
            lo_g, hi_g = tgt - band, tgt + band
        inside = stats.t.cdf((hi_g - centre) / se_safe, dof_safe) - stats.t.cdf((lo_g - centre) / se_safe, dof_safe)
        # A perfect fit (se = 0) is a certainty either way.
        exact_fit = se == 0
        above = np.where(exact_fit, (centre >= goal).astype(np.float64), above)
        inside = np.where(exact_fit, ((centre >= lo_g) & (centre <= hi_g)).astype(np.float64), inside)
    sense = np.asarray(sense)
    probability = np.where(sense > 0, above, np.where(sense < 0, 1.0 - above, inside))
    if log:
        centre, low, high = np.exp(centre), np.exp(low), np.exp(high)
    nan = np.full(centre.shape, np.nan)
    return Fit(
        model=model,
        value=np.where(ok, centre, nan),
        low=np.where(ok, low, nan),
        high=np.where(ok, high, nan),
        probability=np.where(ok, np.clip(probability, 0.0, 1.0), nan),
        slope=np.where(ok, slope, nan),
        n=n.astype(np.int64),
    )
