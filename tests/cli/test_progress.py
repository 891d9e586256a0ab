"""`riso target`, `riso progress`, `riso report`, `riso chart`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app
from riso.errors import UnknownRegion

SERIES = "region,indicator,period,value,unit\n" + "".join(
    f"CN-CQ,rd_intensity,{y},{v},%\n" for y, v in zip(range(2018, 2024), [2.01, 1.99, 2.11, 2.16, 2.36, 2.48],
                                                      strict=True))


def _run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *args])


def _setup(tmp_path: Path) -> Path:
    db = tmp_path / "r.duckdb"
    data = tmp_path / "cq.csv"
    data.write_text(SERIES, encoding="utf-8")
    assert _run(db, "data", "import", str(data)).exit_code == 0
    added = _run(db, "target", "add", "--region", "重庆", "--indicator", "R&D intensity", "--value", "3",
                 "--deadline", "2027")
    assert added.exit_code == 0, added.output
    assert _run(db, "target", "add", "--region", "Chongqing", "--indicator", "high-tech enterprises",
                "--value", "20000", "--deadline", "2030").exit_code == 0
    return db


def test_cli_progress_json_contract(tmp_path: Path) -> None:
    db = _setup(tmp_path)
    result = _run(db, "progress", "--region", "CN-CQ", "--format", "json")
    assert result.exit_code == 0, result.output
    records = {r["target"]["indicator"]: r for r in json.loads(result.output)}
    rd = records["rd_intensity"]
    for key in ("target", "status", "latest", "actual_cagr", "required_cagr", "ratio", "projection", "sources"):
        assert key in rd
    assert rd["status"] == "moderate"
    assert rd["latest"] == {"period": "2023", "value": 2.48}
    assert set(rd["projection"]) >= {"value", "interval", "probability"}
    assert rd["sources"] == [{"kind": "dataset", "citation": "cq.csv"}]
    assert records["high_tech_enterprises"]["status"] == "not_assessable"


def test_cli_target_list_remove_and_unknown_region(tmp_path: Path) -> None:
    db = _setup(tmp_path)
    listed = json.loads(_run(db, "target", "list", "--format", "json").output)
    assert [t["assessable"] for t in listed] == [True, False]
    assert listed[1]["reason"] == "no measured data"
    assert _run(db, "target", "remove", listed[1]["id"]).exit_code == 0
    assert len(json.loads(_run(db, "target", "list", "--format", "json").output)) == 1
    bad = _run(db, "target", "add", "--region", "Atlantis", "--indicator", "rd_intensity", "--value", "1",
               "--deadline", "2030")
    assert isinstance(bad.exception, UnknownRegion)


def test_cli_report_and_chart(tmp_path: Path) -> None:
    db = _setup(tmp_path)
    out = tmp_path / "report.html"
    assert _run(db, "report", "--region", "CN-CQ", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    target = json.loads(_run(db, "target", "list", "--format", "json").output)[0]["id"]
    chart = tmp_path / "chart.svg"
    result = _run(db, "chart", target, "--out", str(chart))
    assert result.exit_code == 0, result.output
    assert b"<svg" in chart.read_bytes()
