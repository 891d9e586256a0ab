"""A sector's R&D figure stays the sector's: a share of GDP whose own name is a sector's R&D ("el gasto empresarial
en I+D … del PIB", 企业研发投入占GDP比重) is no total R&D intensity, and an average it is compared with ("contro una
media nazionale dello 0,8 %") measures the same sector. Every sentence here was written for these tests."""

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
        ("en", "In 2021 business R&D spending in Wales was 0.9% of GDP, against a UK average of 1.7%.", (0.9, 1.7)),
        ("de", "2021 lagen die FuE-Ausgaben der Wirtschaft in Thüringen bei 1,1 Prozent des BIP, gegenüber einem "
               "Bundesdurchschnitt von 2,1 Prozent.", (1.1, 2.1)),
        ("fr", "En 2021, les dépenses de R&D des entreprises bretonnes représentaient 0,9 % du PIB, contre une "
               "moyenne nationale de 1,4 %.", (0.9, 1.4)),
        ("it", "Nel 2021 la spesa in R&S delle imprese lombarde era pari allo 0,9% del PIL, contro una media "
               "nazionale dello 0,8%.", (0.9, 0.8)),
        ("es", "En 2021, el gasto empresarial en I+D de Galicia fue del 0,6% del PIB, frente a una media nacional "
               "del 0,8%.", (0.6, 0.8)),
        ("zh", "2021年，全省企业研发投入占地区生产总值比重为1.1%，低于全国平均水平1.9%。", (1.1, 1.9)),
    ],
)  # fmt: skip
def test_a_sectors_share_of_gdp_and_the_average_it_is_compared_with_are_the_sectors(
    language: str, text: str, values: tuple[float, float]
) -> None:
    metrics = _metrics(text, language)
    assert [metrics.get(v) for v in values] == ["business_rd", "business_rd"]


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("it", "Nel 2021 la spesa in R&S della Lombardia era pari all'1,3% del PIL, contro una media nazionale "
               "dell'1,5%.", (1.3, 1.5)),
        ("es", "En 2021 el gasto en I+D de Galicia fue del 1,0% del PIB, frente a una media nacional del 1,4%.",
         (1.0, 1.4)),
        ("zh", "2021年全省研发经费投入强度为2.1%，全国平均为2.4%。", (2.1, 2.4)),
    ],
)  # fmt: skip
def test_total_rd_intensity_and_its_average_stay_total_rd_intensity(
    language: str, text: str, values: tuple[float, float]
) -> None:
    metrics = _metrics(text, language)
    assert [metrics.get(v) for v in values] == ["rd_intensity", "rd_intensity"]


def test_a_sector_named_for_one_number_is_not_the_next_numbers_metric() -> None:
    metrics = _metrics("Il faudra porter les dépenses de R&D des entreprises à 2 % pour atteindre 3 % du PIB.", "fr")
    assert metrics[2.0] == "business_rd"
    assert metrics[3.0] == "rd_intensity"
