"""Chinese plan text: a sentence that opens with a goal verb (实现…) after a goal with a deadline goes on with the
passage's goals; 前N水平 is a place among the best; a name before an earlier number of a list is that number's;
the total value of technology contracts is their turnover."""

from __future__ import annotations

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def test_a_sentence_opening_with_a_goal_verb_continues_the_goals() -> None:
    text = "到2030年,力争全县研发投入强度达到3%以上。实现高新技术企业数量达到120家,跻身全省前20位。"
    facts = {(f.kind, f.value, f.unit, f.comparator, f.deadline) for f in _facts(text)}
    assert ("target", 3.0, "%", "at_least", 2030) in facts
    assert ("target", 120.0, "count", "at_least", 2030) in facts
    assert ("target", 20.0, "rank", "at_most", 2030) in facts


def test_a_goal_verb_without_a_goal_before_is_a_report() -> None:
    (fact,) = _facts("2023年,全县上下齐心协力。实现高新技术企业数量120家。")
    assert fact.kind == "measurement"


def test_the_top_level_of_a_ranking_is_a_target_rank() -> None:
    text = "到2026年,争取全区每万人发明专利拥有量达到30件,达到全省前5水平。"
    facts = {(f.kind, f.value, f.unit, f.comparator) for f in _facts(text)}
    assert ("target", 5.0, "rank", "at_most") in facts


def test_a_name_before_an_earlier_number_is_that_numbers() -> None:
    text = "到2026年,全市新增众创空间30家,专利转移转化800项。"
    metrics = {f.value: f.metric for f in _facts(text)}
    assert metrics[30.0] == "maker_spaces"
    assert metrics[800.0] is None  # named by its own words, which the catalog does not know
    text = "2023年,全市高新技术企业达1500家,比上年增加260家。"
    metrics = {f.value: f.metric for f in _facts(text)}
    assert metrics[260.0] == "high_tech_enterprises"  # no name of its own: the earlier one's


def test_the_total_value_of_technology_contracts_is_their_turnover() -> None:
    (fact,) = _facts("到2025年,全省技术合同交易总额突破3000亿元。")
    assert (fact.metric, fact.value, fact.unit) == ("tech_market_turnover", 3000.0, "CNY 100m")


def test_a_metric_phrase_after_a_year_drops_the_years_character() -> None:
    (fact,) = _facts("力争到2028年全省规上工业企业研发活动覆盖率达到60%。")
    assert fact.metric_text is not None and not fact.metric_text.startswith("年")
    assert "全省" not in fact.metric_text


def test_must_reach_is_a_goal_and_a_budget_the_treasury_sets_aside_is_allocated() -> None:
    (fact,) = _facts("全县规上工业企业研发活动覆盖率2026年要达到55%。")
    assert (fact.kind, fact.value, fact.deadline) == ("target", 55.0, 2026)
    (fact,) = _facts("2024年县财政安排科技专项资金8000万元。")
    assert (fact.kind, fact.comparator) == ("target", "exactly")


def test_high_value_invention_patents_per_10k_people() -> None:
    (fact,) = _facts("到2026年,全县每万人高价值发明专利拥有量达到12件。")
    assert fact.metric == "invention_patents_per_10k"
