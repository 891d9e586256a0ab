"""The installed `riso` command (not only Typer's test runner) returns the documented exit statuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _riso(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "from riso.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_entry_point_exit_statuses(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Bis 2027 soll die F&E-Quote in Chongqing 3 % erreichen.", encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02\x03binary")
    db = str(tmp_path / "riso.duckdb")
    assert _riso("--db", db, "ingest", str(good), cwd=tmp_path).returncode == 0
    failed = _riso("--db", db, "ingest", str(binary), cwd=tmp_path)
    assert failed.returncode == 1
    assert "hint" in failed.stdout + failed.stderr
    assert _riso("--db", db, "documents", "show", "sha256:nothing", cwd=tmp_path).returncode == 1
    assert _riso("--db", db, "no-such-command", cwd=tmp_path).returncode == 2
    assert _riso("--db", db, "extract", str(tmp_path / "missing.txt"), cwd=tmp_path).returncode == 1
