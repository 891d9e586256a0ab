"""A bare percentage of a sector ("kommt die Wirtschaft auf 2,1 Prozent") in a sentence whose later percentage is a
share of GDP, in a text about R&D, is that sector's R&D share of GDP; economic growth stays no R&D figure."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind == "measurement"]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        (
            "In Hessen kommt die Wirtschaft nur auf 2,1 Prozent; zusammen mit der öffentlichen Forschung machen die "
            "Gesamtausgaben 3 Prozent der Wirtschaftsleistung aus.",
            "de",
            2.1,
        ),
        (
            "In Wales, business reaches only 0.9 percent; with universities and government, total R&D spending is "
            "1.5 percent of GDP.",
            "en",
            0.9,
        ),
        (
            "En Bretagne, les entreprises atteignent seulement 0,9 %; avec la recherche publique, la dépense totale "
            "de R&D atteint 1,6 % du PIB.",
            "fr",
            0.9,
        ),
    ],
)
def test_a_sectors_bare_share_beside_a_share_of_gdp_is_its_rd_share(text: str, language: str, value: float) -> None:
    metrics = {f.value: f.metric for f in _facts(text, language)}
    assert metrics[value] == "business_rd"
    assert "rd_intensity" in metrics.values()


def test_economic_growth_of_a_sector_is_no_rd_share() -> None:
    text = "In Hessen wuchs die Wirtschaft um 2,1 Prozent; die Ausgaben für Forschung liegen bei 3,1 Prozent des BIP."
    metrics = {f.value: f.metric for f in _facts(text, "de")}
    assert metrics.get(2.1) != "business_rd"


@pytest.mark.parametrize(
    "text",
    [
        "The UK government has committed to increasing total R&D investment to 2.4% of GDP by 2027.",
        "The government plans to raise R&D spending in Ireland to 3% of GDP by 2030.",
        "The Scottish Government aims to lift R&D spending to 2.5% of GDP by 2030.",
    ],
)
def test_a_government_that_acts_is_no_sector_of_performance(text: str) -> None:
    (fact,) = [f for f in extract(Document(id="t", source="t", text=text, language="en")) if f.kind == "target"]
    assert fact.metric == "rd_intensity"


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 government R&D spending in Ireland was 0.3% of GDP.",
        "In 2021 R&D performed by the UK government sector amounted to 0.2% of GDP.",
    ],
)
def test_government_spending_is_still_the_government_sector(text: str) -> None:
    (fact,) = extract(Document(id="t", source="t", text=text, language="en"))
    assert fact.metric == "goverd"
