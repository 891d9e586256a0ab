"""`riso match` and `riso eval --match` through the real entry point's app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app

runner = CliRunner()


def test_match_cli_import_need_and_decide(tmp_path: Path) -> None:
    db = str(tmp_path / "m.duckdb")
    result = runner.invoke(app, ["--db", db, "match", "import-offers", "nkrdp", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["new"] == 2149
    needs = tmp_path / "needs.csv"
    needs.write_text("id,title,language,region,owner\n1,Batterie-Wärmemanagement für Antriebsbatterien,de,Chongqing,"
                     "acme\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "match", "import-needs", str(needs), "--format", "json"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--db", db, "match", "need", "n:acme:1", "--top", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 3 and "电池" in rows[0]["title"]


def test_match_cli_bad_needs_file_names_the_line(tmp_path: Path) -> None:
    db = str(tmp_path / "m.duckdb")
    needs = tmp_path / "needs.csv"
    needs.write_text("title,language,owner,urgency\nok,en,acme,high\nbad,en,acme,tomorrow\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "match", "import-needs", str(needs)])
    assert result.exit_code != 0
    assert "line 3" in str(result.exception) or "line 3" in result.output


def test_match_cli_run_matches_every_need_as_need_does(tmp_path: Path) -> None:
    """`riso match run` (batches over workers) ranks each need as `riso match need` does, rejections left out."""
    db = str(tmp_path / "m.duckdb")
    assert runner.invoke(app, ["--db", db, "match", "import-offers", "nkrdp"]).exit_code == 0
    needs = tmp_path / "needs.csv"
    needs.write_text("id,title,language,region,owner\n"
                     "1,Batterie-Wärmemanagement für Antriebsbatterien,de,Chongqing,acme\n"
                     "2,Detecting cracks in wind turbine blades by ultrasound,en,Sichuan,acme\n"
                     "3,智能网联汽车的车路协同感知,zh,Chongqing,beta\n", encoding="utf-8")
    assert runner.invoke(app, ["--db", db, "match", "import-needs", str(needs)]).exit_code == 0
    first = json.loads(runner.invoke(app, ["--db", db, "match", "need", "n:acme:1", "--top", "3",
                                           "--format", "json"]).stdout)[0]["offer"]
    result = runner.invoke(app, ["--db", db, "match", "decide", "n:acme:1", first, "reject", "--by", "ana"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--db", db, "match", "run", "--top", "3", "-j", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    for need in ("n:acme:1", "n:acme:2", "n:beta:3"):
        alone = json.loads(runner.invoke(app, ["--db", db, "match", "need", need, "--top", "3",
                                               "--format", "json"]).stdout)
        assert [r["offer"] for r in rows if r["need"] == need] == [r["offer"] for r in alone], need
    assert first not in [r["offer"] for r in rows if r["need"] == "n:acme:1"]


def test_match_run_forks_workers_beside_an_open_store(tmp_path: Path) -> None:
    """Over a batch's worth of needs, run_all forks workers while the DuckDB store stays open in the parent,
    and gives what one process gives."""
    from riso.match.evaluate import load_eval_set
    from riso.services import match as match_service
    from riso.store import open_store

    store = open_store(tmp_path / "m.duckdb")
    try:
        match_service.import_offers(store, "skl")
        rows = ["id,title,language,region,owner"] + [
            f"{rep}-{i},\"{n.text.replace(chr(34), '')}\",{n.language},Chongqing,acme"
            for rep in range(6) for i, n in enumerate(load_eval_set())]
        (tmp_path / "needs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        match_service.import_needs(store, tmp_path / "needs.csv")
        assert len(store.list_needs()) > 1024  # more than one batch: the workers run
        forked = [(r.subject, [m.offer for m in r.matches]) for r in match_service.run_all(store, k=3, workers=2)]
        alone = [(r.subject, [m.offer for m in r.matches]) for r in match_service.run_all(store, k=3, workers=1)]
        assert forked == alone and sum(map(len, (m for _, m in forked))) > 1000
    finally:
        store.close()
