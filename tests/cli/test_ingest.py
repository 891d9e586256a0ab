"""`riso ingest`: summary, exit status, idempotence, usage errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app

TEXT = "Chengdu is building a science city where universities, laboratories and companies work together."


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", *args])
    return result.exit_code, result.output


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.md").write_text("# Plan\n\n" + TEXT.replace("Chengdu", "Chongqing"), encoding="utf-8")
    return folder


def test_ingest_summary_and_idempotence(tmp_path: Path) -> None:
    db = tmp_path / "riso.duckdb"
    folder = _folder(tmp_path)
    code, out = _run(db, str(folder))
    assert code == 0, out
    assert "ingested 2, already present 0, failed 0" in out
    code, out = _run(db, str(folder / "a.txt"))
    assert code == 0
    assert "ingested 0, already present 1, failed 0" in out and "already present: " in out


def test_ingest_reports_failures_with_hints_and_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "riso.duckdb"
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    os.symlink(folder / "gone.txt", folder / "link.txt")
    code, out = _run(db, str(folder))
    assert code == 1
    assert "ingested 2, already present 0, failed 2" in out
    assert "empty.txt: the file is empty [R203]" in out
    assert "broken symbolic link" in out and out.count("hint:") == 2


def test_ingest_json_summary(tmp_path: Path) -> None:
    code, out = _run(tmp_path / "riso.duckdb", str(_folder(tmp_path)), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert len(report["ingested"]) == 2 and report["failed"] == []
    assert report["ingested"][0]["id"].startswith("sha256:")


def test_ingest_usage_errors_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "riso.duckdb"
    for args in ([], [str(tmp_path / "missing.txt")], [str(tmp_path / "*.pdf")]):
        code, out = _run(db, *args)
        assert code == 2, (args, out)
    code, out = _run(db, str(tmp_path / "*.pdf"))
    assert "matches no file" in " ".join(out.split())
