"""Chinese in traditional characters (Taiwan, Hong Kong, Macao sources): the cues, comparators, units and
negatives of zh.yaml read either script (``traditional`` pairs)."""

from __future__ import annotations

from riso.extract import extract, load_language
from riso.model import Document, Fact


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def test_the_word_lists_hold_both_scripts() -> None:
    res = load_language("zh")
    assert {"目标", "目標"} <= set(res.words("target_cues"))
    assert {"个百分点", "個百分點"} <= set(res.units["percentage_points"])
    assert {"超过", "超過"} <= set(res.comparators["at_least"])


def test_a_goal_in_traditional_characters_is_a_target() -> None:
    (fact,) = _facts("澳門特區政府目標是在2028年前把研發總開支佔GDP的比率提升至1%以上。")
    assert (fact.kind, fact.value, fact.comparator, fact.deadline) == ("target", 1.0, "at_least", 2028)
    assert fact.metric == "rd_intensity"


def test_a_change_in_points_in_traditional_characters() -> None:
    facts = _facts("2021年,新北市研發經費占GDP比率為2.8%,較上年增加0.2個百分點。")
    assert {(f.value, f.unit) for f in facts} == {(2.8, "%"), (0.2, "pp")}
