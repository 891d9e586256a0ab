"""`riso extract` and `riso eval` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app

runner = CliRunner()


def test_cli_extract_json_is_an_array_of_facts_with_source(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "Bis 2030 soll die Zahl der High-Tech-Unternehmen in Chongqing auf 20.000 steigen.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    target = next(f for f in facts if f["kind"] == "target")
    assert target["value"] == 20000 and target["deadline"] == 2030 and target["source"] == str(path)
    assert {"document", "metric", "metric_text", "quote", "start", "end", "language", "confidence"} <= set(target)


def test_cli_extract_skips_unreadable_files(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("By 2026 the city aims to establish a regional technology innovation centre.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), str(tmp_path / "missing.txt"), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(f["kind"] == "milestone" for f in lines)


def test_cli_eval_prints_scores_as_json(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    passage = {"id": "en-1", "language": "en", "text": "In 2023, R&D intensity reached 2.65%.", "facts": [
        {"kind": "measurement", "value": 2.65, "unit": "%", "period": "2023", "quote": "reached 2.65%"}]}  # fmt: skip
    gold.write_text(json.dumps(passage) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["overall"]["f1"] == 1.0 and data["by_language"]["en"]["tp"] == 1


def test_cli_eval_without_gold_or_stories_fails_with_hint() -> None:
    result = runner.invoke(app, ["eval"])
    assert result.exit_code != 0
