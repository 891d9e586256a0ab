"""A sector named right after a value through a word that says who spent it ("1,0 % issus du secteur privé",
"0,9% sostenuto dalle imprese", "0.3% funded by government": ``sector_links``) files the value under that sector,
and the sector is not carried to the next value. Chinese names the sector before the value, so the rule has no
Chinese words. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


def _metrics(text: str, language: str) -> dict[float, str | None]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f.metric for f in extract(doc) if f.kind in ("target", "measurement") and f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("en", "In 2021 R&D spending in Wales was 1.5% of GDP, of which 0.9% performed by businesses and 0.3% "
               "funded by government.", (1.5, 0.9, 0.3)),
        ("de", "2021 lagen die FuE-Ausgaben in Sachsen bei 2,8 Prozent des BIP, davon 1,2 Prozent getragen von der "
               "Wirtschaft und 0,9 Prozent finanziert vom Staat.", (2.8, 1.2, 0.9)),
        ("fr", "En 2021, la dépense de R&D de la Bretagne atteint 1,6 % du PIB, dont 1,0 % issus du secteur privé "
               "et 0,6 % apportés par les administrations.", (1.6, 1.0, 0.6)),
        ("it", "Nel 2021 la spesa in R&S del Veneto era pari all'1,4% del PIL, di cui lo 0,9% sostenuto dalle "
               "imprese e lo 0,3% a carico delle istituzioni pubbliche.", (1.4, 0.9, 0.3)),
        ("es", "En 2021 el gasto en I+D de Aragón fue del 1,0% del PIB, del que el 0,6% ejecutado por las empresas "
               "y el 0,3% a cargo de la Administración Pública.", (1.0, 0.6, 0.3)),
    ],
)  # fmt: skip
def test_a_value_tied_to_the_sector_after_it_is_that_sectors(
    language: str, text: str, values: tuple[float, float, float]
) -> None:
    metrics = _metrics(text, language)
    assert [metrics.get(v) for v in values] == ["rd_intensity", "business_rd", "goverd"]


def test_money_that_is_the_deed_of_a_sector_is_that_sectors_spending() -> None:
    text = "Sur les 4,2 Md€ de dépenses de R&D de la région en 2021, 2,9 Md€ sont le fait des entreprises."
    assert _metrics(text, "fr")[2.9] == "business_rd"
