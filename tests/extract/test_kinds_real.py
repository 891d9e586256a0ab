"""Target, measurement or neither, on the clause's meaning (sentences written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, lang: str) -> list[Fact]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _kinds(text: str, lang: str) -> list[tuple[str, float | None]]:
    return [(f.kind, f.value) for f in _facts(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "The regional plan sets the objective of 2.8% of GDP for research spending.", 2.8),
        ("de", "Ziel der Landesregierung ist es, die Forschungsausgaben auf 3,2 Prozent des BIP zu steigern.", 3.2),
        ("de", "Die Zahl der forschenden Unternehmen um 15 % steigern.", 15),
        ("fr", "La région s'est fixé pour objectif de consacrer 2,5 % de son PIB à la recherche.", 2.5),
        ("fr", "La cible des 2,5 % de dépense de recherche reste l'horizon du schéma régional.", 2.5),
        ("it", "L'obiettivo del piano regionale è portare la spesa in ricerca al 2,1% del PIL.", 2.1),
        ("es", "El plan asume el compromiso de alcanzar el 2,3% del PIB en inversión en I+D.", 2.3),
        ("zh", "全市力争全社会研发经费投入强度达到3.6%以上。", 3.6),
    ],
)  # fmt: skip
def test_an_aim_without_a_deadline_is_a_target(lang: str, text: str, value: float) -> None:
    assert ("target", value) in _kinds(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "In 2021 the region had already reached its goal, with 2.9% of GDP spent on research.", 2.9),
        ("fr", "En 2019, la région est encore en deçà de sa cible (1,9 %).", 1.9),
        ("de", "Die Stadt zählt 450 Forschungsinstitute und will 600 erreichen.", 450),
    ],
)  # fmt: skip
def test_a_reported_value_beside_an_aim_stays_a_measurement(lang: str, text: str, value: float) -> None:
    assert ("measurement", value) in _kinds(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        ("de", "Im Einzelnen plant die Landesregierung:\n\n► 300 Millionen für Quantentechnologie.\n\n"
               "► 200 Millionen Euro für neue Labore.\n\n► 500 neue Stellen für Forschende.", [300, 200, 500]),
        ("it", "Per il programma sono stanziati 1,2 miliardi di euro, così ripartiti:\n"
               "- Laboratori - 700 milioni\n- Dottorati - 500 milioni", [1.2, 700, 500]),
        ("en", "The fund will be distributed among the following areas:\n– $300 million for research centres\n"
               "– $200 million for start-ups", [300, 200]),
    ],
)  # fmt: skip
def test_items_of_a_list_of_aims_or_allocations_are_targets(lang: str, text: str, values: list[float]) -> None:
    kinds = _kinds(text, lang)
    for value in values:
        assert ("target", value) in kinds, kinds


def test_a_list_after_a_report_keeps_its_measurements() -> None:
    kinds = _kinds("In 2022 the city reported the following figures:\n- 300 research centres\n- 40 universities", "en")
    assert kinds and all(kind == "measurement" for kind, _ in kinds)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("fr", "Le plan régional prévoit 450 millions d'euros dédiés à la recherche publique.", 450),
        ("it", "Per la ricerca sono stanziati complessivamente 3,1 miliardi di euro.", 3.1),
        ("es", "El programa regional destinará 250 millones de euros a la investigación.", 250),
        ("en", "The ministry has earmarked €900 million for the new research programme.", 900),
    ],
)  # fmt: skip
def test_an_allocated_budget_is_an_exact_target(lang: str, text: str, value: float) -> None:
    facts = [f for f in _facts(text, lang) if f.value == value]
    assert facts and facts[0].kind == "target" and facts[0].comparator == "exactly"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Global spending on research is forecast to grow by 4.1% in 2027."),
        ("de", "Die Ausgaben für Forschung dürften laut Prognose 2027 um 4,1 % wachsen."),
        ("fr", "Selon les projections, la dépense de recherche devrait croître de 4,1 % en 2027."),
        ("it", "Secondo le previsioni, la spesa in ricerca potrebbe crescere del 4,1% nel 2027."),
        ("es", "Según las previsiones, el gasto en investigación podría crecer un 4,1% en 2027."),
        ("zh", "据预测，2027年全球研发支出将增长4.1%。"),
    ],
)
def test_forecasts_are_no_facts(lang: str, text: str) -> None:
    assert _kinds(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "In 2022 the region's GDP grew by 1.4% to €95 billion."),
        ("de", "Im Jahr 2022 wuchs das BIP der Region um 1,4 %."),
        ("fr", "En 2022, l'inflation dans la région a atteint 5,2 %."),
        ("it", "Nel 2022 il PIL della regione è cresciuto dell'1,4%."),
        ("es", "En 2022 el PIB per cápita de la región fue de 31.000 euros."),
        ("zh", "2022年，全市实现地区生产总值2651.25亿元。"),
    ],
)
def test_general_economic_figures_are_no_facts(lang: str, text: str) -> None:
    assert _kinds(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "In 2022 R&D spending reached 2.4% of GDP."),
        ("fr", "En 2022, l'intensité de R&D (en pourcentage du PIB) en Bretagne s'élève à 2,4 %."),
        ("zh", "2022年，全市R&D经费占GDP比重达到2.4%。"),
    ],
)
def test_a_share_of_gdp_is_a_fact(lang: str, text: str) -> None:
    assert ("measurement", 2.4) in _kinds(text, lang)
