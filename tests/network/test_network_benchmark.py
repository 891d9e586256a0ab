"""benchmarks/network.py on a tiny synthetic network: import, analytics step by step, pages, --reuse."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from riso.store import open_store

SCRIPT = Path(__file__).parents[2] / "benchmarks" / "network.py"


def _bench(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setattr(sys, "argv", [str(SCRIPT), "--actors", "400", "--relations", "3000", "--pages", "5", *args])
    runpy.run_path(str(SCRIPT), run_name="__main__")
    return capsys.readouterr().out


def test_benchmark_reuse_computes_a_store_without_analytics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = str(tmp_path)
    out = _bench(capsys, monkeypatch, "--cache", cache, "--no-analytics")  # imports, stores no run
    assert "import: 400 actors" in out and "analytics:" not in out and "actor page" not in out
    db = tmp_path / "network-400-3000" / "net.duckdb"
    store = open_store(db)
    assert store.metrics_run() is None
    store.close()
    out = _bench(capsys, monkeypatch, "--cache", cache, "--reuse", "--no-analytics")  # used to crash on max([])
    assert "import:" not in out
    for step in ("read", "graph", "centralities", "communities (Leiden)", "save"):
        assert f"  {step}" in out
    assert "analytics: 400 actors" in out and "actor page, the 10 largest hubs" in out
    out = _bench(capsys, monkeypatch, "--cache", cache, "--reuse", "--no-analytics")  # the stored run is kept
    assert "analytics:" not in out and "actor page, 5 random actors" in out
