"""`riso documents` list and show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riso.cli import app


@pytest.fixture
def db(tmp_path: Path, chongqing: Path) -> Path:
    path = tmp_path / "riso.duckdb"
    result = CliRunner().invoke(app, ["--db", str(path), "ingest", str(chongqing)])
    assert result.exit_code == 0, result.output
    return path


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), "documents", *args])
    return result.exit_code, result.output


def test_documents_list_formats_and_filter(db: Path) -> None:
    code, out = _run(db, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 5 and all(r["id"].startswith("sha256:") for r in rows)
    code, out = _run(db, "list", "--language", "de", "--format", "csv")
    assert code == 0
    assert {r["language"] for r in csv.DictReader(io.StringIO(out))} == {"de"}
    code, out = _run(db, "list", "--limit", "2", "--format", "jsonl")
    assert len(out.strip().splitlines()) == 2
    code, out = _run(db)
    assert code == 0 and "documents" in out and "Xin" in out  # the table folds long cells


def test_documents_show_by_prefix(db: Path) -> None:
    rows = json.loads(_run(db, "--format", "json")[1])
    mixed = next(r for r in rows if r["outlet"] == "Xin Lang Cai Jing")
    code, out = _run(db, "show", mixed["id"][7:20], "--format", "json")
    assert code == 0
    shown = json.loads(out)[0]
    assert shown["languages"] == ["en", "zh"] and shown["paragraphs"] == 3 and shown["facts"] >= 0
    code, out = _run(db, "show", mixed["id"][7:20])
    assert code == 0 and "2026-01-28T18:54" in out


def test_documents_show_unknown_id(db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), "documents", "show", "ffffffffff"])
    assert result.exit_code != 0
