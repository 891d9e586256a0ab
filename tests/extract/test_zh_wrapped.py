"""Chinese text as web and PDF extraction leaves it: sentences wrapped across lines, traditional characters,
counts of people before 位, ranks among the provinces of a region carried from an earlier sentence, and the
share of R&D spending written without its base (全社会研发投入占比)."""

from __future__ import annotations

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def test_a_sentence_wrapped_across_lines_keeps_its_metric_and_rank() -> None:
    text = (
        "2023年浙江省科技创新取得新进展。全省研究与试验发展经\n"
        "费投入强度达到3.2%,技术合同成交额继续增长。全年\n"
        "获得国家科学技术奖励21项,居各省、自治区\n"
        "之首。"
    )
    facts = {(f.kind, f.value, f.metric) for f in _facts(text)}
    assert ("measurement", 3.2, "rd_intensity") in facts
    assert ("measurement", 21.0, None) in facts
    assert ("rank", 1.0, None) in facts  # the count's rank: it names no indicator


def test_traditional_classifiers_count() -> None:
    (fact,) = _facts("2023年,浙江省獲得國家科學技術獎勵27項。")
    assert (fact.value, fact.unit) == (27.0, "count")


def test_a_number_before_wei_counts_people_and_third_generation_is_no_rank() -> None:
    facts = _facts("2023年,浙江省新当选院士12位,建成第三代半导体创新中心。")
    assert [(f.kind, f.value) for f in facts] == [("measurement", 12.0)]
    (rank,) = _facts("2023年,浙江省区域创新能力排名6位。")
    assert (rank.kind, rank.value) == ("rank", 6.0)


def test_a_rank_among_provinces_lifts_a_carried_region_to_its_province() -> None:
    text = "2023年,苏南国家自主创新示范区建设取得新突破。全年获得国家科学技术奖励30项,居各省之首。"
    facts = _facts(text)
    assert {f.subject.id for f in facts if f.subject} == {"CN-JS"}
    text = "2023年,苏南国家自主创新示范区建设取得新突破。全年新增高新技术企业900家。"
    (fact,) = _facts(text)
    assert fact.subject is not None and fact.subject.id == "cn-js-sunan"  # no peers named: the zone's own


def test_the_bare_share_of_rd_spending_is_rd_intensity() -> None:
    (fact,) = _facts("2022年,安徽省全社会研发投入占比达2.6%。")
    assert fact.metric == "rd_intensity"
    (fact,) = _facts("2022年,安徽省研發經費投入佔比為2.6%。")
    assert fact.metric == "rd_intensity"
    (fact,) = _facts("2022年,安徽省研发投入中企业投入占比达到78%。")
    assert fact.metric != "rd_intensity"  # a share within the total
    (fact,) = _facts("2022年,安徽省规上工业企业研发投入占营业收入比重为1.6%。")
    assert fact.metric != "rd_intensity"  # a named base


def test_a_region_name_wrapped_across_lines_is_found() -> None:
    text = (
        "2023年科技创新继续推进,成效明显。全年安徽省合\n"
        "肥市新增高新技术企业1200家,技术合同成交额增\n"
        "长较快,创新平台持续增加,科技型中小企业增多。"
    )
    facts = _facts(text)
    assert [(f.value, f.subject.id if f.subject else None) for f in facts] == [(1200.0, "cn-ah-hefei")]


def test_seats_held_among_a_group_are_a_count() -> None:
    facts = _facts("2023年,滨江区创新平台建设加快,12家省实验室滨江占5席。")
    assert [(f.kind, f.value, f.unit, f.metric) for f in facts] == [("measurement", 5.0, "count", "key_labs")]
    assert facts[0].subject is not None and facts[0].subject.name == "滨江区"
