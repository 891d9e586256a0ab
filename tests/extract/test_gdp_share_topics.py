"""A percentage of GDP that names no indicator is R&D intensity in a text about R&D, but not when its clause names
another topic of a share of GDP (debt, deficit, exports, unemployment) and no R&D word. Every sentence here was
written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> dict[float, Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f for f in extract(doc) if f.unit == "%"}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("it", "La spesa in ricerca e sviluppo è cresciuta. La Regione vuole portare il debito al 60% del PIL.", 60),
        ("fr", "Les dépenses de R&D ont progressé. Le gouvernement veut ramener le déficit à 3 % du PIB.", 3),
        ("es", "El gasto en I+D creció en 2022. El Gobierno quiere reducir la deuda al 90 % del PIB.", 90),
        ("en", "Spending on R&D rose last year. The government wants to cut debt to 80% of GDP.", 80),
        (
            "de",
            "Die Ausgaben für Forschung und Entwicklung stiegen. Die Schulden sollen auf 60 Prozent des BIP sinken.",
            60,
        ),
        ("zh", "全省研发经费投入持续增长。政府债务占地区生产总值比重控制在40%。", 40),
    ],
)
def test_a_share_of_gdp_of_another_topic_is_no_rd_intensity(language: str, text: str, value: float) -> None:
    facts = _facts(text, language)
    assert value not in facts or facts[value].metric != "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("it", "La spesa in ricerca e sviluppo è cresciuta. La Regione vuole portare la quota al 3% del PIL.", 3),
        ("en", "Spending on R&D rose last year. The goal is to reach 2.5% of GDP by 2030.", 2.5),
    ],
)
def test_a_bare_share_of_gdp_in_a_text_about_rd_stays_rd_intensity(language: str, text: str, value: float) -> None:
    assert _facts(text, language)[value].metric == "rd_intensity"
