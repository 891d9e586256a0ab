"""Fixtures for the index tests: the ASEM example (skips when the shared data is absent) and a tiny framework."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from riso.index import BuildSpec, Framework, framework_from_coinr, framework_from_spec

ASEM = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "asem"

ASEM_SPEC = BuildSpec(impute="group-mean", impute_group="EurAsia_group", screen=0.9, treat="winsorise", winmax=5,
                      normalise="minmax", range=(0.0, 100.0), aggregate="amean")


@pytest.fixture(scope="session")
def asem_spec() -> BuildSpec:
    """COINr's example pipeline settings."""
    return ASEM_SPEC


@pytest.fixture(scope="session")
def asem_dir() -> Path:
    """The ASEM example folder."""
    if not (ASEM / "iData.csv").exists():
        pytest.skip(f"shared ASEM data absent at {ASEM}: index reference tests skipped")
    return ASEM


@pytest.fixture(scope="session")
def asem(asem_dir: Path) -> Framework:
    """The ASEM framework from COINr's iData / iMeta."""
    return framework_from_coinr(pd.read_csv(asem_dir / "iData.csv", float_precision="round_trip"),
                                pd.read_csv(asem_dir / "iMeta.csv"))


TINY_TREE = {
    "tree": {
        "Index": {"children": {
            "P1": {"weight": 2, "children": {"a": {}, "b": {"direction": -1}}},
            "P2": {"children": {"c": {"weight": 3}, "d": {}}},
        }},
    },
    "groups": ["grp"],
}


@pytest.fixture
def tiny() -> Framework:
    """Six units, four indicators, two pillars, one index, one gap."""
    data = pd.DataFrame({
        "uCode": ["U1", "U2", "U3", "U4", "U5", "U6"],
        "grp": ["x", "x", "x", "y", "y", "y"],
        "a": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        "b": [10.0, 8.0, np.nan, 4.0, 2.0, 1.0],
        "c": [3.0, 1.0, 4.0, 1.0, 5.0, 9.0],
        "d": [2.0, 7.0, 1.0, 8.0, 2.0, 8.0],
    })
    return framework_from_spec(TINY_TREE, data)
