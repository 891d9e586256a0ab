"""ProgressAssessor follows the estimator conventions and picks one source per series."""

from __future__ import annotations

import pytest

from riso.errors import NotFittedError
from riso.model import Observation, Target
from riso.progress import ProgressAssessor, period_year


def test_assessor_init_stores_params_and_set_params_round_trips() -> None:
    assessor = ProgressAssessor(window=4, significant=0.9)
    assert assessor.get_params()["window"] == 4
    assert assessor.set_params(moderate=0.5).get_params()["moderate"] == 0.5
    with pytest.raises(ValueError):
        assessor.set_params(nonsense=1)


def test_assessor_assess_before_fit_raises() -> None:
    with pytest.raises(NotFittedError):
        ProgressAssessor().assess([])


def test_assessor_uses_one_source_per_series() -> None:
    # WDI and NBS disagree on China 2023 (2.58 vs 2.65): the series with more points is used, never a mix.
    obs = [Observation(region="CN", indicator="rd", period=str(y), value=v, source="nbs")
           for y, v in [(2019, 2.23), (2020, 2.40), (2021, 2.43), (2022, 2.54), (2023, 2.65)]]
    obs += [Observation(region="CN", indicator="rd", period="2023", value=2.58, source="wdi")]
    target = Target(id="t", region="CN", indicator="rd", value=3.0, deadline=2030)
    result = ProgressAssessor().fit(obs).assess([target])[0]
    assert result.series_source == "nbs"
    assert result.latest == ("2023", 2.65)


def test_assessor_keeps_input_order_and_does_not_mutate() -> None:
    obs = [Observation(region="A", indicator="x", period=str(y), value=float(y - 2000), source="s")
           for y in range(2015, 2024)]
    targets = [Target(id=str(i), region=r, indicator="x", value=50.0, deadline=2030) for i, r in enumerate("BAB")]
    before = [t.model_dump() for t in targets]
    results = ProgressAssessor().fit(obs).assess(targets)
    assert [r.target.id for r in results] == ["0", "1", "2"]
    assert [r.status for r in results] == ["not_assessable", results[1].status, "not_assessable"]
    assert [t.model_dump() for t in targets] == before


@pytest.mark.parametrize(("period", "year"), [("2023", 2023.0), ("2023-Q3", 2023.5), ("2023-04", 2023.25),
                                              ("FY23", None)])
def test_assessor_period_year(period: str, year: float | None) -> None:
    assert period_year(period) == year
