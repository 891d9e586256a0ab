"""Chinese organisations as subjects: a name ending in an organisation head (大学, 研究院, 公司, 实验室 …) is the
subject of the figures after it in its sentence, not the region in its name; a kind of organisation (省级重点实验室),
one counted (重点实验室12家) or given as an example (…等12所高校) is none, and a name is never carried into the
sentences after it."""

from __future__ import annotations

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="zh")
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _subjects(text: str) -> dict[float, str | None]:
    return {f.value: (f.subject.name if f.subject else None) for f in _facts(text) if f.value is not None}


def test_an_organisation_is_the_subject_of_its_figures() -> None:
    assert _subjects("2023年,南京大学科研经费突破40亿元。") == {40.0: "南京大学"}
    assert _subjects("中国科学院上海微系统研究所2023年申请专利600件。") == {600.0: "中国科学院上海微系统研究所"}
    assert _subjects("比亚迪公司2023年研发投入达到395亿元。") == {395.0: "比亚迪公司"}


def test_a_kind_of_organisation_or_a_count_of_them_leaves_the_region() -> None:
    (fact,) = _facts("2023年,广东省重点实验室达到430家。")
    assert fact.subject is not None and fact.subject.id == "CN-GD"
    facts = _facts("2023年,广东省新增省级工程研究院15家。")
    assert [f.subject.id for f in facts if f.subject] == ["CN-GD"]


def test_an_organisation_given_as_an_example_is_no_subject() -> None:
    facts = _facts("2023年,四川省研发投入强度为2.3%,四川大学、电子科技大学等高校获得国家科技奖励15项。")
    assert {f.subject.id for f in facts if f.subject} == {"CN-SC"}


def test_an_organisation_is_not_carried_into_later_sentences_nor_before_it() -> None:
    text = "2023年,武汉市研发投入强度达到3.5%。华中科技大学新建创新平台一批。全市高新技术企业达到1.4万家。"
    assert _subjects(text) == {3.5: "Wuhan", 14000.0: "Wuhan"}
    text = "2023年,武汉市研发投入强度达到3.5%,武汉大学获批国家重点实验室。"
    assert _subjects(text) == {3.5: "Wuhan"}


def test_a_county_short_name_that_is_a_word_names_no_county() -> None:
    text = "2023年,南昌市研发投入强度达到2.1%。新建创新平台20个。"
    assert {f.subject.name for f in _facts(text) if f.subject} == {"Nanchang"}
    (fact,) = _facts("2023年,新建区高新技术企业达到150家。")
    assert fact.subject is not None and fact.subject.name == "新建区"


def test_a_city_or_province_deictic_never_becomes_the_country() -> None:
    (rank_step, rank) = _facts("2023年,我市区域创新能力排名上升4位,居全国第15位。")
    assert rank_step.subject is None and rank.subject is None  # the city is not named: not China
    (fact,) = _facts("2023年,全省研发投入强度达到2.2%,低于全国平均水平。")
    assert fact.subject is None
    (fact,) = _facts("2023年,宁波市研发投入强度达到3.0%,高于全国平均水平。")
    assert fact.subject is not None and fact.subject.name == "Ningbo"
