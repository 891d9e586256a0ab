"""Traps a new user falls into: a mistyped --db on a read command, a busy port (through the real entry point)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest


def _riso(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from riso.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("command", [["documents", "list"], ["progress"], ["network", "ecosystem", "CN-CQ"]])
def test_read_command_refuses_a_store_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    done = _riso("--db", "riso.duckbd", *command, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "R504" in done.stderr and "riso.duckbd" in done.stderr and "riso ingest" in done.stderr
    assert not (tmp_path / "riso.duckbd").exists()  # no empty store was created


def test_a_writing_command_still_creates_the_store(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chongqing aims at 20,000 high-tech enterprises by 2030.", encoding="utf-8")
    assert _riso("--db", "new.duckdb", "ingest", "a.txt", cwd=tmp_path).returncode == 0
    listed = _riso("--db", "new.duckdb", "documents", "list", cwd=tmp_path)
    assert listed.returncode == 0 and "a.txt" in listed.stdout


def test_serve_on_a_busy_port_says_so_before_serving(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        (tmp_path / "a.txt").write_text("Chongqing aims at 3 % by 2027.", encoding="utf-8")
        assert _riso("--db", "r.duckdb", "ingest", "a.txt", cwd=tmp_path).returncode == 0
        done = _riso("--db", "r.duckdb", "serve", "--port", str(port), cwd=tmp_path)
    assert done.returncode == 1
    assert f"--port {port + 1}" in done.stderr and "riso serving" not in done.stdout
