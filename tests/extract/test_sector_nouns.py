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
