"""A Chinese rank stated for a list of aspects ("在A、B和C方面,X位居第一") is one rank per aspect: each takes its
catalog indicator, else the ranking of the index the document reports; a pair joined by 和 alone is one aspect."""

from __future__ import annotations

from riso.extract import extract
from riso.model import Document, Fact


def _ranks(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind == "rank"]


def test_one_rank_per_listed_aspect() -> None:
    text = "2023年,在高新技术企业、技术合同成交额和研发投入强度方面,苏州市均位居全省第一。"
    ranks = _ranks(text)
    assert len(ranks) == 3
    assert {f.value for f in ranks} == {1.0}
    assert {f.subject.id for f in ranks if f.subject} == {"cn-js-suzhou"}
    metrics = {f.metric for f in ranks}
    assert len(metrics) == 3 and None not in metrics


def test_an_aspect_the_catalog_lacks_is_an_aspect_of_the_reported_index() -> None:
    text = "《2023年全球创新指数报告》发布。在研发人员、风险投资和知识产权收入方面,瑞士排名第一。"
    ranks = [f for f in _ranks(text) if f.value == 1.0]
    assert len(ranks) == 3
    assert "gii_rank" in {f.metric for f in ranks}


def test_a_pair_joined_by_he_is_one_aspect() -> None:
    text = "《2023年全球创新指数报告》发布。在创新投入和产出方面,瑞士排名第一。"
    assert len([f for f in _ranks(text) if f.value == 1.0]) == 1
