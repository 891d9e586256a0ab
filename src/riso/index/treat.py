"""Outlier treatment (COINr's Treat): skew/kurtosis test, point-by-point winsorisation, log or Box-Cox fallback.

Vectorised over indicators: every column runs COINr's per-column loop in lock step. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from riso.errors import ConfigError
from riso.index.base import Step, check_is_fitted, register_step
from riso.index.framework import Dataset

__all__ = ["TREAT_METHODS", "Treat", "boxcox", "kurtosis", "log_ct", "skewness"]

TREAT_METHODS = ("winsorise", "none")
FALLBACKS = ("log", "log_CT", "log_CT_plus", "log_CT_orig", "ln", "boxcox", "none")
"""Second-round transforms (COINr's f2): `log`/`log_CT` (COINr's default log_CT), `log_CT_plus` (log_CT, mirrored
for negative skew), `log_CT_orig` (log(x - min + 1)), `ln` (the plain natural log, base R's `log`), `boxcox`."""


def _moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per ROW of x (indicators x units, contiguous): n, sum d^2, d^3, d^4 of non-missing values, d = x - mean."""
    miss = np.isnan(x)
    if miss.any():
        n = (~miss).sum(axis=1).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            d = x - (np.where(miss, 0.0, x).sum(axis=1) / n)[:, None]
        d[miss] = 0.0
    else:
        n = np.full(x.shape[0], float(x.shape[1]))
        d = x - x.mean(axis=1)[:, None]
    d2 = d * d
    return n, d2.sum(axis=1), np.einsum("ij,ij->i", d2, d), np.einsum("ij,ij->i", d2, d2)


def _skew_kurt_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type-2 skewness and excess kurtosis of each row from one pass of moments."""
    n, s2, s3, s4 = _moments(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        sk = np.sqrt(n) * s3 / s2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * s4 / (s2 * s2)
        kt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    sk[n < 3] = np.nan
    kt[n < 4] = np.nan
    return sk, kt


def _skew_kurt(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type-2 skewness and excess kurtosis of each column."""
    return _skew_kurt_rows(np.ascontiguousarray(x.T))


def skewness(x: np.ndarray) -> np.ndarray:
    """Bias-corrected sample skewness (type 2, as Excel and e1071) of each column, ignoring NaN."""
    x = np.asarray(x, dtype=float)
    out = _skew_kurt(x[:, None] if x.ndim == 1 else x)[0]
    return out[0] if x.ndim == 1 else out


def kurtosis(x: np.ndarray) -> np.ndarray:
    """Bias-corrected sample excess kurtosis (type 2) of each column, ignoring NaN."""
    x = np.asarray(x, dtype=float)
    out = _skew_kurt(x[:, None] if x.ndim == 1 else x)[1]
    return out[0] if x.ndim == 1 else out


def log_ct(x: np.ndarray) -> np.ndarray:
    """COIN Tool log per column: log(x - min + 0.01 (max - min))."""
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))  # type: ignore[no-any-return]


def log_ct_plus(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """COINr's log_CT_plus per column: log(x - min + a) for positive skew, else -log(max + a - x); a = 0.01 range.

    Returns the values and, per column, whether the mirrored (negative-skew) form was used.
    """
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    a = 0.01 * (hi - lo)
    neg = ~(skewness(x) > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(neg, -np.log(hi + a - x), np.log(x - lo + a))
    return out, neg


def _second_round(x: np.ndarray, fallback: str, lam: float) -> tuple[np.ndarray, list[str]]:
    """The fallback transform of each column and its COINr label."""
    k = x.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        if fallback in ("log", "log_CT"):
            return log_ct(x), ["log_CT"] * k
        if fallback == "log_CT_plus":
            out, neg = log_ct_plus(x)
            return out, ["log_CT_neg" if n else "log_CT" for n in neg]
        if fallback == "log_CT_orig":
            return np.log(x - np.nanmin(x, axis=0) + 1.0), ["log_CT_orig"] * k
        if fallback == "ln":
            return np.log(x), ["log"] * k
        if fallback == "boxcox":
            return boxcox(x, lam), ["boxcox"] * k
    return x.copy(), [""] * k


def boxcox(x: np.ndarray, lam: float) -> np.ndarray:
    """Box-Cox per column after shifting to a minimum of 1 (COINr's makepos)."""
    y = x - np.nanmin(x, axis=0) + 1.0
    return np.log(y) if lam == 0 else (y**lam - 1.0) / lam  # type: ignore[no-any-return]


def _passes(x: np.ndarray, skew_t: float, kurt_t: float, *, rows: bool = False
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sk, kt = _skew_kurt_rows(x) if rows else _skew_kurt(x)
    with np.errstate(invalid="ignore"):
        ok = (np.abs(sk) < skew_t) | (kt < kurt_t)
    return ok | np.isnan(sk) | np.isnan(kt), sk, kt  # too few points: left untreated, as COINr does


def _extremes(sub: np.ndarray, high: np.ndarray, has_nan: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: positions of the max (high) or min (low), the next value inward, and all-tied rows."""
    flip = np.where(high, 1.0, -1.0)[:, None]
    y = sub * flip  # the end to winsorise becomes the maximum (multiplying by -1 is exact)
    if has_nan:
        y = np.where(np.isnan(y), -np.inf, y)
    top = y.max(axis=1)[:, None]
    at = (y == top) & (y > -np.inf) if has_nan else y == top
    nxt = np.where(at, -np.inf, y).max(axis=1)
    stuck = ~np.isfinite(nxt)
    return at, (nxt * flip[:, 0])[:, None], stuck


def _winsorise(x: np.ndarray, winmax: int | None, skew_t: float, kurt_t: float, force: bool) -> dict[str, Any]:
    """COINr's winsorise on every column at once (worked on rows of x.T): x, nwin, imax/imin of the last step."""
    xt = np.ascontiguousarray(x.T)
    k = xt.shape[0]
    passing, skew, _ = _passes(xt, skew_t, kurt_t, rows=True)
    nwin = np.zeros(k, dtype=int)
    imax = np.zeros(xt.shape, dtype=bool)
    imin = np.zeros(xt.shape, dtype=bool)
    limit = np.inf if winmax is None else winmax
    active = (~passing | force) & (nwin < limit)
    has_nan = bool(np.isnan(xt).any())
    while active.any():
        idx = np.flatnonzero(active)
        sub = xt[idx]
        high = skew[idx] >= 0  # the skew of the current values, from the last check
        at, repl, stuck = _extremes(sub, high, has_nan)
        sub = np.where(at & ~stuck[:, None], repl, sub)
        xt[idx] = sub
        imax[idx] = np.where(high[:, None], at, imax[idx])
        imin[idx] = np.where(high[:, None], imin[idx], at)
        nwin[idx] = imax[idx].sum(axis=1) + imin[idx].sum(axis=1)
        now, skew[idx], _ = _passes(sub, skew_t, kurt_t, rows=True)
        passing[idx] = now
        active[idx] = (~now | force) & (nwin[idx] < limit) & ~stuck
    return {"x": xt.T, "nwin": nwin, "imax": imax.T, "imin": imin.T}


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
        specs: Mapping[str, Any] | None = None,
    ) -> None:
        self.method = method
        self.winmax = winmax
        self.skew_thresh = skew_thresh
        self.kurt_thresh = kurt_thresh
        self.fallback = fallback
        self.boxcox_lambda = boxcox_lambda
        self.force_win = force_win
        self.specs = specs

    def _own(self, code: str) -> Treat:
        """The Treat of one indicator with its own settings (COINr's indiv_specs; "none" leaves it untreated)."""
        spec = (self.specs or {})[code]
        own: dict[str, Any] = {"method": "none"} if spec in ("none", None) else dict(spec)
        params = self.get_params() | {"specs": None} | own
        unknown = sorted(set(params) - set(self.get_params()))
        if unknown:
            raise ConfigError(f"unknown treatment setting(s) for {code}: {', '.join(unknown)}",
                              hint="Use method, winmax, skew_thresh, kurt_thresh, fallback, boxcox_lambda, force_win.")
        return Treat(**params)

    def fit(self, data: Dataset, framework: object | None = None) -> Treat:
        """Run the test / winsorise / fallback sequence and keep the treated values and details."""
        if self.method not in TREAT_METHODS:
            raise ConfigError(f"unknown treatment {self.method!r}", hint=f"Use one of {', '.join(TREAT_METHODS)}.")
        if self.fallback not in FALLBACKS:
            raise ConfigError(f"unknown fallback {self.fallback!r}", hint=f"Use one of {', '.join(FALLBACKS)}.")
        unknown = sorted(set(self.specs or {}) - set(data.codes))
        if unknown:
            raise ConfigError(f"treatment specs for unknown indicators: {', '.join(unknown)}",
                              hint="Key treat_specs by iCodes of the data.")
        if self.specs:
            return self._fit_by_spec(data)
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
            codes = np.where(win["imin"], 2, np.where(win["imax"], 1, 0))
            orig = x[:, fail]
            second, labels = _second_round(orig, self.fallback, self.boxcox_lambda)
            if self.fallback == "none":
                second = win["x"]
            p2, s2, k2 = _passes(second, self.skew_thresh, self.kurt_thresh)
            for i, j in enumerate(fail):
                label = labels[i]
                # COINr joins the two treatment columns with "+" (e.g. "winhi+log_CT", "+log_CT")
                names = np.array(["", "winhi", "winlo", f"+{label}", f"winhi+{label}", f"winlo+{label}"],
                                 dtype=object)
                row = details[j]
                row["winsorise.nwin"] = int(win["nwin"][i])
                row.update({"check_SkewKurt1.Pass": bool(p1[i]), "check_SkewKurt1.Skew": float(s1[i]),
                            "check_SkewKurt1.Kurt": float(k1[i])})
                points[:, j] = names[codes[:, i]]
                if p1[i] or self.fallback == "none":
                    out[:, j] = win["x"][:, i]
                    continue
                out[:, j] = second[:, i]
                row.update({"check_SkewKurt2.Pass": bool(p2[i]), "check_SkewKurt2.Skew": float(s2[i]),
                            "check_SkewKurt2.Kurt": float(k2[i])})
                points[:, j] = names[codes[:, i] + 3]
        self.values_, self.details_, self.points_ = out, details, points
        return self

    def _fit_by_spec(self, data: Dataset) -> Treat:
        """Treat the indicators with their own specs one by one and the rest together with the global spec."""
        own = [c for c in data.codes if c in (self.specs or {})]
        rest = [c for c in data.codes if c not in own]
        out: np.ndarray = data.values.copy()
        points: np.ndarray = np.full(out.shape, "", dtype=object)
        details: dict[str, dict[str, Any]] = {}
        parts: list[tuple[list[str], Treat]] = [([c], self._own(c)) for c in own]
        if rest:
            parts.append((rest, Treat(**(self.get_params() | {"specs": None}))))
        for codes, step in parts:
            cols = [data.codes.index(c) for c in codes]
            sub = Dataset(data.name, data.units, tuple(codes), data.values[:, cols])
            step.fit(sub)
            out[:, cols], points[:, cols] = step.values_, step.points_
            details.update({row["iCode"]: row for row in step.details_})
        self.values_, self.points_ = out, points
        self.details_ = [details[c] for c in data.codes if c in details]
        return self

    def transform(self, data: Dataset) -> Dataset:
        """The treated dataset (of the data passed to fit)."""
        check_is_fitted(self, "values_")
        return Dataset("Treated", data.units, data.codes, self.values_)
