"""ProgressAssessor: targets and observations in, one Assessment per target out (estimator style).

Pure stage: no I/O, no clock; ``as_of`` is a parameter. Follows the estimator conventions of
STYLE.md §8: ``__init__`` stores settings, ``fit`` learns the series, ``assess`` applies them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from riso.errors import NotFittedError
from riso.model import Indicator, Observation, Target
from riso.progress.eurostat import STATUSES, Status
from riso.progress.matrix import assess_matrix

__all__ = ["DOCUMENTS", "Assessment", "ProgressAssessor", "period_year"]

DOCUMENTS = "documents"  # series source of observations taken from document facts
_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$")


def period_year(period: str) -> float | None:
    """A period as a (fractional) year: "2023" -> 2023.0, "2023-Q3" -> 2023.5, "2023-04" -> 2023.25."""
    match = _PERIOD.match(period.strip())
    if not match:
        return None
    year = float(match.group(1))
    if match.group(2):
        return year + (int(match.group(2)) - 1) / 4.0
    if match.group(3):
        return year + (int(match.group(3)) - 1) / 12.0
    return year


def _num(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


@dataclass(frozen=True)
class Assessment:
    """How far one target stands: Eurostat class, its numbers, and projections to the deadline."""

    target: Target
    status: Status
    reason: str | None = None  # why not assessable: no_indicator, no_observations, too_few_points, ...
    series: tuple[tuple[str, float], ...] = ()  # (period, value) of the series used
    series_source: str | None = None
    start: tuple[str, float] | None = None
    latest: tuple[str, float] | None = None
    n_points: int = 0
    scale: str = "growth"  # "growth" (compound rates) or "linear" (absolute change per year)
    actual_cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None
    distance: float | None = None  # target minus latest, in the indicator's unit
    years_to_target: float | None = None  # at the actual growth
    projections: dict[str, dict[str, float | None]] = field(default_factory=dict)
    headline_model: str | None = None

    @property
    def projection(self) -> dict[str, float | None] | None:
        """The headline projection (the model matching the scale)."""
        return self.projections.get(self.headline_model or "")

    @property
    def progress(self) -> float | None:
        """Share of the way from the window start to the target, 0..1, for progress bars."""
        if self.status == "met":
            return 1.0
        if not self.start or not self.latest:
            return None
        span = self.target.value - self.start[1]
        if span == 0:
            return None
        return float(min(max((self.latest[1] - self.start[1]) / span, 0.0), 1.0))


def _sense(target: Target) -> int:
    return {"at_least": 1, "at_most": -1}.get(target.comparator, 0)


class ProgressAssessor:
    """Assess quantified targets against observed series with the Eurostat SDG method."""

    def __init__(
        self,
        *,
        window: int = 5,
        fit_years: int = 10,
        min_points: int = 3,
        significant: float = 0.95,
        moderate: float = 0.60,
        level: float = 0.90,
    ) -> None:
        self.window = window
        self.fit_years = fit_years
        self.min_points = min_points
        self.significant = significant
        self.moderate = moderate
        self.level = level

    def get_params(self) -> dict[str, float]:
        """The settings, as given to __init__."""
        keys = ("window", "fit_years", "min_points", "significant", "moderate", "level")
        return {k: getattr(self, k) for k in keys}

    def set_params(self, **params: float) -> ProgressAssessor:
        """Change settings; returns self."""
        for key, value in params.items():
            if key not in self.get_params():
                raise ValueError(f"unknown parameter {key!r}")
            setattr(self, key, value)
        return self

    def fit(self, observations: Iterable[Observation]) -> ProgressAssessor:
        """Group observations into series by (region, indicator, source); returns self."""
        series: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
        for obs in observations:
            if period_year(obs.period) is None:
                continue
            by_source = series.setdefault((obs.region, obs.indicator), {})
            # Values stated in documents form one series: each fact is its own source, one point each.
            source = DOCUMENTS if obs.origin == "document" else obs.source
            by_source.setdefault(source, {})[obs.period] = obs.value
        self.series_ = series
        return self

    def _choose(self, region: str, indicator: str, as_of: float | None) -> tuple[str | None, list[tuple[str, float]]]:
        # One source per series: mixing statistical offices would show their disagreement as a trend.
        options = self.series_.get((region, indicator), {})
        best: tuple[tuple[int, float], str, list[tuple[str, float]]] | None = None
        for source, points in options.items():
            kept = sorted(
                ((p, v) for p, v in points.items() if as_of is None or (period_year(p) or 0) <= as_of),
                key=lambda pv: period_year(pv[0]) or 0,
            )
            if not kept:
                continue
            rank = (len(kept), period_year(kept[-1][0]) or 0.0)
            if best is None or rank > best[0]:
                best = (rank, source, kept)
        return (best[1], best[2]) if best else (None, [])

    def assess(
        self,
        targets: Sequence[Target],
        *,
        indicators: Mapping[str, Indicator] | None = None,
        as_of: float | None = None,
    ) -> list[Assessment]:
        """One Assessment per target, in input order; raises NotFittedError before fit()."""
        if not hasattr(self, "series_"):
            raise NotFittedError("ProgressAssessor.assess was called before fit()")
        indicators = indicators or {}
        rows: list[tuple[int, str | None, list[tuple[str, float]]]] = []
        results: list[Assessment | None] = []
        for i, target in enumerate(targets):
            if not target.indicator:
                results.append(Assessment(target=target, status="not_assessable", reason="no_indicator"))
                continue
            indicator = indicators.get(target.indicator)
            if indicator is not None and target.unit and indicator.unit and target.unit != indicator.unit:
                # "8 %" against a money series, "43,000 EUR m" against CNY 100m: no comparison without a conversion
                results.append(Assessment(target=target, status="not_assessable", reason="unit_mismatch"))
                continue
            source, points = self._choose(target.region, target.indicator, as_of)
            base = target.baseline_period
            if base and target.baseline_value is not None and period_year(base) and all(p != base for p, _ in points):
                points = sorted([*points, (base, target.baseline_value)], key=lambda pv: period_year(pv[0]) or 0)
            if not points:
                results.append(Assessment(target=target, status="not_assessable", reason="no_observations"))
                continue
            results.append(None)
            rows.append((i, source, points))
        if rows:
            self._assess_rows(targets, rows, results, indicators, as_of)
        return [r for r in results if r is not None]

    def _assess_rows(
        self,
        targets: Sequence[Target],
        rows: list[tuple[int, str | None, list[tuple[str, float]]]],
        results: list[Assessment | None],
        indicators: Mapping[str, Indicator],
        as_of: float | None,
    ) -> None:
        width = max(len(points) for _, _, points in rows)
        years = np.full((len(rows), width), np.nan)
        values = np.full((len(rows), width), np.nan)
        for r, (_, _, points) in enumerate(rows):
            years[r, : len(points)] = [period_year(p) for p, _ in points]
            values[r, : len(points)] = [v for _, v in points]
        chosen = [targets[i] for i, _, _ in rows]
        info = [indicators.get(t.indicator or "") for t in chosen]
        out = assess_matrix(
            years, values,
            target=np.array([t.value for t in chosen]),
            deadline=np.array([float(t.deadline) for t in chosen]),
            sense=np.array([_sense(t) for t in chosen]),
            linear=np.array([ind is not None and ind.kind in ("rank", "score") for ind in info]),
            as_of=as_of, window=self.window, fit_years=self.fit_years, min_points=self.min_points,
            significant=self.significant, moderate=self.moderate, level=self.level,
        )
        for r, (i, source, points) in enumerate(rows):
            target = targets[i]
            status = STATUSES[int(out.status[r])]
            by_year = {period_year(p): (p, v) for p, v in points}
            start = by_year.get(float(out.t0[r])) if math.isfinite(out.t0[r]) else None
            latest = by_year.get(float(out.t[r])) if math.isfinite(out.t[r]) else None
            reason = None
            if status == "not_assessable":
                if out.n[r] < self.min_points:
                    reason = "too_few_points"
                elif target.deadline <= out.t0[r]:
                    reason = "deadline_before_start"
                else:
                    reason = "no_growth_rate"
            linear = bool(out.linear[r])
            projections = {
                model: {
                    "value": _num(fit.value[r]), "low": _num(fit.low[r]), "high": _num(fit.high[r]),
                    "probability": _num(fit.probability[r]), "slope": _num(fit.slope[r]),
                    "level": self.level, "n": int(fit.n[r]),
                }
                for model, fit in out.fits.items()
            }
            results[i] = Assessment(
                target=target, status=status, reason=reason, series=tuple(points), series_source=source,
                start=start, latest=latest, n_points=int(out.n[r]), scale="linear" if linear else "growth",
                actual_cagr=_num(out.actual[r]), required_cagr=_num(out.required[r]), ratio=_num(out.ratio[r]),
                distance=_num(target.value - out.xt[r]) if latest else None,
                years_to_target=0.0 if status == "met" else _num(out.years_to_target[r]),
                projections=projections, headline_model="linear" if linear else "constant_growth",
            )
