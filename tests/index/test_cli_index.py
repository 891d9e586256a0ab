"""`riso index` commands end to end with Typer's runner (real DuckDB store in tmp_path)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riso.cli import app

runner = CliRunner()


def _run(tmp_path: Path, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(tmp_path / "riso.duckdb"), *args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def _asem(asem_dir: Path) -> list[str]:
    return ["--data", str(asem_dir / "iData.csv"), "--meta", str(asem_dir / "iMeta.csv"), "--impute", "group-mean",
            "--impute-group", "EurAsia_group", "--screen", "0.9"]


def test_build_csv_is_full_precision_and_ranked(tmp_path: Path, asem_dir: Path) -> None:
    out = _run(tmp_path, "index", "build", *_asem(asem_dir), "--winmax", "5", "--format", "csv", "--save", "asem",
               "--export", str(tmp_path / "sets"))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert next(iter(rows[0])) == "uCode" and list(rows[0])[-1] == "Rank" and "Index" in rows[0]
    assert rows[0]["uCode"] == "CHE" and rows[0]["Rank"] == "1"
    assert float(rows[0]["Index"]) == pytest.approx(68.383724238341713, rel=1e-12)
    assert (tmp_path / "sets" / "Treated.csv").exists() and (tmp_path / "sets" / "TreatmentDetails.csv").exists()


def test_uncertainty_show_and_charts(tmp_path: Path, asem_dir: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("runs: 40\nseed: 1\nvary:\n  winmax: [1, 5]\n  normalise: [{method: minmax, range: [1, 100]}, "
                    "{method: zscore, mean: 10, sd: 2}]\n  weights_noise: {2: 0.25, 3: 0.25}\n"
                    "  aggregate: [amean, gmean]\n", encoding="utf-8")
    sens = tmp_path / "sens.json"
    out = _run(tmp_path, "index", "uncertainty", *_asem(asem_dir), "--spec", str(spec), "--sensitivity",
               "--out-sensitivity", str(sens), "--save", "asem", "--format", "json")
    rows = json.loads(out)
    assert set(rows[0]) == {"uCode", "nominal", "mean", "median", "q5", "q95"}
    assert [r["variable"] for r in json.loads(sens.read_text())] == ["winmax", "normalise", "weights_noise",
                                                                     "aggregate"]
    shown = _run(tmp_path, "index", "show", "asem", "--format", "json")
    assert "rank_q95" in json.loads(shown)[0]
    for kind, extra in (("ranks", []), ("profile", ["--unit", "CHN"]), ("correlation", [])):
        target = tmp_path / f"{kind}.png"
        _run(tmp_path, "index", "chart", "asem", "--kind", kind, *extra, "--out", str(target))
        assert target.read_bytes()[:4] == b"\x89PNG"


def test_bad_aggregation_over_zero_is_explained(tmp_path: Path, asem_dir: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "r.duckdb"), "index", "build", *_asem(asem_dir),
                                 "--aggregate", "gmean"])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception) and "[1, 100]" in getattr(result.exception, "hint", "")
