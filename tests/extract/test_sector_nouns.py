"""Public and private research named as a sphere of spending ("la recherche publique", "dans le public", "la sfera
privata", "la investigación pública", "public research") is a sector of performance: a share of GDP it spends is
that sector's, not total R&D intensity. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


def _metrics(text: str, language: str) -> dict[float, str | None]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f.metric for f in extract(doc) if f.kind in ("target", "measurement") and f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Dans le public, les dépenses de recherche de la région représentent 0,9 % du PIB en 2021.",
         {0.9: "goverd"}),
        ("fr", "En 2021, la sphère privée a consacré à la recherche 1,2 % du PIB de la région.", {1.2: "business_rd"}),
        ("it", "Nel 2021 la ricerca pubblica in Toscana valeva lo 0,5% del PIL, la ricerca privata l'1,1%.",
         {0.5: "goverd", 1.1: "business_rd"}),
        ("es", "En 2021 la investigación pública de Aragón supuso el 0,4% del PIB y la investigación privada el 0,7%.",
         {0.4: "goverd", 0.7: "business_rd"}),
        ("en", "In 2021 public research in Scotland amounted to 0.6% of GDP.", {0.6: "goverd"}),
    ],
)  # fmt: skip
def test_public_or_private_research_is_a_sector(language: str, text: str, expected: dict[float, str]) -> None:
    metrics = _metrics(text, language)
    assert {v: metrics.get(v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "Avec la recherche publique, la dépense totale de R&D de la région atteint 1,7 % du PIB.", 1.7),
        ("it", "Con la ricerca pubblica, la spesa complessiva in R&S della regione arriva all'1,5% del PIL.", 1.5),
        ("es", "Con la investigación pública, el gasto total en I+D de la región llega al 1,3% del PIB.", 1.3),
        ("en", "With public research, total R&D spending in the region reaches 1.6% of GDP.", 1.6),
    ],
)  # fmt: skip
def test_a_total_named_after_the_sector_stays_total_rd_intensity(language: str, text: str, value: float) -> None:
    assert _metrics(text, language)[value] == "rd_intensity"


def test_a_verb_of_totalling_after_the_sector_is_no_total_word() -> None:
    text = "En Bretagne, la recherche publique totalise à elle seule 45 % des dépenses de R&D de la région."
    assert _metrics(text, "fr")[45.0] == "goverd"
