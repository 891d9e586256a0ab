"""Targets, reports and values: the current value of a goal, money reported spent, R&I nouns after an economy
word, a unit written once for both ends of a change (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, lang: str) -> list[Fact]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _by_value(text: str, lang: str) -> dict[float | None, Fact]:
    return {f.value: f for f in _facts(text, lang)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The plan aims to lift the share of innovative firms from 40% today to 55% by 2030."),
        ("de", "Der Plan will den Anteil innovativer Firmen von derzeit 40 auf 55 Prozent bis 2030 erhöhen."),
        ("fr", "Le plan vise à porter la part des entreprises innovantes de 40 % actuellement à 55 % d'ici 2030."),
        ("it", "Il piano punta a portare la quota di imprese innovative dal 40% attuale al 55% entro il 2030."),
        ("es", "El plan pretende elevar la cuota de empresas innovadoras del 40 por ciento actual al 55 en 2030."),
    ],
)
def test_the_current_value_in_a_goal_is_a_report_without_the_goals_year(lang: str, text: str) -> None:
    facts = _by_value(text, lang)
    assert facts[40.0].kind == "measurement" and facts[40.0].period is None
    assert facts[55.0].kind == "target" and facts[55.0].deadline == 2030 and facts[55.0].unit == "%"


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("fr", "En 2022, 3,1 milliards d'euros ont été consacrés à la recherche en Bretagne.", 3.1),
        ("it", "Nel 2022 2,1 miliardi di euro sono stati destinati alla ricerca in Lombardia.", 2.1),
        ("es", "En 2022, 610 millones de euros fueron destinados a I+D en Aragón.", 610.0),
        ("de", "Im Jahr 2022 wurden in Sachsen 3,1 Milliarden Euro für Forschung bereitgestellt.", 3.1),
        ("en", "In 2022, £1.2 billion were allocated to research in Wales.", 1.2),
    ],
)
def test_money_reported_spent_in_a_past_year_is_a_measurement(lang: str, text: str, value: float) -> None:
    fact = _by_value(text, lang)[value]
    assert (fact.kind, fact.period) == ("measurement", "2022")


def test_money_to_be_spent_stays_a_target() -> None:
    fact = _by_value("En 2025, 3,1 milliards d'euros seront consacrés à la recherche en Bretagne.", "fr")[3.1]
    assert (fact.kind, fact.deadline) == ("target", 2025)


def test_pounds_are_sterling() -> None:
    assert _by_value("In 2022, £1.2 billion were allocated to research in Wales.", "en")[1.2].unit == "GBP bn"


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Guangzhou plans to raise its population of high-tech enterprises to 12,000 by 2025.", 12000.0),
        ("zh", "到2025年,每万人口发明专利拥有量达到45件。", 45.0),
    ],
)
def test_an_rni_noun_after_an_economy_word_keeps_the_fact(lang: str, text: str, value: float) -> None:
    assert _by_value(text, lang)[value].kind == "target"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The population of Wales grew to 3.1 million in 2021."),
        ("zh", "2022年末全市常住人口达到1034万人。"),
    ],
)
def test_a_population_is_still_no_fact(lang: str, text: str) -> None:
    assert _facts(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "low", "high"),
    [
        ("de", "Die FuE-Quote des Landes stieg von knapp zweieinhalb auf gut 3 Prozent.", 2.5, 3.0),
        ("de", "Die FuE-Quote des Landes stieg von dreieinhalb auf 4 Prozent.", 3.5, 4.0),
        ("es", "La tasa de empresas innovadoras pasó del 30 por ciento al 36 en 2022.", 30.0, 36.0),
        ("en", "The share of innovating firms rose from 44 to 51 percent.", 44.0, 51.0),
    ],
)
def test_both_ends_of_a_change_take_the_unit_written_once(lang: str, text: str, low: float, high: float) -> None:
    facts = _by_value(text, lang)
    assert facts[low].unit == "%" and facts[high].unit == "%"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The region wants to raise the number of researchers by 20%, and patent output by 35%, as well as reach 90% broadband coverage."),  # noqa: E501
        ("es", "La región quiere incrementar el número de investigadores en un 20%, y en un 35% las patentes, así como llegar a un 90% de cobertura."),  # noqa: E501
        ("it", "La regione vuole aumentare il numero di ricercatori del 20%, e del 35% i brevetti, oltre a raggiungere il 90% di copertura."),  # noqa: E501
    ],
)  # fmt: skip
def test_every_value_an_aim_governs_is_a_target_when_another_aim_follows(lang: str, text: str) -> None:
    kinds = {f.value: f.kind for f in _facts(text, lang)}
    assert kinds[20.0] == kinds[35.0] == kinds[90.0] == "target"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The plan wants private firms to fund 60% of research, while at the moment they fund 45%."),
        ("de", "Der Plan will, dass Unternehmen 60 % der Forschung finanzieren, während sie im Moment 45 % tragen."),
        ("fr", "Le plan veut que les entreprises financent 60 % de la recherche, quand en ce moment elles en financent 45 %."),  # noqa: E501
        ("it", "Il piano vuole che le imprese finanzino il 60% della ricerca, mentre in questo momento ne finanziano il 45%."),  # noqa: E501
        ("es", "El plan quiere que las empresas financien el 60% de la investigación, cuando en estos momentos financian el 45%."),  # noqa: E501
    ],
)  # fmt: skip
def test_todays_value_beside_a_goal_is_a_report(lang: str, text: str) -> None:
    kinds = {f.value: f.kind for f in _facts(text, lang)}
    assert kinds[60.0] == "target" and kinds[45.0] == "measurement"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "El plan quiere que el 80% de los hogares tenga conexiones de más de 100 megabytes por segundo."),
        ("en", "The plan wants 80% of homes to have connections faster than 100 megabits per second."),
    ],
)
def test_a_data_rate_in_a_goals_definition_is_no_fact(lang: str, text: str) -> None:
    values = {f.value for f in _facts(text, lang)}
    assert 80.0 in values and 100.0 not in values


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("fr", "La cible de 3 % du PIB pour la recherche en Bretagne est confirmée. Il faudra de gros efforts pour parvenir aux 3 % du PIB en Bretagne.", 3.0),  # noqa: E501
        ("es", "La intensidad de I+D de Aragón se mantiene en el 0,9%. En 2020 la intensidad de I+D de Aragón fue del 0,9%.", 0.9),  # noqa: E501
        ("en", "Wales's R&D intensity stays at 1.4%. In 2021 Wales's R&D intensity was 1.4%.", 1.4),
    ],
)  # fmt: skip
def test_a_value_restated_in_another_sentence_is_one_fact(lang: str, text: str, value: float) -> None:
    assert [f.value for f in _facts(text, lang)].count(value) == 1


def test_equal_values_of_one_sentence_stay_several_facts() -> None:
    text = "In 2021 the R&D intensity was 2.1% in Wales and 2.1% in Scotland."
    assert [f.value for f in _facts(text, "en")].count(2.1) == 2


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Lo anterior supone un incremento de 12 por ciento en términos nominales."),
        ("en", "This represents an increase of 12 percent in nominal terms."),
        ("it", "Ciò rappresenta un aumento del 12 per cento in termini nominali."),
    ],
)
def test_a_change_in_nominal_terms_of_nothing_named_is_no_fact(lang: str, text: str) -> None:
    assert _facts(text, lang) == []


def test_rd_spending_in_real_terms_is_still_a_fact() -> None:
    text = "In 2022 R&D expenditure in Wales rose by 3.1% in real terms."
    assert 3.1 in {f.value for f in _facts(text, "en")}


def test_a_goal_noun_right_after_the_number_makes_it_the_goals_value() -> None:
    fact = _by_value("方案提出了2025年全市高新技术企业总数达800家的目标。", "zh")[800.0]
    assert (fact.kind, fact.deadline) == ("target", 2025)


def test_a_report_before_a_later_goal_stays_a_report() -> None:
    facts = _by_value("2022年全市高新技术企业达450家,目标是到2025年达到800家。", "zh")
    assert facts[450.0].kind == "measurement" and facts[800.0].kind == "target"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "By 2027 research spending should grow by between 2 and 3 percent a year."),
        ("en", "By 2027 research spending should grow by 2–3% a year."),
        ("de", "Bis 2027 sollen die Forschungsausgaben jährlich zwischen 2 und 3 Prozent wachsen."),
        ("fr", "D'ici 2027, les dépenses de recherche devront croître d'entre 2 et 3 % par an."),
        ("it", "Entro il 2027 la spesa in ricerca dovrà crescere tra il 2 e il 3 per cento l'anno."),
        ("es", "Hasta 2027 el gasto en investigación crecerá a un ritmo de entre un dos y tres por ciento anual."),
        ("zh", "到2027年,全社会研发经费年均增长2%—3%。"),
    ],
)
def test_a_range_is_its_upper_end_about(lang: str, text: str) -> None:
    facts = _by_value(text, lang)
    assert 2.0 not in facts
    assert (facts[3.0].kind, facts[3.0].comparator, facts[3.0].deadline) == ("target", "about", 2027)


def test_a_change_from_one_value_to_another_is_no_range() -> None:
    facts = _by_value("Entre 2019 et 2022, la part est passée de 2 % à 3 %.", "fr")
    assert facts[2.0].comparator == facts[3.0].comparator == "exactly"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("2023年全省研发投入达120余亿元。", 120.0, "CNY 100m"),
        ("2023年全省科技型中小企业3000多家。", 3000.0, "count"),
        ("2023年全省研发经费320多亿元。", 320.0, "CNY 100m"),
        ("2023年全省高新技术企业达1.2万余家。", 12000.0, "count"),
    ],
)
def test_chinese_more_than_signs_between_the_number_and_its_unit(text: str, value: float, unit: str) -> None:
    fact = _by_value(text, "zh")[value]
    assert (fact.unit, fact.comparator) == (unit, "at_least")


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("zh", "2023年全市高新技术企业达１２３４家。", 1234.0),
        ("zh", "2023年全市研发投入强度达到３.５%。", 3.5),
        ("it", "Nel 2023 la regione conta 5mila imprese innovative.", 5000.0),
        ("it", "Il piano finanzia 2,5mila borse di dottorato.", 2500.0),
    ],
)
def test_full_width_digits_and_italian_mila(lang: str, text: str, value: float) -> None:
    assert value in _by_value(text, lang)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(min_value=11, max_value=99999), sign=st.sampled_from("余多"), unit=st.sampled_from(["家", "亿元"]))
def test_a_more_than_sign_keeps_the_number(n: int, sign: str, unit: str) -> None:
    from riso.extract.patterns import patterns_for
    from riso.extract.scan import scan_sentence

    scan = scan_sentence(f"2023年全省高新技术企业达{n}{sign}{unit}。", patterns_for("zh"))
    assert [(q.value, q.comparator) for q in scan.quantities] == [(float(n), "at_least")]


@settings(max_examples=40, deadline=None)
@given(low=st.integers(min_value=1, max_value=50), step=st.integers(min_value=1, max_value=50))
def test_a_dash_range_is_one_quantity_at_its_upper_end(low: int, step: int) -> None:
    from riso.extract.patterns import patterns_for
    from riso.extract.scan import scan_sentence

    scan = scan_sentence(f"Spending will grow by {low}–{low + step}% a year.", patterns_for("en"))
    assert [(q.value, q.comparator) for q in scan.quantities] == [(float(low + step), "about")]
