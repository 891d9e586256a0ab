"""Outlier treatment (COINr's Treat): skew/kurtosis test, point-by-point winsorisation, log or Box-Cox fallback.

Vectorised over indicators: every column runs COINr's per-column loop in lock step. No I/O.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from riso.errors import ConfigError
from riso.index.base import Step, check_is_fitted, register_step
from riso.index.framework import Dataset

__all__ = ["TREAT_METHODS", "Treat", "boxcox", "kurtosis", "log_ct", "skewness"]

TREAT_METHODS = ("winsorise", "none")
FALLBACKS = ("log", "boxcox", "none")


def _moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per column: n, sum d^2, sum d^3, sum d^4 of the non-missing values (d = x - mean)."""
    ok = ~np.isnan(x)
    n = ok.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, x, 0.0).sum(axis=0) / n
    d = np.where(ok, x - mean, 0.0)
    d2 = d * d
    return n, d2.sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)


def skewness(x: np.ndarray) -> np.ndarray:
    """Bias-corrected sample skewness (type 2, as Excel and e1071) of each column, ignoring NaN."""
    x = np.asarray(x, dtype=float)
    col = x.ndim == 1
    n, s2, s3, _ = _moments(x[:, None] if col else x)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.sqrt(n) * s3 / s2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    out[n < 3] = np.nan
    return out[0] if col else out  # type: ignore[no-any-return]


def kurtosis(x: np.ndarray) -> np.ndarray:
    """Bias-corrected sample excess kurtosis (type 2) of each column, ignoring NaN."""
    x = np.asarray(x, dtype=float)
    col = x.ndim == 1
    n, s2, _, s4 = _moments(x[:, None] if col else x)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * s4 / (s2 * s2)
        out = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    out[n < 4] = np.nan
    return out[0] if col else out  # type: ignore[no-any-return]


def log_ct(x: np.ndarray) -> np.ndarray:
    """COIN Tool log per column: log(x - min + 0.01 (max - min))."""
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))  # type: ignore[no-any-return]


def boxcox(x: np.ndarray, lam: float) -> np.ndarray:
    """Box-Cox per column after shifting to a minimum of 1 (COINr's makepos)."""
    y = x - np.nanmin(x, axis=0) + 1.0
    return np.log(y) if lam == 0 else (y**lam - 1.0) / lam  # type: ignore[no-any-return]


def _passes(x: np.ndarray, skew_t: float, kurt_t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sk, kt = skewness(x), kurtosis(x)
    with np.errstate(invalid="ignore"):
        ok = (np.abs(sk) < skew_t) | (kt < kurt_t)
    return ok | np.isnan(sk) | np.isnan(kt), sk, kt  # too few points: left untreated, as COINr does


def _winsorise(x: np.ndarray, winmax: int | None, skew_t: float, kurt_t: float, force: bool) -> dict[str, Any]:
    """COINr's winsorise on every column at once: returns x, nwin, imax/imin masks of the last step."""
    x = x.copy()
    k = x.shape[1]
    passing, _, _ = _passes(x, skew_t, kurt_t)
    nwin = np.zeros(k, dtype=int)
    imax = np.zeros(x.shape, dtype=bool)
    imin = np.zeros(x.shape, dtype=bool)
    limit = np.inf if winmax is None else winmax
    active = (~passing | force) & (nwin < limit)
    while active.any():
        cols = np.flatnonzero(active)
        sub = x[:, cols]
        high = skewness(sub) >= 0
        top = np.nanmax(sub, axis=0)
        bottom = np.nanmin(sub, axis=0)
        at = np.where(high, sub == top, sub == bottom)
        others = np.where(at | np.isnan(sub), np.nan, sub)
        stuck = np.all(np.isnan(others), axis=0)  # every value tied: nothing left to winsorise
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            repl = np.where(high, np.nanmax(others, axis=0), np.nanmin(others, axis=0))
        sub = np.where(at & ~stuck, repl, sub)
        x[:, cols] = sub
        imax[:, cols] = np.where(high, at, imax[:, cols])
        imin[:, cols] = np.where(high, imin[:, cols], at)
        nwin[cols] = imax[:, cols].sum(axis=0) + imin[:, cols].sum(axis=0)
        now, _, _ = _passes(sub, skew_t, kurt_t)
        passing[cols] = now
        active[cols] = (~now | force) & (nwin[cols] < limit) & ~stuck
    return {"x": x, "nwin": nwin, "imax": imax, "imin": imin}


@register_step("treat")
class Treat(Step):
    """Treat outliers per indicator as COINr's default: test, winsorise up to winmax, else log (or Box-Cox)."""

    def __init__(
        self,
        *,
        method: str = "winsorise",
        winmax: int | None = 5,
        skew_thresh: float = 2.0,
        kurt_thresh: float = 3.5,
        fallback: str = "log",
        boxcox_lambda: float = 0.5,
        force_win: bool = False,
    ) -> None:
        self.method = method
        self.winmax = winmax
        self.skew_thresh = skew_thresh
        self.kurt_thresh = kurt_thresh
        self.fallback = fallback
        self.boxcox_lambda = boxcox_lambda
        self.force_win = force_win

    def fit(self, data: Dataset, framework: object | None = None) -> Treat:
        """Run the test / winsorise / fallback sequence and keep the treated values and details."""
        if self.method not in TREAT_METHODS:
            raise ConfigError(f"unknown treatment {self.method!r}", hint=f"Use one of {', '.join(TREAT_METHODS)}.")
        if self.fallback not in FALLBACKS:
            raise ConfigError(f"unknown fallback {self.fallback!r}", hint=f"Use one of {', '.join(FALLBACKS)}.")
        x = data.values
        n, k = x.shape
        points = np.full((n, k), "", dtype=object)
        if self.method == "none":
            self.values_, self.details_, self.points_ = x.copy(), [], points
            return self
        p0, s0, k0 = _passes(x, self.skew_thresh, self.kurt_thresh)
        out = x.copy()
        details: list[dict[str, Any]] = [
            {"iCode": c, "check_SkewKurt0.Pass": bool(p0[j]), "check_SkewKurt0.Skew": float(s0[j]),
             "check_SkewKurt0.Kurt": float(k0[j])} for j, c in enumerate(data.codes)
        ]
        fail = np.flatnonzero(~p0)
        if fail.size:
            win = _winsorise(x[:, fail], self.winmax, self.skew_thresh, self.kurt_thresh, self.force_win)
            p1, s1, k1 = _passes(win["x"], self.skew_thresh, self.kurt_thresh)
            marks = np.where(win["imin"], "winlo", np.where(win["imax"], "winhi", ""))
            orig = x[:, fail]
            if self.fallback == "log":
                second = log_ct(orig)
            elif self.fallback == "boxcox":
                second = boxcox(orig, self.boxcox_lambda)
            else:
                second = win["x"]
            p2, s2, k2 = _passes(second, self.skew_thresh, self.kurt_thresh)
            label = {"log": "log_CT", "boxcox": "boxcox", "none": ""}[self.fallback]
            for i, j in enumerate(fail):
                row = details[j]
                row["winsorise.nwin"] = int(win["nwin"][i])
                row.update({"check_SkewKurt1.Pass": bool(p1[i]), "check_SkewKurt1.Skew": float(s1[i]),
                            "check_SkewKurt1.Kurt": float(k1[i])})
                points[:, j] = marks[:, i]
                if p1[i] or self.fallback == "none":
                    out[:, j] = win["x"][:, i]
                    continue
                out[:, j] = second[:, i]
                row.update({"check_SkewKurt2.Pass": bool(p2[i]), "check_SkewKurt2.Skew": float(s2[i]),
                            "check_SkewKurt2.Kurt": float(k2[i])})
                points[:, j] = [f"{m}+{label}" if m else f"+{label}" for m in marks[:, i]]
        self.values_, self.details_, self.points_ = out, details, points
        return self

    def transform(self, data: Dataset) -> Dataset:
        """The treated dataset (of the data passed to fit)."""
        check_is_fitted(self, "values_")
        return Dataset("Treated", data.units, data.codes, self.values_)
