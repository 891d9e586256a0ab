"""`riso review`: list, confirm, correct, reject, undo, log, threshold, and an export `riso eval` scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riso.cli import app
from riso.errors import RisoError
from riso.services import accounts
from riso.store import open_store

TEXT = (
    "Chongqing innovation plan\n\n"
    "By 2027 Chongqing aims to raise its R&D intensity to 3.5 % of GDP.\n\n"
    "In 2023 Chongqing spent 2.4 % of GDP on research and development.\n\n"
    "Sichuan wants 150 national innovation platforms by 2030.\n"
)


def _riso(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    if isinstance(result.exception, RisoError):  # `riso` (main) prints these as message and hint, exit 1
        return 1, f"{type(result.exception).__name__}: {result.exception} hint: {result.exception.hint}"
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "riso.duckdb"
    doc = tmp_path / "plan.txt"
    doc.write_text(TEXT, encoding="utf-8")
    code, out = _riso(path, "ingest", str(doc))
    assert code == 0, out
    return path


def _facts(db: Path) -> dict[float, dict[str, object]]:
    code, out = _riso(db, "review", "list", "--all", "--format", "json")
    assert code == 0, out
    return {float(str(r["value"])): r for r in json.loads(out)}


def test_review_commands_and_export_round_trip_through_eval(db: Path, tmp_path: Path) -> None:
    facts = _facts(db)
    assert {3.5, 2.4, 150.0} <= set(facts)
    by = ("--by", "edith")
    assert _riso(db, "review", "confirm", str(facts[3.5]["id"]), *by)[0] == 0
    code, out = _riso(db, "review", "correct", str(facts[2.4]["id"]), "--value", "2.6", "--note", "NBS figure", *by)
    assert code == 0, out
    assert _riso(db, "review", "reject", str(facts[150.0]["id"]), *by)[0] == 0
    assert not {2.4, 150.0} & set(_facts(db))  # reviewed facts leave the queue
    code, out = _riso(db, "review", "log", "--format", "json")
    log = json.loads(out)
    assert {(r["decision"], r["reviewer"]) for r in log} == {("confirmed", "edith"), ("corrected", "edith"),
                                                            ("rejected", "edith")}  # fmt: skip
    assert next(r for r in log if r["decision"] == "corrected")["note"] == "NBS figure"

    gold = tmp_path / "reviewed.jsonl"
    code, out = _riso(db, "review", "export", str(gold))
    assert code == 0 and "wrote 3 passages" in out
    passages = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    for passage in passages:
        assert passage["hard_negative"] is False
        assert all(f["quote"] in passage["text"] for f in passage["facts"])
    values = sorted(f["value"] for p in passages for f in p["facts"] if not f.get("optional"))
    assert values == [2.6, 3.5]  # confirmed and corrected facts are gold; the rejected one is not
    code, out = _riso(db, "eval", str(gold), "--format", "json")
    assert code == 0, out
    scores = {row["scope"]: row for row in json.loads(out)["scores"]}
    # The extractor reads 3.5 (confirmed: a hit), 2.4 where the editor wrote 2.6 (a miss and a false
    # positive) and 150 platforms, which the editor rejected (a false positive).
    assert (scores["all"]["tp"], scores["all"]["fp"], scores["all"]["fn"]) == (1, 2, 1)

    code, out = _riso(db, "review", "undo", str(facts[150.0]["id"]), *by)
    assert code == 0 and 150.0 in _facts(db)


def test_review_threshold_and_errors(db: Path) -> None:
    assert _riso(db, "review", "threshold", "0.8", "--by", "admin") == (0, "0.8\n")
    assert _riso(db, "review", "threshold")[1] == "0.8\n"
    code, out = _riso(db, "review", "list", "--format", "json")
    assert code == 0 and all(r["confidence"] < 0.8 for r in json.loads(out))
    code, out = _riso(db, "review", "correct", "f:nope", "--value", "1")
    assert code == 1 and "no fact" in out
    fact = next(iter(_facts(db).values()))
    code, out = _riso(db, "review", "correct", str(fact["id"]), "--metric", "no such thing")
    assert code == 1 and "hint" in out


def test_viewer_accounts_cannot_review(db: Path) -> None:
    store = open_store(db)
    accounts.add_user(store, "vic", "viewer", actor="test")
    store.close()
    fact = next(iter(_facts(db).values()))
    code, out = _riso(db, "review", "confirm", str(fact["id"]), "--by", "vic")
    assert code == 1 and "editor" in out
