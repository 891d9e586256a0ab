"""Every registered step honours the estimator contract; the COINr rules behind each step."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from riso.errors import ConfigError, FrameworkError, NotFittedError
from riso.index import STEPS, Dataset, Framework, aggregate_batch, kurtosis, normalise_matrix, rank_desc, skewness
from riso.index.treat import Treat

_PARAMS = {"impute": {"method": "group-mean", "group": "grp"}}


@pytest.mark.parametrize("name", sorted(STEPS))
def test_step_contract(name: str, tiny: Framework) -> None:
    cls = STEPS[name]
    step = cls(**_PARAMS.get(name, {}))
    params = step.get_params()
    assert cls(**params).get_params() == params  # __init__ stores params as given
    with pytest.raises(NotFittedError):
        step.transform(tiny.raw())
    data = tiny.raw()
    before = data.values.copy()
    assert step.fit(data, tiny) is step
    out = step.transform(data)
    assert isinstance(out, Dataset)
    np.testing.assert_array_equal(data.values, before)  # inputs never mutated
    assert step.set_params(**params) is step
    with pytest.raises(ConfigError):
        step.set_params(no_such_parameter=1)


def test_skew_kurtosis_are_type_2() -> None:
    rng = np.random.default_rng(3)
    x = rng.lognormal(size=(40, 3))
    np.testing.assert_allclose(skewness(x), stats.skew(x, bias=False), rtol=1e-12)
    np.testing.assert_allclose(kurtosis(x), stats.kurtosis(x, bias=False), rtol=1e-12)


def test_winsorise_ties_count_together_and_log_fallback() -> None:
    x = np.array([[*list(range(1, 31)), 500, 500]], dtype=float).T
    step = Treat(winmax=5).fit(Dataset("d", tuple(map(str, range(32))), ("x",), x))
    assert step.details_[0]["winsorise.nwin"] == 2  # both tied maxima moved in one step
    assert list(step.points_[:, 0]).count("winhi") == 2
    assert step.values_[-1, 0] == 30.0
    hard = np.array([[0.0] * 30 + [1, 2, 4, 8, 16, 32, 64, 1e3, 1e4, 1e5]]).T
    step = Treat(winmax=1).fit(Dataset("d", tuple(map(str, range(40))), ("x",), hard))
    assert "check_SkewKurt2.Pass" in step.details_[0]
    span = hard.max() - hard.min()
    np.testing.assert_allclose(step.values_[:, 0], np.log(hard[:, 0] - hard.min() + 0.01 * span))
    assert step.points_[0, 0] == "+log_CT" and step.points_[-1, 0] == "winhi+log_CT"


def test_normalise_rules() -> None:
    x = np.array([[1.0, 5.0], [2.0, 5.0], [2.0, 1.0], [np.nan, 3.0]])
    mm = normalise_matrix(x, "minmax", directions=np.array([1.0, -1.0]), lower_upper=(1, 100))
    np.testing.assert_allclose(mm[:, 0][:3], [1, 100, 100])
    np.testing.assert_allclose(mm[:, 1], [1, 1, 100, 50.5])
    z = normalise_matrix(x, "zscore", mean_sd=(10, 2))
    np.testing.assert_allclose(np.nanstd(z, axis=0, ddof=1), [2, 2])
    np.testing.assert_allclose(np.nanmean(z, axis=0), [10, 10])
    r = normalise_matrix(x, "rank")  # R rank(ties.method = "min", na.last = "keep")
    np.testing.assert_array_equal(r[:, 0][:3], [1, 2, 2])
    assert np.isnan(r[3, 0])
    np.testing.assert_array_equal(r[:, 1], [3, 3, 1, 2])
    np.testing.assert_allclose(normalise_matrix(x, "prank")[:, 1], [2 / 3, 2 / 3, 0, 1 / 3])


def test_aggregation_formulas_and_missing_weights_rescaled() -> None:
    x = np.array([[4.0, 1.0, np.nan], [2.0, 8.0, 4.0]])
    w = np.array([1.0, 3.0, 2.0])
    g = np.ones((3, 1))
    a = aggregate_batch(x, w, g, "amean")[0][:, 0]
    np.testing.assert_allclose(a, [(4 + 3) / 4, (2 + 24 + 8) / 6])
    gm = aggregate_batch(x, w, g, "gmean")[0][:, 0]
    np.testing.assert_allclose(gm, [np.prod([4.0, 1.0] ** (np.array([1, 3]) / 4)), np.prod(x[1] ** (w / 6))])
    hm = aggregate_batch(x, w, g, "hmean")[0][:, 0]
    np.testing.assert_allclose(hm, [4 / (1 / 4 + 3 / 1), 6 / (1 / 2 + 3 / 8 + 2 / 4)])


@pytest.mark.parametrize("method", ["gmean", "hmean"])
def test_geometric_harmonic_refuse_non_positive(method: str) -> None:
    with pytest.raises(FrameworkError) as err:
        aggregate_batch(np.array([[0.0, 1.0]]), np.ones(2), np.ones((2, 1)), method)
    assert "[1, 100]" in err.value.hint


def test_ranks_ties_share_lowest_rank() -> None:
    np.testing.assert_array_equal(rank_desc(np.array([5.0, 7.0, 7.0, 1.0])), [3, 1, 1, 4])


def test_group_mean_imputation(tiny: Framework) -> None:
    from riso.index import Impute

    out = Impute(method="group-mean", group="grp").fit(tiny.raw(), tiny).transform(tiny.raw())
    assert out.values[2, tiny.indicators.index("b")] == 9.0  # mean of 10 and 8, group x


def test_public_api_is_complete_and_sorted() -> None:
    import riso.index as index

    assert all(hasattr(index, name) for name in index.__all__)
    assert {"build", "run_uncertainty", "framework_from_coinr", "BuildSpec"} <= set(index.__all__)
