"""The story-pair evaluation set and its report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riso.errors import BadRequest
from riso.link import evaluate_story_pairs

PAIRS = Path(__file__).parent / "pairs" / "pairs.jsonl"


def test_evaluate_pair_set_meets_the_bar() -> None:
    report = evaluate_story_pairs(PAIRS).as_dict()
    assert report["pairs"] >= 40
    assert len(report["languages"]) >= 5  # type: ignore[arg-type]
    assert report["precision"] >= 0.95 and report["recall"] >= 0.95, report["errors"]
    assert report["tp"] + report["fn"] >= 20 and report["tn"] + report["fp"] >= 20  # type: ignore[operator]


def test_evaluate_pair_set_names_existing_files() -> None:
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        assert (PAIRS.parent / pair["a"]).is_file() and (PAIRS.parent / pair["b"]).is_file()


def test_evaluate_malformed_line_is_a_bad_request(tmp_path: Path) -> None:
    bad = tmp_path / "pairs.jsonl"
    bad.write_text('{"a": "x.txt"}\n', encoding="utf-8")
    with pytest.raises(BadRequest) as info:
        evaluate_story_pairs(bad)
    assert "line 1" in str(info.value) and info.value.hint
