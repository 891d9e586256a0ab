"""Scoring in the real-text gold format: kinds, scale units, optional facts, hard negatives, lenient subjects."""

from __future__ import annotations

import json
from pathlib import Path

from riso.extract.evaluate import evaluate
from riso.extract.realgold import RealReport, is_real_format, score_real, subject_right
from riso.model import Document, Fact, Subject

TEXT = "Bavaria wants to spend 3.5 % of GDP on R&D by 2030. In 2022 it spent 3.2 %. It ranks second."


def _passage(facts: list[dict[str, object]], **kw: object) -> dict[str, object]:
    return {"id": "t-1", "language": "en", "text": TEXT, "hard_negative": False, "facts": facts, **kw}


def _gold(kind: str, value: float, unit: str = "%", **kw: object) -> dict[str, object]:
    return {"kind": kind, "value": value, "unit": unit, "subject": "Bayern",
            "metric": "R&D intensity (R&D expenditure as % of GDP)", "quote": TEXT[:51], **kw}  # fmt: skip


def _fact(doc: Document, kind: str, value: float, unit: str = "%", **kw: object) -> Fact:
    kw.setdefault("subject", Subject(id="DE-BY", name="Bavaria"))
    kw.setdefault("metric", "rd_intensity")
    return Fact(document=doc.id, kind=kind, value=value, unit=unit, quote=doc.text, start=0, end=len(doc.text), **kw)  # type: ignore[arg-type]


def test_value_and_complete_matches_are_scored_apart() -> None:
    gold = [_gold("target", 3.5, deadline=2030, comparator="at_least"), _gold("measurement", 3.2, period=2022)]

    def predict(doc: Document) -> list[Fact]:
        return [
            _fact(doc, "target", 3.5, deadline=2030, comparator="at_least"),
            _fact(doc, "measurement", 3.2, period="2022", subject=Subject(id="DE", name="Germany")),
        ]

    report = score_real([_passage(gold)], predict)
    assert report.value["all"].tp == 2 and report.value["all"].f1 == 1.0
    assert (report.complete["all"].tp, report.complete["all"].fp, report.complete["all"].fn) == (1, 1, 1)
    assert report.accuracy.subject == 1 and report.accuracy.comparator == 1


def test_wrong_deadline_misses_but_an_unset_one_matches() -> None:
    gold = [_gold("target", 3.5, deadline=2030)]
    wrong = score_real([_passage(gold)], lambda d: [_fact(d, "target", 3.5, deadline=2025)])
    unset = score_real([_passage(gold)], lambda d: [_fact(d, "target", 3.5)])
    assert (wrong.value["all"].tp, wrong.value["all"].fp, wrong.value["all"].fn) == (0, 1, 1)
    assert unset.value["all"].tp == 1 and unset.accuracy.time == 0


def test_a_predicted_rank_is_a_measurement_with_unit_rank() -> None:
    gold = [_gold("measurement", 2, unit="rank", metric="Global Innovation Index ranking")]
    report = score_real([_passage(gold)], lambda d: [_fact(d, "rank", 2, unit="rank")])
    assert report.value["measurement"].tp == 1
    wrong_kind = score_real([_passage([_gold("measurement", 2, unit="%")])], lambda d: [_fact(d, "rank", 2, "rank")])
    assert wrong_kind.value["all"].tp == 0


def test_scale_units_compare_as_amounts_within_half_a_percent() -> None:
    gold = [_gold("measurement", 82.0, unit="billion CNY"), _gold("measurement", 1.35, unit="million EUR")]

    def predict(doc: Document) -> list[Fact]:
        return [_fact(doc, "measurement", 820.0, "CNY 100m"), _fact(doc, "measurement", 1352.0, "EUR k")]

    assert score_real([_passage(gold)], predict).value["all"].tp == 2
    off = score_real([_passage(gold[:1])], lambda d: [_fact(d, "measurement", 830.0, "CNY 100m")])
    assert off.value["all"].tp == 0


def test_optional_facts_are_neither_misses_nor_false_positives() -> None:
    gold = [_gold("measurement", 3.2, period=2022), _gold("measurement", 2.0, unit="rank", optional=True)]
    found = score_real([_passage(gold)], lambda d: [_fact(d, "measurement", 3.2), _fact(d, "rank", 2, "rank")])
    skipped = score_real([_passage(gold)], lambda d: [_fact(d, "measurement", 3.2)])
    for report in (found, skipped):
        assert (report.value["all"].tp, report.value["all"].fp, report.value["all"].fn) == (1, 0, 0)


def test_every_prediction_on_a_hard_negative_is_a_false_positive() -> None:
    report = score_real([_passage([], hard_negative=True)], lambda d: [_fact(d, "measurement", 3.2)])
    assert report.value["all"].fp == 1 and report.value["all"].precision == 0.0


def test_subjects_match_leniently() -> None:
    doc = Document(id="d", source="s", text=TEXT)
    fact = _fact(doc, "measurement", 3.2)
    assert subject_right({"subject": "Bayern"}, fact)  # the gazetteer's German name
    assert subject_right({"subject": "[Bavaria]"}, fact)  # a bracketed referent
    assert subject_right({"subject": "the Free State of Bavaria"}, fact)  # substring
    assert not subject_right({"subject": "Sachsen"}, fact)
    assert not subject_right({"subject": "Bayern"}, fact.model_copy(update={"subject": None}))


def test_evaluate_reads_the_real_format_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    passage = _passage([_gold("measurement", 3.2, period=2022, quote="In 2022 it spent 3.2 %.")])
    path.write_text(json.dumps(passage) + "\n", encoding="utf-8")
    report = evaluate(path)
    assert isinstance(report, RealReport) and is_real_format([passage])
    assert report.value["all"].tp == 1, report.misses


def test_a_gold_name_saying_ranking_or_growth_means_that_variant() -> None:
    from riso.extract.realgold import _gold_metric_ids

    assert _gold_metric_ids("national ranking of regional innovation capability") == {"innovation_index_rank"}
    assert _gold_metric_ids("R&D expenditure, average annual growth") == {"rd_expenditure_growth"}
    assert _gold_metric_ids("patent applications, growth") == {"patent_applications"}  # no growth variant
    assert _gold_metric_ids("Global Innovation Index ranking") == {"gii_rank"}
    assert _gold_metric_ids("R&D intensity (R&D expenditure as % of GDP)") == {"rd_intensity"}


def test_a_change_in_money_is_no_growth_rate() -> None:
    from riso.extract.realgold import _gold_metric_ids

    assert _gold_metric_ids("R&D expenditure, change (multiple)") == {"rd_expenditure"}
