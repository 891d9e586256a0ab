"""Places in a ranking of an economic figure ("pour leur PIB", "per PIL pro capite", "por PIB per cápita", "by GDP
per capita", "beim BIP pro Kopf"), named in the sentence or the one before, are no R&I facts; places in an R&D
ranking stay (sentences written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


def _ranks(text: str, lang: str) -> list[float | None]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return [f.value for f in extract(doc) if f.kind == "rank" or f.unit == "rank"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Trois régions françaises figurent parmi les vingt premières régions européennes pour leur PIB. "
               "La Bretagne arrive à la 12e place, devant l'Alsace (18e)."),
        ("it", "La Lombardia è la prima regione italiana per PIL pro capite, davanti al Trentino (2ª)."),
        ("es", "Madrid es la primera comunidad por PIB per cápita, por delante del País Vasco (2ª)."),
        ("en", "Luxembourg ranks 1st in Europe by GDP per capita."),
        ("de", "Hamburg liegt beim BIP pro Kopf auf Platz 1 der Länder."),
    ],
)  # fmt: skip
def test_places_in_an_economic_ranking_are_no_facts(lang: str, text: str) -> None:
    assert _ranks(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "L'Occitanie occupe le 1er rang des régions françaises pour l'effort de recherche."),
        ("it", "Nel 2023 la Lombardia è al primo posto per spesa in R&S."),
    ],
)  # fmt: skip
def test_places_in_an_rd_ranking_stay(lang: str, text: str) -> None:
    assert _ranks(text, lang) == [1]
