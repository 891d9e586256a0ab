"""Analysis helpers, time series and the chart builders."""

from __future__ import annotations

import numpy as np
import pytest

from riso.errors import FrameworkError
from riso.index import BuildSpec, Framework, build
from riso.index.analysis import (
    correlations,
    cronbach_alpha,
    group_pca,
    indicator_stats,
    profile_from_table,
    strengths_weaknesses,
    what_if,
)
from riso.index.charts import correlation_spec, profile_spec, ranks_spec
from riso.index.plots import correlation_figure, profile_figure, ranks_figure
from riso.index.timeseries import build_series, series_rows


@pytest.fixture
def result(tiny: Framework):
    return build(tiny, BuildSpec(impute="indicator-mean"))


def test_cronbach_alpha_of_identical_items_is_one() -> None:
    x = np.arange(10.0)
    assert cronbach_alpha(np.column_stack([x, x, x])) == pytest.approx(1.0)


def test_stats_correlations_pca(result) -> None:
    stats = {r["iCode"]: r for r in indicator_stats(result.datasets["Raw"])}
    assert stats["b"]["n"] == 5 and stats["b"]["availability"] == pytest.approx(5 / 6)
    corr = correlations(result, 2)
    np.testing.assert_allclose(np.diag(corr.values), 1.0)
    pca = group_pca(result, "P1")
    assert sum(pca["explained"]) == pytest.approx(1.0) and set(pca["loadings"]) == {"a", "b"}


def test_strengths_and_what_if(result) -> None:
    sw = strengths_weaknesses(result, "U6", n=2)
    assert sw["strengths"][0]["rank"] == 1
    rows = what_if(result, {"P1": 0.0001})
    assert {r["uCode"] for r in rows} == set(result.framework.units)
    assert all(r["change"] == r["rank"] - r["new_rank"] for r in rows)


def test_profile_from_table_matches_strengths_weaknesses(result) -> None:
    rows = result.aggregated.to_rows()
    codes = list(result.framework.children(1))
    for unit in result.framework.units:
        built = strengths_weaknesses(result, unit, n=2)
        saved = profile_from_table(rows, codes, unit, n=2)
        assert [(r["iCode"], r["rank"]) for r in saved["strengths"]] == [
            (r["iCode"], r["rank"]) for r in built["strengths"]]
        assert saved["strengths"][0]["of"] == len(result.framework.units)


def test_profile_from_table_by_hand() -> None:
    rows = [{"uCode": "A", "x": 3.0, "y": 1.0, "z": None}, {"uCode": "B", "x": 2.0, "y": 5.0, "z": 4.0},
            {"uCode": "C", "x": 2.0, "y": "n/a", "z": 1.0}]
    prof = profile_from_table(rows, ["x", "y", "z"], "C", n=2)
    assert [(r["iCode"], r["rank"], r["of"]) for r in prof["strengths"]] == [("x", 2, 3), ("z", 2, 2)]
    assert [r["iCode"] for r in prof["weaknesses"]] == ["x", "z"]  # ties in rank: by code
    with pytest.raises(FrameworkError):
        profile_from_table(rows, ["x"], "D")


def test_time_series(tiny: Framework) -> None:
    series = build_series({"2022": tiny, "2023": tiny}, BuildSpec(impute="indicator-mean"))
    rows = series_rows(series)
    assert len(rows) == 12 and {r["period"] for r in rows} == {"2022", "2023"}


def test_charts_and_figures(result) -> None:
    table = result.table()
    unc = [{"uCode": r["uCode"], "nominal": r["Rank"], "median": r["Rank"], "q5": 1, "q95": 6} for r in table]
    assert "vconcat" in ranks_spec(table, "Index", unc)
    assert profile_spec(table, "U1", ["P1", "P2"])["title"] == "U1"
    assert len(correlation_spec(["P1"], ["P2"], [[0.5]])["data"]["values"]) == 1
    assert len(ranks_figure(table, "Index", unc).axes) == 2
    assert profile_figure(table, "U1", ["P1", "P2"]).axes
    assert correlation_figure(["P1", "P2"], ["P1", "P2"], np.eye(2)).axes
