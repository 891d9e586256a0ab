"""Denominate, screen and impute steps (COINr's Denominate, Screen, Impute). No I/O."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from riso.errors import ConfigError, FrameworkError
from riso.index.base import Step, check_is_fitted, register_step
from riso.index.framework import Dataset, Framework

__all__ = ["IMPUTE_METHODS", "Denominate", "Impute", "Screen"]

IMPUTE_METHODS = (
    "indicator-mean", "indicator-median", "group-mean", "group-median", "unit-mean", "unit-median", "em", "regression",
)
_ALIASES = {"mean": "indicator-mean", "median": "indicator-median"}


@register_step("denominate")
class Denominate(Step):
    """Divide each indicator that has a Denominator by that data column."""

    def __init__(self, *, scale: float = 1.0) -> None:
        self.scale = scale

    def fit(self, data: Dataset, framework: Framework) -> Denominate:
        """Look up each indicator's denominator column."""
        index = {u: i for i, u in enumerate(framework.units)}
        rows = [index[u] for u in data.units]
        divisor = np.ones((len(data.units), len(data.codes)))
        for j, code in enumerate(data.codes):
            den = framework.node(code).denominator
            if den:
                divisor[:, j] = framework.denominators[den][rows]
        self.divisor_ = divisor
        return self

    def transform(self, data: Dataset) -> Dataset:
        """The denominated dataset."""
        check_is_fitted(self, "divisor_")
        with np.errstate(divide="ignore", invalid="ignore"):
            values = data.values / self.divisor_ * self.scale
        values[~np.isfinite(values)] = np.nan
        return Dataset("Denominated", data.units, data.codes, values)


SCREEN_BY = ("na", "zeros", "na-and-zeros")


@register_step("screen")
class Screen(Step):
    """Keep units whose data availability is at least `threshold` (COINr's Screen).

    `by` is what counts as missing: `na` (missing values, the default), `zeros` (zero values) or `na-and-zeros`
    (either). `force_in` units are always kept and `force_out` units always removed.
    """

    def __init__(
        self, *, threshold: float = 0.0, by: str = "na", force_in: tuple[str, ...] = (),
        force_out: tuple[str, ...] = (),
    ) -> None:
        self.threshold = threshold
        self.by = by
        self.force_in = force_in
        self.force_out = force_out

    def fit(self, data: Dataset, framework: Framework | None = None) -> Screen:
        """Compute each unit's availability and which units pass."""
        if not 0 <= self.threshold <= 1:
            raise ConfigError(f"screen threshold {self.threshold} is outside [0, 1]", hint="Use e.g. 0.9 for 90 %.")
        by = self.by.replace("_", "-").lower()
        if by not in SCREEN_BY:
            raise ConfigError(f"unknown screening basis {self.by!r}", hint=f"Use one of {', '.join(SCREEN_BY)}.")
        unknown = sorted((set(self.force_in) | set(self.force_out)) - set(data.units))
        if unknown:
            raise ConfigError(f"forced units not in the data: {', '.join(unknown)}", hint="Use uCodes of the data.")
        both = sorted(set(self.force_in) & set(self.force_out))
        if both:
            raise ConfigError(f"units both forced in and out: {', '.join(both)}", hint="Name each unit once.")
        x = data.values
        missing = np.zeros(x.shape, dtype=bool)
        if by in ("na", "na-and-zeros"):
            missing |= np.isnan(x)
        if by in ("zeros", "na-and-zeros"):
            missing |= x == 0
        self.availability_ = 1.0 - np.mean(missing, axis=1)
        keep = self.availability_ >= self.threshold
        keep |= np.isin(np.array(data.units, dtype=object), list(self.force_in))
        keep &= ~np.isin(np.array(data.units, dtype=object), list(self.force_out))
        self.keep_ = keep
        if not self.keep_.any():
            raise FrameworkError(
                f"no units with data left after screening at {self.threshold:.0%} availability",
                hint="Lower the screening threshold or add data.",
            )
        self.removed_ = tuple(u for u, k in zip(data.units, self.keep_, strict=True) if not k)
        return self

    def transform(self, data: Dataset) -> Dataset:
        """The dataset without the screened-out units."""
        check_is_fitted(self, "keep_")
        units = tuple(u for u, k in zip(data.units, self.keep_, strict=True) if k)
        return Dataset("Screened", units, data.codes, data.values[self.keep_])


def _em(values: np.ndarray, iterations: int = 100, tol: float = 1e-8) -> np.ndarray:
    """EM imputation under a multivariate normal model (conditional means), on standardised columns."""
    mu, sd = np.nanmean(values, axis=0), np.nanstd(values, axis=0)
    sd[sd == 0] = 1.0
    z = (values - mu) / sd
    miss = np.isnan(z)
    x = np.where(miss, 0.0, z)
    p = z.shape[1]
    for _ in range(iterations):
        m = x.mean(axis=0)
        cov = np.cov(x, rowvar=False) + 1e-6 * np.eye(p)
        new = x.copy()
        for i in np.flatnonzero(miss.any(axis=1)):
            mi, oi = miss[i], ~miss[i]
            if not oi.any():
                new[i, mi] = m[mi]
                continue
            coef = np.linalg.solve(cov[np.ix_(oi, oi)], cov[np.ix_(oi, mi)])
            new[i, mi] = m[mi] + (x[i, oi] - m[oi]) @ coef
        delta = np.max(np.abs(new - x)) if miss.any() else 0.0
        x = new
        if delta < tol:
            break
    out: np.ndarray = x * sd + mu
    return out


def _regression(values: np.ndarray) -> np.ndarray:
    """Fill each column's gaps by least squares on the columns that are complete."""
    out = values.copy()
    complete = ~np.isnan(values).any(axis=0)
    base = np.column_stack([np.ones(len(values)), values[:, complete]])
    for j in np.flatnonzero(~complete):
        rows = ~np.isnan(values[:, j])
        if rows.sum() <= base.shape[1]:
            out[~rows, j] = np.nanmean(values[:, j])
            continue
        coef, *_ = np.linalg.lstsq(base[rows], values[rows, j], rcond=None)
        out[~rows, j] = base[~rows] @ coef
    return out


@register_step("impute")
class Impute(Step):
    """Fill missing values: by indicator, group or unit mean/median, EM or regression."""

    def __init__(self, *, method: str = "indicator-mean", group: str | None = None) -> None:
        self.method = method
        self.group = group

    def fit(self, data: Dataset, framework: Framework) -> Impute:
        """Check the method and learn the fill values."""
        method = _ALIASES.get(self.method, self.method)
        if method not in IMPUTE_METHODS:
            raise ConfigError(f"unknown imputation method {self.method!r}",
                              hint=f"Use one of {', '.join(IMPUTE_METHODS)}.")
        self.method_ = method
        self.labels_: np.ndarray | None = None
        if method.startswith("group-"):
            if not self.group or self.group not in framework.groups:
                raise ConfigError(
                    f"group imputation needs a group column; got {self.group!r}",
                    hint=f"Pass --impute-group with one of: {', '.join(framework.groups) or '(no group columns)'}.",
                )
            lookup = dict(zip(framework.units, framework.groups[self.group], strict=True))
            self.labels_ = np.array([_label(lookup[u]) for u in data.units], dtype=object)
        self.framework_ = framework
        return self

    def transform(self, data: Dataset) -> Dataset:
        """The imputed dataset (values that were present are unchanged)."""
        check_is_fitted(self, "method_")
        x = data.values.copy()
        miss = np.isnan(x)
        kind, _, stat = self.method_.partition("-")
        func: Any = np.nanmedian if stat == "median" else np.nanmean
        with np.errstate(all="ignore"), _quiet():
            if kind == "indicator":
                x = np.where(miss, func(x, axis=0), x)
            elif kind == "group":
                assert self.labels_ is not None
                for label in {lab for lab in self.labels_ if lab is not None}:
                    rows = self.labels_ == label  # a unit without a group label stays missing (COINr)
                    block = x[rows]
                    x[rows] = np.where(np.isnan(block), func(block, axis=0), block)
            elif kind == "unit":
                # COINr (impute_by = "row", normalise_first): direction first, min-max to [0, 1], the row's
                # mean/median within each parent group, then back through the same scaling and direction.
                d = np.array([self.framework_.node(c).direction for c in data.codes], dtype=float)
                xd = x * d
                lo, hi = np.nanmin(xd, axis=0), np.nanmax(xd, axis=0)
                span = np.where(hi > lo, hi - lo, 1.0)
                scaled = (xd - lo) / span
                parents = np.array([self.framework_.node(c).parent or "" for c in data.codes], dtype=object)
                for parent in np.unique(parents):
                    cols = parents == parent
                    fill = func(scaled[:, cols], axis=1)
                    block = scaled[:, cols]
                    scaled[:, cols] = np.where(np.isnan(block), fill[:, None], block)
                x = np.where(miss, (scaled * span + lo) * d, x)
            elif kind == "em":
                x = _em(x)
            else:
                x = _regression(x)
        return Dataset("Imputed", data.units, data.codes, x)


def _label(value: object) -> str | None:
    """A group label, or None when the unit has none (empty, NA or NaN)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    return None if text in ("", "nan", "NaN", "NA", "<NA>", "None") else text


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence numpy's all-NaN-slice warnings (the gaps simply stay missing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield
