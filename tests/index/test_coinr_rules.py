"""COINr's rules where riso used to differ, each checked against values derived by hand from COINr's formulas."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from riso.errors import ConfigError
from riso.index import BuildSpec, build, framework_from_spec
from riso.index.aggregate import aggregate_batch, copeland_scores
from riso.index.analysis import cronbach_alpha
from riso.index.framework import Dataset, Framework
from riso.index.normalise import Normalise, normalise_matrix
from riso.index.prepare import Impute, Screen
from riso.index.treat import Treat
from riso.index.uncertainty import UncertaintySpec, run_uncertainty
from riso.index.weights import effective_weights, resolve_weights
from riso.services.index import load_framework


def test_unit_imputation_applies_direction_first(tiny: Framework) -> None:
    # P1 = {a (+1), b (-1)}; U3 lacks b. a: (3 - 1) / 5 = 0.4 on [0, 1]. -b spans [-10, -1]:
    # -b = 0.4 * 9 - 10 = -6.4, so b = 6.4 (ignoring the direction would give 0.4 * 9 + 1 = 4.6).
    data = tiny.raw()
    out = Impute(method="unit-mean").fit(data, tiny).transform(data)
    assert out.column("b")[2] == pytest.approx(6.4)
    assert np.array_equal(out.column("a"), data.column("a"))


def test_group_imputation_leaves_units_without_a_group_missing() -> None:
    frame = pd.DataFrame({"uCode": ["U1", "U2", "U3", "U4"], "grp": ["x", "x", None, "x"],
                          "a": [1.0, 3.0, np.nan, np.nan], "b": [1.0, 2.0, 3.0, 4.0]})
    fw = framework_from_spec({"tree": {"Index": {"children": {"a": {}, "b": {}}}}, "groups": ["grp"]}, frame)
    out = Impute(method="group-mean", group="grp").fit(fw.raw(), fw).transform(fw.raw())
    assert np.isnan(out.column("a")[2])  # no group label: stays missing, as COINr
    assert out.column("a")[3] == pytest.approx(2.0)  # mean of group x


def test_copeland_counts_wins_not_shares() -> None:
    # A beats B and C on 2 of 3 indicators (+1 each); B beats C on all three. Wins: A +2, B 0, C -2.
    # Summed shares would tie A and B at 4/3.
    x = np.array([[3.0, 3.0, 0.0], [2.0, 2.0, 2.0], [1.0, 1.0, 1.0]])
    assert copeland_scores(x, np.ones(3)).tolist() == [2.0, 0.0, -2.0]
    # a pair that splits the weight exactly half and half is a draw
    assert copeland_scores(np.array([[1.0, 2.0], [2.0, 1.0]]), np.ones(2)).tolist() == [0.0, 0.0]


def test_copeland_lower_triangle_is_one_minus_upper_with_gaps() -> None:
    # A missing value counts for neither unit in (i, j), and (j, i) is 1 - share(i, j) as COINr fills it:
    # share(U1, U2) = 0 (U1 lower on a, b unknown) -> U1 -1; share(U2, U1) = 1 -> U2 +1.
    x = np.array([[1.0, np.nan], [2.0, 5.0]])
    assert copeland_scores(x, np.ones(2)).tolist() == [-1.0, 1.0]


def test_generalised_mean() -> None:
    x = np.array([[1.0, 4.0], [1.0, np.nan]])
    groups = np.ones((2, 1))
    out = aggregate_batch(x, np.ones(2), groups, "genmean:2")[0][:, 0]
    assert out[0] == pytest.approx(math.sqrt(8.5))
    assert np.isnan(out[1])  # any missing child: missing, as COINr's a_genmean
    assert aggregate_batch(x[:1], np.ones(2), groups, "genmean:-1")[0][0, 0] == pytest.approx(1.6)
    with pytest.raises(ConfigError, match="non-zero power"):
        build_tiny_with(aggregate="genmean:0")


def build_tiny_with(**changes: object) -> None:
    frame = pd.DataFrame({"uCode": ["U1", "U2", "U3"], "a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]})
    fw = framework_from_spec({"tree": {"Index": {"children": {"a": {}, "b": {}}}}}, frame)
    build(fw, BuildSpec(**changes))  # type: ignore[arg-type]


def _pca_frame() -> Framework:
    rng = np.random.default_rng(3)
    base = rng.normal(size=30)
    frame = pd.DataFrame({"uCode": [f"U{i}" for i in range(30)],
                          "a": base + rng.normal(scale=0.1, size=30), "b": -base + rng.normal(scale=0.1, size=30),
                          "c": rng.normal(size=30), "d": rng.normal(size=30)})
    tree = {"tree": {"Index": {"children": {"P1": {"weight": 2, "children": {"a": {}, "b": {}}},
                                            "P2": {"children": {"c": {}, "d": {}}}}}}}
    return framework_from_spec(tree, frame)


def test_pca_weights_are_coinr_signed_loadings_at_level_one() -> None:
    fw = _pca_frame()
    data = fw.raw()
    w = resolve_weights("pca", data, fw)
    # two variables: the first component is (1, 1)/sqrt 2 up to sign; a and b are inversely related,
    # so the signed loadings have opposite signs (COINr keeps them); levels above keep the metadata weights
    assert abs(w["a"]) == pytest.approx(1 / math.sqrt(2))
    assert abs(w["b"]) == pytest.approx(1 / math.sqrt(2))
    assert np.sign(w["a"]) == -np.sign(w["b"])
    assert (w["P1"], w["P2"]) == (2.0, 1.0)
    squared = resolve_weights("pca-squared", data, fw)
    assert squared["a"] == pytest.approx(0.5) and squared["b"] == pytest.approx(0.5)


def test_effective_weights(tiny: Framework) -> None:
    # P1 weight 2, P2 weight 1 -> 2/3, 1/3; a, b equal in P1 -> 1/3 each; c 3, d 1 in P2 -> 1/4, 1/12
    eff = effective_weights(tiny, {n.code: n.weight for n in tiny.nodes if n.parent})
    assert eff == pytest.approx({"P1": 2 / 3, "P2": 1 / 3, "a": 1 / 3, "b": 1 / 3, "c": 1 / 4, "d": 1 / 12})


def test_optimised_weights_balance_and_infomax() -> None:
    fw = _pca_frame()
    spec = BuildSpec(weights="optimised", opt={"level": 1, "itarg": "equal", "optype": "infomax"})
    info = build(fw, spec)
    # infomax: the sum of the indicators' correlations with the index is at least the equal-weights one
    equal = build(fw, BuildSpec(weights="equal"))

    def corr_sum(res: object) -> float:
        agg = res.aggregated  # type: ignore[attr-defined]
        top = agg.column("Index")
        return float(sum(np.corrcoef(agg.column(c), top)[0, 1] for c in "abcd"))

    assert corr_sum(info) >= corr_sum(equal) - 1e-9
    with pytest.raises(ConfigError, match="itarg has 3 values"):
        build(fw, BuildSpec(weights="optimised", opt={"level": 1, "itarg": [1, 1, 1]}))


def test_cronbach_uses_pairwise_complete_covariances() -> None:
    block = np.array([[1.0, 2.0, 2.0], [2.0, 3.0, 4.0], [3.0, np.nan, 5.0], [4.0, 6.0, 5.0], [5.0, 5.0, 9.0]])
    k = 3
    cov = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            rows = [r for r in block if not (np.isnan(r[i]) or np.isnan(r[j]))]
            xi, xj = np.array([r[i] for r in rows]), np.array([r[j] for r in rows])
            cov[i, j] = np.sum((xi - xi.mean()) * (xj - xj.mean())) / (len(rows) - 1)
    sig_all = cov.sum()
    sig_av = (sig_all - np.trace(cov)) / (k * (k - 1))
    assert cronbach_alpha(block) == pytest.approx(k * k * sig_av / sig_all)


def test_coinr_csv_numbers_are_read_exactly(tmp_path: Path) -> None:
    text = "9.7999999999999989"
    (tmp_path / "iData.csv").write_text(f"uCode,a,b\nU1,{text},1\nU2,2,3\nU3,1,2\n")
    (tmp_path / "iMeta.csv").write_text(
        "Level,iCode,iName,Direction,Weight,Parent,Type\n1,a,a,1,1,Index,Indicator\n1,b,b,1,1,Index,Indicator\n"
        "2,Index,Index,1,1,,Aggregate\n")
    fw = load_framework(data=tmp_path / "iData.csv", meta=tmp_path / "iMeta.csv")
    assert fw.raw().column("a")[0] == float(text)


def test_dist2ref_and_scaled_normalisation() -> None:
    x = np.array([[1.0], [2.0], [4.0]])
    assert normalise_matrix(x, "dist2ref", ref_row=1)[:, 0].tolist() == [0.0, 1.0, 3.0]
    assert normalise_matrix(x, "dist2ref", ref_row=1, cap_max=True)[:, 0].tolist() == [0.0, 1.0, 1.0]
    assert normalise_matrix(x, "scaled", npara=(0, 10), scale_factor=100)[:, 0].tolist() == [10.0, 20.0, 40.0]


def test_per_indicator_normalisation_specs(tiny: Framework) -> None:
    data = Impute().fit(tiny.raw(), tiny).transform(tiny.raw())
    step = Normalise(method="minmax", specs={"c": {"method": "zscore", "mean": 10, "sd": 2}}).fit(data, tiny)
    out = step.transform(data)
    c = out.column("c")
    assert np.mean(c) == pytest.approx(10.0) and np.std(c, ddof=1) == pytest.approx(2.0)
    assert np.nanmin(out.column("a")) == 0.0 and np.nanmax(out.column("a")) == 100.0
    with pytest.raises(ConfigError, match="unknown indicators"):
        Normalise(specs={"zz": "rank"}).fit(data, tiny)


def _skewed() -> Dataset:
    col = np.array([1.0] * 15 + [2.0, 3.0, 50.0, 1000.0])  # still skewed after one winsorised point
    x = np.column_stack([col, col])
    return Dataset("Raw", tuple(f"U{i}" for i in range(len(col))), ("p", "q"), x)


def test_plain_log_fallback_and_per_indicator_treatment() -> None:
    data = _skewed()
    step = Treat(winmax=1, fallback="ln").fit(data)
    assert np.allclose(step.values_[:, 0], np.log(data.values[:, 0]))  # base R's log, no shift
    assert step.points_[-1, 0] == "winhi+log"
    own = Treat(winmax=1, specs={"q": "none"}).fit(data)
    assert np.array_equal(own.values_[:, 1], data.values[:, 1])  # q left untreated
    assert not np.array_equal(own.values_[:, 0], data.values[:, 0])  # p treated by the global spec
    assert [row["iCode"] for row in own.details_] == ["p"]


def test_screen_by_zeros_and_forced_units() -> None:
    x = np.array([[0.0, 0.0, 1.0], [1.0, 2.0, np.nan], [1.0, 1.0, 1.0]])
    data = Dataset("Raw", ("U1", "U2", "U3"), ("a", "b", "c"), x)
    assert Screen(threshold=0.5, by="zeros").fit(data).removed_ == ("U1",)
    assert Screen(threshold=0.9, by="na-and-zeros").fit(data).removed_ == ("U1", "U2")
    forced = Screen(threshold=0.9, by="na-and-zeros", force_in=("U1",), force_out=("U3",)).fit(data)
    assert forced.removed_ == ("U2", "U3")
    with pytest.raises(ConfigError, match="not in the data"):
        Screen(force_in=("ZZ",)).fit(data)


def test_uncertainty_over_denominate_and_screen(tiny: Framework) -> None:
    base = BuildSpec(impute="indicator-mean")
    spec = UncertaintySpec.from_mapping({"runs": 40, "seed": 2, "vary": {
        "screen": [0.0, {"threshold": 1.0, "by": "zeros"}], "denominate": [True, False], "aggregate": ["amean"]}})
    res = run_uncertainty(tiny, base, spec)
    assert res.ranks.shape == (40, 6)
    assert np.isfinite(res.ranks).all()  # tiny has no zeros, so screening by zeros removes nobody
    with pytest.raises(ConfigError, match=r"unknown vary\.screen"):
        run_uncertainty(tiny, base, UncertaintySpec.from_mapping({"runs": 5, "vary": {"screen": [{"when": 1}]}}))
