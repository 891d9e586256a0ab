"""`riso catalog` commands through Typer's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app

runner = CliRunner()


def test_cli_catalog_indicators_in_a_language() -> None:
    result = runner.invoke(app, ["catalog", "indicators", "--language", "de", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["rd_intensity"]["label"] == "F&E-Intensität"
    assert rows["innovation_index_rank"]["direction"] == -1


def test_cli_catalog_regions_csv_by_level() -> None:
    result = runner.invoke(app, ["catalog", "regions", "--level", "macro_region", "--language", "it", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    ids = {r["id"] for r in rows}
    assert {"cn-east", "cn-central", "cn-west", "cn-northeast", "it-mezzogiorno", "gb-midlands"} <= ids
    assert not ids & {"CN", "CN-SC", "IT", "IT-25"}  # countries and provinces are other levels
    assert next(r for r in rows if r["id"] == "cn-west")["name"] == "Cina occidentale"


def test_cli_catalog_resolve_finds_region_indicator_and_unit() -> None:
    result = runner.invoke(app, ["catalog", "resolve", "Bis 2027 strebt Chongqing eine F&E-Quote an", "-f", "json"])
    assert result.exit_code == 0, result.output
    found = {(r["kind"], r["id"]) for r in json.loads(result.stdout)}
    assert found == {("region", "CN-CQ"), ("indicator", "rd_intensity")}
    unit = json.loads(runner.invoke(app, ["catalog", "resolve", "亿元", "-f", "json"]).stdout)
    assert unit[0]["id"] == "CNY 100m"


def test_cli_catalog_resolve_unknown_exits_with_hint() -> None:
    result = runner.invoke(app, ["catalog", "resolve", "Chongqin"])
    assert result.exit_code != 0


def test_cli_catalog_sync_writes_store(tmp_path: Path) -> None:
    db = tmp_path / "riso.duckdb"
    result = runner.invoke(app, ["--db", str(db), "catalog", "sync"])
    assert result.exit_code == 0, result.output
    assert "indicators" in result.stdout
