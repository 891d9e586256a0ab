"""Rules that keep targets precise and ranks and milestones found: list metrics, source lines, report verbs,
ordinal words, milestone verb forms, and the per-template rank search."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.extract import extract
from riso.extract.patterns import patterns_for, templates
from riso.extract.resources import available_languages
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "milestone", "measurement", "rank")]


def test_a_list_value_never_takes_the_metric_of_a_later_number() -> None:
    text = (
        "The municipal plan wants 3% by 2027, 150 national innovation platforms by 2027, "
        "and 20,000 high-tech enterprises by 2030."
    )
    by_value = {f.value: f for f in _facts(text, "en")}
    assert by_value[3.0].metric != "national_innovation_platforms"
    assert by_value[150.0].metric == "national_innovation_platforms"
    assert by_value[20000.0].metric == "high_tech_enterprises"


def test_hyphenated_german_platform_name_matches_the_catalog() -> None:
    text = (
        "Bis 2027 soll die FuE-Quote 3 % erreichen. Im selben Jahr sollen 150 nationale Plattformen für "
        "wissenschaftlich-technologische Innovation in der Stadt bestehen."
    )
    platforms = [f for f in _facts(text, "de") if f.value == 150.0]
    assert platforms and platforms[0].metric == "national_innovation_platforms" and platforms[0].deadline == 2027


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Quellen: NBS, Statistische Bulletins 2023; Innovationsplan der Stadtregierung bis 2027 mit 3 % FuE-Quote.",
            "de",
        ),
        ("Sources: NBS bulletin 2023; municipal plan with 3% by 2027.", "en"),
        ("Fonti: Istat 2023; piano regionale con il 3 per cento entro il 2027.", "it"),
        ("Sources : Insee 2023 ; plan régional avec 3 % d'ici 2027.", "fr"),
        ("Fuentes: INE 2023; plan regional con un 3 % para 2027.", "es"),
        ("来源：国家统计局2023年统计公报；到2027年研发强度达到3%。", "zh"),
        ("**Quellen:** NBS 2023; Plan bis 2027 mit 3 % FuE-Quote.", "de"),
    ],
)
def test_source_citation_lines_yield_no_facts(text: str, language: str) -> None:
    assert _facts(text, language) == []


def test_the_line_after_a_source_line_still_yields_facts() -> None:
    text = "Quellen: NBS 2023; Plan bis 2027 mit 3 % FuE-Quote.\n\nBis 2030 soll die FuE-Quote auf 4 % steigen."
    assert [(f.value, f.deadline) for f in _facts(text, "de")] == [(4.0, 2030)]


@pytest.mark.parametrize(
    ("text", "language", "period"),
    [
        ("By 2023, China's spending on research and development had reached 2.65% of GDP.", "en", "2023"),
        ("Bis 2022 erreichte die FuE-Quote Bayerns 3,2 Prozent.", "de", "2022"),
        ("Entro il 2022 la spesa in R&S del Piemonte ha raggiunto il 2,2 per cento del PIL.", "it", "2022"),
        ("Para 2022, Navarra alcanzó una inversión en I+D del 2,1 % del PIB.", "es", "2022"),
    ],
)
def test_a_reported_value_with_a_past_time_is_a_measurement(text: str, language: str, period: str) -> None:
    (fact,) = _facts(text, language)
    assert fact.kind == "measurement" and fact.period == period and fact.deadline is None


def test_an_aim_cue_keeps_a_reach_verb_a_target() -> None:
    (fact,) = _facts("By 2027 the city aims to have reached 3% of GDP in R&D.", "en")
    assert fact.kind == "target" and fact.deadline == 2027


@pytest.mark.parametrize(
    ("text", "language", "rank"),
    [
        ("China came eleventh in the index.", "en", 11),
        ("Chongqing ranks second in western China.", "en", 2),
        ("Bayern ist zweiter im Länderranking.", "de", 2),
        ("Sachsen liegt im Ranking auf Rang 3.", "de", 3),
        ("Torino è seconda nella classifica nazionale.", "it", 2),
        ("La Lombardia si colloca al terzo posto.", "it", 3),
        ("La France se classe au douzième rang mondial.", "fr", 12),
        ("Lyon arrive au troisième rang.", "fr", 3),
        ("Madrid quedó en tercer lugar.", "es", 3),
        ("Cataluña es segunda en el ranking nacional.", "es", 2),
        ("成都排名第三。", "zh", 3),
    ],
)
def test_ordinal_rank_forms(text: str, language: str, rank: int) -> None:
    assert [f.value for f in _facts(text, language) if f.kind == "rank"] == [float(rank)]


@pytest.mark.parametrize(
    ("text", "language", "year"),
    [
        ("A new regional computing hub will be launched by 2026.", "en", 2026),
        ("Bis 2027 soll in Sachsen ein Zentrum für Mikroelektronik eingerichtet werden.", "de", 2027),
        ("Entro il 2025 sarà istituito un centro nazionale per l'intelligenza artificiale.", "it", 2025),
        ("D'ici à 2030, l'État mettra en place un réseau de centres de transfert.", "fr", 2030),
        ("Para 2026, la Junta creará un centro de innovación digital.", "es", 2026),
        ("到2027年，成渝地区建立协同创新体系。", "zh", 2027),
    ],
)
def test_qualitative_commitments_with_a_deadline_are_milestones(text: str, language: str, year: int) -> None:
    assert [(f.kind, f.deadline) for f in _facts(text, language)] == [("milestone", year)]


WORDS = st.sampled_from(
    [
        "Platz",
        "rank",
        "ranks",
        "second",
        "zweiter",
        "第",
        "位",
        "posto",
        "rang",
        "lugar",
        "7",
        "12",
        " ",
        "in",
        "the",
        "al",
        "au",
        "auf",
        "Rang",
        "3.",
        "ranking",
        "im",
        "Ranking",
    ]
)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(WORDS, max_size=12), language=st.sampled_from(sorted(available_languages())))
def test_per_template_rank_search_equals_one_alternation(words: list[str], language: str) -> None:
    text = " ".join(words)
    pats = patterns_for(language)
    whole = templates(pats.res.words("ranks"), pats.res)
    expected = [(m.start(), m.end()) for m in whole.finditer(text)]
    assert [(m.start(), m.end()) for m in pats.rank.searcher(text.casefold()).finditer(text)] == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The city counts 6,000 high-tech firms and aims to reach 8,000 by 2025.", "en"),
        ("Die Stadt zählte 6.000 Hightech-Unternehmen und will bis 2025 8.000 erreichen.", "de"),
        ("La région compte 6 000 entreprises de haute technologie et vise 8 000 d'ici 2025.", "fr"),
    ],
)
def test_a_value_before_an_aim_clause_with_its_own_value_is_a_report(text: str, language: str) -> None:
    assert [(f.kind, f.value) for f in _facts(text, language)] == [("measurement", 6000.0), ("target", 8000.0)]


def test_a_value_whose_aim_follows_it_stays_a_target() -> None:
    facts = _facts("Eine FuE-Quote von 3 % soll bis 2027 erreicht werden, dazu 150 Plattformen.", "de")
    assert (facts[0].kind, facts[0].value, facts[0].deadline) == ("target", 3.0, 2027)
    (fact,) = _facts("20,000 high-tech enterprises are planned by 2030.", "en")
    assert fact.kind == "target" and fact.deadline == 2030


@pytest.mark.parametrize(
    ("text", "language", "ranks"),
    [
        (
            "In the 2024 cluster ranking, Tokyo–Yokohama is first, Shenzhen–Hong Kong–Guangzhou second and "
            "Shanghai–Suzhou fifth.",
            "en",
            [1.0, 2.0, 5.0],
        ),
        (
            "En el ranking 2024, Tokio ocupa el primer puesto, Shenzhen el segundo y Pekín, el tercero.",
            "es",
            [1.0, 2.0, 3.0],
        ),
        ("Beijing ranked third, for the first time.", "en", [3.0]),
    ],
)
def test_bare_ordinals_in_a_ranking_list(text: str, language: str, ranks: list[float]) -> None:
    assert [f.value for f in _facts(text, language) if f.kind == "rank"] == ranks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至2023年底，全市高新技术企业达到6000家，到2025年将突破8000家。", [("measurement", None), ("target", 2025)]),
        ("到2025年，全市高新技术企业达到6000家，到2027年突破8000家。", [("target", 2025), ("target", 2027)]),
    ],
)
def test_a_deadline_opening_a_later_clause_governs_only_that_clause(text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert [(f.kind, f.deadline) for f in _facts(text, "zh")] == expected


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("The new supercomputing centre should come online by 2026.", "en", "come online"),
        ("Bis 2028 soll in Magdeburg ein Forschungscampus entstehen.", "de", "Forschungscampus entstehen"),
        ("Entro il 2026 nascerà a Napoli un polo per l'aerospazio.", "it", "polo"),
        ("D'ici 2028, un campus d'innovation verra le jour à Grenoble.", "fr", "verra le jour"),
        ("El nuevo centro estará operativo para 2026.", "es", "operativo"),
        ("到2026年，西部科学城重大科技基础设施建成投用。", "zh", "基础设施建成投用"),
    ],
)
def test_intransitive_commitments_are_milestones_with_their_object(text: str, language: str, words: str) -> None:
    (fact,) = _facts(text, language)
    assert fact.kind == "milestone" and words in (fact.metric_text or "")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("By the end of 2023, the city had 6,000 high-tech firms.", "en"),
        ("Bis Ende 2023 zählte die Stadt 6.000 Hightech-Unternehmen.", "de"),
        ("到2023年底，全市高新技术企业达到了6000家。", "zh"),
    ],
)
def test_past_tense_counts_at_a_year_end_are_measurements(text: str, language: str) -> None:
    (fact,) = _facts(text, language)
    assert (fact.kind, fact.period, fact.value) == ("measurement", "2023", 6000.0)


@pytest.mark.parametrize(
    ("language", "text", "money", "count"),
    [
        ("de", "Der Senat stellt bereit:\n\n► 300 Millionen für Batterieforschung.\n\n► 50 Millionen Euro für "
               "Gründerzentren.\n\n► 200 neue Stipendien.", [(300.0, "EUR m"), (50.0, "EUR m")], 200.0),
        ("it", "Per il programma sono stanziati 900 milioni di euro, così ripartiti:\n- Ricerca di base - 1,2 "
               "miliardi\n- Dottorati innovativi - 400 milioni\n- 30 nuovi laboratori", [(1.2, "EUR bn"),
               (400.0, "EUR m")], 30.0),
        ("en", "The plan allocates $500 million as follows:\n- 300 million for quantum computing\n- 50 new "
               "research chairs", [(300.0, "USD m")], 50.0),
    ],
)  # fmt: skip
def test_bare_millions_in_a_list_an_allocation_introduces_are_allocated_money(
    language: str, text: str, money: list[tuple[float, str]], count: float
) -> None:
    facts = _facts(text, language)
    for value, unit in money:
        (fact,) = [f for f in facts if f.value == value]
        assert (fact.kind, fact.unit, fact.comparator) == ("target", unit, "exactly")
    (item,) = [f for f in facts if f.value == count]
    assert (item.kind, item.unit, item.comparator) == ("target", "count", "at_least")


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Bis 2028 soll die FuE-Quote in Thüringen auf bis zu 3 % steigen.", 3.0),
        ("de", "Hessen will die Zahl der Gründungen bis 2030 auf bis zu 900 im Jahr erhöhen.", 900.0),
        ("en", "Wales aims to increase R&D spending up to 2.4% of GDP by 2031.", 2.4),
        ("fr", "La région veut porter son effort de recherche jusqu'à 2,8 % du PIB d'ici 2029.", 2.8),
    ],
)  # fmt: skip
def test_an_upper_bound_a_raise_aims_at_is_the_level_to_reach(language: str, text: str, value: float) -> None:
    (fact,) = [f for f in _facts(text, language) if f.value == value]
    assert (fact.kind, fact.comparator) == ("target", "at_least")


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Der Freistaat will bis 2027 bis zu 250 Millionen Euro in die Forschung investieren.", 250.0),
        ("en", "By 2029 the fund will cover up to 40% of a project's costs.", 40.0),
    ],
)  # fmt: skip
def test_an_upper_bound_without_a_raise_stays_at_most(language: str, text: str, value: float) -> None:
    (fact,) = [f for f in _facts(text, language) if f.value == value]
    assert (fact.kind, fact.comparator) == ("target", "at_most")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die FuE-Ausgaben im Verhältnis zum BIP lagen 2021 in Brandenburg bei 1,8 %."),
        ("de", "Die FuE-Ausgaben gemessen am Bruttoinlandsprodukt betrugen 2021 in Brandenburg 1,8 %."),
        ("de", "Der Anteil der Forschungsausgaben an der Wirtschaftsleistung lag 2021 in Brandenburg bei 1,8 %."),
        ("en", "Brandenburg's R&D expenditure relative to GDP was 1.8% in 2021."),
        ("en", "In 2021 the ratio of R&D spending to GDP in Brandenburg stood at 1.8%."),
        ("en", "R&D expenditure in relation to GDP reached 1.8% in Brandenburg in 2021."),
    ],
)  # fmt: skip
def test_spending_relative_to_gdp_named_before_the_value_is_rd_intensity(language: str, text: str) -> None:
    (fact,) = _facts(text, language)
    assert (fact.kind, fact.value, fact.metric, fact.period) == ("measurement", 1.8, "rd_intensity", "2021")
    assert fact.subject is not None and fact.subject.id == "DE-BB"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Das BIP Brandenburgs wuchs 2021 um 3,1 %."),
        ("en", "Brandenburg's GDP grew by 3.1% in 2021."),
    ],
)  # fmt: skip
def test_gdp_growth_stays_no_fact(language: str, text: str) -> None:
    assert _facts(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Das Land plant, bis 2027 insgesamt 2 Milliarden Euro in die Hightech-Förderung zu investieren.", 2.0),
        ("en", "By 2028 the province will invest €400 million in research infrastructure.", 400.0),
    ],
)  # fmt: skip
def test_money_the_subject_allocates_by_a_deadline_is_exactly(language: str, text: str, value: float) -> None:
    (fact,) = [f for f in _facts(text, language) if f.value == value]
    assert (fact.kind, fact.comparator) == ("target", "exactly")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die FuE-Ausgaben Bayerns sollen bis 2030 auf 25 Milliarden Euro steigen."),
        ("en", "Wales wants R&D spending to reach £25 billion by 2030."),
    ],
)  # fmt: skip
def test_spending_to_reach_by_a_deadline_stays_at_least(language: str, text: str) -> None:
    (fact,) = _facts(text, language)
    assert (fact.kind, fact.value, fact.comparator) == ("target", 25.0, "at_least")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Niedersachsen strebt an, die Zahl der Patentanmeldungen bis 2030 zu verdoppeln."),
        ("en", "Scotland aims to double the number of patent applications by 2030."),
    ],
)  # fmt: skip
def test_an_aim_to_double_is_a_target_of_twice_the_baseline(language: str, text: str) -> None:
    (fact,) = _facts(text, language)
    assert (fact.kind, fact.value, fact.unit, fact.deadline) == ("target", 2.0, "times", 2030)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Das Land Brandenburg will seine FuE-Quote von derzeit 1,8 % bis 2030 auf 2,5 % anheben."),
        ("en", "Brandenburg will raise its R&D intensity from 1.8% by 2030 to 2.5%."),
    ],
)  # fmt: skip
def test_the_start_of_a_raise_with_the_deadline_between_is_no_target(language: str, text: str) -> None:
    facts = sorted((f.value, f.kind, f.deadline) for f in _facts(text, language))
    assert facts == [(1.8, "measurement", None), (2.5, "target", 2030)]


@pytest.mark.parametrize(
    ("language", "text", "deadline"),
    [
        ("en", "Public R&D funding in Wales will rise to £2 billion a year by 2026-27.", 2027),
        ("de", "Bis 2026/27 sollen die FuE-Ausgaben in Sachsen auf 3 % des BIP steigen.", 2027),
        ("en", "By 2030-35 the city wants 500 start-ups.", 2030),
    ],
)  # fmt: skip
def test_a_financial_year_deadline_is_met_at_its_end(language: str, text: str, deadline: int) -> None:
    (fact,) = _facts(text, language)
    assert (fact.kind, fact.deadline) == ("target", deadline)


def test_a_year_then_a_deadline_before_a_goal_is_no_period_range() -> None:
    text = "Sachsen will die Zahl der Start-ups von 800 im Jahr 2022 bis 2030 auf 1.500 steigern."
    facts = sorted((f.value, f.kind, f.period, f.deadline) for f in _facts(text, "de"))
    assert facts == [(800.0, "measurement", "2022", None), (1500.0, "target", None, 2030)]
    (fact,) = _facts("Zwischen 2015 und 2020 wuchsen die FuE-Ausgaben in Sachsen um 12 %.", "de")
    assert fact.period == "2015-2020"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Austria has set an R&D intensity target of 3.8% for 2030, which is below the Swedish target of 4.5%."),
        ("de", "Österreich hat sich bis 2030 ein FuE-Ziel von 3,8 % gesetzt, das unter dem schwedischen Ziel von 4,5 % "
               "liegt."),
    ],
)  # fmt: skip
def test_a_deadline_is_not_another_regions_target_in_a_relative_clause(language: str, text: str) -> None:
    facts = {f.value: f for f in _facts(text, language)}
    assert (facts[3.8].deadline, facts[4.5].deadline) == (2030, None)
    assert facts[4.5].subject is not None and facts[4.5].subject.id == "SE"


def test_a_relative_clause_about_the_same_region_keeps_the_deadline() -> None:
    (fact,) = _facts("Finland aims to reach an R&D intensity of 4% by 2030, which would put it ahead of Sweden.", "en")
    assert fact.deadline == 2030
