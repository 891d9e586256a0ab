"""Eurostat SDG classes, hand-checked at every boundary."""

from __future__ import annotations

import math

import pytest

from riso.model import Indicator, Observation, Target
from riso.progress import ProgressAssessor


def _obs(points: dict[int, float], *, indicator: str = "x", region: str = "R", source: str = "s") -> list[Observation]:
    return [Observation(region=region, indicator=indicator, period=str(y), value=v, source=source)
            for y, v in points.items()]


def _target(value: float, deadline: int, comparator: str = "at_least", **kw: object) -> Target:
    return Target(id="t", region="R", indicator="x", value=value, deadline=deadline, comparator=comparator, **kw)


def _assess(points: dict[int, float], target: Target, **kw: object):
    indicators = kw.pop("indicators", None)
    return ProgressAssessor().fit(_obs(points)).assess([target], indicators=indicators, **kw)[0]


# Start 100 in 2018, latest 2023 (5 years), deadline 2028 (10 years from the start).
# Required growth 10 %/yr: target = 100 * 1.1**10. Actual growth a: latest = 100 * (1 + a)**5.
TARGET_10 = 100 * 1.1**10


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (0.10 * 0.95, "significant"),  # ratio exactly 95 %
        (0.10 * 0.9499, "moderate"),
        (0.10 * 0.60, "moderate"),  # ratio exactly 60 %
        (0.10 * 0.5999, "insufficient"),
        (0.0, "insufficient"),  # ratio exactly 0
        (-0.001, "moving_away"),
        (0.12, "significant"),
    ],
)
def test_eurostat_class_boundaries(actual: float, status: str) -> None:
    latest = 100 * (1 + actual) ** 5
    result = _assess({2018: 100.0, 2020: 101.0, 2023: latest}, _target(TARGET_10, 2028))
    assert result.status == status
    assert result.required_cagr == pytest.approx(0.10)
    assert result.actual_cagr == pytest.approx(actual, abs=1e-12)
    assert result.ratio == pytest.approx(actual / 0.10, abs=1e-9)
    assert result.start == ("2018", 100.0) and result.latest[0] == "2023"


def test_eurostat_ratio_exactly_95_from_rounded_inputs() -> None:
    # 1.095**5 is not exact in binary; the ratio must still class as 95 %, not 94.999999 %.
    result = _assess({2018: 100.0, 2019: 100.0, 2023: 100 * 1.095**5}, _target(TARGET_10, 2028))
    assert result.ratio == 0.95
    assert result.status == "significant"


def test_eurostat_already_met_wins_over_trend() -> None:
    result = _assess({2018: 100.0, 2020: 130.0, 2023: 120.0}, _target(110.0, 2030))
    assert result.status == "met"
    assert result.distance == pytest.approx(-10.0)
    assert result.years_to_target == 0.0


def test_eurostat_decreasing_is_better() -> None:
    # at_most: from 100 down to 50 by 2028 needs -6.7 %/yr; -6.7 %/yr observed -> significant.
    required = (50 / 100) ** (1 / 10) - 1
    on_track = _assess({2018: 100.0, 2020: 90.0, 2023: 100 * (1 + required) ** 5}, _target(50.0, 2028, "at_most"))
    assert on_track.status == "significant"
    assert on_track.ratio == pytest.approx(1.0)
    rising = _assess({2018: 100.0, 2020: 101.0, 2023: 105.0}, _target(50.0, 2028, "at_most"))
    assert rising.status == "moving_away" and rising.ratio < 0
    met = _assess({2018: 100.0, 2020: 60.0, 2023: 49.0}, _target(50.0, 2028, "at_most"))
    assert met.status == "met"


def test_eurostat_rank_uses_linear_scale() -> None:
    # A rank (lower is better): from 20th to 10th by 2028 needs -1 place/yr; -0.6 place/yr observed -> 60 %.
    rank = Indicator(id="x", labels={"en": "rank"}, unit="rank", direction=-1, kind="rank")
    result = _assess({2018: 20.0, 2020: 19.0, 2023: 17.0}, _target(10.0, 2028, "at_most"), indicators={"x": rank})
    assert result.scale == "linear"
    assert result.actual_cagr == pytest.approx(-0.6)
    assert result.required_cagr == pytest.approx(-1.0)
    assert result.status == "moderate"


@pytest.mark.parametrize("points", [{2023: 5.0}, {2022: 4.0, 2023: 5.0}, {2010: 1.0, 2011: 2.0, 2023: 5.0}])
def test_eurostat_too_few_points(points: dict[int, float]) -> None:
    result = _assess(points, _target(10.0, 2030))
    assert result.status == "not_assessable"
    assert result.reason == "too_few_points"
    assert result.latest == ("2023", 5.0)


def test_eurostat_no_observations_and_no_indicator() -> None:
    assessor = ProgressAssessor().fit([])
    none = assessor.assess([_target(1.0, 2030)])[0]
    assert (none.status, none.reason) == ("not_assessable", "no_observations")
    no_ind = assessor.assess([Target(id="u", region="R", indicator=None, value=1, deadline=2030)])[0]
    assert no_ind.reason == "no_indicator"


def test_eurostat_baseline_of_target_counts_as_a_point() -> None:
    target = _target(TARGET_10, 2028, baseline_period="2018", baseline_value=100.0)
    result = _assess({2020: 101.0, 2023: 100 * 1.1**5}, target)
    assert result.status == "significant"
    assert result.start == ("2018", 100.0)


def test_eurostat_window_is_last_five_years() -> None:
    points = {2000 + i: 50.0 + i for i in range(24)}  # 2000..2023
    result = _assess(points, _target(200.0, 2030))
    assert result.start == ("2018", 68.0)
    assert result.n_points == 6
    assert result.actual_cagr == pytest.approx((73 / 68) ** 0.2 - 1)
    assert result.required_cagr == pytest.approx((200 / 68) ** (1 / 12) - 1)


def test_eurostat_as_of_ignores_later_data() -> None:
    points = {2016: 1.0, 2017: 1.1, 2018: 1.2, 2019: 5.0}
    result = _assess(points, _target(2.0, 2025), as_of=2018)
    assert result.latest == ("2018", 1.2)


def test_eurostat_chongqing_rd_intensity_by_hand() -> None:
    # NBS: Chongqing R&D intensity 2018 2.01 %, 2023 2.48 %; target 3 % by 2027.
    series = dict(zip(range(2011, 2024), [1.28, 1.4, 1.39, 1.42, 1.57, 1.72, 1.88, 2.01, 1.99, 2.11, 2.16, 2.36, 2.48],
                      strict=True))
    result = _assess(series, _target(3.0, 2027))
    assert result.actual_cagr == pytest.approx(math.exp(math.log(2.48 / 2.01) / 5) - 1)  # 4.29 %
    assert result.required_cagr == pytest.approx(math.exp(math.log(3 / 2.01) / 9) - 1)  # 4.55 %
    assert result.ratio == pytest.approx(0.9433, abs=1e-4)
    assert result.status == "moderate"
    assert result.distance == pytest.approx(0.52)
    assert result.years_to_target == pytest.approx(math.log(3 / 2.48) / math.log(1 + result.actual_cagr))


def test_a_target_in_another_unit_than_the_series_is_not_assessed() -> None:
    # "plus de 8 %" filed under a money indicator, or millions of euros against a series in CNY 100m: comparing
    # the numbers would give a status that means nothing (before: "moving away" for equal amounts in two units)
    points = {2019: 2000.0, 2021: 2500.0, 2023: 2947.1}
    indicators = {"x": Indicator(id="x", labels={"en": "R&D expenditure"}, unit="CNY 100m")}
    for unit in ("%", "CNY bn", "EUR m"):
        result = _assess(points, _target(8.0, 2025, unit=unit), indicators=indicators)
        assert (result.status, result.reason) == ("not_assessable", "unit_mismatch"), unit
    same = _assess(points, _target(3500.0, 2025, unit="CNY 100m"), indicators=indicators)
    assert same.status != "not_assessable"
    unstated = _assess(points, _target(3500.0, 2025), indicators=indicators)  # a target added by hand
    assert unstated.status != "not_assessable"
