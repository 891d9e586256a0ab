"""COINr's ASEM example build reproduced: every intermediate dataset, scores, ranks and treatment details."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from riso.index import Framework, build

_DATASETS = [("Raw", "raw"), ("Denominated", "denominated"), ("Imputed", "imputed"), ("Treated", "treated"),
             ("Normalised", "normalised"), ("Aggregated", "aggregated")]


def _assert_close(mine: np.ndarray, ref: np.ndarray, what: str) -> None:
    assert (np.isnan(mine) == np.isnan(ref)).all(), f"{what}: missing values differ"
    ok = ~np.isnan(ref)
    np.testing.assert_allclose(mine[ok], ref[ok], rtol=1e-9, atol=1e-12, err_msg=what)


@pytest.fixture(scope="module")
def result(asem: Framework, asem_spec):
    return build(asem, asem_spec)


@pytest.mark.parametrize(("name", "stem"), _DATASETS)
def test_reference_dataset_reproduced(result, asem_dir: Path, name: str, stem: str) -> None:
    ref = pd.read_csv(asem_dir / "reference" / f"example_data_{stem}.csv").set_index("uCode")
    mine = result.datasets[name].to_frame().set_index("uCode")
    assert set(mine.index) == set(ref.index)
    assert list(mine.columns) == list(ref.columns)
    _assert_close(mine.loc[ref.index, ref.columns].to_numpy(float), ref.to_numpy(float), name)


def test_reference_scores_and_rank(result, asem_dir: Path) -> None:
    ref = pd.read_csv(asem_dir / "reference" / "example_scores.csv").set_index("uCode")
    table = pd.DataFrame(result.table()).set_index("uCode").loc[ref.index]
    codes = [c for c in ref.columns if c not in ("uName", "Rank")]
    _assert_close(table[codes].to_numpy(float), ref[codes].to_numpy(float), "scores")
    assert table["Rank"].tolist() == ref["Rank"].tolist()
    assert [r["uCode"] for r in result.table()][:3] == ["CHE", "NLD", "DNK"]


def test_reference_ranks_of_every_aggregate(result, asem_dir: Path) -> None:
    ref = pd.read_csv(asem_dir / "reference" / "example_ranks.csv").set_index("uCode")
    mine = result.ranks().to_frame().set_index("uCode").loc[ref.index, ref.columns]
    assert (mine.to_numpy() == ref.to_numpy()).all()


def test_reference_treatment_details(result, asem_dir: Path) -> None:
    ref = pd.read_csv(asem_dir / "reference" / "example_treatment_details.csv")
    mine = pd.DataFrame(result.treatment)
    assert list(mine["iCode"]) == list(ref["iCode"])
    for col in ref.columns[1:]:
        if col.endswith(".Pass"):
            got = [None if pd.isna(v) else bool(v) for v in mine[col]]
            want = [None if pd.isna(v) else bool(v) for v in ref[col]]
            assert got == want, col
        else:
            _assert_close(mine[col].to_numpy(float), ref[col].to_numpy(float), col)


def test_reference_treated_points(result, asem_dir: Path) -> None:
    ref = pd.read_csv(asem_dir / "reference" / "example_treated_points.csv", keep_default_na=False).set_index("uCode")
    mine = pd.DataFrame(result.treated_points_rows()).set_index("uCode").loc[ref.index, ref.columns]
    assert (mine.to_numpy() == ref.to_numpy()).all()


def test_reference_weights(result, asem_dir: Path) -> None:
    ref = pd.read_csv(asem_dir / "reference" / "example_weights.csv")
    for code, weight in zip(ref["iCode"], ref["Weight"], strict=True):
        if code != "Index":
            assert result.weights[code] == pytest.approx(weight)


def test_screen_keeps_every_asem_unit(result) -> None:
    assert result.removed_units == ()
    assert len(result.datasets["Screened"].units) == 51
