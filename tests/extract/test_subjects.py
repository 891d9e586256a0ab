"""Subject choice: the nearest region of the clause, adjectives, deictic words, carried subjects.

The sentences are written here, none is taken from the real-text dev set."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"test:{hash(text)}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank") and f.value is not None]


def _subject_of(facts: list[Fact], value: float) -> str | None:
    found = [f for f in facts if f.value is not None and abs(f.value - value) < 1e-9]
    assert found, f"no fact with value {value}: {[(f.value, f.unit) for f in facts]}"
    return found[0].subject.id if found[0].subject else None


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "In 2021 Finland spent 2.9% of GDP on R&D, while Portugal spent 1.7% and Greece 1.4%.",
         {2.9: "FI", 1.7: "PT", 1.4: "GR"}),
        ("de", "Im Jahr 2021 lag die F&E-Quote in Sachsen bei 2,8 %, in Hessen bei 3,1 % und in Bremen bei 2,5 %.",
         {2.8: "DE-SN", 3.1: "DE-HE", 2.5: "DE-HB"}),
        ("fr", "En 2020, l'effort de recherche atteint 2,9 % en Autriche contre 1,3 % en Espagne.",
         {2.9: "AT", 1.3: "ES"}),
        ("it", "Nel 2021 l'intensità di R&S è stata del 2,1 % in Piemonte e dell'1,2 % in Puglia.",
         {2.1: "IT-21", 1.2: "IT-75"}),
        ("es", "En 2021 el gasto en I+D sobre el PIB fue del 2,1 % en el País Vasco y del 0,9 % en Extremadura.",
         {2.1: "ES-PV", 0.9: "ES-EX"}),
        ("zh", "2021年，浙江研发投入强度为2.9%，江西为1.7%，云南为1.0%。", {2.9: "CN-ZJ", 1.7: "CN-JX", 1.0: "CN-YN"}),
    ],
)  # fmt: skip
def test_each_value_takes_the_nearest_region_of_its_clause(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _facts(text, language)
    assert {v: _subject_of(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Swedish business R&D expenditure rose to 2.5% of GDP in 2021.", 2.5, "SE"),
        ("de", "Die österreichischen F&E-Ausgaben erreichten 2022 rund 3,2 % des BIP.", 3.2, "AT"),
        ("fr", "La dépense intérieure de R&D française représente 2,2 % du PIB en 2021.", 2.2, "FR"),
        ("it", "La spesa in R&S tedesca è pari al 3,1 % del PIL nel 2021.", 3.1, "DE"),
        ("es", "La inversión española en I+D alcanzó el 1,4 % del PIB en 2021.", 1.4, "ES"),
    ],
)  # fmt: skip
def test_an_adjective_names_the_subject(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "The Scottish Innovation Strategy aims to raise business R&D to 2.5% of GDP by 2030.", 2.5, "GB-SCT"),
        ("en", "Welsh R&D spending reached 1.6% of GDP in 2021.", 1.6, "GB-WLS"),
        ("de", "Die sächsische Forschungsquote lag 2021 bei 2,8 % des BIP.", 2.8, "DE-SN"),
        ("de", "Die baden-württembergischen Unternehmen investierten 2021 5,8 % des BIP in FuE.", 5.8, "DE-BW"),
        ("fr", "La dépense de R&D bretonne représente 1,9 % du PIB en 2021.", 1.9, "FR-BRE"),
        ("fr", "La dépense de R&D wallonne représente 3,1 % du PIB en 2021.", 3.1, "BE-WAL"),
        ("it", "La spesa in R&S piemontese è pari al 2,2 % del PIL nel 2021.", 2.2, "IT-21"),
        ("it", "La spesa in R&S toscana è pari all'1,6 % del PIL nel 2021.", 1.6, "IT-52"),
        ("es", "La inversión andaluza en I+D alcanzó el 0,9 % del PIB en 2021.", 0.9, "ES-AN"),
        ("es", "La inversión madrileña en I+D alcanzó el 1,7 % del PIB en 2021.", 1.7, "ES-MD"),
        ("es", "La inversión vasca en I+D alcanzó el 2,1 % del PIB en 2021.", 2.1, "ES-PV"),
    ],
)  # fmt: skip
def test_a_subnational_adjective_names_the_subject(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("es", "En Aragón, el 12 % de los alumnos estudia catalán.", 12.0, "ES-AR"),  # the language
        ("en", "In Navarre, 30% of pupils learn Basque at school.", 30.0, "ES-NC"),
        ("de", "Niedersachsen will die sächsische Quote von 2,8 % übertreffen und 3,0 % erreichen.", 3.0, "DE-NI"),
        ("de", "Niedersachsen will die sächsische Quote von 2,8 % übertreffen und 3,0 % erreichen.", 2.8, "DE-SN"),
        ("fr", "En Occitanie, la dépense de R&D bretonne sert de modèle : 3,7 % du PIB.", 3.7, "FR-OCC"),
        ("it", "La Toscana investe l'1,6 % del PIL in R&S.", 1.6, "IT-52"),  # the name, not the adjective
        ("es", "Navarra invirtió el 1,9 % del PIB en I+D en 2021.", 1.9, "ES-NC"),
        ("fr", "Le modèle anglo-saxon consacre 2,8 % du PIB à la R&D.", 2.8, "FR"),  # no Saxony
    ],
)  # fmt: skip
def test_a_subnational_adjective_yields_to_a_named_region(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Ontario publishes its strategy. In 2021 the province spent 1.6% of GDP on R&D.", 1.6,
         "CA-ON"),
        ("zh", "合肥市发布科技创新规划。2022年，全市研发投入强度达到3.9%。", 3.9, "cn-ah-hefei"),
        ("zh", "安徽省科技厅发布通知。2022年，全省高新技术企业达到1.5万家。", 15000.0, "CN-AH"),
        ("fr", "La Bretagne présente sa stratégie. En 2021, la région consacre 1,8 % de son PIB à la R&D.", 1.8,
         "FR-BRE"),
        ("es", "Aragón aprueba su plan. En 2021, la Comunidad invirtió el 0,9 % del PIB en I+D.", 0.9, "ES-AR"),
    ],
)  # fmt: skip
def test_a_deictic_word_names_the_documents_own_region(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Denmark leads the Global Innovation Index. In 2023 it ranked 9th worldwide.", 9.0, "DK"),
        ("de", "Schweden führt den Innovationsindex an. Es belegt 2023 weltweit den 2. Platz.", 2.0, "SE"),
        ("it", "La Lombardia pubblica i dati. Nel 2021 la spesa in R&S ha raggiunto 5,1 miliardi di euro.",
         5.1, "IT-25"),
    ],
)  # fmt: skip
def test_a_sentence_without_a_region_carries_the_previous_ones(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


def test_a_later_region_of_the_document_does_not_take_over_an_earlier_sentence() -> None:
    text = (
        "Im Jahr 2021 erreichte Thüringen eine F&E-Quote von 2,2 %.\n\n"
        "Niedersachsen meldet 3,1 %. Niedersachsen wächst. Niedersachsen investiert."
    )
    facts = _facts(text, "de")
    assert _subject_of(facts, 2.2) == "DE-TH"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Denmark tops the table with a share of 6.1% in 2021 followed by Ireland (5.8%) and Austria (5.1%).",
         {6.1: "DK", 5.8: "IE", 5.1: "AT"}),
        ("de", "Dänemark führt 2021 mit einem Anteil von 6,1 % vor Irland (5,8 %) und Österreich (5,1 %).",
         {6.1: "DK", 5.8: "IE", 5.1: "AT"}),
        ("fr", "En 2021, le Danemark domine avec 6,1 % suivi de l'Irlande (5,8 %) et de l'Autriche (5,1 %).",
         {6.1: "DK", 5.8: "IE", 5.1: "AT"}),
        ("it", "Nel 2021 la Danimarca guida con una quota del 6,1 % seguita da Irlanda (5,8 %) e Austria (5,1 %).",
         {6.1: "DK", 5.8: "IE", 5.1: "AT"}),
        ("es", "En 2021 Dinamarca encabeza con una cuota del 6,1 % seguida de Irlanda (5,8 %) y Austria (5,1 %).",
         {6.1: "DK", 5.8: "IE", 5.1: "AT"}),
        ("zh", "2021年各市研发投入强度依次为宁波（3.1%）、温州（2.6%）、绍兴（2.9%）。",
         {3.1: "cn-zj-ningbo", 2.6: "cn-zj-wenzhou", 2.9: "cn-zj-shaoxing"}),
    ],
)  # fmt: skip
def test_a_region_owns_the_numbers_in_the_bracket_after_it(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _facts(text, language)
    assert {v: _subject_of(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "In 2022 Portugal raised its R&D intensity to 1.7%, ahead of Greece with 1.5%.", 1.7, "PT"),
        ("en", "In 2022 Portugal's R&D intensity was 1.7%, below the Spanish level of 1.4%.", 1.4, "ES"),
        ("de", "Im Jahr 2022 lag Sachsen mit 2,9 % vor dem Saarland, das 1,9 % erreichte.", 2.9, "DE-SN"),
        ("fr", "En 2022, la Bretagne, devant la Normandie, consacre 1,8 % de son PIB à la R&D.", 1.8, "FR-BRE"),
        ("fr", "En 2022, l'intensité de R&D de la Bretagne atteint 2,1 % dépassant la moyenne de la Normandie "
               "de 1,6 %.", 2.1, "FR-BRE"),
        ("it", "Nel 2022 il Piemonte si colloca appena davanti alla Liguria con una quota del 2,3 %.", 2.3, "IT-21"),
        ("es", "En 2022 Aragón se sitúa por encima del promedio de Galicia, ya que alcanzó el 1,1 %.", 1.1, "ES-AR"),
        ("zh", "2022年，浙江研发投入强度比江西高出1.2个百分点，达到3.1%。", 3.1, "CN-ZJ"),
    ],
)  # fmt: skip
def test_the_object_of_a_comparison_is_a_subject_only_of_its_own_number(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "In 2022 Portugal spent 1.7% of GDP on R&D (Spain: 1.4%).", 1.7, "PT"),
        ("de", "Sachsen erreichte 2022 eine F&E-Quote von 2,9 % (Bayern: 3,2 %).", 2.9, "DE-SN"),
        ("fr", "En 2022, la Bretagne consacre 1,8 % de son PIB à la R&D (Normandie : 1,2 %).", 1.8, "FR-BRE"),
        ("it", "Il Piemonte presenta i dati. Nel 2022 la spesa in R&S è pari al 2,3 % del PIL (Liguria il 1,4 %).",
         2.3, "IT-21"),
        ("es", "En 2022 Aragón invirtió el 1,1 % del PIB en I+D (Galicia, el 1,0 %).", 1.1, "ES-AR"),
        ("zh", "2022年，浙江研发投入强度达到3.1%（江西为1.9%）。", 3.1, "CN-ZJ"),
    ],
)  # fmt: skip
def test_a_region_in_brackets_is_not_the_subject_of_a_number_outside_them(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Portugal presents its plan. According to the European Innovation Scoreboard, business R&D reached "
               "1.1% of GDP in 2022.", 1.1, "PT"),
        ("de", "Portugal legt seinen Plan vor. Laut dem European Innovation Scoreboard erreichten die FuE-Ausgaben "
               "der Unternehmen 2022 1,1 % des BIP.", 1.1, "PT"),
        ("fr", "La Wallonie présente son plan. Selon le classement de Shanghai, ses universités ont reçu 1,1 milliard "
               "d'euros en 2022.", 1.1, "BE-WAL"),
        ("zh", "浙江发布报告。根据2023年全球创新指数报告，2022年研发投入强度达到3.1%。", 3.1, "CN-ZJ"),
        ("zh", "我省区域创新能力连续7年居全国首位。", 1.0, "CN-JS"),
    ],
)  # fmt: skip
def test_a_region_inside_a_name_or_a_rank_scope_is_no_subject(
    language: str, text: str, value: float, expected: str
) -> None:
    if language == "zh" and "我省" in text:
        text = "江苏省科技厅发布报告。" + text
    assert _subject_of(_facts(text, language), value) == expected


def test_the_main_region_counts_subject_mentions_only() -> None:
    text = (
        "EU Regional Innovation Scorecard\n\nEU Regional Innovation Scorecard\n\n"
        "Wales publishes its plan.\n\nOur target is to spend 1.5% of GDP on R&D by 2030."
    )
    assert _subject_of(_facts(text, "en"), 1.5) == "GB-WLS"


def _subject_name(facts: list[Fact], value: float) -> str | None:
    found = [f for f in facts if f.value is not None and abs(f.value - value) < 1e-9]
    assert found, f"no fact with value {value}: {[(f.value, f.unit) for f in facts]}"
    return found[0].subject.name if found[0].subject else None


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "In 2022 the University of Leeds filed 42 patents.", 42.0, "University of Leeds"),
        ("en", "Wales publishes its plan. In 2022 Swansea University Laboratory staff filed 42 patents.", 42.0,
         "Swansea University Laboratory"),
        ("de", "Die Universität Stuttgart zählte im Jahr 2022 insgesamt 42 Patentanmeldungen.", 42.0,
         "Universität Stuttgart"),
        ("fr", "En 2022, l'université Grenoble Alpes a déposé 42 brevets.", 42.0, "université Grenoble Alpes"),
        ("it", "Nel 2022 il Politecnico di Milano ha depositato 42 brevetti.", 42.0, "Politecnico di Milano"),
        ("es", "En 2022 la Universidad de Granada registró 42 patentes.", 42.0, "Universidad de Granada"),
    ],
)  # fmt: skip
def test_an_organisation_is_the_subject_by_its_name(language: str, text: str, value: float, expected: str) -> None:
    facts = _facts(text, language)
    assert _subject_name(facts, value) == expected
    assert next(f for f in facts if f.value == value).subject.id is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "In 2022 Leeds filed most patents of all universities, followed by Durham (38 patents) and Exeter "
               "(31 patents).",
         {38.0: "Durham", 31.0: "Exeter"}),
        ("fr", "En 2022, Grenoble dépose le plus de brevets, devant Rennes (38 brevets) et Nantes (31 brevets).",
         {38.0: "Rennes", 31.0: "Nantes"}),
        ("it", "Nel 2022 Bologna deposita più brevetti tra gli atenei, seguita da Bicocca (38 brevetti) e Tor Vergata "
               "(31 brevetti).", {38.0: "Bicocca", 31.0: "Tor Vergata"}),
        ("es", "En 2022 Salamanca registra más patentes entre las universidades, seguida de Oviedo (38 patentes) y "
               "Vigo (31 patentes).",
         {38.0: "Oviedo", 31.0: "Vigo"}),
    ],
)  # fmt: skip
def test_a_name_before_a_bracket_of_numbers_is_their_subject(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = [f for f in _facts(text, language) if f.unit != "rank"]
    assert {v: _subject_name(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("es", "Según el Instituto Nacional de Estadística, Aragón invirtió 410 millones de euros en I+D en 2022.",
         410.0, "ES-AR"),
        ("it", "La Liguria presenta i dati. Nel 2022 la spesa in R&S è pari all'1,4 % del Pil (media nazionale).",
         1.4, "IT-42"),
    ],
)  # fmt: skip
def test_reporting_institutes_and_aggregates_are_no_names(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("美国康奈尔大学等机构发布2023年全球创新指数报告，中国排名第12。", 12.0, "CN"),
        ("报告显示，在研究人员数量方面，德国位居第三。", 3.0, "DE"),
        ("浙江发布报告。2023年，全省区域创新能力居西部第一。", 1.0, "CN-ZJ"),
    ],
)  # fmt: skip
def test_a_region_right_before_a_rank_verb_is_the_ranked_subject(text: str, value: float, expected: str) -> None:
    ranks = [f for f in _facts(text, "zh") if f.kind == "rank"]
    assert _subject_of(ranks, value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("it", "Nel 2022 la spesa in R&S ha raggiunto 27 miliardi di euro.\n\nLa quota maggiore spetta alla Lombardia "
               "(20 %), seguita da Lazio (14 %) e Piemonte (11 %).", 27.0, "IT"),
        ("es", "En 2022 el gasto en I+D alcanzó 19.000 millones de euros.\n\nDestacan Andalucía (12 %), Aragón (3 %) "
               "y Galicia (5 %).", 19000.0, "ES"),
        ("de", "Die FuE-Ausgaben stiegen 2022 auf 121 Milliarden Euro.\n\nAm höchsten war die Quote in "
               "Baden-Württemberg (5,6 %), Berlin (3,4 %) und Hessen (3,2 %).", 121.0, "DE"),
        ("fr", "En 2022, la dépense de R&D atteint 57 milliards d'euros.\n\nLes parts les plus fortes reviennent à "
               "l'Occitanie (3,5 %), la Bretagne (1,9 %) et la Normandie (1,4 %).", 57.0, "FR"),
        ("en", "In 2022 R&D spending reached 66 billion euros.\n\nThe highest intensities were in Wales (1.9%), "
               "Scotland (1.7%) and Northern Ireland (1.8%).", 66.0, "GB"),
        ("zh", "2022年，全社会研发投入强度达到3.1%。\n\n其中南京（3.6%）、苏州（3.9%）、无锡（3.3%）居前。",
         3.1, "CN-JS"),
    ],
)  # fmt: skip
def test_regions_named_once_each_share_their_unnamed_country_as_the_documents_region(
    language: str, text: str, value: float, expected: str
) -> None:
    facts = [f for f in _facts(text, language) if f.value == value]
    assert _subject_of(facts, value) == expected


def test_a_named_common_region_is_a_comparison_not_the_documents_region() -> None:
    text = "In 2022 R&D spending reached 2.0% of GDP.\n\nCatalonia (1.7%) stays above Spain (1.4%)."
    assert _subject_of(_facts(text, "en"), 2.0) == "ES-CT"


def test_traditional_characters_mark_comparisons_and_deictics_too() -> None:
    text = "2021年江蘇研發投入強度高於全國，達到2.95%。"
    assert _subject_of(_facts(text, "zh"), 2.95) == "CN-JS"


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Ireland's share of European research funding rose to 2.1% in 2022.", 2.1, "IE"),
        ("de", "Die Forschungsquote Österreichs soll im europäischen Wettbewerb bis 2030 auf 4 % steigen.", 4.0, "AT"),
        ("fr", "En 2023, la Belgique a reçu 900 millions d'euros au titre des programmes européens de recherche.",
         900.0, "BE"),
        ("it", "Nel 2022 l'Italia ha ottenuto 1,3 miliardi di euro dai bandi di ricerca europei.", 1.3, "IT"),
        ("es", "En 2022, España captó 1.500 millones de euros de los fondos europeos para I+D.", 1500.0, "ES"),
        # no region in the sentence: the paragraph's, not the adjective's
        ("fr", "La Suède publie son budget. Grâce aux fonds européens, l'effort de recherche atteint 2 % du PIB en "
         "2024.", 2.0, "SE"),
    ],
)  # fmt: skip
def test_a_unions_adjective_in_a_noun_phrase_is_not_the_subject(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("it", "Il PNRR destina 2 miliardi di euro ai partenariati di ricerca entro il 2026.", 2.0, "IT"),
        ("fr", "La loi de programmation de la recherche prévoit 25 milliards d'euros d'ici 2030.", 25.0, "FR"),
        ("de", "Mit der Hightech Agenda fließen bis 2023 zusätzlich 2 Milliarden Euro in die Forschung.", 2.0,
         "DE-BY"),
        ("es", "El Plan Estatal de Investigación Científica destina 3.000 millones de euros en 2024.", 3000.0, "ES"),
        ("en", "UKRI aims to raise business R&D spending to 2.4% of GDP by 2027.", 2.4, "GB"),
        ("zh", "国家统计局数据显示，2023年研发经费投入强度达到2.65%。", 2.65, "CN"),
    ],
)  # fmt: skip
def test_a_national_plan_or_office_stands_for_its_owner(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Bavaria publishes its research report. In 2021 its R&D intensity reached 3.1%, more than Hesse.", 3.1,
         "DE-BY"),
        ("de", "Sachsen legt seinen Bericht vor. 2021 erreichte die F&E-Quote 2,9 % und damit mehr als Thüringen.", 2.9,
         "DE-SN"),
        ("fr", "La Bretagne publie son bilan. En 2021, l'effort de R&D atteint 1,9 % du PIB, devant la Normandie.", 1.9,
         "FR-BRE"),
        ("it", "La Toscana presenta il rapporto. Nel 2021 la spesa in R&S ha raggiunto l'1,6 % del PIL, davanti al "
         "Lazio.", 1.6, "IT-52"),
        ("es", "Galicia presenta su informe. En 2021 el gasto en I+D alcanzó el 1,1 % del PIB, por delante de "
         "Asturias.", 1.1, "ES-GA"),
        ("zh", "江苏省发布科技报告。2022年研发投入强度为3.1%，高于全国。", 3.1, "CN-JS"),
        # the comparison in the previous sentence is no subject either
        ("fr", "La Wallonie dépasse la moyenne de l'Union européenne avec 3,3 % en 2019. Les entreprises représentent "
         "2,5 % du PIB.", 2.5, "BE-WAL"),
    ],
)  # fmt: skip
def test_a_comparisons_object_alone_leaves_the_number_to_the_documents_subject(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        # a publisher's address in the text: its country-code domain
        ("it", "Comunicato stampa, ufficiostampa@example.it\n\nNel 2022 il 52,3% delle imprese ha svolto attività "
         "innovative.", 52.3, "IT"),
        ("en", "Press office: press@example.ie\n\nIn 2022, 48.5% of firms were innovation-active.", 48.5, "IE"),
        ("fr", "Contact : presse@example.be\n\nEn 2022, 51,2 % des entreprises ont mené des activités d'innovation.",
         51.2, "BE"),
        ("de", "Kontakt: presse@example.at\n\n2022 waren 55,2 % der Unternehmen innovationsaktiv.", 55.2, "AT"),
        # no address: the country whose national language it is
        ("fr", "En 2022, 48,6 % des entreprises ont mené des activités d'innovation.", 48.6, "FR"),
        ("de", "2022 waren 55,2 % der Unternehmen innovationsaktiv.", 55.2, "DE"),
        ("it", "Nel 2022 il 52,3% delle imprese ha svolto attività innovative.", 52.3, "IT"),
        ("es", "En 2022, el 31,5 % de las empresas realizó actividades innovadoras.", 31.5, "ES"),
        ("zh", "2023年研发经费投入强度达到2.65%。", 2.65, "CN"),
        # English is the language of many countries; a text that ranks itself in its city is below the country
        ("en", "In 2022, 48.5% of firms were innovation-active.", 48.5, None),
        ("zh", "到2027年，研发投入强度达到3.5%以上，位居全市前列。", 3.5, None),
    ],
)  # fmt: skip
def test_a_document_naming_no_region_is_its_publishers_or_its_languages_country(
    language: str, text: str, value: float, expected: str | None
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("es", "Territorio;Gasto en I+D/PIB 2021\nTotal Nacional;1,41\nAndalucía;1,00\n", {1.41: "ES", 1.0: "ES-AN"}),
        ("en", "Area;R&D/GDP 2021\nNational total;2.9\nScotland;1.7\n", {2.9: "GB", 1.7: "GB-SCT"}),
        ("it", "Territorio;Spesa R&S/PIL 2021\nTotale nazionale;1,43\nLombardia;1,33\n", {1.43: "IT", 1.33: "IT-25"}),
    ],
)  # fmt: skip
def test_a_table_row_of_the_national_total_is_the_documents_country(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _facts(text, language)
    assert {v: _subject_of(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("余杭区2023年研发投入强度达到4.6%，居全省第二。", 4.6, "余杭区"),
        ("余杭区2023年研发投入强度达到4.6%，居全省第二。", 2.0, "余杭区"),  # its rank in the province, still its own
        ("2023年是余杭发展的关键一年。全区研发投入强度达到4.6%。", 4.6, "余杭区"),  # short form, then 全区
        ("2023年，昆山市连续两年夺得全省科技创新奖，研发投入强度达到3.9%。", 3.9, "昆山市"),  # a county-level city
        ("2022年，洞头区研发经费支出增长15.2%。", 15.2, "洞头区"),
        ("2023年杭州市余杭区的研发投入强度为4.6%，杭州市为3.9%。", 4.6, "余杭区"),
        ("2023年杭州市余杭区的研发投入强度为4.6%，杭州市为3.9%。", 3.9, "Hangzhou"),
        # in a district's document 全国 and 全省 are scopes: the earlier sentence's district stays the subject
        ("2023年是余杭发展的关键一年。成功创建全国科普示范区，研发投入强度达到4.5%。", 4.5, "余杭区"),
        # a district's document without its name: no city or province for it (全市前列), no county inside 示范县
        ("到2027年，全区研发投入强度达到3.5%以上，位居全市前列。", 3.5, None),
        ("获评国家知识产权强县建设示范县，全县研发投入强度达到2.1%。", 2.1, None),
    ],
)  # fmt: skip
def test_a_chinese_district_or_county_is_the_subject_by_its_name(text: str, value: float, expected: str | None) -> None:
    assert _subject_name(_facts(text, "zh"), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        # a name the sentence calls a university: the subject, its country adjective the ranking's scope
        ("en", "Caltech remains the 2nd American university in the 2023 ranking.", 2.0, "Caltech"),
        ("de", "KIT bleibt die beste deutsche Hochschule im Ranking und belegt Platz 1.", 1.0, "KIT"),
        ("fr", "Polytechnique reste la 2e école française du classement 2023.", 2.0, "Polytechnique"),
        # an acronym that opens the sentence with a verb
        ("en", "UCL gains two places (9th) in the 2023 world ranking.", 9.0, "UCL"),
        ("fr", "ENS gagne trois places (24e) dans le classement 2023.", 24.0, "ENS"),
        ("it", "SISSA guadagna tre posizioni (150°) nella classifica 2023.", 150.0, "SISSA"),
        ("es", "UPF gana tres puestos (130º) en la clasificación de 2023.", 130.0, "UPF"),
        # a listed acronym or a region is no organisation
        ("fr", "PIB : la France consacre 2,2 % à la R&D en 2021.", 2.2, "France"),
        ("en", "Bavaria is the leading German region in the 2023 ranking (1st).", 1.0, "Bavaria"),
    ],
)  # fmt: skip
def test_an_organisation_opening_the_sentence_is_its_subject(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_name(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Bavaria is the leading German region in the 2023 ranking (1st).", {1.0: "DE-BY"}),
        ("de", "Sachsen ist die stärkste ostdeutsche Region im Ranking 2023 und liegt auf Platz 4.", {4.0: "DE-SN"}),
        # the country's own figure in its adjective's noun phrase stays the country's
        ("es", "Castilla y León supera la media española de 1,4 % con un 1,8 % en 2021.", {1.4: "ES", 1.8: "ES-CL"}),
        ("de", "Bayern liegt mit 3,2 % über dem deutschen Durchschnitt von 3,1 %.", {3.2: "DE-BY", 3.1: "DE"}),
    ],
)  # fmt: skip
def test_the_adjective_of_a_named_regions_country_is_its_scope(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _facts(text, language)
    assert {v: _subject_of(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("es", "Castilla y León alcanzó el 1,35 % del PIB en 2019, frente al 1,25 nacional.",
         {1.35: "ES-CL", 1.25: "ES"}),
        ("fr", "En 2021, la Bretagne atteint 1,9 % du PIB, contre une moyenne nationale de 2,2 %.",
         {1.9: "FR-BRE", 2.2: "FR"}),
        ("it", "Nel 2021 la Lombardia ha raggiunto l'1,3 % del PIL, contro una media nazionale dell'1,5 %.",
         {1.3: "IT-25", 1.5: "IT"}),
        ("en", "In 2021 Wales spent 1.2% of GDP on R&D, against a national average of 1.7%.",
         {1.2: "GB-WLS", 1.7: "GB"}),
        ("en", "Wuhan's R&D intensity was 3.5% in 2022, above the national 2.5%.", {3.5: "cn-hb-wuhan", 2.5: "CN"}),
    ],
)  # fmt: skip
def test_a_national_adjective_names_the_documents_country(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _facts(text, language)
    assert {v: _subject_of(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("de", "Baden-Württemberg stemmt zusammen mit Bayern und Hessen gut 40 % der FuE-Ausgaben in Deutschland.",
         40.0, "Baden-Württemberg, Bayern und Hessen"),
        ("de", "Bayern und Hessen kommen zusammen auf 35 % der deutschen FuE-Ausgaben.", 35.0, "Bayern und Hessen"),
        ("en", "Together, Bavaria and Hesse account for 35% of German R&D spending.", 35.0, "Bavaria and Hesse"),
        ("en", "Bavaria together with Hesse accounts for 35% of German R&D spending.", 35.0, "Bavaria and Hesse"),
        ("fr", "La Bretagne et la Normandie réunies représentent 8 % de la DIRD française.", 8.0,
         "Bretagne et Normandie"),
        ("it", "Lombardia insieme a Lazio e Piemonte copre il 45 % della spesa in R&S nazionale.", 45.0,
         "Lombardia, Lazio e Piemonte"),
        ("es", "Madrid junto con Cataluña concentra el 50 % del gasto en I+D de España.", 50.0, "Madrid y Cataluña"),
        ("zh", "2022年，北京、上海、广东合计占全国研发经费的40%。", 40.0, "北京、上海和广东"),
    ],
)  # fmt: skip
def test_a_value_the_members_of_a_list_add_up_to_is_the_groups(
    language: str, text: str, value: float, expected: str
) -> None:
    facts = _facts(text, language)
    assert [f.subject.name if f.subject else None for f in facts if f.value == value] == [expected]


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "In 2021 Bavaria's firms spent 20% of total business R&D in Germany.", 20.0, "DE-BY"),
        ("de", "Auf Bayern entfallen 2021 rund 20 % der gesamten FuE-Ausgaben in Deutschland.", 20.0, "DE-BY"),
        ("fr", "En 2021, l'Île-de-France réalise 40 % du total de la DIRD en France.", 40.0, "FR-IDF"),
    ],
)  # fmt: skip
def test_the_whole_a_share_is_of_is_not_its_subject(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("it", "Entro il 2027 Chengdu punta ad avere 120 piattaforme nazionali di innovazione.", 120.0,
         "cn-sc-chengdu"),
        ("en", "By 2027 Chengdu aims to host 120 national innovation platforms.", 120.0, "cn-sc-chengdu"),
        ("es", "En 2027 Chengdu quiere contar con 120 plataformas nacionales de innovación.", 120.0, "cn-sc-chengdu"),
        # the subject from the sentence before: the adjective belongs to the indicator's name
        ("en", "Chengdu spent 3.1% of GDP on R&D in 2023. The city plan wants 120 national innovation platforms by "
         "2027.", 120.0, "cn-sc-chengdu"),
        ("de", "Chengdu gab 2023 3,1 % des BIP für FuE aus. Bis 2027 sollen 120 nationale Innovationsplattformen "
         "entstehen.", 120.0, "cn-sc-chengdu"),
    ],
)  # fmt: skip
def test_a_national_adjective_of_the_counted_thing_is_no_subject(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("zh", "南京、苏州、无锡推进创新。\n\n研发投入强度达到3.2%，高于全国。", 3.2, "CN-JS"),
        ("zh", "南京、蘇州、無錫全國率先實現全覆蓋。\n\n研發投入強度達到3.2%。", 3.2, "CN-JS"),
        ("fr", "Comparée à l'Allemagne, la dépense progresse lentement. En 2021, l'effort de recherche atteint "
         "2,2 % du PIB.", 2.2, "FR"),
        ("it", "Rispetto alla Germania la spesa cresce poco. Nel 2021 l'intensità di R&S si è fermata all'1,3 %.", 1.3,
         "IT"),
    ],
)  # fmt: skip
def test_a_comparisons_object_is_not_the_documents_region(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        # "than any other UK university": the whole compared within is the document's region
        ("en", "Cambridge produced more spin-offs than any other UK university.\n\nIn 2022, 45% of all spin-offs were "
         "formed at universities.", 45.0, "GB"),
        # a plain comparison's object is not
        ("en", "Cambridge produced more spin-offs than Germany.\n\nIn 2022, 45% of all spin-offs were formed at "
         "universities.", 45.0, None),
    ],
)  # fmt: skip
def test_the_whole_compared_within_is_a_subject(language: str, text: str, value: float, expected: str | None) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Schweiz führt den Index mit 67,6 Punkten an. Der Durchschnitt liegt bei 41,4 Punkten."),
        ("en", "Switzerland leads the index with 67.6 points. The average is 41.4 points."),
        ("fr", "La Suisse mène le classement avec 67,6 points. La moyenne s'établit à 41,4 points."),
        ("it", "La Svizzera guida la classifica con 67,6 punti. La media si attesta a 41,4 punti."),
        ("es", "Suiza lidera el índice con 67,6 puntos. El promedio se sitúa en 41,4 puntos."),
        ("zh", "瑞士以67.6分位居榜首。平均得分为41.4分。"),
    ],
)  # fmt: skip
def test_an_average_opening_a_sentence_is_the_groups_not_the_last_region(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (_subject_of(facts, 67.6), _subject_name(facts, 41.4)) == ("CH", "average")


def test_an_average_of_a_named_region_stays_the_regions() -> None:
    assert _subject_of(_facts("La media europea è pari al 2,2 % del PIL.", "it"), 2.2) == "EU"


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Oxford, Cambridge and Edinburgh lead the table.\n\nBetween them, these 3 universities formed 150 of "
         "the 400 spin-off companies.", 150.0, "3 universities"),
        ("de", "Bayern, Hessen und Sachsen legen zu. Zusammen kommen diese 3 Länder auf 45 % der FuE-Ausgaben.", 45.0,
         "3 Länder"),
        ("fr", "Paris, Lyon et Lille dominent. Ensemble, ces 3 villes concentrent 40 % des brevets.", 40.0, "3 villes"),
        ("it", "Milano, Torino e Bologna guidano. Queste 3 città raccolgono il 40 % dei brevetti.", 40.0, "3 città"),
        ("es", "Madrid, Barcelona y Valencia lideran. Estas 3 ciudades concentran el 40 % de las patentes.", 40.0,
         "3 ciudades"),
    ],
)  # fmt: skip
def test_a_counted_group_is_one_subject(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_name(_facts(text, language), value) == expected


def test_the_whole_a_counted_group_is_part_of_is_not_the_groups() -> None:
    text = ("Cambridge produced more spin-offs than any other UK university.\n\nBetween them, these 3 universities "
            "formed 150 of the 400 spin-off companies.")  # fmt: skip
    facts = _facts(text, "en")
    assert (_subject_name(facts, 150.0), _subject_of(facts, 400.0)) == ("3 universities", "GB")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "El Reglamento europeo de chips, que quiere movilizar 43.000 millones de euros, abre una oportunidad "
         "para las empresas catalanas."),
        ("en", "The European Chips Act, which aims to mobilise €43 billion, opens a door for Catalan firms."),
        ("fr", "Le règlement européen sur les puces, qui veut mobiliser 43 milliards d'euros, ouvre une chance aux "
         "entreprises catalanes."),
        ("it", "Il regolamento europeo sui chip, che vuole mobilitare 43 miliardi di euro, apre un'opportunità alle "
         "imprese catalane."),
    ],
)  # fmt: skip
def test_a_number_in_a_relative_clause_is_of_the_union_adjectives_phrase(language: str, text: str) -> None:
    assert _subject_of(_facts(text, language), 43.0 if language != "es" else 43000.0) == "EU"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "La Lombardia investe l'1,3 % del PIL in R&S. La strategia chiedeva all'Unione di portare la spesa "
         "in R&S al 3% del PIL entro il 2020."),
        ("es", "Cataluña invirtió el 1,6 % del PIB en I+D en 2021. La Unión quiere llegar al 3 % del PIB en 2030."),
        ("fr", "La Bretagne consacre 1,9 % de son PIB à la R&D. L'Union vise 3 % du PIB d'ici 2030."),
        ("en", "Bavaria spent 3.1% of GDP on R&D in 2021. The Union aims to spend 3% of GDP on R&D by 2030."),
    ],
)  # fmt: skip
def test_the_union_in_a_member_states_text_is_the_eu(language: str, text: str) -> None:
    assert _subject_of(_facts(text, language), 3.0) == "EU"


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("de", "Kretschmann kündigte an:\n\n- 250 Millionen Euro für Quantentechnologie.\n\n- 80 neue Lehrstühle.",
         250.0, "DE-BW"),
        ("de", "Nach Woidkes Plan sollen bis 2030 rund 5.000 Forschende im Land arbeiten.", 5000.0, "DE-BB"),
        ("en", "Macron's plan sets aside 30 billion euros for industrial innovation by 2030.", 30.0, "FR"),
        ("en", "In her budget speech, Manuela Schwesig said: we will invest 120 million euros in research.",
         120.0, "DE-MV"),
        ("fr", "Valérie Pécresse a annoncé 150 millions d'euros pour la recherche d'ici 2028.", 150.0, "FR-IDF"),
        ("it", "Luca Zaia ha annunciato 40 milioni di euro per l'innovazione entro il 2027.", 40.0, "IT-34"),
        ("es", "Isabel Díaz Ayuso anunció 90 millones de euros para la investigación hasta 2026.", 90.0, "ES-MD"),
    ],
)  # fmt: skip
def test_a_head_of_government_stands_for_the_region_governed(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("de", "Söder sprach in Berlin, wo die Forschungsausgaben 3,7 % des BIP erreichten.", 3.7, "DE-BE"),
        ("de", "Der Weil der Sache: im Saarland lag die FuE-Quote 2021 bei 1,4 %.", 1.4, "DE-SL"),
    ],
)  # fmt: skip
def test_a_named_region_beats_a_head_of_government(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected
