"""A Chinese rank in the clause after its subject's count ("获得…奖励25项,居各省之首") orders by that count: it takes
the count's metric or none, never the index of its scope; an index's value ("指数达到160") is a score."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def test_a_rank_after_a_count_is_no_index_rank() -> None:
    facts = _facts("2022年,浙江省获得国家科学技术奖励25项,居各省之首。")
    (rank,) = [f for f in facts if f.kind == "rank"]
    (count,) = [f for f in facts if f.kind == "measurement"]
    assert rank.value == 1.0 and rank.subject is not None and rank.subject.id == "CN-ZJ"
    assert rank.metric == count.metric


def test_a_rank_of_a_named_count_takes_its_metric() -> None:
    facts = _facts("2022年,浙江省新增国家级孵化器9家,数量位列全省第一。")
    want = {("measurement", 9.0, "incubators"), ("rank", 1.0, "incubators")}
    assert {(f.kind, f.value, f.metric) for f in facts} == want


def test_a_rank_of_its_own_clause_keeps_its_index() -> None:
    (rank,) = [f for f in _facts("2023年,浙江省区域创新能力居全国第4位。") if f.kind == "rank"]
    assert rank.metric == "innovation_index_rank"


def test_an_index_value_is_a_score() -> None:
    (fact,) = _facts("2023年,浙江省区域科技创新指数达到160。")
    assert (fact.value, fact.unit, fact.metric) == (160.0, "score", "innovation_index_score")
    (fact,) = _facts("到2027年,区域科技创新指数达到160以上。")
    assert (fact.kind, fact.unit, fact.deadline) == ("target", "score", 2027)


@pytest.mark.parametrize(
    "text",
    [
        "In the UK regional innovation ranking, Wales is 9 out of 12.",
        "UK Regional Innovation Ranking\n\nOur aim is a place in the top 5. Today we are 9 out of 12.",
    ],
)
def test_a_position_out_of_a_total_after_a_copula_is_a_rank(text: str) -> None:
    found = extract(Document(id="t", source="t", text=text, language="en"))
    facts = [f for f in found if f.value == 9.0]
    assert [(f.kind, f.unit) for f in facts] == [("rank", "rank")]
    assert facts[0].metric is not None and not [f for f in found if f.value == 12.0]
    aims = [f for f in found if f.kind == "target"]
    assert all(a.metric == facts[0].metric for a in aims)  # the goal's ranking and the current place's are one


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("In 2021 Bavaria filed more patent applications than any other German state.", "patent_applications"),
        ("In 2019 Leeds created more spin-off companies than any other city in Yorkshire.", "spin_offs"),
    ],
)
def test_more_than_any_other_is_first_place(text: str, metric: str) -> None:
    (fact,) = extract(Document(id="t", source="t", text=text, language="en"))
    assert (fact.kind, fact.value, fact.unit, fact.metric) == ("rank", 1.0, "rank", metric)


def test_more_than_any_other_year_is_no_rank() -> None:
    assert extract(Document(id="t", source="t", text="R&D spending grew more in 2021 than in any other year.",
                            language="en")) == []  # fmt: skip
