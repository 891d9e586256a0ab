"""A growth rate whose subject phrase names a sector of performance ("les dépenses de R&D des entreprises progressent
de 2,1 %", "企业研发投入增长12%", "le imprese hanno aumentato la spesa in R&S del 4%") is the sector's growth
(business_rd_growth, goverd_growth, herd_growth), not total R&D growth or the sector's money; a sector's share with
no growth word ("atteindre 2 % de Dirde") stays the sector's indicator."""

from __future__ import annotations

import pytest

from riso.catalog import load_catalog
from riso.extract import extract
from riso.model import Document


def _metrics(text: str, language: str) -> dict[float, str | None]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return {f.value: f.metric for f in extract(doc)}


@pytest.mark.parametrize(
    ("text", "language", "value", "metric"),
    [
        ("In Bayern stiegen die FuE-Ausgaben der Wirtschaft 2021 um 3 Prozent.", "de", 3.0, "business_rd_growth"),
        ("In Sachsen wuchsen die FuE-Ausgaben der Hochschulen 2022 um 4,2 Prozent.", "de", 4.2, "herd_growth"),
        ("In Hessen haben die Unternehmen ihre FuE-Ausgaben 2021 um 3 Prozent gesteigert.", "de", 3.0,
         "business_rd_growth"),
        ("In Scotland, business R&D spending grew 5 % in 2021.", "en", 5.0, "business_rd_growth"),
        ("In Wales, higher education R&D expenditure rose by 2.3 % in 2022.", "en", 2.3, "herd_growth"),
        ("In Ireland, government R&D expenditure increased by 1.7 % in 2021.", "en", 1.7, "goverd_growth"),
        ("En 2021, les dépenses de R&D des entreprises progressent de 2,1 % en Bretagne.", "fr", 2.1,
         "business_rd_growth"),
        ("En Occitanie, les dépenses de R&D des administrations ont augmenté de 1,8 % en 2022.", "fr", 1.8,
         "goverd_growth"),
        ("Nel 2022 la spesa in R&S delle università è cresciuta del 3,5%.", "it", 3.5, "herd_growth"),
        ("Nel 2022 in Veneto le imprese hanno aumentato la spesa in R&S del 4%.", "it", 4.0, "business_rd_growth"),
        ("En 2022 el gasto en I+D de las empresas creció un 6 % en Cataluña.", "es", 6.0, "business_rd_growth"),
        ("En Andalucía el gasto en I+D de las universidades aumentó un 2,5 % en 2021.", "es", 2.5, "herd_growth"),
        ("2022年，江苏省企业研发投入增长12%。", "zh", 12.0, "business_rd_growth"),
        ("2022年，浙江省高校研发经费增长8.5%。", "zh", 8.5, "herd_growth"),
    ],
)
def test_a_growth_rate_of_a_named_sector_is_the_sectors_growth(
    text: str, language: str, value: float, metric: str
) -> None:
    assert _metrics(text, language)[value] == metric


@pytest.mark.parametrize(
    ("text", "language", "values"),
    [
        (
            "Rispetto al 2020 la spesa in R&S è aumentata dello 0,5% nelle imprese, dell'1,1% nelle università e del "
            "2% nelle istituzioni pubbliche.",
            "it",
            {0.5: "business_rd_growth", 1.1: "herd_growth", 2.0: "goverd_growth"},
        ),
        (
            "Frente al año anterior, el gasto en I+D aumentó el 0,2 % en las empresas, el 1,2 % en las universidades "
            "y el 3 % en la Administración Pública.",
            "es",
            {0.2: "business_rd_growth", 1.2: "herd_growth", 3.0: "goverd_growth"},
        ),
    ],
)
def test_a_list_of_sector_growth_rates_keeps_growth_to_its_last_item(
    text: str, language: str, values: dict[float, str]
) -> None:
    found = _metrics(text, language)
    assert {v: found[v] for v in values} == values


@pytest.mark.parametrize(
    ("text", "language", "value", "metric"),
    [
        ("In Scotland, R&D spending grew 5 % in 2021.", "en", 5.0, "rd_expenditure_growth"),
        ("Nel 2022 in Lombardia la spesa in R&S aumenta del 4% rispetto al 2021.", "it", 4.0, "rd_expenditure_growth"),
        ("2022年，江苏省研发投入增长12%。", "zh", 12.0, "rd_expenditure_growth"),
        ("Pour la Bretagne, il faudra atteindre 1 % de Dirde d'ici 2030.", "fr", 1.0, "business_rd"),
    ],
)
def test_total_growth_and_a_sectors_share_without_growth_word_are_unchanged(
    text: str, language: str, value: float, metric: str
) -> None:
    assert _metrics(text, language)[value] == metric


def test_the_sector_growth_indicators_are_growth_variants_of_the_sectors() -> None:
    catalog = load_catalog()
    for sector in ("business_rd", "goverd", "herd"):
        growth = catalog.derived(sector, "growth")
        assert growth == f"{sector}_growth"
        ind = catalog.indicator(growth)
        assert ind.unit == "%" and all(ind.labels.get(code) for code in ("en", "de", "fr", "it", "es", "zh"))
