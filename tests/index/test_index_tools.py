"""compare, remove, analyse, Excel round trip and the sensitivity plot: library and `riso index` commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from riso.cli import app
from riso.errors import ConfigError
from riso.index import BuildSpec, build
from riso.index.analysis import correlation_flags
from riso.index.compare import compare_tables, remove_elements
from riso.index.excel import read_workbook, write_workbook
from riso.index.framework import Dataset, Framework

runner = CliRunner()


def test_compare_tables_rank_and_score_differences() -> None:
    a = [{"uCode": "X", "Index": 3.0, "Rank": 1}, {"uCode": "Y", "Index": 2.0, "Rank": 2},
         {"uCode": "Z", "Index": 1.0, "Rank": 3}]
    b = [{"uCode": "X", "Index": 1.0, "Rank": 3}, {"uCode": "Y", "Index": 2.5, "Rank": 1},
         {"uCode": "Z", "Index": 1.5, "Rank": 2}]
    out = compare_tables(a, b, "Index")
    rows = {r["uCode"]: r for r in out["rows"]}
    assert (rows["X"]["rank_A"], rows["X"]["rank_B"], rows["X"]["rank_diff"]) == (1, 3, 2)
    assert rows["Y"]["score_diff"] == pytest.approx(0.5)
    assert out["summary"] == {"code": "Index", "units": 3, "changed": 3, "mean_abs_rank_diff": pytest.approx(4 / 3),
                              "max_abs_rank_diff": 2}
    with pytest.raises(ConfigError, match="not a column"):
        compare_tables(a, b, "Nope")


def test_remove_elements_reports_rank_shifts(tiny: Framework) -> None:
    result = build(tiny, BuildSpec(impute="indicator-mean"))
    out = remove_elements(result, 2)
    assert {r["removed"] for r in out["summary"]} == {"P1", "P2"}
    # removing P2 leaves the index equal to P1, so the index ranks become P1's ranks
    p1_ranks = result.ranks().column("P1")
    ranks_without_p2 = [r["P2"] for r in out["ranks"]]
    assert ranks_without_p2 == [int(v) for v in p1_ranks]
    with pytest.raises(ConfigError, match="no removable"):
        remove_elements(result, 3)


def test_correlation_flags_within_groups(tiny: Framework) -> None:
    x = np.array([[1.0, 1.1, 5.0, 1.0], [2.0, 2.1, 4.0, 3.0], [3.0, 2.9, 3.0, 2.0], [4.0, 4.2, 2.0, 5.0]])
    data = Dataset("Normalised", tuple(f"U{i}" for i in range(4)), ("a", "b", "c", "d"), x)
    flags = correlation_flags(data, tiny, high=0.9, low=-0.4)
    # a and b (both in P1) move together; c and d (P2) move against each other; a-c cross pillars: not flagged
    assert [(f["ind1"], f["ind2"], f["flag"]) for f in flags] == [("a", "b", "collinear"), ("c", "d", "negative")]
    assert flags[0]["corr"] == pytest.approx(np.corrcoef(x[:, 0], x[:, 1])[0, 1])
    assert 0 <= flags[0]["p_value"] < 0.05 and flags[0]["significant"]


def test_excel_round_trip_keeps_framework_settings_and_results(tiny: Framework, tmp_path: Path) -> None:
    spec = BuildSpec(impute="group-mean", impute_group="grp", aggregate="gmean", range=(1.0, 100.0))
    result = build(tiny, spec)
    path = write_workbook(tmp_path / "index.xlsx", tiny, result=result)
    sheets = pd.read_excel(path, sheet_name=None)
    assert {"iData", "iMeta", "Settings", "Raw", "Normalised", "Aggregated", "Scores", "Weights"} <= set(sheets)
    fw2, spec2 = read_workbook(path)
    assert spec2 == spec
    assert np.allclose(fw2.values, tiny.values, equal_nan=True, rtol=1e-14)
    again = build(fw2, spec2)
    assert [r["uCode"] for r in again.table()] == [r["uCode"] for r in result.table()]
    assert np.allclose(again.aggregated.values, result.aggregated.values, rtol=1e-12, equal_nan=True)
    weights = sheets["Weights"].set_index("iCode")
    assert weights.loc["c", "EffWeight"] == pytest.approx(3 / 4 * 1 / 3)  # c is 3/4 of P2, P2 is 1/3 of Index


def test_workbook_text_that_looks_like_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    frame = pd.DataFrame({"uCode": ["=HYPERLINK(1)", "U2", "U3"], "a": [1.0, 2.0, 3.0], "b": [2.0, 1.0, 3.0]})
    from riso.index import framework_from_spec

    fw = framework_from_spec({"tree": {"Index": {"children": {"a": {}, "b": {}}}}}, frame)
    path = write_workbook(tmp_path / "f.xlsx", fw)
    import openpyxl

    cell = openpyxl.load_workbook(path)["iData"]["A2"]
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(1)"  # stored as text, not as a formula
    assert read_workbook(path)[0].units[0] == "=HYPERLINK(1)"


def test_bad_workbooks_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no workbook"):
        read_workbook(tmp_path / "missing.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConfigError, match="cannot read workbook"):
        read_workbook(broken)


@pytest.fixture
def coinr_files(tmp_path: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(5)
    units = [f"U{i:02d}" for i in range(12)]
    data = pd.DataFrame({"uCode": units, **{c: rng.uniform(1, 10, 12).round(3) for c in "abcdef"}})
    meta = pd.DataFrame([
        *[{"Level": 1, "iCode": c, "iName": c, "Direction": 1, "Weight": 1, "Parent": p, "Type": "Indicator"}
          for c, p in zip("abcdef", ["P1", "P1", "P1", "P2", "P2", "P2"], strict=True)],
        {"Level": 2, "iCode": "P1", "iName": "P1", "Direction": 1, "Weight": 1, "Parent": "Index", "Type": "Aggregate"},
        {"Level": 2, "iCode": "P2", "iName": "P2", "Direction": 1, "Weight": 1, "Parent": "Index", "Type": "Aggregate"},
        {"Level": 3, "iCode": "Index", "iName": "Index", "Direction": 1, "Weight": 1, "Type": "Aggregate"},
    ])
    data.to_csv(tmp_path / "iData.csv", index=False)
    meta.to_csv(tmp_path / "iMeta.csv", index=False)
    return tmp_path / "iData.csv", tmp_path / "iMeta.csv"


def test_cli_analyse_compare_remove_export(coinr_files: tuple[Path, Path], tmp_path: Path) -> None:
    d, m = (str(p) for p in coinr_files)
    res = runner.invoke(app, ["index", "analyse", "--data", d, "--meta", m, "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) == {"statistics", "flags", "groups", "units"}
    assert {g["aggregate"] for g in out["groups"]} == {"P1", "P2", "Index"}
    (tmp_path / "a.yaml").write_text("aggregate: amean\n")
    (tmp_path / "b.yaml").write_text("aggregate: gmean\nrange: [1, 100]\n")
    res = runner.invoke(app, ["index", "compare", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--data", d,
                              "--meta", m, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["summary"]["units"] == 12
    res = runner.invoke(app, ["index", "remove", "--data", d, "--meta", m, "--level", "1", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert {r["removed"] for r in json.loads(res.stdout)["summary"]} == set("abcdef")
    book = tmp_path / "out.xlsx"
    res = runner.invoke(app, ["index", "export", "--data", d, "--meta", m, "--aggregate", "gmean", "--range", "1,100",
                              "--out", str(book)])
    assert res.exit_code == 0, res.output
    from_book = runner.invoke(app, ["index", "build", "--workbook", str(book), "--format", "json"])
    direct = runner.invoke(app, ["index", "build", "--data", d, "--meta", m, "--aggregate", "gmean", "--range",
                                 "1,100", "--format", "json"])
    assert [r["uCode"] for r in json.loads(from_book.stdout)] == [r["uCode"] for r in json.loads(direct.stdout)]


def test_cli_sensitivity_plot(coinr_files: tuple[Path, Path], tmp_path: Path) -> None:
    d, m = (str(p) for p in coinr_files)
    spec = tmp_path / "ua.yaml"
    spec.write_text("runs: 40\nseed: 1\nvary:\n  aggregate: [amean, gmean]\n  winmax: [1, 5]\n"
                    "  screen: [0.5, 1.0]\nbootstrap: 20\n")
    plot = tmp_path / "si.png"
    res = runner.invoke(app, ["index", "uncertainty", "--data", d, "--meta", m, "--range", "1,100", "--spec",
                              str(spec), "--sensitivity", "--plot", str(plot), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 5000
    res = runner.invoke(app, ["index", "uncertainty", "--data", d, "--meta", m, "--spec", str(spec), "--plot",
                              str(plot)])
    assert res.exit_code != 0
