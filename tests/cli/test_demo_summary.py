"""What `make demo` prints first (through the real entry point): its targets table shows headline targets only,
each with a catalog indicator and its unit, and says how many more are to review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from riso.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_demo_lists_only_headline_targets_with_indicator_and_unit(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from riso.cli import main; main()", "--db", str(tmp_path / "d.duckdb"), "demo",
         "--no-serve"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False, env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = done.stdout.split("Targets and progress", 1)[1].split("Demo index", 1)[0]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in table.splitlines() if line.startswith("│")]
    assert rows, done.stdout
    indicators = load_catalog().indicators
    for region, indicator, target, *_ in rows:
        assert indicator in indicators, (region, indicator)  # never "None": an unresolved metric is no headline
        assert " by " in target and target.split(" by ")[0].split(" ", 1)[1:], target  # the value has its unit
        assert "km2" not in target  # a site area ("abarca unos 185.000 km²") is no target
    assert ("EU", "2.28 % by 2020") not in {(r[0], r[2]) for r in rows}  # "si è fermata al 2,28 %": an outcome
    assert not any(r[0] == "CN-BJ" and r[1] == "rd_expenditure" for r in rows)  # "ha destinato … nel 2023": spent
    assert "more targets read from the documents are to review" in done.stdout
