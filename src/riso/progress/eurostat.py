"""Eurostat's EU SDG monitoring method for quantified targets, vectorised over many targets.

Pure stage: no file, database, network or clock. The method compares the actual compound annual
growth rate (CAGR) over the last up to five years with the CAGR required, from the start of that
period, to reach the target by its deadline (Eurostat, "SDG indicators in the EU: methodological
note", section on indicators with quantified targets).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "STATUSES",
    "Status",
    "classify",
    "growth_rates",
]

Status = Literal["met", "significant", "moderate", "insufficient", "moving_away", "not_assessable"]
STATUSES: tuple[Status, ...] = ("met", "significant", "moderate", "insufficient", "moving_away", "not_assessable")

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

# Status codes in the vectorised core, in STATUSES order.
MET, SIGNIFICANT, MODERATE, INSUFFICIENT, MOVING_AWAY, NOT_ASSESSABLE = range(6)


def growth_rates(
    x0: Floats, t0: Floats, xt: Floats, t: Floats, target: Floats, deadline: Floats, *, linear: NDArray[np.bool_]
) -> tuple[Floats, Floats]:
    """Actual and required annual growth: compound rates, or absolute changes per year where ``linear``.

    Compound growth needs positive values; rows that are ``linear`` (ranks, scores, values that can
    be zero or negative) use the absolute change per year instead, the same ratio on a linear scale.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        span = t - t0
        ahead = deadline - t0
        compound_actual = np.power(xt / x0, 1.0 / span) - 1.0
        compound_required = np.power(target / x0, 1.0 / ahead) - 1.0
        linear_actual = (xt - x0) / span
        linear_required = (target - x0) / ahead
    actual = np.where(linear, linear_actual, compound_actual)
    required = np.where(linear, linear_required, compound_required)
    return actual, required


def classify(
    *,
    x0: Floats,
    t0: Floats,
    xt: Floats,
    t: Floats,
    n: Ints,
    target: Floats,
    deadline: Floats,
    sense: Ints,
    linear: NDArray[np.bool_],
    min_points: int = 3,
    significant: float = 0.95,
    moderate: float = 0.60,
    tolerance: float = 1e-9,
) -> tuple[Ints, Floats, Floats, Floats]:
    """Classify every target; returns (status code, actual growth, required growth, ratio).

    ``sense`` is +1 when the target is reached from below (at_least), -1 from above (at_most)
    and 0 for an exact target (met within ``tolerance`` relative to the target; otherwise the
    direction needed is the sign of target minus the start value).
    """
    x0, xt, target = (np.asarray(a, dtype=np.float64) for a in (x0, xt, target))
    sense = np.asarray(sense, dtype=np.int64)
    linear = np.asarray(linear, dtype=bool) | (x0 <= 0) | (xt <= 0) | (target <= 0)
    gap = target - xt
    scale = np.maximum(np.abs(target), 1e-12)
    exact = sense == 0
    met = np.where(
        exact,
        np.abs(gap) <= tolerance * scale,
        np.where(sense > 0, xt >= target - tolerance * scale, xt <= target + tolerance * scale),
    )
    actual, required = growth_rates(x0, t0, xt, t, target, deadline, linear=linear)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = actual / required
    # Required growth of zero while not met: the start already sat on the target. Any move toward
    # it counts as full progress, any move away as moving away.
    toward = np.sign(target - x0)
    zero_required = required == 0
    ratio = np.where(zero_required, np.where(actual == 0, 0.0, -np.inf), ratio)
    ratio = np.where(zero_required & (np.sign(actual) == toward) & (toward != 0), np.inf, ratio)
    ratio = np.round(ratio, 12)  # 0.95 computed from rounded inputs must class as 95 %
    status = np.full(x0.shape, NOT_ASSESSABLE, dtype=np.int64)
    valid = (n >= min_points) & np.isfinite(x0) & np.isfinite(xt) & (deadline > t0) & (t > t0)
    status = np.where(valid & (ratio < 0), MOVING_AWAY, status)
    status = np.where(valid & (ratio >= 0) & (ratio < moderate), INSUFFICIENT, status)
    status = np.where(valid & (ratio >= moderate) & (ratio < significant), MODERATE, status)
    status = np.where(valid & (ratio >= significant), SIGNIFICANT, status)
    # A met target needs only its latest value; it is met whatever the trend.
    status = np.where(met & np.isfinite(xt), MET, status)
    return status.astype(np.int64), actual, required, ratio
