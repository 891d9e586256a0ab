"""`riso actors` and `riso network` through the real CLI, on a DuckDB store with the shipped registers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riso.cli import app
from riso.services.actors import load_shipped_registers
from riso.store import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("net") / "riso.duckdb"
    store = open_store(path)
    load_shipped_registers(store)
    store.close()
    return str(path)


def _run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_network_cli_ecosystem_chain_and_export(db: str, tmp_path: Path) -> None:
    out = _run(db, "network", "ecosystem", "CN-CQ")
    assert "机械传动国家重点实验室" in out and "重庆大学" in out
    chain = json.loads(_run(db, "network", "chain", "smart_vehicles", "CN-CQ", "--format", "json"))
    assert chain["gaps"] and chain["leaders"]
    assert all(p["region"] != "CN-CQ" for s in chain["segments"] for p in s["partners"])
    graphml = tmp_path / "cq.graphml"
    _run(db, "network", "export", "CN-CQ", "--out", str(graphml))
    import igraph

    g = igraph.Graph.Read_GraphML(str(graphml))
    assert g.vcount() > 30 and "重庆大学" in g.vs["name"]
    _run(db, "network", "export", "CN-CQ", "--out", str(tmp_path / "cq.csv"), "--format", "csv")
    assert (tmp_path / "cq.csv").read_text(encoding="utf-8").startswith("source,source_name,target")


def test_network_cli_analytics_helix_clusters(db: str) -> None:
    data = json.loads(_run(db, "network", "analytics", "--format", "json", "--top", "5"))
    assert data["degree"][0]["name"] == "科学技术部" and data["communities"] and data["brokers"]
    assert "balance" in _run(db, "network", "helix")
    assert "cn-chengdu-chongqing-circle" in _run(db, "network", "clusters")


def test_actors_cli_eval_list_merge_unmerge(db: str) -> None:
    out = _run(db, "actors", "eval")
    assert "precision" in out and "recall" in out
    listed = json.loads(_run(db, "actors", "list", "--region", "CN-CQ", "--type", "university", "--format", "json"))
    ids = {a["name"]: a["id"] for a in listed}
    _run(db, "actors", "merge", ids["重庆大学"], ids["重庆医科大学"], "--reason", "test")
    shown = json.loads(_run(db, "actors", "show", ids["重庆医科大学"]))
    assert shown["actor"]["id"] == ids["重庆大学"] and ids["重庆医科大学"] in shown["members"]
    _run(db, "actors", "unmerge", ids["重庆医科大学"])
    assert "test" in _run(db, "actors", "merges")
    bad = runner.invoke(app, ["--db", db, "actors", "import", "nowhere.csv", "--map", "name=x"])
    assert bad.exit_code != 0


def test_network_cli_compute_stores_analytics_the_pages_read(db: str) -> None:
    before = json.loads(_run(db, "network", "analytics", "--format", "json", "--top", "5"))
    out = _run(db, "network", "compute", "--seed", "3")
    assert "betweenness exact (seed 3)" in out  # a register-sized network is below the sampling limit
    steps = [line.split(":")[0].strip() for line in out.splitlines() if line.startswith("  ")]  # one per step
    assert steps == ["read", "graph", "communities (Leiden)", "centralities (degree, eigenvector, betweenness exact)",
                     "strength", "save", "region aggregates"]
    stored = json.loads(_run(db, "network", "analytics", "--format", "json", "--top", "5"))
    assert stored["analytics"]["betweenness"] == "exact" and stored["analytics"]["seed"] == 3
    assert [r["actor"] for r in stored["degree"]] == [r["actor"] for r in before["degree"]]
    assert stored["communities"][0]["members"] and stored["brokers"] == []
    eco = json.loads(_run(db, "network", "ecosystem", "CN-CQ", "--format", "json"))
    assert eco["analytics"]["scope"] == "network" and eco["analytics"]["actors"] == stored["actors"]
    sampled = _run(db, "network", "compute", "--sources", "50")
    assert "sampled:50" in sampled
