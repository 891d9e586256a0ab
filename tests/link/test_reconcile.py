"""Reconciling facts across versions of a story and across stories."""

from __future__ import annotations

import pytest

from riso.link import reconcile, reconcile_targets
from riso.model import Fact, Subject

CQ = Subject(id="CN-CQ", name="Chongqing")


def _target(doc: str, lang: str, value: float, deadline: int, *, metric: str | None = "rd_intensity", conf=0.8) -> Fact:
    quote = f"{doc} {value} {deadline}"
    return Fact(
        document=doc,
        kind="target",
        metric=metric,
        metric_text=f"text-{lang}",
        value=value,
        unit="%",
        comparator="at_least",
        deadline=deadline,
        subject=CQ,
        quote=quote,
        start=0,
        end=len(quote),
        language=lang,
        confidence=conf,
    )


def test_reconcile_three_translations_give_one_target_with_three_quotes() -> None:
    facts = [_target("d1", "de", 3.0, 2027), _target("d2", "it", 3.0, 2027), _target("d3", "fr", 3.0, 2027)]
    story = {"d1": "s1", "d2": "s1", "d3": "s1"}
    (found,) = reconcile(facts, story)
    assert found.languages == ("de", "fr", "it") and len(found.sources) == 3
    assert not found.conflict and found.confidence == pytest.approx(0.8)  # one story counts once
    (target,) = reconcile_targets(facts, story)
    assert target.region == "CN-CQ" and target.value == 3.0 and target.deadline == 2027 and len(target.facts) == 3


def test_reconcile_unresolved_metric_joins_its_story_version() -> None:
    facts = [_target("d1", "de", 3.0, 2027), _target("d2", "zh", 3.0, 2027, metric=None)]
    (found,) = reconcile(facts, {"d1": "s1", "d2": "s1"})
    assert found.metric == "rd_intensity" and len(found.sources) == 2


def test_reconcile_disagreeing_versions_are_flagged_and_both_kept() -> None:
    facts = [_target("d1", "de", 3.0, 2027), _target("d2", "it", 3.0, 2028)]
    found = reconcile(facts, {"d1": "s1", "d2": "s1"})
    assert len(found) == 2 and all(r.conflict for r in found)
    assert found[0].conflicts_with == (found[1].id,)
    assert all(t.conflict for t in reconcile_targets(facts, {"d1": "s1", "d2": "s1"}))


def test_reconcile_two_aims_of_one_document_are_no_conflict() -> None:
    facts = [_target("d1", "de", 3.0, 2027), _target("d1", "de", 3.5, 2030)]
    assert not any(r.conflict for r in reconcile(facts, {"d1": "s1"}))


def test_reconcile_independent_stories_raise_confidence_by_noisy_or() -> None:
    facts = [_target("d1", "de", 3.0, 2027, conf=0.6), _target("d2", "en", 3.0, 2027, conf=0.5)]
    (found,) = reconcile(facts, {"d1": "s1", "d2": "s2"})
    assert found.stories == ("s1", "s2") and found.confidence == pytest.approx(1 - 0.4 * 0.5)


def test_reconcile_targets_skip_facts_without_region_or_deadline() -> None:
    fact = _target("d1", "de", 3.0, 2027)
    no_region = fact.model_copy(update={"subject": None, "id": "f:x"})
    assert reconcile_targets([no_region], {}) == []
