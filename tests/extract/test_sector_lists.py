"""A sector word that ends a list of spenders ("Bund, Länder und Wirtschaft haben … 2,8 Prozent des BIP", "l'Union,
les régions et les entreprises") names who spent the total: the value stays total R&D intensity; a sector that
opens its own description ("el sector privado, formado por las empresas y …") and a sector alone stay the sector's.
Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


def _metrics(text: str, language: str) -> dict[float, str | None]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f.metric for f in extract(doc) if f.kind in ("target", "measurement") and f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Bund, Länder und Wirtschaft haben 2021 in Sachsen 2,8 Prozent des BIP für Forschung ausgegeben.", 2.8),
        ("de", "Wissenschaft und Wirtschaft haben in Hessen 2021 3,1 Prozent des BIP in Forschung investiert.", 3.1),
        ("en", "In 2021 the regions, the federal level and industry together spent 2.9% of GDP on R&D.", 2.9),
        ("fr", "En 2021, l'Union, les régions et les entreprises ont consacré 2,3 % du PIB à la recherche.", 2.3),
        ("it", "Nel 2021 Stato, regioni e imprese hanno investito in ricerca l'1,5% del PIL.", 1.5),
        ("es", "En 2021 el Gobierno, las comunidades y las empresas invirtieron en I+D el 1,4% del PIB.", 1.4),
    ],
)  # fmt: skip
def test_a_list_of_spenders_ending_in_a_sector_spends_the_total(language: str, text: str, value: float) -> None:
    assert _metrics(text, language)[value] == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Die Wirtschaft in Sachsen hat 2021 1,4 Prozent des BIP für Forschung und Entwicklung ausgegeben.", 1.4),
        ("es", "En 2021 el sector privado, formado por las empresas y las fundaciones privadas, ejecutó I+D por el "
               "0,7% del PIB.", 0.7),
    ],
)  # fmt: skip
def test_a_sector_alone_or_opening_its_description_stays_the_sector(language: str, text: str, value: float) -> None:
    assert _metrics(text, language)[value] == "business_rd"
