"""`riso data import | load-shipped | export`: output, exit status, all-or-nothing import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app
from riso.errors import BadRows

GOOD = "region,indicator,period,value,unit\nCN-CQ,rd_intensity,2022,2.36,%\nCN-CQ,rd_intensity,2023,2.48,%\n"


def _run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), "data", *args])


def test_cli_data_import_then_noop(tmp_path: Path) -> None:
    db, path = tmp_path / "r.duckdb", tmp_path / "cq.csv"
    path.write_text(GOOD, encoding="utf-8")
    first = _run(db, "import", str(path), "--source", "NBS", "--format", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)[0]["stored"] == 2
    again = _run(db, "import", str(path), "--source", "NBS", "--format", "json")
    assert json.loads(again.output)[0]["already_imported"] is True


def test_cli_data_import_bad_rows(tmp_path: Path) -> None:
    db, path = tmp_path / "r.duckdb", tmp_path / "bad.csv"
    path.write_text(GOOD + "Atlantis,rd_intensity,2023,1,%\n", encoding="utf-8")
    result = _run(db, "import", str(path))
    assert isinstance(result.exception, BadRows)
    ok = _run(db, "import", str(path), "--skip-bad-rows")
    assert ok.exit_code == 0 and "line 4" in ok.output and "Atlantis" in ok.output


def test_cli_data_import_error_prints_message_hint_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + "CN-CQ,rd_intensity,20x3,1,%\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", "from riso.cli import main; main()", "--db",
                           str(tmp_path / "r.duckdb"), "data", "import", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "line 4" in proc.stderr and "--skip-bad-rows" in proc.stderr


def test_cli_data_load_shipped_and_export(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    result = _run(db, "load-shipped", "--format", "json")
    assert result.exit_code == 0, result.output
    assert all(r["stored"] > 0 for r in json.loads(result.output))
    out = tmp_path / "o.sdmx.csv"
    exported = _run(db, "export", "--out", str(out), "--format", "sdmx", "--region", "CN-CQ")
    assert exported.exit_code == 0, exported.output
    assert out.read_text(encoding="utf-8").startswith("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE")
