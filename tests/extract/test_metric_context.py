"""A value whose own clause names no metric takes one from its context (issue 10): an innovation rank or score
with no index named anywhere is its subject's scope index (a country: the Global Innovation Index; a region of
an EU member state: the Regional Innovation Scoreboard; another region: the comprehensive innovation index).
Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _by_value(text: str, language: str) -> dict[float, Fact]:
    return {f.value: f for f in _facts(text, language) if f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "This year Japan is ranked 13th, just behind Israel.", 13),
        ("de", "In diesem Jahr landet Österreich auf Platz 17, knapp hinter Belgien.", 17),
        ("fr", "Cette année, la Belgique se classe en 19e position, juste devant l'Autriche.", 19),
        ("it", "Quest'anno la Spagna si piazza al 29esimo posto, subito dopo la Lituania.", 29),
        ("es", "Este año Portugal ocupa el puesto 31 de la clasificación, por delante de Grecia.", 31),
        ("zh", "今年，日本排名第13位，比去年上升两位。", 13),
    ],
)
def test_an_unnamed_country_rank_is_the_global_innovation_index(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "gii_rank"


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("en", "Denmark leads with a score of 62.1, followed by Norway (59.4) and Iceland (55.0).", (62.1, 59.4)),
        ("it", "La Danimarca guida la classifica con un punteggio di 62,1, seguita da Norvegia (59,4).", (62.1, 59.4)),
        ("fr", "Le Danemark mène le classement avec un score de 62,1, devant la Norvège (59,4).", (62.1, 59.4)),
    ],
)
def test_unnamed_country_scores_in_a_bracket_list_are_global_innovation_index_scores(
    language: str, text: str, values: tuple[float, ...]
) -> None:
    facts = _by_value(text, language)
    assert [facts[v].metric for v in values] == ["gii_score"] * len(values)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("es", "En el ranking de innovación de las regiones europeas, Aragón ocupa el puesto 94.", 94),
        ("it", "Tra le regioni europee, l'Emilia-Romagna si colloca al 90esimo posto.", 90),
        ("de", "Unter den europäischen Regionen erreicht Bayern Platz 12.", 12),
    ],
)
def test_an_unnamed_rank_of_an_eu_region_is_the_regional_innovation_scoreboard(
    language: str, text: str, value: float
) -> None:
    assert _by_value(text, language)[value].metric == "eis_rank"


def test_an_unnamed_rank_of_a_chinese_province_is_the_comprehensive_innovation_index() -> None:
    assert _by_value("2023年，浙江省排名全国第4位。", "zh")[4].metric == "innovation_index_rank"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "L'université de Strasbourg figure au classement de Leiden 2023 : la France y place 5 établissements "
               "et Strasbourg arrive en 3e position."),
        ("it", "Nella classifica della qualità della vita la Francia è terza."),
        ("en", "In the ranking of patent filings per inhabitant Finland comes 3rd."),
    ],
)  # fmt: skip
def test_a_particular_ranking_named_in_the_document_is_no_index(language: str, text: str) -> None:
    ranks = [f for f in _facts(text, language) if f.unit == "rank"]
    assert ranks
    assert all(f.metric not in ("gii_rank", "eis_rank", "innovation_index_rank") for f in ranks)


def test_an_index_named_in_the_document_wins_over_the_scope() -> None:
    text = "The European Innovation Scoreboard 2024 is out. Sweden ranks 1st, followed by Denmark."
    assert _by_value(text, "en")[1].metric == "eis_rank"


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("en", "| Region | Indicator | 2022 |\n|---|---|---|\n| Wales | R&D/GDP | 1.2 |\n| Scotland | R&D/GDP | 1.6 |",
         (1.2, 1.6)),
        ("de", "| Land | Kennzahl | Wert |\n|---|---|---|\n| Hessen | FuE-Ausgaben in % des BIP | 2,9 |\n"
               "| Sachsen | FuE-Ausgaben in % des BIP | 2,8 |", (2.9, 2.8)),
        ("fr", "| Région | DIRD/PIB 2021 |\n|---|---|\n| Bretagne | 1,4 |\n| Occitanie | 3,7 |", (1.4, 3.7)),
        ("it", "| Regione | Indicatore | Valore |\n|---|---|---|\n| Lazio | R&S/PIL | 1,9 |\n"
               "| Umbria | R&S/PIL | 1,0 |", (1.9, 1.0)),
        ("es", "Territorio;Indicador;Valor\nAragón;Gastos I+D/PIBpm 2022;0,92\nAragón;Gastos I+D/PIBpm 2021;0,85",
         (0.92, 0.85)),
        ("zh", "| 地区 | 指标 | 数值 |\n|---|---|---|\n| 浙江 | 研发投入强度 | 3.2 |\n"
               "| 江苏 | 研发投入强度 | 3.1 |", (3.2, 3.1)),
    ],
)  # fmt: skip
def test_a_table_header_naming_rd_over_gdp_makes_bare_numbers_rd_intensity_in_percent(
    language: str, text: str, values: tuple[float, ...]
) -> None:
    facts = _by_value(text, language)
    assert [(facts[v].metric, facts[v].unit) for v in values] == [("rd_intensity", "%")] * len(values)


def test_a_lone_total_column_header_names_no_indicator() -> None:
    text = "| Region | Total |\n|---|---|\n| Wales | 120 |\n| Scotland | 310 |"
    assert {f.metric for f in _facts(text, "en")} == {None}


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("es", "En el ranking de las regiones europeas destacan Aragón (sube 12 posiciones) y Galicia (9).", (12, 9)),
        ("en", "Among European regions, Brittany (up 7 places) and Saxony (4) improved most.", (7, 4)),
        ("fr", "Parmi les régions européennes, la Bretagne (gagne 7 places) et la Saxe (4) progressent.", (7, 4)),
        ("it", "Tra le regioni europee salgono la Toscana (guadagna 8 posizioni) e il Veneto (5).", (8, 5)),
        ("de", "Unter den europäischen Regionen verbessern sich Sachsen (plus 6 Plätze) und Hessen (3).", (6, 3)),
    ],
)  # fmt: skip
def test_a_bare_number_listed_after_a_count_of_places_is_a_rank_change_too(
    language: str, text: str, values: tuple[float, ...]
) -> None:
    facts = _by_value(text, language)
    metrics = {facts[v].metric for v in values if v in facts}
    assert len(metrics) == 1
    assert metrics.pop() == "eis_rank"


def test_traditional_chinese_indicator_names_are_found() -> None:
    facts = _by_value("2022年，全省研發經費投入強度達2.4%，每萬人發明專利擁有量達30.5件。", "zh")
    assert facts[2.4].metric == "rd_intensity"
    assert facts[30.5].metric == "invention_patents_per_10k"


@pytest.mark.parametrize(
    ("language", "text", "value", "metric"),
    [
        ("en", "Wales wants R&D to reach 2.5% of GDP. Last year spending rose by 6.2% to a record £1.9 billion.",
         6.2, "rd_expenditure_growth"),
        ("en", "Wales wants R&D to reach 2.5% of GDP. Last year spending rose by 6.2% to a record £1.9 billion.",
         1.9, "rd_expenditure"),
        ("de", "Hessen will die FuE-Quote auf 3,5 Prozent steigern. Die Ausgaben stiegen 2022 um 4,1 Prozent.",
         4.1, "rd_expenditure_growth"),
        ("fr", "La région vise 2 % du PIB pour la R&D. Les dépenses ont atteint 1,8 milliard d'euros en 2022.",
         1.8, "rd_expenditure"),
        ("it", "La regione punta al 2% del PIL in R&S. Nel 2022 la spesa è cresciuta del 5,3%.",
         5.3, "rd_expenditure_growth"),
        ("es", "La región quiere que la I+D llegue al 2% del PIB. La inversión creció un 9,4% en 2022.",
         9.4, "rd_expenditure_growth"),
        ("es", "La región quiere que la I+D llegue al 2% del PIB. El gasto alcanzó 845 millones de euros en 2022.",
         845, "rd_expenditure"),
        ("zh", "全省研发投入强度达到2.6%。2022年投入总额达到1200亿元。", 1200, "rd_expenditure"),
    ],
)  # fmt: skip
def test_a_bare_spending_noun_in_a_passage_about_rd_is_rd_expenditure(
    language: str, text: str, value: float, metric: str
) -> None:
    assert _by_value(text, language)[value].metric == metric


def test_a_bare_spending_noun_is_no_rd_expenditure_in_a_passage_that_never_names_rd() -> None:
    facts = _by_value("The city plans new roads. Spending rose by 6.2% to £1.9 billion.", "en")
    assert all(f.metric not in ("rd_expenditure", "rd_expenditure_growth") for f in facts.values())


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("es", "El objetivo es que la inversión en I+D alcance el 2,5% del PIB.\n\nHoy se sitúa en el 1,6%.", 1.6),
        ("en", "The goal is R&D intensity of 3% by 2030.\n\nToday it stands at 2.1%.", 2.1),
        ("it", "L'obiettivo è un'intensità di R&S del 3% entro il 2030.\n\nOggi si ferma all'1,4%.", 1.4),
    ],
)  # fmt: skip
def test_a_bare_percentage_opening_a_paragraph_takes_the_metric_of_the_sentence_right_before(
    language: str, text: str, value: float
) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "money", "growth"),
    [
        ("fr", "En 2022, 3,1 milliards d'euros ont été consacrés à la recherche et développement en Bretagne, "
               "soit une hausse de 5 % par rapport à 2020.", 3.1, 5),
        ("en", "In 2022 some £2.4 billion was devoted to research and development in Wales, "
               "an increase of 7% over 2020.", 2.4, 7),
        ("it", "Nel 2022 sono stati destinati 1,2 miliardi di euro alla ricerca e sviluppo, "
               "con un aumento del 6% rispetto al 2020.", 1.2, 6),
    ],
)  # fmt: skip
def test_money_given_to_rd_and_its_growth_in_the_same_sentence(
    language: str, text: str, money: float, growth: float
) -> None:
    facts = _by_value(text, language)
    assert (facts[money].metric, facts[growth].metric) == ("rd_expenditure", "rd_expenditure_growth")


@pytest.mark.parametrize(
    ("language", "text", "named", "other"),
    [
        ("de", "Österreich belegt Platz 17 im Global Innovation Index. Im Smart City Index liegt Wien auf Platz 3.",
         17, 3),
        ("fr", "Dans l'Indice mondial de l'innovation, la France arrive en 11e position. Dans l'indice Smart City, "
               "Paris arrive en 5e position.", 11, 5),
        ("es", "En el Índice Global de Innovación, España ocupa el puesto 28. En el Índice DESI, España ocupa el "
               "puesto 7.", 28, 7),
        ("it", "Nel Global Innovation Index l'Italia è al 26esimo posto. Nell'indice DESI l'Italia è al 18esimo posto.",
         26, 18),
    ],
)  # fmt: skip
def test_a_rank_in_an_index_the_catalog_does_not_know_takes_no_other_index(
    language: str, text: str, named: float, other: float
) -> None:
    facts = _by_value(text, language)
    assert (facts[named].metric, facts[other].metric) == ("gii_rank", None)


def test_an_unnamed_index_its_publisher_makes_is_that_index() -> None:
    facts = _by_value("El índice que la OMPI elabora desde 2007 sitúa a Suiza en el primer puesto.", "es")
    assert facts[1].metric == "gii_rank"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "R&D spending in Wales was 1.9% of GDP in 2021. This was about £900 per head of population and an "
               "increase from 1.7% in 2019.", 1.7),
        ("es", "El gasto en I+D fue del 1,4% del PIB en 2022, tras pasar del 1,2% en 2018.", 1.2),
        ("fr", "La DIRD a atteint 2,2 % du PIB en 2021, passant de 2,1 % en 2019.", 2.1),
    ],
)  # fmt: skip
def test_the_level_a_change_starts_from_is_the_same_metric_not_its_growth(
    language: str, text: str, value: float
) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("es", "Chile invierte el 0,35 por ciento del PIB en I+D, mientras que Corea destina 4,9 por ciento.", 4.9),
        ("it", "L'Italia investe in R&S l'1,3% del PIL, mentre la Svezia destina il 3,4%.", 3.4),
        ("de", "Polen wendet 1,4 Prozent des BIP für FuE auf, während Schweden 3,4 Prozent investiert.", 3.4),
    ],
)
def test_a_percentage_named_only_by_a_spending_verb_takes_the_metric_before_it(
    language: str, text: str, value: float
) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "Au niveau mondial, la Belgique se place au 6e rang des pays les plus intensifs en R-D.", 6),
        ("en", "Israel is the most R&D-intensive economy; Korea ranks 2nd among the most R&D-intensive ones.", 2),
        ("es", "Suecia ocupa el puesto 3 entre los países más intensivos en I+D.", 3),
        ("it", "La Svezia è al terzo posto tra i paesi più intensivi in R&S.", 3),
        ("de", "Baden-Württemberg ist auf Platz 1 der forschungsintensivsten Regionen Europas.", 1),
    ],
)
def test_a_rank_among_the_most_rd_intensive_is_a_rank_by_rd_intensity(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


def test_a_bare_number_after_ranked_at_is_a_position_in_the_index_named() -> None:
    facts = _by_value("In the Global Innovation Index, Chile was ranked at 53 in 2021.", "en")
    assert facts[53].metric == "gii_rank"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("es", "En 2021 el gasto en I+D de Aragón fue del 0,9 por ciento del PIB, frente al 1,4 nacional.", 1.4),
        ("en", "In 2021 R&D spending in Wales was 1.2 percent of GDP, against 2.9 for the UK.", 2.9),
        ("it", "Nel 2021 la spesa in R&S del Lazio è pari all'1,9 per cento del PIL, contro l'1,5 nazionale.", 1.5),
        ("fr", "En 2021, la DIRD de la Bretagne atteint 2,1 % du PIB, contre 2,2 au niveau national.", 2.2),
    ],
)
def test_a_bare_number_compared_with_a_percentage_takes_its_metric(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


def test_a_counted_noun_after_a_percentage_keeps_its_own_metric() -> None:
    facts = _by_value("In 2021 R&D intensity in Wales was 1.2% of GDP, and 14 spin-off companies were created.", "en")
    assert facts[14].metric == "spin_offs"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In Wales businesses spent R&D worth 1.1% of GDP in 2021. Together with universities and government, "
               "the overall rate was 1.7%.", 1.7),
        ("it", "Nel 2021 le imprese del Veneto hanno speso in R&S lo 0,9% del PIL. Con università e istituzioni "
               "pubbliche il tasso complessivo sale all'1,4%.", 1.4),
        ("es", "En 2021 las empresas vascas destinaron a I+D el 1,5% del PIB. Con universidades y administración, "
               "la tasa total llegó al 2,2%.", 2.2),
        ("fr", "En 2021, les entreprises bretonnes ont consacré 1,2 % du PIB à la R&D. Avec les universités et "
               "l'État, le taux global atteint 2,1 %.", 2.1),
        ("de", "In Hessen wenden die Unternehmen 2,1 Prozent des BIP für Forschung und Entwicklung auf. Mit den "
               "Hochschulen ergibt sich eine Gesamtquote von 2,9 Prozent.", 2.9),
    ],
)  # fmt: skip
def test_the_total_rate_after_a_sectors_share_of_gdp_is_rd_intensity(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value", "metric"),
    [
        ("es", "La estrategia quiere elevar del 61 por ciento actual al 70 en 2027 el porcentaje de exportaciones de "
               "alta tecnología.", 61, "high_tech_exports_share"),
        ("en", "The plan aims to raise from 20% to 30% the share of high-tech exports by 2030.", 20,
         "high_tech_exports_share"),
        ("it", "La regione punta a portare dal 21% al 25% la quota di esportazioni ad alta tecnologia.", 21,
         "high_tech_exports_share"),
        ("fr", "La région veut porter de 1,8 % à 2,5 % son intensité de R&D d'ici 2030.", 1.8, "rd_intensity"),
    ],
)  # fmt: skip
def test_the_value_a_change_starts_from_takes_the_metric_named_after_the_value_it_goes_to(
    language: str, text: str, value: float, metric: str
) -> None:
    assert _by_value(text, language)[value].metric == metric


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Wachstumsrate war 2022 am höchsten in Sachsen (5,2 %)."),
        ("en", "Growth was highest in Wales, where spending rose by 5.2%."),
        ("es", "El crecimiento fue el más alto en Aragón, con un 5,2%."),
    ],
)
def test_a_rank_beside_a_percentage_of_its_own_sentence_is_no_scope_index(language: str, text: str) -> None:
    ranks = [f for f in _facts(text, language) if f.unit == "rank"]
    assert ranks
    assert all(f.metric not in ("gii_rank", "eis_rank", "innovation_index_rank") for f in ranks)


@pytest.mark.parametrize(
    ("language", "text", "own", "other"),
    [
        ("en", "The fund will be spent as follows:\n– €120 million in venture capital\n– €80 million for teacher "
               "training", 120.0, 80.0),
        ("de", "Das Budget verteilt sich wie folgt:\n– 50 Millionen Euro für Wagniskapital\n– 30 Millionen Euro für "
               "die Lehrerfortbildung", 50.0, 30.0),
        ("fr", "Le budget sera réparti ainsi :\n– 50 millions d'euros pour le capital-risque\n– 30 millions d'euros "
               "pour la formation des enseignants", 50.0, 30.0),
    ],
)  # fmt: skip
def test_a_list_item_naming_its_own_use_takes_no_metric_from_the_item_before(
    language: str, text: str, own: float, other: float
) -> None:
    facts = {f.value: f for f in extract(Document(id="t", source="t", text=text, language=language))}
    assert facts[own].metric == "venture_investment"
    assert facts[other].metric is None and facts[other].metric_text


@pytest.mark.parametrize(
    "text",
    [
        "Hessen hat 2021 rund 4.100 Patente angemeldet, danach folgt Sachsen (2.300 Anmeldungen).",
        "In Bremen wurden 2021 nur 180 Patente angemeldet.",
        "Unter den Patentanmeldern führt Bayern; Thüringen kam 2021 auf 310 Anmeldungen.",
    ],
)
def test_patents_filed_in_german_are_patent_applications(text: str) -> None:
    facts = [f for f in extract(Document(id="t", source="t", text=text, language="de")) if f.value]
    assert facts and all(f.metric == "patent_applications" for f in facts)


@pytest.mark.parametrize(
    ("language", "text", "start", "end"),
    [
        ("en", "In 2021 Saxony's R&D personnel reached 9,000. The number of highly cited scientists in Saxony rose "
               "from 11 in 2014 to 69 in 2022.", 11.0, 69.0),
        ("en", "In 2021 Saxony had 9,000 R&D personnel. The number of patent attorneys rose from 120 in 2015 to 180 "
               "in 2022.", 120.0, 180.0),
        ("de", "2021 arbeiteten in Sachsen 9.000 Forscher. Die Zahl der Patentanwälte stieg von 120 im Jahr 2015 auf "
               "180 im Jahr 2022.", 120.0, 180.0),
        ("fr", "En 2021, la Saxe comptait 9 000 chercheurs. Le nombre d'avocats en brevets est passé de 120 en 2015 à "
               "180 en 2022.", 120.0, 180.0),
    ],
)  # fmt: skip
def test_the_value_a_change_goes_to_measures_what_its_start_does(
    language: str, text: str, start: float, end: float
) -> None:
    facts = {f.value: f for f in extract(Document(id="t", source="t", text=text, language=language))}
    assert facts[end].metric == facts[start].metric is None


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("In 2021 these firms applied a total of 9,400 invention patents.", "invention_patent_applications"),
        ("In 2021 firms in Saxony filed 4,000 patents.", "patent_applications"),
    ],
)
def test_patents_a_filing_verb_governs_are_applications(text: str, metric: str) -> None:
    (fact,) = extract(Document(id="t", source="t", text=text, language="en"))
    assert fact.metric == metric


def test_patents_granted_are_no_applications() -> None:
    (fact,) = extract(Document(id="t", source="t", text="In 2021 Saxony was granted 4,000 patents.", language="en"))
    assert fact.metric != "patent_applications"


def test_compared_with_the_previous_year_names_no_metric() -> None:
    text = "In 2021 Saxony's firms had 9,400 employees in R&D, a 12.5 percent increase compared with the previous year."
    facts = {f.value: f for f in extract(Document(id="t", source="t", text=text, language="en"))}
    assert facts[12.5].metric_text != "previous"
