"""Framework loading and validation: clear errors for bad trees and data."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from riso.errors import ConfigError, FrameworkError
from riso.index import BuildSpec, build, framework_from_coinr, framework_from_long


def _meta(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["Level", "iCode", "Parent", "Weight", "Type"])


_DATA = pd.DataFrame({"uCode": ["A", "B", "C", "D"], "x": [1.0, 2, 3, 4], "y": [4.0, 3, 2, 5]})


def test_cycle_is_named() -> None:
    meta = _meta([(1, "x", "P", 1, "Indicator"), (1, "y", "P", 1, "Indicator"), (2, "P", "Q", 1, "Aggregate"),
                  (3, "Q", "P", 1, "Aggregate")])
    with pytest.raises(FrameworkError, match=r"cycle.*P -> Q -> P"):
        framework_from_coinr(_DATA, meta)


def test_orphan_is_named() -> None:
    meta = _meta([(1, "x", "P", 1, "Indicator"), (1, "y", "Nowhere", 1, "Indicator"), (2, "P", None, 1, "Aggregate")])
    with pytest.raises(FrameworkError, match="orphan 'y'"):
        framework_from_coinr(_DATA, meta)


def test_indicator_without_data() -> None:
    meta = _meta([(1, "x", "P", 1, "Indicator"), (1, "z", "P", 1, "Indicator"), (2, "P", None, 1, "Aggregate")])
    with pytest.raises(FrameworkError, match="indicator without data: z"):
        framework_from_coinr(_DATA, meta)


def test_weights_summing_to_zero() -> None:
    meta = _meta([(1, "x", "P", 0, "Indicator"), (1, "y", "P", 0, "Indicator"), (2, "P", None, 1, "Aggregate")])
    with pytest.raises(FrameworkError, match="sum to zero"):
        framework_from_coinr(_DATA, meta)


def test_no_units_left_after_screening() -> None:
    data = _DATA.assign(x=[1.0, None, None, None], y=[None, None, None, 1.0])
    meta = _meta([(1, "x", "P", 1, "Indicator"), (1, "y", "P", 1, "Indicator"), (2, "P", None, 1, "Aggregate")])
    fw = framework_from_coinr(data, meta)
    with pytest.raises(FrameworkError, match="no units with data left"):
        build(fw, BuildSpec(screen=0.9, treat="none"))
    with pytest.raises(FrameworkError, match="units with no data left: B, C"):
        build(fw, BuildSpec(treat="none", normalise="rank"))


def test_yaml_framework_and_long_observations(tiny) -> None:
    assert tiny.n_levels == 3
    assert tiny.aggregates(2) == ("P1", "P2")
    assert tiny.node("b").direction == -1
    rows = [{"region": u, "indicator": c, "period": "2023", "value": float(i + j)}
            for i, u in enumerate("ABC") for j, c in enumerate("ab")]
    spec = {"tree": {"I": {"children": {"a": {}, "b": {}}}}}
    fw = framework_from_long([*rows, {"region": "A", "indicator": "a", "period": "2022", "value": 9.0}], spec,
                             period="2023")
    assert fw.units == ("A", "B", "C") and fw.values[0, 0] == 0.0
    assert build(fw, BuildSpec(treat="none")).table()[0]["uCode"] == "C"


def test_spec_rejects_unknown_setting() -> None:
    with pytest.raises(ConfigError, match="winmaxx"):
        BuildSpec.from_mapping({"winmaxx": 3})


@given(winmax=st.integers(1, 10), lo=st.floats(-5, 5), span=st.floats(0.5, 100),
       agg=st.sampled_from(["amean", "gmean", "hmean"]), screen=st.none() | st.floats(0, 1))
def test_spec_round_trips(winmax: int, lo: float, span: float, agg: str, screen: float | None) -> None:
    spec = BuildSpec(winmax=winmax, range=(lo, lo + span), aggregate=agg, screen=screen)
    assert BuildSpec.from_mapping(spec.to_dict()) == spec


def test_spec_nested_blocks_and_levels() -> None:
    spec = BuildSpec.from_mapping({"impute": {"method": "group-mean", "group": "g"}, "aggregate": {3: "gmean"},
                                   "normalise": {"method": "zscore", "mean": 10, "sd": 2}})
    assert spec.impute == "group-mean" and spec.impute_group == "g"
    assert spec.aggregate == {3: "gmean"} and spec.normalise == "zscore" and spec.sd == 2


def test_geometric_mean_over_zero_says_which_normalisation(tiny) -> None:
    with pytest.raises(FrameworkError) as err:
        build(tiny, BuildSpec(impute="indicator-mean", aggregate="gmean"))
    assert "min-max to [1, 100]" in err.value.hint
    ok = build(tiny, BuildSpec(impute="indicator-mean", aggregate="gmean", range=(1, 100)))
    assert len(ok.table()) == 6


def test_per_level_methods_and_weights(tiny) -> None:
    res = build(tiny, BuildSpec(impute="indicator-mean", range=(1, 100), aggregate=("gmean", "amean")))
    table = {r["uCode"]: r for r in res.table()}
    p1, p2 = table["U1"]["P1"], table["U1"]["P2"]
    assert table["U1"]["Index"] == pytest.approx((2 * p1 + p2) / 3)
    for method in ("equal", "pca", "optimised"):
        assert len(build(tiny, BuildSpec(impute="em", weights=method)).table()) == 6


def test_boxcox_fallback(tiny) -> None:
    res = build(tiny, BuildSpec(impute="indicator-mean", treat="boxcox", winmax=1, kurt_thresh=-10, skew_thresh=0.0))
    assert any("boxcox" in str(p) for p in res.treated_points.ravel())
