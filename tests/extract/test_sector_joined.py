"""A value joined by a bare conjunction to a sector's value before it ("el gasto en I+D de las empresas representa
un 55 % del total y un 0,6 % del PIB") is that sector's too (its share of GDP), not total R&D intensity; a total
named after the conjunction stays total. Every sentence here was written for these tests."""

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
        ("es", "En 2021, el gasto en I+D de las empresas de Aragón representa un 55% del total y un 0,6% del PIB.",
         (55.0, 0.6)),
        ("it", "Nel 2021 la spesa in R&S delle imprese venete rappresenta il 62% del totale e lo 0,9% del PIL.",
         (62.0, 0.9)),
        ("fr", "En 2021, les dépenses de R&D des entreprises bretonnes représentent 60 % du total et 0,9 % du PIB.",
         (60.0, 0.9)),
        ("en", "In 2021 business R&D in Wales made up 55% of the total and 0.6% of GDP.", (55.0, 0.6)),
        ("de", "2021 machten die FuE-Ausgaben der Wirtschaft in Sachsen 60 Prozent der gesamten FuE-Ausgaben und "
               "1,6 Prozent des BIP aus.", (60.0, 1.6)),
    ],
)  # fmt: skip
def test_a_value_joined_to_a_sectors_value_is_the_sectors(
    language: str, text: str, values: tuple[float, float]
) -> None:
    metrics = _metrics(text, language)
    assert [metrics.get(v) for v in values] == ["business_rd", "business_rd"]


def test_a_total_after_the_conjunction_stays_total() -> None:
    metrics = _metrics("Nel 2021 le imprese venete spendevano in R&S lo 0,9% del PIL e il totale l'1,5%.", "it")
    assert metrics[0.9] == "business_rd"
    assert metrics[1.5] == "rd_intensity"
