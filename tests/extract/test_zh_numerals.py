"""Quantities written in Chinese numerals: money, percentages, tenths (成) and counts of ten or more; "一家企业",
"三个方面" count nothing."""

from __future__ import annotations

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def test_money_and_counts_in_numerals() -> None:
    (fact,) = _facts("2022年,全省技术合同成交额突破两千亿元。")
    assert (fact.value, fact.unit, fact.comparator) == (2000.0, "CNY 100m", "at_least")
    assert fact.metric == "tech_market_turnover"
    (fact,) = _facts("2022年,全市新增高新技术企业八百家。")
    assert (fact.value, fact.unit, fact.metric) == (800.0, "count", "high_tech_enterprises")
    (fact,) = _facts("2022年,全省登记技术合同四千余项。")
    assert (fact.value, fact.comparator) == (4000.0, "at_least")


def test_tenths_are_percentages_and_a_plan_period_dates_them() -> None:
    (fact,) = _facts("“十四五”时期,全省研发经费投入年均增长一成以上。")
    assert (fact.kind, fact.value, fact.unit, fact.comparator, fact.deadline) == ("target", 10.0, "%", "at_least", 2025)
    (fact,) = _facts("2022年,全市研发投入同比增长三成。")
    assert (fact.value, fact.unit) == (30.0, "%")


def test_small_numerals_and_words_with_numerals_count_nothing() -> None:
    assert _facts("2022年,全市培育一家龙头企业,建设三个创新平台,推进统一大市场建设。") == []
    assert _facts("全市成立科技成果转化中心,成为创新高地。") == []


def test_a_prefixed_percentage_is_read_once() -> None:
    facts = _facts("到2027年,全省研发投入强度达到百分之三。")
    assert [(f.value, f.unit) for f in facts] == [(3.0, "%")]


def test_a_scale_before_a_larger_one_multiplies() -> None:
    (fact,) = _facts("2022年,全省技术合同成交额超过2千亿元。")
    assert (fact.value, fact.unit) == (2000.0, "CNY 100m")
    (fact,) = _facts("2022年,全国研发经费达到3.1万亿元。")
    assert (fact.value, fact.unit) == (3.1, "CNY trn")  # 万亿 is one scale


def test_years_in_numerals_date_targets_and_figures() -> None:
    (fact,) = _facts("到二〇二八年,全省高新技术企业达到六千家。")
    assert (fact.kind, fact.value, fact.deadline) == ("target", 6000.0, 2028)
    (fact,) = _facts("二零二二年,全市研发投入强度为2.6%。")
    assert (fact.kind, fact.period) == ("measurement", "2022")


def test_the_growth_of_technology_contract_turnover() -> None:
    facts = _facts("2022年,芜湖市技术合同成交额达到300亿元,增长15%。")
    assert {(f.value, f.metric) for f in facts} == {
        (300.0, "tech_market_turnover"),
        (15.0, "tech_market_turnover_growth"),
    }
