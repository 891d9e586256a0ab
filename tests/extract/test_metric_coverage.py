"""Indicators real texts report beside the core set (issue 10): innovating enterprises, spin-offs, doctorates,
provincial laboratories and R&D institutions, enterprise research institutes, university rankings and an
innovation index's growth, found in each language they are written in. Every sentence here was written for
these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _by_value(text: str, language: str) -> dict[float, Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f for f in extract(doc) if f.kind in ("target", "measurement", "rank") and f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In 2020-2022, 48.2% of enterprises in Ireland were innovation-active enterprises.", 48.2),
        ("de", "Die Innovatorenquote in Sachsen lag 2022 bei 52,3 Prozent.", 52.3),
        ("fr", "En 2022, la part des entreprises innovantes atteint 57,1 % en Bretagne.", 57.1),
        ("it", "Nel 2022 in Veneto il 55,2% delle imprese con attività innovative ha investito in digitale.", 55.2),
        ("es", "En 2022 el porcentaje de empresas innovadoras fue del 17,4% en Aragón.", 17.4),
        ("zh", "2022年，全省开展创新活动的企业占比达到46.5%。", 46.5),
    ],
)
def test_the_share_of_innovating_enterprises(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "innovative_enterprises_share"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In 2022 the University of Manchester created 31 spin-off companies.", 31),
        ("de", "Die TU München zählte 2022 insgesamt 84 Ausgründungen.", 84),
        ("fr", "En 2022, l'université de Grenoble a créé 17 entreprises essaimées.", 17),
        ("it", "Nel 2022 il Politecnico di Torino ha generato 12 imprese spin-off.", 12),
        ("es", "En 2022 la Universidad de Granada creó 9 empresas derivadas.", 9),
        ("zh", "2022年，浙江大学新增衍生企业23家。", 23),
    ],
)
def test_spin_off_companies(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "spin_offs"


def test_a_count_that_repeats_the_head_of_an_indicator_name_takes_that_indicator() -> None:
    facts = _by_value("Leeds produced more spin-offs than any other city. It created 41 new companies in 2021.", "en")
    assert facts[41].metric == "spin_offs"


def test_a_count_that_is_part_of_a_named_total_takes_its_name() -> None:
    facts = _by_value("These five universities created 120 of the 310 spin-off companies formed in Scotland.", "en")
    assert facts[120].metric == facts[310].metric == "spin_offs"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In 2022 the number of PhDs awarded in the Netherlands reached 5,100.", 5100),
        ("de", "2022 gab es in Bayern 6.300 abgeschlossene Promotionen.", 6300),
        ("fr", "En 2022, 11 800 doctorats délivrés ont été recensés en France.", 11800),
        ("it", "Nel 2022 in Italia sono stati conseguiti 8.700 dottorati di ricerca.", 8700),
        ("es", "En 2022 se leyeron en España 10.400 tesis doctorales.", 10400),
        ("zh", "2022年，全省授予博士学位2100人。", 2100),
    ],
)
def test_doctorates_awarded(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "phd_graduates"


def test_a_name_past_the_brackets_of_a_value_and_before_another_number_is_that_numbers() -> None:
    text = ("Il numero di dottorati di ricerca (4.000 in Austria e 6.000 in Svezia) e quello dei ricercatori "
            "(appena 35.000 in Austria) restano bassi.")  # fmt: skip
    facts = _by_value(text, "it")
    assert (facts[6000].metric, facts[35000].metric) == ("phd_graduates", "researchers")


@pytest.mark.parametrize(
    ("text", "value", "metric"),
    [
        ("2023年，全市新增市级重点实验室12家。", 12, "key_labs"),
        ("2023年，全市新增国家重点实验室2家。", 2, "state_key_labs"),
        ("2023年，全省认定新型研发机构35家。", 35, "new_rd_institutions"),
        ("2023年，全省新建省级重点企业研究院18家。", 18, "enterprise_research_institutes"),
    ],
)
def test_chinese_laboratories_and_institutions_below_the_state_level(text: str, value: float, metric: str) -> None:
    assert _by_value(text, "zh")[value].metric == metric


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In the 2023 Shanghai ranking, ETH Zurich is 20th.", 20),
        ("fr", "Au classement de Shanghai 2023, l'université de Strasbourg est 101e.", 101),
        ("it", "Nella classifica di Shanghai 2023 l'Università di Padova è 150esima.", 150),
        ("es", "En el ranking de Shanghái de 2023 la Universidad de Barcelona ocupa el puesto 151.", 151),
    ],
)
def test_a_university_rank_in_the_shanghai_ranking(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "university_ranking"


def test_the_contribution_of_a_city_to_an_innovation_index_growth() -> None:
    text = "各市对全省创新指数增长的贡献率依次为杭州(41.2%)、宁波(22.5%)、温州(10.3%)。"
    facts = _by_value(text, "zh")
    assert {facts[v].metric for v in (41.2, 22.5, 10.3)} == {"innovation_index_growth"}
