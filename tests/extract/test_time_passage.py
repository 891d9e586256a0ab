"""Periods across a passage, times after conjunctions, compared periods, areas and outline numbers (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, lang: str) -> list[Fact]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _by_value(text: str, lang: str) -> dict[float | None, Fact]:
    return {f.value: f for f in _facts(text, lang)}


@pytest.mark.parametrize(
    ("lang", "text", "value", "period"),
    [
        ("en", "In 2021 research spending in Wales came to £1.2 billion.\n\nBusinesses carried out 61% of it.", 61.0, "2021"),  # noqa: E501
        ("de", "Im Jahr 2022 gab Sachsen 3,1 Milliarden Euro für Forschung aus.\n\nDie Hochschulen trugen 24 % dazu bei.", 24.0, "2022"),  # noqa: E501
        ("fr", "En 2020, la Bretagne a consacré 1,9 milliard d'euros à la R&D.\n\nLes entreprises en exécutent 58 %.", 58.0, "2020"),  # noqa: E501
        ("it", "Nel 2021 la spesa in R&S del Piemonte ammonta a 3,4 miliardi di euro.\n\nLe imprese ne sostengono il 78%.", 78.0, "2021"),  # noqa: E501
        ("es", "En 2022 el gasto en I+D de Aragón fue de 610 millones de euros.\n\nLas empresas ejecutaron el 55%.", 55.0, "2022"),  # noqa: E501
        ("zh", "2022年,全省研发经费投入达到820亿元。\n\n其中企业研发经费占比为77.5%。", 77.5, "2022"),
    ],
)  # fmt: skip
def test_a_later_paragraph_continues_the_passage_period(lang: str, text: str, value: float, period: str) -> None:
    assert _by_value(text, lang)[value].period == period


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "The region's aim is 3% of GDP by 2030.\n\nBusinesses carried out 61% of all research.", 61.0),
        ("de", "Das Land verfehlte 2019 nichts.\n\nDie Hochschulen trugen 24 % bei, 2021 dann 26 %.", 24.0),
    ],
)
def test_a_target_or_a_later_year_does_not_frame_the_next_paragraph(lang: str, text: str, value: float) -> None:
    fact = _by_value(text, lang)[value]
    assert fact.period in (None, "2019") and fact.deadline is None


@pytest.mark.parametrize(
    ("lang", "text", "value", "period"),
    [
        ("es", "Navarra supera la media, ya que en 2020 su gasto en I+D fue del 1,7 por ciento del PIB.", 1.7, "2020"),
        ("fr", "La Bretagne progresse, alors qu'en 2019 son intensité de R&D était de 1,8 % du PIB.", 1.8, "2019"),
        ("it", "Il Veneto cresce, dato che nel 2021 la sua spesa in R&S era pari all'1,6% del PIL.", 1.6, "2021"),
    ],
)
def test_a_conjunction_before_the_year_keeps_it_a_time(lang: str, text: str, value: float, period: str) -> None:
    assert _by_value(text, lang)[value].period == period


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("es", "La intensidad de I+D subió al 1,9 por ciento, más que en 2019.", 1.9),
        ("fr", "L'intensité de R&D est plus élevée qu'en 2019, à 2,3 %.", 2.3),
    ],
)
def test_a_comparison_year_stays_a_comparison(lang: str, text: str, value: float) -> None:
    assert _by_value(text, lang)[value].period is None


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Compared with the three years before (2015-2017), the share of innovating firms fell to 48.2%.", 48.2),
        ("de", "Gegenüber den drei Jahren davor (2015-2017) sank der Anteil innovativer Firmen auf 48,2 %.", 48.2),
        ("fr", "Par rapport aux trois années précédentes (2015-2017), la part des firmes innovantes recule à 48,2 %.", 48.2),  # noqa: E501
        ("it", "Rispetto al triennio precedente (2015-2017), la quota di imprese innovatrici scende al 48,2%.", 48.2),
        ("es", "Frente a los tres años anteriores (2015-2017), la proporción de empresas innovadoras se sitúa en el 48,2%.", 48.2),  # noqa: E501
    ],
)  # fmt: skip
def test_a_compared_period_in_brackets_is_no_period(lang: str, text: str, value: float) -> None:
    assert _by_value(text, lang)[value].period is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The new science park offers 45,000 square metres of laboratories."),
        ("de", "Der neue Technologiepark bietet 45.000 Quadratmeter Laborfläche."),
        ("fr", "Le nouveau parc scientifique offre 45 000 mètres carrés de laboratoires."),
        ("it", "Il nuovo parco scientifico offre 45.000 metri quadrati di laboratori."),
        ("es", "El nuevo parque científico ofrece 45.000 metros cuadrados de laboratorios."),
        ("zh", "新建科技园区实验室面积4.5万平方米。"),
    ],
)
def test_a_site_or_floor_area_is_no_fact(lang: str, text: str) -> None:
    assert _facts(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "3.4.2 Förderung der angewandten Forschung in den Regionen"),
        ("en", "4.1.3 Support for applied research in the regions"),
    ],
)
def test_an_outline_number_is_no_fact(lang: str, text: str) -> None:
    assert _facts(text, lang) == []


def test_german_thousands_are_still_read() -> None:
    assert 1234567.0 in _by_value("In Sachsen gab es 1.234.567 Erwerbstätige.", "de")


def test_the_previous_year_dates_only_its_own_value() -> None:
    text = (
        "2021 zählte Hessen 6.100 Patentanmeldungen (im Vorjahr waren es 5.800 Anmeldungen), Bayern 15.200 Anmeldungen."
    )
    facts = _by_value(text, "de")
    assert facts[5800.0].period == "2020"
    assert facts[15200.0].period == "2021"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The scoreboard covers 38 countries, which account for about 61.2% of the world population."),
        ("de", "Der Index erfasst 38 Länder, auf die rund 61,2 % der Weltbevölkerung entfallen."),
        ("fr", "L'indice couvre 38 pays, qui représentent environ 61,2 % de la population mondiale."),
        ("it", "L'indice copre 38 paesi, che rappresentano circa il 61,2% della popolazione mondiale."),
        ("es", "El índice cubre 38 países, que representan cerca del 61,2% de la población mundial."),
        ("zh", "该指数覆盖38个国家,约占全球人口的61.2%。"),
    ],
)
def test_the_coverage_of_a_method_is_no_fact(lang: str, text: str) -> None:
    assert 61.2 not in _by_value(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("de", "Dafür setzt das Land 2025 die Zahlung von 1,8 Milliarden Euro Schuldentilgung aus.", 1.8),
        ("en", "The state postpones €1.8 billion of debt repayment to fund its universities.", 1.8),
        ("es", "La región aplaza 1.800 millones de euros de amortización de deuda.", 1800.0),
    ],
)
def test_debt_repayment_is_no_fact(lang: str, text: str, value: float) -> None:
    assert value not in _by_value(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "value", "deadline"),
    [
        ("zh", "到2030年,全市研发投入强度达到4%。\n——创新平台加快建设。争取建成国家重点实验室3家。", 3.0, 2030),
        ("en", "By 2030 the region aims to spend 3% of GDP on research.\nIt also aims to support 400 spin-offs.", 400.0, 2030),  # noqa: E501
        ("es", "Para 2030 la región quiere invertir el 2% del PIB en I+D.\nTambién quiere crear 300 empresas de base tecnológica.", 300.0, 2030),  # noqa: E501
    ],
)  # fmt: skip
def test_a_target_without_a_year_continues_the_passages_deadline(
    lang: str, text: str, value: float, deadline: int
) -> None:
    fact = _by_value(text, lang)[value]
    assert (fact.kind, fact.deadline) == ("target", deadline)


@pytest.mark.parametrize(
    ("lang", "text", "value", "deadline"),
    [
        ("fr", "Dans le cadre de la stratégie « Europe 2030 », la région s'est fixé pour objectif d'investir au moins 3 % du PIB dans la recherche.", 3.0, 2030),  # noqa: E501
        ("de", "Mit der Hightech-Strategie 2025 will der Bund 3,5 % des BIP für Forschung ausgeben.", 3.5, 2025),
        ("it", "Nell'ambito della strategia Europa 2020 l'Italia si è data l'obiettivo dell'1,53% del PIL in ricerca.", 1.53, 2020),  # noqa: E501
    ],
)  # fmt: skip
def test_a_plan_named_for_its_year_gives_its_targets_deadline(
    lang: str, text: str, value: float, deadline: int
) -> None:
    fact = _by_value(text, lang)[value]
    assert (fact.kind, fact.deadline) == ("target", deadline)


def test_a_budget_after_a_report_keeps_no_deadline_from_the_reports_year() -> None:
    text = (
        "In 2022 the province spent $5.4 billion on research.\n\nThe $7.5 billion budget will be distributed "
        "among the following areas:\n– $1.2 billion for research funds\n– $1.8 billion for innovation"
    )
    facts = _by_value(text, "en")
    assert facts[1.2].kind == "target" and facts[1.2].deadline is None


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("de", "2020 lag die FuE-Quote des Landes bei 2,5 %.\n\nDie Landesregierung will die Quote auf 3 % steigern.", 3.0),  # noqa: E501
        ("en", "In 2020 the region's R&D intensity stood at 2.5%.\n\nThe government aims to raise it to 3% of GDP.", 3.0),  # noqa: E501
    ],
)  # fmt: skip
def test_an_aim_in_a_later_paragraph_is_a_target_despite_the_passage_period(lang: str, text: str, value: float) -> None:
    fact = _by_value(text, lang)[value]
    assert fact.kind == "target" and fact.period is None


@pytest.mark.parametrize(
    ("lang", "text", "low", "high"),
    [
        ("en", "Between 2010 and 2020 the share of innovating firms rose from 40% to 48%.", 40.0, 48.0),
        ("de", "Zwischen 2010 und 2020 stieg der Anteil innovativer Firmen von 40 auf 48 Prozent.", 40.0, 48.0),
        ("fr", "Entre 2010 et 2020, la part des entreprises innovantes est passée de 40 % à 48 %.", 40.0, 48.0),
        ("it", "Tra il 2010 e il 2020 la quota di imprese innovative è passata dal 40% al 48%.", 40.0, 48.0),
        ("es", "Entre 2010 y 2020 la proporción de empresas innovadoras pasó del 40% al 48%.", 40.0, 48.0),
    ],
)
def test_a_change_over_a_span_dates_its_start_by_the_first_year(lang: str, text: str, low: float, high: float) -> None:
    facts = _by_value(text, lang)
    assert facts[low].period == "2010"
    assert str(facts[high].period).endswith("2020")


def test_a_span_after_the_value_frames_the_next_paragraphs() -> None:
    text = "The university fostered 59 new companies from 2000 to 2010.\n\nOxford started 55 companies."
    assert str(_by_value(text, "en")[55.0].period).endswith("2010")


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("fr", "En cumulé, plus de 2 milliards d'euros supplémentaires seraient injectés dans la recherche publique.", 2.0),  # noqa: E501
        ("en", "In total, more than €2 billion would be invested in public research.", 2.0),
        ("es", "En total, se invertirían más de 2.000 millones de euros en investigación pública.", 2000.0),
    ],
)  # fmt: skip
def test_money_that_would_be_put_into_research_under_a_plan_is_a_target(lang: str, text: str, value: float) -> None:
    fact = _by_value(text, lang)[value]
    assert (fact.kind, fact.comparator) == ("target", "at_least")


def test_a_noun_of_the_number_is_no_later_aim() -> None:
    facts = _by_value("Potenziamento della ricerca: 3mila borse di dottorato e incentivi per 8mila ricercatori.", "it")
    assert facts[3000.0].kind == facts[8000.0].kind == "target"


@pytest.mark.parametrize(
    ("lang", "text", "value", "deadline"),
    [
        ("es", "La estrategia incide en la necesidad de alcanzar el 60 por ciento en 2026.", 60.0, 2026),
        ("fr", "Le schéma insiste sur la nécessité d'atteindre 2,5 % du PIB en 2028.", 2.5, 2028),
        ("it", "Il piano sottolinea la necessità di raggiungere il 2% del PIL nel 2027.", 2.0, 2027),
    ],
)
def test_an_aim_verb_with_a_plain_year_sets_the_deadline(lang: str, text: str, value: float, deadline: int) -> None:
    fact = _by_value(text, lang)[value]
    assert (fact.kind, fact.deadline) == ("target", deadline)


def test_a_place_among_the_best_in_a_plans_list_takes_the_plans_year() -> None:
    text = "Die Hightech-Strategie 2030 nennt folgende Ziele:\n- European Innovation Scoreboard von Top 9 auf Top 6"
    targets = [f for f in _facts(text, "de") if f.kind == "target" and f.unit == "rank"]
    assert [(t.value, t.deadline) for t in targets] == [(6.0, 2030)]


def test_a_value_no_time_of_its_sentence_frames_takes_the_passage_period() -> None:
    text = "In 2021 R&D spending in Wales was £1.2 billion.\n\nThis was £4.1 million per 10,000 adults, up from 1.9% in 2019."  # noqa: E501
    assert _by_value(text, "en")[4.1].period == "2021"
