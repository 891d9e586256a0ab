"""`riso eval --stories` takes the pairs file or the folder holding it (issue 11 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.errors import BadRequest
from riso.link.evaluate import evaluate_story_pairs, pairs_file

PAIRS = Path(__file__).parent / "pairs"


def test_a_folder_stands_for_its_pairs_file() -> None:
    assert pairs_file(PAIRS) == PAIRS / "pairs.jsonl"
    assert evaluate_story_pairs(PAIRS).as_dict() == evaluate_story_pairs(PAIRS / "pairs.jsonl").as_dict()


def test_a_folder_without_one_pairs_file_or_a_missing_path_says_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(BadRequest, match="no story pairs") as caught:
        pairs_file(tmp_path)
    assert "pairs.jsonl" in caught.value.hint
    (tmp_path / "x.jsonl").write_text("", encoding="utf-8")
    assert pairs_file(tmp_path) == tmp_path / "x.jsonl"
    (tmp_path / "y.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(BadRequest, match="2 story pairs"):
        pairs_file(tmp_path)
    with pytest.raises(BadRequest, match="no story pairs file at"):
        pairs_file(tmp_path / "absent.jsonl")
