"""The value side of extraction on sentences written for these tests: ranks from ordinal forms and bracketed
ordinals, a ranking's size, changes of position, bare bracketed numbers that take their neighbours' unit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id="t", source="t", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _ranks(text: str, language: str) -> list[float]:
    return [f.value for f in _facts(text, language) if f.kind == "rank" and f.value is not None]


@pytest.mark.parametrize(
    ("language", "text", "ranks"),
    [
        ("fr", "Cette année, la Belgique arrive en 9e position du tableau.", [9]),
        ("fr", "Le Portugal est classé en 23e position, la Grèce (31e) le suit.", [23, 31]),
        ("it", "L'Austria si colloca al 17esimo posto della graduatoria.", [17]),
        ("it", "Il Belgio si trova al 21 posto.", [21]),
        ("it", "L'Olanda si piazza quinta, la Norvegia è la sesta.", [5, 6]),
        ("es", "En la clasificación, Chile es 47ª y Perú llega hasta el 81º.", [47, 81]),
        ("es", "Detrás quedan Paraguay (88ª) y Bolivia (104ª).", [88, 104]),
        ("en", "Estonia was ranked the 16th most innovative economy.", [16]),
        ("de", "Die Region liegt auf Platz 4 von 96 Regionen.", [4]),
        ("de", "Spitzenreiter ist Bremen, Hessen folgt auf Platz 2.", [1, 2]),
        ("zh", "该省技术合同成交额居中部各省之首。", [1]),
    ],
)
def test_ranks_from_ordinal_forms(language: str, text: str, ranks: list[float]) -> None:
    assert _ranks(text, language) == [float(r) for r in ranks]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The 9th edition of the ranking covers many economies."),
        ("fr", "La 5e édition du classement paraît en juin."),
        ("it", "La 3ª edizione della classifica è uscita."),
        ("es", "La 7ª edición del ranking se publicó ayer."),
    ],
)
def test_an_edition_number_is_no_rank(language: str, text: str) -> None:
    assert _ranks(text, language) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Region liegt auf Platz 4 von 96 Regionen."),
        ("fr", "La région se classe 12e sur 180 régions."),
        ("it", "La provincia è 9ª su 107 nella classifica."),
    ],
)
def test_the_size_of_a_ranking_is_no_fact(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert [f.kind for f in facts] == ["rank"]


@pytest.mark.parametrize(
    ("language", "text", "steps"),
    [
        ("es", "En la clasificación, Colombia es 61ª tras subir tres puestos, y Chile cae 4 puestos.", [3, -4]),
        ("fr", "Au classement, la Suède gagne deux places (12e).", [2]),
        ("it", "Nella classifica la Spagna guadagna 3 posizioni.", [3]),
        ("de", "Im Ranking verliert Bremen 2 Plätze.", [-2]),
        ("en", "In the ranking, Ireland moved up 4 places to 18th.", [4]),
    ],
)
def test_a_change_of_position_is_a_measurement_in_ranks(language: str, text: str, steps: list[float]) -> None:
    got = [f.value for f in _facts(text, language) if f.unit == "ranks"]
    assert got == [float(s) for s in steps]
    assert all(f.kind == "measurement" for f in _facts(text, language) if f.unit == "ranks")


def test_steps_without_a_ranking_are_no_change_of_position() -> None:
    facts = _facts("The new campus offers 300 places for students.", "en")
    assert all(f.unit != "ranks" for f in facts)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "it",
            "Il Belgio si trova al 19 posto, dietro Irlanda (17) e Francia (18).",
            [("rank", 19), ("rank", 17), ("rank", 18)],
        ),
        (
            "it",
            "La Germania ha un punteggio di 61.2 seguita da Francia (58.1) e Olanda (57.4).",
            [("score", 61.2), ("score", 58.1), ("score", 57.4)],
        ),
        (
            "en",
            "Leeds founded 40 companies, followed by York (31) and Hull (12).",
            [("count", 40), ("count", 31), ("count", 12)],
        ),
        (
            "de",
            "Vorn liegt Bremen mit 3,4 Prozent, vor Hessen (3,1) und Berlin (2,9).",
            [("%", 3.4), ("%", 3.1), ("%", 2.9)],
        ),
        (
            "es",
            "Lidera Navarra con un 2,1 %, seguida de Aragón (1,8) y Galicia (1,2).",
            [("%", 2.1), ("%", 1.8), ("%", 1.2)],
        ),
        (
            "fr",
            "Devant, la Bretagne avec 2,5 %, puis l'Alsace (2,2) et la Corse (0,9).",
            [("%", 2.5), ("%", 2.2), ("%", 0.9)],
        ),
    ],
)
def test_a_bare_bracketed_number_takes_its_neighbours_unit(
    language: str, text: str, expected: list[tuple[str, float]]
) -> None:
    got = [(f.unit, f.value) for f in _facts(text, language)]
    assert got == [(u, float(v)) for u, v in expected]


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "See section (3) of the report."), ("de", "Siehe Abschnitt (4)."), ("fr", "Voir l'annexe (2).")],
)
def test_a_bracketed_number_without_a_neighbour_stays_silent(language: str, text: str) -> None:
    assert _facts(text, language) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The report compares 180 regions and lists 14 measures."),
        ("de", "Der Atlas vergleicht 96 Regionen in 16 Staaten."),
        ("fr", "Le tableau couvre 210 régions de 19 pays."),
        ("it", "Lo studio confronta 88 regioni di 14 paesi."),
        ("es", "El informe analiza 150 regiones de 20 países."),
        ("zh", "方案提出了25项措施。"),
        ("en", "Seven of the top 20 firms are based in the city."),
        ("fr", "Le top 10 mondial reste inchangé."),
    ],
)
def test_group_sizes_and_method_counts_are_no_facts(language: str, text: str) -> None:
    assert _facts(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "value", "deadline"),
    [
        ("en", "Our aim is to be among the top 5 by 2030.", 5, 2030),
        ("de", "Ziel ist, im Index von Top 12 auf Top 6 bis 2030 zu kommen.", 6, 2030),
        ("fr", "L'objectif est d'entrer dans le top 10 d'ici 2030.", 10, 2030),
        ("it", "L'obiettivo è entrare nella top 15 entro il 2028.", 15, 2028),
        ("es", "El objetivo es entrar en el top 20 en 2030.", 20, 2030),
        ("zh", "到2027年，全市科技进步水平跃居全省前30位。", 30, 2027),
    ],
)
def test_a_place_among_the_best_in_a_goal_is_an_upper_bound_target(
    language: str, text: str, value: float, deadline: int
) -> None:
    facts = _facts(text, language)
    assert [(f.kind, f.value, f.unit, f.comparator, f.deadline) for f in facts] == [
        ("target", float(value), "rank", "at_most", deadline)
    ]


@pytest.mark.parametrize(
    ("language", "text", "period"),
    [
        ("de", "Im Jahr 2019 stieg der Wert gegenüber dem Jahr 2017 um 8,5 %.", "2019"),
        ("zh", "2019年，全省研发投入是2014年的2倍。", "2019"),
        ("es", "En 2021 el gasto creció un 6,2 % con respecto al año 2019.", "2021"),
        ("fr", "En 2020, la dépense a progressé de 4,1 % par rapport à l'année 2018.", "2020"),
    ],
)
def test_a_comparison_year_is_no_period(language: str, text: str, period: str) -> None:
    facts = _facts(text, language)
    assert facts and all(f.period == period for f in facts)


def test_a_bracketed_abbreviation_between_scale_and_currency_keeps_the_money() -> None:
    facts = _facts("Im Jahr 2019 gab das Land rund 4,2 Milliarden (Mrd.) Euro für Forschung aus.", "de")
    assert [(f.value, f.unit) for f in facts] == [(4.2, "EUR bn")]


def test_delimited_rows_are_a_table_whose_row_year_dates_the_value() -> None:
    text = "Region;Serie;Wert\nNorte;Gasto I+D 2021;1,10\nNorte;Gasto I+D 2022;1,15\nNorte;Gasto I+D 2023;1,21\n"
    facts = [f for f in extract(Document(id="t", source="t", text=text, language="es")) if f.kind == "measurement"]
    assert [(f.value, f.period) for f in facts] == [(1.1, "2021"), (1.15, "2022"), (1.21, "2023")]


def test_prose_with_semicolons_is_no_table() -> None:
    text = "Wir fördern Start-ups; Hochschulen; Labore.\nDas Land investiert 3 Mio. Euro.\nMehr folgt; bald."
    assert not [f for f in extract(Document(id="t", source="t", text=text, language="de")) if f.kind == "table"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Elle prévoit 400 millions d'euros par an, puis 600 millions par an.", [400, 600]),
        ("it", "Per il programma sono stanziati 1,8 miliardi di risorse.", [1.8]),
        ("de", "Für das Programm werden 2,4 Milliarden bereitgestellt.", [2.4]),
        ("es", "El plan destinados 950 millones a la investigación.", [950]),
    ],
)
def test_millions_without_a_currency_take_the_earlier_or_the_default_currency(
    language: str, text: str, expected: list[float]
) -> None:
    facts = _facts(text, language)
    assert [f.value for f in facts] == [float(v) for v in expected]
    assert all(f.unit and f.unit.startswith("EUR ") for f in facts)


def test_millions_of_people_stay_counts() -> None:
    facts = _facts("In 2022 the region had 4.2 million residents.", "en")
    assert all(not (f.unit or "").startswith(("EUR", "USD")) for f in facts)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Im Jahr 2020 kamen auf 100.000 Einwohner 61 Patentanmeldungen.", 61),
        ("en", "In 2020 there were 48 patent filings per 100,000 inhabitants.", 48),
        ("fr", "En 2020, on comptait 35 brevets pour 100 000 habitants.", 35),
    ],
)
def test_the_base_of_a_rate_is_no_value(language: str, text: str, value: float) -> None:
    assert [f.value for f in _facts(text, language)] == [float(value)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Para 2015, el gasto fue de 0,41% del PIB; 0,44% para 2016; 0,47% para 2017."),
        ("en", "In 2015 spending was 0.41% of GDP; 0.44% by 2016; 0.47% by 2017."),
    ],
)
def test_a_report_verb_governs_a_list_of_yearly_values(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert [(f.kind, f.period) for f in facts] == [
        ("measurement", "2015"),
        ("measurement", "2016"),
        ("measurement", "2017"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "period"),
    [
        (
            "it",
            "Nel triennio 2019-2021 la quota è scesa di 4 punti percentuali rispetto al periodo 2016-2018.",
            "2019-2021",
        ),
        (
            "es",
            "En el periodo 2019-2021 la cuota bajó 4 puntos porcentuales respecto al periodo 2016-2018.",
            "2019-2021",
        ),
        ("es", "El gasto creció un 9,1% de 2021 al 2022.", "2021-2022"),
    ],
)
def test_a_compared_range_is_no_period(language: str, text: str, period: str) -> None:
    facts = _facts(text, language)
    assert facts and all(f.period == period for f in facts)


_ASCII = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=0, max_size=400)
_HAN = (
    "的一是在不了有和人这中大为上个国我以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行"
)
_MIXED = st.text(
    alphabet=st.sampled_from(list(_HAN + "😀🚀🎉✨💡🔥0123456789 .,;:%")),
    min_size=0,
    max_size=400,
)


@settings(max_examples=60, deadline=None)
@given(_ASCII)
def test_printable_ascii_noise_yields_next_to_nothing(text: str) -> None:
    doc = Document(id="noise", source="noise", text=text, language="en")
    scored = [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]
    assert len(scored) <= max(2, len(text) // 100), [(f.value, f.unit, f.quote) for f in scored]


@settings(max_examples=40, deadline=None)
@given(_MIXED)
def test_mixed_cjk_and_emoji_noise_yields_next_to_nothing(text: str) -> None:
    doc = Document(id="noise", source="noise", text=text, language="zh")
    scored = [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]
    assert len(scored) <= max(2, len(text) // 100), [(f.value, f.unit, f.quote) for f in scored]


def test_the_same_mixed_script_input_gives_the_same_facts() -> None:
    text = (
        "到2025年，全市研发投入强度达到3.2%。 By 2027 the city aims to host 5,000 high-tech firms. "
        "Bis 2030 soll die Quote auf 3,5 Prozent steigen. 2023年，高新技术企业达到4200家，排名第7位。"
    ) * 3
    runs = []
    for _ in range(5):
        doc = Document(id="mixed", source="mixed", text=text)
        runs.append([(f.kind, f.value, f.unit, f.deadline, f.period, f.language, f.start) for f in extract(doc)])
    assert runs[0] and all(r == runs[0] for r in runs)


def _kinds(text: str, language: str) -> dict[float, str]:
    return {f.value: f.kind for f in _facts(text, language) if f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "target", "outcome"),
    [
        ("it", "L'obiettivo era il 3 % entro il 2020. Il traguardo non è stato raggiunto: nel 2020 la regione si è "
               "fermata al 2,4 %.", 3.0, 2.4),
        ("de", "Das Ziel von 3 Prozent bis 2020 wurde verfehlt: 2020 erreichte das Land nur 2,4 Prozent.", 3.0, 2.4),
        ("fr", "L'objectif de 3 % en 2020 n'a pas été atteint : en 2020, la région a atteint 2,4 %.", 3.0, 2.4),
        ("en", "The goal of 3 % by 2020 was missed: in 2020 the region reached 2.4 %.", 3.0, 2.4),
    ],
)
def test_a_reported_statement_after_a_colon_is_no_target(language: str, text: str, target: float,
                                                          outcome: float) -> None:
    kinds = _kinds(text, language)
    assert kinds.get(target) == "target" and kinds.get(outcome) == "measurement", kinds


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The plan's aim: spending reached 2.1 % in 2022 and shall rise to 3 % by 2030."),
        ("it", "Il piano è chiaro: entro il 2030 la regione dovrà raggiungere il 3 %."),
    ],
)
def test_an_aim_after_a_colon_stays_a_target(language: str, text: str) -> None:
    assert _kinds(text, language).get(3.0) == "target"


def test_money_an_italian_past_tense_allocated_is_a_report() -> None:
    text = "Nel 2023 la provincia ha destinato alla ricerca 12,5 miliardi di yuan."
    assert _kinds(text, "it").get(12.5) == "measurement"


def test_a_plan_named_in_spanish_is_no_aim() -> None:
    # "Plan" as part of a plan's name, not the verb "planea": a size the plan covers is no target
    text = "El Plan Regional de Innovación, publicado en marzo de 2022, abarca unos 9.000 km² y dos provincias."
    assert "target" not in _kinds(text, "es").values()
