"""Trend projections: OLS fits, prediction intervals and probabilities checked against textbook formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from riso.progress import ProgressAssessor, assess_matrix, fit_trend
from riso.progress.eurostat import SIGNIFICANT


def _textbook(x: list[float], y: list[float], x_new: float, level: float) -> tuple[float, float, float, float]:
    n = len(x)
    fit = stats.linregress(x, y)
    resid = [yi - (fit.intercept + fit.slope * xi) for xi, yi in zip(x, y, strict=True)]
    s = math.sqrt(sum(r * r for r in resid) / (n - 2))
    xbar = sum(x) / n
    sxx = sum((xi - xbar) ** 2 for xi in x)
    se = s * math.sqrt(1 + 1 / n + (x_new - xbar) ** 2 / sxx)
    centre = fit.intercept + fit.slope * x_new
    q = stats.t.ppf(0.5 + level / 2, n - 2)
    return centre, centre - q * se, centre + q * se, se


def test_projection_linear_matches_textbook() -> None:
    x = [2015.0, 2016, 2017, 2018, 2019, 2020]
    y = [1.0, 1.3, 1.35, 1.6, 1.9, 1.95]
    fit = fit_trend(np.array([x]), np.array([y]), np.array([2027.0]), np.array([3.0]), np.array([1]), level=0.9)
    centre, low, high, se = _textbook(x, y, 2027.0, 0.9)
    assert fit.value[0] == pytest.approx(centre)
    assert (fit.low[0], fit.high[0]) == (pytest.approx(low), pytest.approx(high))
    assert fit.probability[0] == pytest.approx(stats.t.sf((3.0 - centre) / se, 4))


def test_projection_constant_growth_is_log_linear() -> None:
    x = [2018.0, 2019, 2020, 2021, 2022]
    y = [100 * 1.05**i * (1.01 if i % 2 else 0.99) for i in range(5)]
    fit = fit_trend(np.array([x]), np.array([y]), np.array([2030.0]), np.array([150.0]), np.array([1]),
                    model="constant_growth")
    centre, low, high, _ = _textbook(x, [math.log(v) for v in y], 2030.0, 0.9)
    assert fit.value[0] == pytest.approx(math.exp(centre))
    assert fit.low[0] == pytest.approx(math.exp(low)) and fit.high[0] == pytest.approx(math.exp(high))
    assert fit.slope[0] == pytest.approx(stats.linregress(x, [math.log(v) for v in y]).slope)


def test_projection_probability_for_at_most_is_the_complement() -> None:
    x = np.array([[2018.0, 2019, 2020, 2021]])
    y = np.array([[10.0, 9.0, 8.5, 7.2]])
    up = fit_trend(x, y, np.array([2025.0]), np.array([5.0]), np.array([1]))
    down = fit_trend(x, y, np.array([2025.0]), np.array([5.0]), np.array([-1]))
    assert up.probability[0] + down.probability[0] == pytest.approx(1.0)


def test_projection_needs_three_points_and_ignores_nan() -> None:
    x = np.array([[2020.0, 2021, np.nan], [2019.0, 2020, 2021]])
    y = np.array([[1.0, 2.0, np.nan], [1.0, 2.0, 3.5]])
    fit = fit_trend(x, y, np.array([2025.0, 2025.0]), np.array([4.0, 4.0]), np.array([1, 1]))
    assert math.isnan(fit.value[0]) and fit.n[0] == 2
    assert math.isfinite(fit.value[1]) and fit.n[1] == 3


def test_projection_perfect_fit_is_certain() -> None:
    x = np.array([[2018.0, 2019, 2020]])
    fit = fit_trend(x, np.array([[1.0, 2.0, 3.0]]), np.array([2025.0]), np.array([7.5]), np.array([1]))
    assert fit.value[0] == pytest.approx(8.0)
    assert fit.probability[0] == 1.0


def test_matrix_rows_agree_with_assessor() -> None:
    rng = np.random.default_rng(7)
    years = np.tile(np.arange(2004.0, 2024.0), (50, 1))
    values = 10 * np.exp(0.04 * (years - 2004)) * rng.lognormal(0, 0.03, years.shape)
    values[::7, :12] = np.nan
    targets = rng.uniform(12, 40, 50)
    out = assess_matrix(years, values, target=targets, deadline=np.full(50, 2030.0), sense=np.ones(50, dtype=int),
                        linear=np.zeros(50, dtype=bool))
    from riso.model import Observation, Target

    obs = [Observation(region=f"R{i}", indicator="x", period=str(int(years[i, j])), value=float(values[i, j]),
                       source="s") for i in range(50) for j in range(20) if np.isfinite(values[i, j])]
    tgts = [Target(id=str(i), region=f"R{i}", indicator="x", value=float(targets[i]), deadline=2030)
            for i in range(50)]
    per_target = ProgressAssessor().fit(obs).assess(tgts)
    for i, a in enumerate(per_target):
        assert a.ratio == pytest.approx(out.ratio[i])
        assert a.projections["constant_growth"]["value"] == pytest.approx(out.fits["constant_growth"].value[i])
    assert (out.status == SIGNIFICANT).any()
