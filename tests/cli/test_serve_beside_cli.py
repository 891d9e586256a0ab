"""A running `riso serve` and CLI commands on one DuckDB file: both work, the dashboard sees the change."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from riso.store.duckdb import busy_error

CODE = "from riso.cli import main; main()"
DE = "Bis 2027 soll die F&E-Quote in Chongqing 3 % erreichen."
EN = "By 2030 Shenzhen aims to raise R&D spending to 6.5 % of GDP."


def _riso(*args: str, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str], dict[str, str], Path]]:
    """`riso serve` as its own process on a DuckDB file that holds one document."""
    db = tmp_path / "riso.duckdb"
    env = {**os.environ, "RISO_DB": str(db)}
    first = tmp_path / "de.txt"
    first.write_text(DE, encoding="utf-8")
    assert _riso("ingest", str(first), env=env).returncode == 0
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", CODE, "serve", "--port", str(port), "--public", "--cache-seconds", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/api/v1/documents", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"riso serve did not start: {proc.communicate()[1][-2000:]}")
        time.sleep(0.2)
    yield base, proc, env, tmp_path
    proc.terminate()
    proc.communicate(timeout=30)


def _documents(base: str) -> dict[str, str]:
    body = httpx.get(f"{base}/api/v1/documents", timeout=30).json()
    items = body["items"] if isinstance(body, dict) else body
    return {str(item["id"]): str(item.get("source") or item.get("title")) for item in items}


def test_ingest_and_report_beside_a_running_server(
    served: tuple[str, subprocess.Popen[str], dict[str, str], Path],
) -> None:
    base, proc, env, tmp = served
    assert len(_documents(base)) == 1
    second = tmp / "en.txt"
    second.write_text(EN, encoding="utf-8")
    ingested = _riso("ingest", str(second), env=env)
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    report = _riso("report", "--out", str(tmp / "report.html"), env=env)
    assert report.returncode == 0, report.stdout + report.stderr
    assert (tmp / "report.html").stat().st_size > 0
    documents = _documents(base)  # the server reopened the file and sees what the CLI wrote
    assert len(documents) == 2, documents
    new = next(i for i, source in documents.items() if "en.txt" in source)
    page = httpx.get(f"{base}/documents/{new}", timeout=30, follow_redirects=True)  # the dashboard's page
    assert page.status_code == 200 and "Shenzhen" in page.text
    assert proc.poll() is None


def test_busy_message_names_riso_serve_and_its_pid(
    served: tuple[str, subprocess.Popen[str], dict[str, str], Path],
) -> None:
    _, proc, _, tmp = served
    message = f'IO Error: Could not set lock on file "x": Conflicting lock is held in python3 (PID {proc.pid})'
    err = busy_error(str(tmp / "riso.duckdb"), message, 15)
    assert f"`riso serve` (PID {proc.pid})" in str(err)
    assert f"kill {proc.pid}" in err.hint and "RISO_LOCK_WAIT" in err.hint


def test_a_file_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True);"
         " time.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        env = {**os.environ, "RISO_LOCK_WAIT": "1"}
        result = _riso("--db", str(db), "documents", "list", env=env)
        assert result.returncode == 1
        text = " ".join((result.stdout + result.stderr).split())
        assert f"PID {holder.pid}" in text and "R503" in text and f"kill {holder.pid}" in text
        assert "Could not set lock" not in text.split("hint")[0][:40]  # riso's message first, not DuckDB's
    finally:
        holder.kill()
        holder.wait()
