"""A value of another topic ends the R&D topic: a bare percentage after "El paro bajó al 8 %." takes no metric from the
R&D share before it (the carried metric respects the same topic break as goal percentages, c542caf), and the
unemployment rate itself takes none. A rank's metric comes from its criterion: R&D money as a share of GDP ranks R&D
intensity. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> dict[float, Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f for f in extract(doc)}


_BROKEN = [
    (
        "es",
        "La inversión en I+D de Aragón fue del 0,9 % del PIB en 2022. El paro bajó al 8 %. En 2023 se situó en el "
        "1,1 %.",
        1.1,
    ),
    (
        "it",
        "La spesa in R&S della Liguria vale l'1,3% del PIL nel 2021. La disoccupazione è scesa all'8%. Nel 2022 era "
        "l'1,4%.",
        1.4,
    ),
    (
        "fr",
        "La dépense de R&D de la Bretagne atteint 1,7 % du PIB en 2021. Le chômage est tombé à 8 %. En 2022, elle "
        "était de 1,8 %.",
        1.8,
    ),
    (
        "de",
        "Die FuE-Ausgaben Sachsens lagen 2021 bei 2,8 Prozent des BIP. Die Arbeitslosigkeit sank auf 8 Prozent. 2022 "
        "waren es 2,9 Prozent.",
        2.9,
    ),
    ("en", "Scotland's R&D intensity was 1.6% in 2021. Unemployment fell to 8%. In 2022 it was 1.7%.", 1.7),
    ("zh", "2022年全省研发经费投入强度为2.1%。全省失业率降至8%。2023年为2.3%。", 2.3),
]


@pytest.mark.parametrize(("language", "text", "value"), _BROKEN)
def test_a_value_of_another_topic_ends_the_carried_metric(language: str, text: str, value: float) -> None:
    facts = _facts(text, language)
    assert facts[value].metric != "rd_intensity"
    assert 8 not in facts or facts[8].metric != "rd_intensity"  # the unemployment rate is not R&D intensity


@pytest.mark.parametrize(("language", "text", "value"), _BROKEN)
def test_without_the_other_topic_the_metric_is_still_carried(language: str, text: str, value: float) -> None:
    first, _, rest = text.partition(". ") if language != "zh" else text.partition("。")
    _, _, last = rest.partition(". ") if language != "zh" else rest.partition("。")
    joined = f"{first}. {last}" if language != "zh" else f"{first}。{last}"
    assert _facts(joined, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "La région se classe au 3e rang pour les dépenses de R&D en part du PIB.", 3),
        ("fr", "La région se classe au 3e rang pour l'intensité de R&D.", 3),
        ("it", "La Lombardia si colloca al terzo posto in Italia per spesa in R&S in rapporto al PIL.", 3),
        ("es", "Navarra ocupa el tercer lugar en gasto en I+D sobre el PIB.", 3),
        ("es", "El País Vasco ocupa el quinto lugar en intensidad de I+D.", 5),
        ("en", "Scotland ranks fifth by R&D spending as a share of GDP.", 5),
        ("de", "Bayern belegt bei den FuE-Ausgaben gemessen am BIP Platz 2.", 2),
        ("zh", "江苏在研发经费占GDP比重方面位居全国第2位。", 2),
    ],
)
def test_a_rank_by_rd_spending_as_a_share_of_gdp_ranks_rd_intensity(language: str, text: str, value: float) -> None:
    assert _facts(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "La région se classe au 3e rang pour les dépenses de R&D.", 3),
        ("it", "La Lombardia si colloca al primo posto per spesa in R&S.", 1),
        ("es", "Navarra ocupa el tercer lugar en gasto en I+D.", 3),
        ("en", "Scotland ranks fifth by R&D spending.", 5),
        ("de", "Bayern liegt bei den FuE-Ausgaben auf Platz 2.", 2),
        ("zh", "江苏研发经费支出位居全国第2位。", 2),
    ],
)
def test_a_rank_by_rd_spending_alone_stays_rd_expenditure(language: str, text: str, value: float) -> None:
    assert _facts(text, language)[value].metric == "rd_expenditure"
