"""The quality harness: matching rules, per-kind and per-language scores, gold-file errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riso.errors import ConfigError
from riso.extract.evaluate import evaluate, load_gold, score_passages
from riso.model import Document, Fact

PASSAGE = {
    "id": "de-x", "language": "de", "text": "Bis 2027 soll die F&E-Quote 3 % erreichen; 2023 lag sie bei 2,48 %.",
    "facts": [
        {"kind": "target", "value": 3.0, "unit": "%", "deadline": 2027, "quote": "Bis 2027 soll die F&E-Quote 3 %"},
        {"kind": "measurement", "value": 2.48, "unit": "%", "period": "2023", "quote": "2023 lag sie bei 2,48 %"},
    ],
}  # fmt: skip


def _fact(doc: Document, kind: str, value: float, **kw: object) -> Fact:
    needle = {3.0: "3 %", 2.48: "2,48 %", 120.0: "3 %"}[value]
    start = doc.text.index(needle)
    return Fact(document=doc.id, kind=kind, value=value, start=start, end=start + len(needle), quote=doc.text, **kw)  # type: ignore[arg-type]


def test_evaluate_perfect_prediction_scores_one() -> None:
    def predict(doc: Document) -> list[Fact]:
        return [_fact(doc, "target", 3.0, deadline=2027), _fact(doc, "measurement", 2.48, period="2023")]

    report = score_passages([PASSAGE], predict)
    assert report.overall.f1 == 1.0
    assert report.by_language["de"].tp == 2 and report.by_kind["target"].tp == 1


def test_evaluate_wrong_deadline_or_period_counts_both_ways() -> None:
    def predict(doc: Document) -> list[Fact]:
        return [_fact(doc, "target", 3.0, deadline=2030), _fact(doc, "measurement", 2.48, period="2022")]

    report = score_passages([PASSAGE], predict)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (0, 2, 2)
    assert len(report.misses) == 4


def test_evaluate_values_compare_across_scales() -> None:
    gold = {"id": "x", "language": "en", "text": "Spending was 3 %.", "facts": [
        {"kind": "measurement", "value": 1.2e11, "unit": "CNY", "quote": "3 %"}]}  # fmt: skip

    def predict(doc: Document) -> list[Fact]:
        return [_fact(doc, "measurement", 120.0, unit="CNY bn")]

    assert score_passages([gold], predict).overall.tp == 1


def test_evaluate_hard_negative_counts_false_positives() -> None:
    gold = {"id": "n", "language": "de", "text": "Der Text hat etwa 850 Wörter.", "facts": []}
    report = score_passages([gold], lambda doc: [])
    assert report.overall.fp == 0 and report.overall.precision == 1.0


def test_evaluate_runs_the_pipeline_on_a_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(PASSAGE, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate(path)
    assert report.passages == 1 and report.overall.tp == 2, report.misses
    assert {row["scope"] for row in report.rows()} >= {"all", "target", "de", "de/target"}


def test_evaluate_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "facts": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"gold\.jsonl:2"):
        load_gold(path)
