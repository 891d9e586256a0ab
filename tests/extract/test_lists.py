"""Lists in a sentence: a value shared by several names or years, names listed in an order, values paired in order
("respectively"), a decline verb governing a list, a year written right after each place of a series."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _by_subject(facts: list[Fact]) -> dict[str, tuple[float | None, str | None]]:
    return {f.subject.id or f.subject.name: (f.value, f.unit) for f in facts if f.subject is not None}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The regions with the highest R&D intensity are, in that order, Bavaria, Hesse and Berlin.",
            "en",
            ["DE-BY", "DE-HE", "DE-BE"],
        ),
        (
            "Die meisten Patente meldeten, in dieser Reihenfolge, Bayern, Baden-Württemberg und Hessen.",
            "de",
            ["DE-BY", "DE-BW", "DE-HE"],
        ),
        (
            "Les régions les plus innovantes sont, dans l'ordre, l'Île-de-France, la Bretagne et l'Occitanie.",
            "fr",
            ["FR-IDF", "FR-BRE", "FR-OCC"],
        ),
        (
            "Le regioni più innovative sono, nell'ordine, Lombardia, Emilia-Romagna e Piemonte.",
            "it",
            ["IT-25", "IT-45", "IT-21"],
        ),
        ("Lideran el gasto en I+D, por este orden, Galicia, Asturias y Cantabria.", "es", ["ES-GA", "ES-AS", "ES-CB"]),
        ("研发投入强度从高到低依次为北京、上海、天津。", "zh", ["CN-BJ", "CN-SH", "CN-TJ"]),
    ],
)
def test_names_listed_in_an_order_are_ranked_one_to_n(text: str, language: str, expected: list[str]) -> None:
    ranks = sorted((f for f in _facts(text, language) if f.unit == "rank"), key=lambda f: f.value or 0)
    assert [f.value for f in ranks] == [float(i) for i in range(1, len(expected) + 1)]
    ids = [f.subject.id if f.subject else None for f in ranks]
    assert len(set(ids)) == len(expected)
    for got, want in zip(ids, expected, strict=True):
        assert got == want


def test_an_order_cue_without_a_list_ranks_nothing() -> None:
    assert [f for f in _facts("Die Maßnahmen werden in dieser Reihenfolge umgesetzt.", "de") if f.unit == "rank"] == []


@pytest.mark.parametrize(
    ("text", "language", "value", "count"),
    [
        ("Sweden, Austria, Denmark and Germany spent more than 3 % of GDP on R&D in 2019.", "en", 3.0, 4),
        ("Bayern und Hessen erreichten 2021 jeweils 3,1 % des BIP.", "de", 3.1, 2),
        ("La Bretagne et l'Occitanie (2,1 %) dépassent la moyenne nationale.", "fr", 2.1, 2),
        ("Lombardia e Lazio (1,6 %) superano la media nazionale nel 2021.", "it", 1.6, 2),
        ("El gasto en I+D creció en Cantabria y La Rioja (4,2 %).", "es", 4.2, 2),
        ("Spain and Italy invested 1.4 % of GDP in R&D.", "en", 1.4, 2),
    ],
)
def test_one_value_shared_by_a_list_of_names_gives_one_fact_per_name(
    text: str, language: str, value: float, count: int
) -> None:
    facts = [f for f in _facts(text, language) if f.value == value]
    assert len({f.subject.id or f.subject.name for f in facts if f.subject}) == count
    assert len(facts) == count


def test_a_place_in_brackets_after_a_list_is_the_last_names_only() -> None:
    facts = _facts("En el ranking, salvo Brasil, México y Chile (52ª), todos los países pierden posiciones.", "es")
    ranks = [f for f in facts if f.unit == "rank"]
    assert [(f.value, f.subject.id if f.subject else None) for f in ranks] == [(52.0, "CL")]


def test_separate_brackets_are_not_shared() -> None:
    facts = _facts("El gasto aumentó en Galicia (5,8 %), Asturias (5,5 %) y Cantabria (3,7 %) en 2020.", "es")
    assert sorted(f.value or 0 for f in facts) == [3.7, 5.5, 5.8]


@pytest.mark.parametrize(
    ("text", "language", "years"),
    [
        ("El gasto en I+D fue del 1,2 % del PIB en 2016 y 2017.", "es", ["2016", "2017"]),
        ("R&D intensity stood at 2.2 % in 2018 and 2019.", "en", ["2018", "2019"]),
        ("Die FuE-Quote lag bei 3,1 % in 2020 und 2021.", "de", ["2020", "2021"]),
        ("L'intensité de R&D était de 2,2 % en 2018 et 2019.", "fr", ["2018", "2019"]),
        ("L'intensità di R&S è stata dell'1,4 % nel 2018 e nel 2019.", "it", ["2018", "2019"]),
    ],
)
def test_one_value_for_a_list_of_years_gives_one_fact_per_year(text: str, language: str, years: list[str]) -> None:
    facts = [f for f in _facts(text, language) if f.kind == "measurement"]
    assert sorted(f.period for f in facts if f.period) == years
    assert len({f.value for f in facts}) == 1


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Israel and South Korea spent 4.9 % and 4.5 % of GDP on R&D respectively.", "en", {"IL": 4.9, "KR": 4.5}),
        ("Belgien und Österreich wendeten 3,4 % beziehungsweise 3,2 % ihres BIP für FuE auf.", "de",
         {"BE": 3.4, "AT": 3.2}),
        ("La Belgique et l'Autriche consacrent respectivement 3,4 % et 3,2 % de leur PIB à la R&D.", "fr",
         {"BE": 3.4, "AT": 3.2}),
        ("Lombardia e Lazio spendono rispettivamente il 19,6 % e il 14,7 % della spesa in R&S.", "it",
         {"IT-25": 19.6, "IT-62": 14.7}),
        ("Galicia y Asturias invierten el 1,0 % y el 0,8 % del PIB en I+D, respectivamente.", "es",
         {"ES-GA": 1.0, "ES-AS": 0.8}),
        ("2022年,广东、江苏、北京的研发投入分别为4411.9亿元、3835.4亿元、2843.3亿元。", "zh",
         {"CN-GD": 4411.9, "CN-JS": 3835.4, "CN-BJ": 2843.3}),
    ],
)  # fmt: skip
def test_respectively_pairs_names_with_values_in_order(text: str, language: str, expected: dict[str, float]) -> None:
    got = {f.subject.id: f.value for f in _facts(text, language) if f.subject and f.subject.id}
    for region, value in expected.items():
        assert got.get(region) == value, (region, got)


def test_respectively_pairs_values_with_years_in_order() -> None:
    text = "Chile invested 0.33 %, 0.35 % and 0.36 % of GDP in R&D in 2010, 2011 and 2012 respectively."
    facts = _facts(text, "en")
    assert sorted((f.period, f.value) for f in facts) == [("2010", 0.33), ("2011", 0.35), ("2012", 0.36)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("R&D spending fell the most in Wales (4.1 %), Scotland (2.2 %) and Yorkshire (1.3 %).", "en"),
        ("Die FuE-Ausgaben sanken in Bremen (4,1 %), im Saarland (2,2 %) und in Thüringen (1,3 %).", "de"),
        ("Les dépenses de R&D ont reculé en Bretagne (4,1 %), en Normandie (2,2 %) et en Corse (1,3 %).", "fr"),
        ("Le spese in R&S sono calate in Molise (4,1 %), Basilicata (2,2 %) e Calabria (1,3 %).", "it"),
        ("Las comunidades que más redujeron su gasto fueron Asturias (4,1 %), Cantabria (2,2 %) y Galicia (1,3 %).",
         "es"),
    ],
)  # fmt: skip
def test_a_decline_verb_governing_a_list_makes_each_bracketed_value_negative(text: str, language: str) -> None:
    values = sorted(f.value or 0 for f in _facts(text, language) if f.unit == "%")
    assert values == [-4.1, -2.2, -1.3]


def test_the_nearest_direction_word_decides_the_sign() -> None:
    text = (
        "Las comunidades que más aumentaron su gasto fueron Galicia (5,8 %) y Asturias (5,5 %), mientras que "
        "las que más lo redujeron fueron Cantabria (10 %) y Navarra (3,3 %)."
    )
    assert sorted(f.value or 0 for f in _facts(text, "es") if f.unit == "%") == [-10.0, -3.3, 5.5, 5.8]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("India ranked 66th in 2016, 60th in 2017 and 57th in 2018 in the Global Innovation Index.", "en"),
        ("Spanien belegte Platz 30 im Jahr 2016, Platz 28 im Jahr 2017 und Platz 29 im Jahr 2018.", "de"),
        ("L'Inde était 66e en 2016, 60e en 2017 et 57e en 2018 au classement mondial de l'innovation.", "fr"),
    ],
)
def test_a_year_right_after_each_place_of_a_series_is_its_period(text: str, language: str) -> None:
    ranks = sorted((f for f in _facts(text, language) if f.unit == "rank"), key=lambda f: f.start)
    assert [f.period for f in ranks] == ["2016", "2017", "2018"]


@pytest.mark.parametrize(
    ("text", "language", "places"),
    [
        ("Spain moved from 12th to 9th place in the innovation ranking.", "en", [12.0, 9.0]),
        ("Österreich verbesserte sich im Ranking von Platz 8 auf 5.", "de", [8.0, 5.0]),
        ("La France passe de la 12e à la 9e place du classement.", "fr", [12.0, 9.0]),
        ("In classifica l'Italia passa dal 30° al 26° posto.", "it", [30.0, 26.0]),
        ("Chile avanzó en el ranking de la posición 79 al 57.", "es", [79.0, 57.0]),
        ("浙江的排名从第22位上升到第17位。", "zh", [22.0, 17.0]),
    ],
)
def test_a_place_moved_to_is_a_rank_of_its_own(text: str, language: str, places: list[float]) -> None:
    ranks = sorted((f for f in _facts(text, language) if f.unit == "rank"), key=lambda f: f.start)
    assert [f.value for f in ranks] == places


def test_a_number_after_a_range_word_without_an_ordinal_is_no_place() -> None:
    facts = _facts("En el ranking, el gasto pasó de la posición 79 al 57 % del total.", "es")
    assert 57.0 not in [f.value for f in facts if f.unit == "rank"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("浙江的最新排名为第5位,与2021年的第7位相比,排名前进了2位。", 2.0),
        ("江苏的排名上升3位,位居全国第4。", 3.0),
        ("该市排名下降了2位。", -2.0),
    ],
)
def test_chinese_places_moved_are_a_change_not_a_place(text: str, value: float) -> None:
    facts = _facts(text, "zh")
    assert [f.value for f in facts if f.unit == "ranks"] == [value]
    assert value not in [f.value for f in facts if f.unit == "rank"]


def test_a_year_written_right_before_a_place_is_that_places_own() -> None:
    text = "2022年全球创新指数报告显示,中国的最新排名为第11位,与2021年的第12位相比,排名前进了1位。"
    facts = {(f.value, f.unit): f.period for f in _facts(text, "zh")}
    assert facts[(12.0, "rank")] == "2021"
    assert facts[(11.0, "rank")] != "2021"
    assert facts[(1.0, "ranks")] != "2021"


def test_a_count_of_people_with_a_classifier_is_no_change_of_place() -> None:
    facts = _facts("在全球创新指数排名中,该省新当选院士16位。", "zh")
    assert "ranks" not in [f.unit for f in facts]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Our goals are the following:\n- Innovation Scoreboard: from top 10 to top 5\n- more patents", "en"),
        ("Ziele sind unter anderem folgende:\n- Innovation Scoreboard von Top 8 auf Top 5\n- mehr Patente", "de"),
        ("Les objectifs sont les suivants :\n- Tableau de bord de l'innovation : du top 10 au top 5\n- plus", "fr"),
    ],
)
def test_a_group_of_the_best_in_a_list_of_aims_is_a_target_rank(text: str, language: str) -> None:
    targets = [f for f in _facts(text, language) if f.kind == "target" and f.unit == "rank"]
    assert [(f.value, f.comparator) for f in targets] == [(5.0, "at_most")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Israel spends 5.4 % of GDP on R&D, while Korea spends 4.9, Japan 3.4 and Germany 3.1.", "en",
         {"IL": 5.4, "KR": 4.9, "JP": 3.4, "DE": 3.1}),
        ("Schweden investiert 3,4 % des BIP in FuE, Österreich 3,2 und Belgien 3,4.", "de",
         {"SE": 3.4, "AT": 3.2, "BE": 3.4}),
        ("La Suède consacre 3,4 % de son PIB à la R&D, l'Autriche 3,2 et la Belgique 3,1.", "fr",
         {"SE": 3.4, "AT": 3.2, "BE": 3.1}),
        ("La Svezia investe il 3,4 % del PIL in R&S, l'Austria 3,2 e il Belgio 3,1.", "it",
         {"SE": 3.4, "AT": 3.2, "BE": 3.1}),
        ("México invierte el 0,3 % del PIB en I+D, mientras que Japón destina 3,4 y Alemania 3,1.", "es",
         {"MX": 0.3, "JP": 3.4, "DE": 3.1}),
    ],
)  # fmt: skip
def test_bare_decimals_listed_after_a_percentage_take_its_unit(
    text: str, language: str, expected: dict[str, float]
) -> None:
    got = {f.subject.id: (f.value, f.unit) for f in _facts(text, language) if f.subject and f.subject.id}
    for region, value in expected.items():
        assert got.get(region) == (value, "%"), (region, got)


def test_a_bare_integer_after_a_percentage_keeps_no_unit() -> None:
    facts = _facts("Sweden spends 3.4 % of GDP on R&D, and 12 universities lead the effort.", "en")
    assert [(f.value, f.unit) for f in facts if f.value == 12.0] in ([], [(12.0, "count")])


def test_an_economy_word_ending_another_clause_leaves_the_number_a_fact() -> None:
    text = "Pese a reconocer su valor para el bienestar de la población, México invierte el 0,5 % del PIB en I+D."
    assert [(f.value, f.unit) for f in _facts(text, "es")] == [(0.5, "%")]


def test_an_economy_word_heading_its_numbers_still_makes_no_fact() -> None:
    assert _facts("全年实现地区生产总值2651.25亿元,增长1.0%。", "zh") == []


@pytest.mark.parametrize(
    ("text", "language", "kept"),
    [
        ("R&D spending reached 3.09 trillion yuan last year, surpassing the 3 trillion yuan mark.", "en", 3.09),
        ("Die Ausgaben stiegen auf 3,13 % des BIP und übertrafen damit erstmals die Marke von 3 %.", "de", 3.13),
        ("La dépense a atteint 2,22 % du PIB, dépassant pour la première fois les 2 %.", "fr", 2.22),
        ("La spesa ha raggiunto l'1,52 % del PIL, superando per la prima volta l'1,5 %.", "it", 1.52),
        ("El gasto alcanzó el 1,49 % del PIB, superando por primera vez el 1,4 %.", "es", 1.49),
        ("2023年全省研发经费投入达到1025.8亿元,首次突破1000亿元大关。", "zh", 1025.8),
    ],
)
def test_an_exact_value_restated_as_a_bound_is_one_fact(text: str, language: str, kept: float) -> None:
    assert [f.value for f in _facts(text, language) if f.kind == "measurement"] == [kept]


def test_two_values_of_one_unit_far_apart_are_both_kept() -> None:
    facts = _facts("Spending reached 3.5 % in Bavaria, surpassing the 2 % of Saxony.", "en")
    assert sorted(f.value or 0 for f in facts) == [2.0, 3.5]


@pytest.mark.parametrize(
    ("text", "language", "region"),
    [
        ("Die Wachstumsrate war am höchsten in Sachsen (7,1 %).", "de", "DE-SN"),
        ("Growth in R&D spending was highest in Wales (5.2 %).", "en", "GB-WLS"),
        ("L'intensité de R&D est la plus élevée en Bretagne (2,4 %).", "fr", "FR-BRE"),
        ("La spesa in R&S è più alta in Lombardia (1,6 %).", "it", "IT-25"),
        ("La intensidad de I+D fue más alta en Navarra (2,1 %).", "es", "ES-NC"),
    ],
)
def test_a_superlative_naming_a_region_ranks_it_first(text: str, language: str, region: str) -> None:
    facts = _facts(text, language)
    ranks = [f for f in facts if f.unit == "rank"]
    assert [(f.value, f.subject.id if f.subject else None) for f in ranks] == [(1.0, region)]
    assert [f.subject.id for f in facts if f.unit == "%" and f.subject] == [region]


def test_each_ordinal_pairs_with_the_name_its_copula_joins() -> None:
    text = "Nella classifica dell'innovazione Bologna è la prima, la seconda è Torino, la terza è Genova."
    ranks = {f.value: f.subject.id if f.subject else None for f in _facts(text, "it") if f.unit == "rank"}
    assert ranks == {1.0: "IT-BO", 2.0: "IT-TO", 3.0: "IT-GE"}


def test_a_region_after_a_place_with_a_preposition_is_still_its_scope() -> None:
    facts = _facts("Baviera è la prima in Germania per spesa in R&S.", "it")
    ranks = [f for f in facts if f.unit == "rank"]
    assert [f.value for f in ranks] == [1.0]
    assert ranks[0].subject is not None and ranks[0].subject.id != "DE"


def test_every_order_cue_of_a_sentence_ranks_its_own_list() -> None:
    text = "贡献率从高到低依次为苏州(39.37%)、南京(32.74%);创新指数从高到低依次为南京(261.16)、苏州(245.8)。"
    ranks = [(f.value, f.subject.id if f.subject else None) for f in _facts(text, "zh") if f.unit == "rank"]
    assert ranks == [(1.0, "cn-js-suzhou"), (2.0, "cn-js-nanjing"), (1.0, "cn-js-nanjing"), (2.0, "cn-js-suzhou")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Todos pierden posiciones en el ranking, especialmente Perú, que cae 11 puestos hasta el 76º y Guatemala "
         "(la peor de la región), que baja 12 escalones hasta el 122º.", "es",
         {(-11.0, "ranks"): "PE", (76.0, "rank"): "PE", (-12.0, "ranks"): "GT", (122.0, "rank"): "GT"}),
        ("In the ranking most regions fell, notably Wales, which lost 4 places to 76th, and Scotland, which "
         "gained 2 places to 50th.", "en",
         {(-4.0, "ranks"): "GB-WLS", (76.0, "rank"): "GB-WLS", (2.0, "ranks"): "GB-SCT", (50.0, "rank"): "GB-SCT"}),
        ("Nella classifica la Puglia, che perde 3 posizioni, precede la Calabria, che sale di 5 posizioni.", "it",
         {(-3.0, "ranks"): "IT-75", (5.0, "ranks"): "IT-78"}),
        ("Au classement, la Bretagne, qui perd 3 places, devance la Normandie, qui gagne 5 places.", "fr",
         {(-3.0, "ranks"): "FR-BRE", (5.0, "ranks"): "FR-NOR"}),
    ],
)  # fmt: skip
def test_a_value_in_a_names_relative_clause_is_that_names(
    text: str, language: str, expected: dict[tuple[float, str], str]
) -> None:
    got = {(f.value, f.unit): f.subject.id if f.subject else None for f in _facts(text, language)}
    for key, region in expected.items():
        assert got.get(key) == region, (key, got)


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Au classement de Shanghai, Grenoble en perd une.", "fr", -1.0),
        ("Au classement, Toulouse en gagne quatre.", "fr", 4.0),
        ("Nella classifica la Puglia ne perde tre.", "it", -3.0),
        ("Nella classifica la Calabria ne guadagna 5.", "it", 5.0),
    ],
)
def test_a_clitic_standing_for_places_makes_a_change_of_places(text: str, language: str, value: float) -> None:
    assert [(f.value, f.unit) for f in _facts(text, language)] == [(value, "ranks")]


def test_a_clitic_outside_a_ranking_is_no_change_of_places() -> None:
    assert [f.unit for f in _facts("Le groupe en perd une partie chaque année.", "fr")] == []


@pytest.mark.parametrize(
    ("text", "language", "region"),
    [
        ("Au classement, la Bretagne, derrière la Normandie, en perd une (12e).", "fr", "FR-BRE"),
        ("En el ranking, Asturias baja 2 puestos (20º) y Galicia sube 3 puestos (15º).", "es", "ES-GA"),
    ],
)
def test_a_place_in_brackets_after_a_change_is_the_changes_subjects(text: str, language: str, region: str) -> None:
    facts = sorted(_facts(text, language), key=lambda f: f.start)
    last = {f.unit: f.subject.id if f.subject else None for f in facts}
    assert last.get("ranks") == last.get("rank") == region


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("Spin-offs: England (which started 55 companies), then Scotland and Wales (both 25).", "en",
         {"GB-SCT", "GB-WLS"}),
        ("Es folgen Bayern (12 Patente) sowie Hessen und Berlin (jeweils 9).", "de", {"DE-HE", "DE-BE"}),
        ("Suivent la Bretagne (12 entreprises), la Normandie et l'Occitanie (toutes deux 9).", "fr",
         {"FR-NOR", "FR-OCC"}),
        ("Seguono la Puglia (12 imprese), il Molise e la Calabria (entrambe 9).", "it", {"IT-67", "IT-78"}),
        ("Le siguen Galicia (12 empresas), Asturias y Cantabria (ambas 9).", "es", {"ES-AS", "ES-CB"}),
    ],
)  # fmt: skip
def test_a_bracket_sharing_its_number_gives_it_to_each_name(text: str, language: str, names: set[str]) -> None:
    nine = [f for f in _facts(text, language) if f.value in (9.0, 25.0)]
    assert {(f.subject.id or f.subject.name) for f in nine if f.subject} == names
    assert {f.unit for f in nine} == {"count"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Finland's R&D intensity was 2.8, 2.9 and 3.0% in 2020, 2021 and 2022 respectively.", "en",
         [(2.8, "%", "2020"), (2.9, "%", "2021"), (3.0, "%", "2022")]),
        ("Die FuE-Quote Finnlands lag 2020, 2021 und 2022 bei 2,8, 2,9 bzw. 3,0 %.", "de",
         [(2.8, "%", "2020"), (2.9, "%", "2021"), (3.0, "%", "2022")]),
        ("Les dépenses de R&D de la Finlande ont atteint 7,1, 7,4 et 7,9 milliards d'euros en 2020, 2021 et 2022 "
         "respectivement.", "fr", [(7.1, "EUR bn", "2020"), (7.4, "EUR bn", "2021"), (7.9, "EUR bn", "2022")]),
        ("L'intensità di R&S della Finlandia è stata del 2,8, 2,9 e 3,0 % nel 2020, 2021 e 2022 rispettivamente.",
         "it", [(2.8, "%", "2020"), (2.9, "%", "2021"), (3.0, "%", "2022")]),
        ("La intensidad de I+D de Finlandia fue del 2,8, 2,9 y 3,0 % en 2020, 2021 y 2022, respectivamente.",
         "es", [(2.8, "%", "2020"), (2.9, "%", "2021"), (3.0, "%", "2022")]),
    ],
)  # fmt: skip
def test_values_listed_before_the_one_with_the_unit_share_it(
    text: str, language: str, expected: list[tuple[float, str, str]]
) -> None:
    assert sorted((f.value, f.unit, f.period) for f in _facts(text, language)) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Die FuE-Quote lag in Finnland zwischen 2 und 3 %.", "de", [(3.0, "%")]),
        ("In 2021, 3% of Finnish firms used cloud services.", "en", [(3.0, "%")]),
    ],
)  # fmt: skip
def test_a_range_or_a_year_before_a_value_shares_no_unit(
    text: str, language: str, expected: list[tuple[float, str]]
) -> None:
    assert sorted((f.value, f.unit) for f in _facts(text, language)) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Finland and Sweden spent 3.0% and 3.4% of GDP on R&D in 2022, respectively.", "en"),
        ("Finnland und Schweden wendeten 2022 3,0 % bzw. 3,4 % des BIP für FuE auf.", "de"),
    ],
)  # fmt: skip
def test_one_year_of_a_respectively_list_dates_every_value(text: str, language: str) -> None:
    facts = _facts(text, language)
    assert sorted((f.subject.id if f.subject else None, f.value, f.period) for f in facts) == [
        ("FI", 3.0, "2022"), ("SE", 3.4, "2022")]  # fmt: skip


def test_a_place_noun_after_a_list_of_numbers_names_positions() -> None:
    text = ("In the regional innovation ranking, Wales was placed 9th in 2019, followed by 8, 7 and 6 positions in "
            "2020, 2021 and 2022 respectively.")  # fmt: skip
    ranks = sorted((f.value, f.unit, f.period) for f in _facts(text, "en") if f.unit == "rank")
    assert ranks == [(6.0, "rank", "2022"), (7.0, "rank", "2021"), (8.0, "rank", "2020"), (9.0, "rank", "2019")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In the 2022 innovation ranking, Wales climbed 3 positions.", "en"),
        ("In the 2022 innovation ranking, Scotland lost 2 places.", "en"),
    ],
)  # fmt: skip
def test_a_single_number_before_a_place_noun_stays_a_change_of_rank(text: str, language: str) -> None:
    assert [f.unit for f in _facts(text, language)] == ["ranks"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Finland's R&D intensity was 2.8% in 2019 and then 2.9%, 3.0% and 3.1% in 2020, 2021 and 2022 "
         "respectively.", "en"),
        ("Die FuE-Quote Finnlands lag 2019 bei 2,8 %, danach bei 2,9, 3,0 bzw. 3,1 % in den Jahren 2020, 2021 "
         "bzw. 2022.", "de"),
    ],
)  # fmt: skip
def test_respectively_years_pair_with_the_run_of_values_right_before_them(text: str, language: str) -> None:
    assert sorted((f.value, f.period) for f in _facts(text, language)) == [
        (2.8, "2019"), (2.9, "2020"), (3.0, "2021"), (3.1, "2022")]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Hessen meldete 2021 insgesamt 4.100 Patente an (Vorjahr: 3.900).", "de",
         [(3900.0, "count", "2020"), (4100.0, "count", "2021")]),
        ("Im Jahr 2021 kam Sachsen auf 61 Patentanmeldungen je 100.000 Einwohner (im Vorjahr waren es noch 58).",
         "de", [(58.0, "count", "2020"), (61.0, "count", "2021")]),
        ("Im Jahr 2021 lag Sachsen bei 61 Patentanmeldungen je 100.000 Einwohner vor Bremen (45/Vorjahr: 47) und "
         "Berlin (52).", "de", [(45.0, "count", "2021"), (47.0, "count", "2020"), (52.0, "count", "2021"),
                                (61.0, "count", "2021")]),
        ("In 2021 Hesse filed 4,100 patent applications (previous year: 3,900).", "en",
         [(3900.0, "count", "2020"), (4100.0, "count", "2021")]),
        ("In 2021 Saxony had 61 patent applications per 100,000 inhabitants, ahead of Bremen (45/previous year: 47) "
         "and Berlin (52).", "en", [(45.0, "count", "2021"), (47.0, "count", "2020"), (52.0, "count", "2021"),
                                    (61.0, "count", "2021")]),
    ],
)  # fmt: skip
def test_a_bracketed_value_of_the_previous_year_takes_its_neighbours_unit_and_the_year_before(
    text: str, language: str, expected: list[tuple[float, str, str]]
) -> None:
    assert sorted((f.value, f.unit, f.period) for f in _facts(text, language)) == expected


def test_a_reference_code_with_a_slash_is_still_no_value() -> None:
    assert _facts("Siehe Drucksache 19/1234 und 19/1240.", "de") == []
