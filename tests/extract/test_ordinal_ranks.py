"""A bare ordinal after a copula, right before the ranking's criterion ("è terza per", "est troisième pour",
"es la segunda en", "ist Zweiter bei", "is third by") is the region's place; the criterion gives its metric.
An ordinal that counts ("la terza volta", "for the second time") or numbers a phase or edition is no rank."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _ranks(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"t-{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind == "rank"]


@pytest.mark.parametrize(
    ("language", "text", "value", "region", "metric"),
    [
        (
            "it",
            "Secondo l'ultimo rapporto, il Veneto è terza per spesa in R&S in rapporto al PIL.",
            3.0,
            "IT-34",
            "rd_intensity",
        ),
        ("fr", "Cette année, la Normandie est quatrième pour les dépenses de R&D.", 4.0, "FR-NOR", "rd_expenditure"),
        ("es", "Según el informe, Andalucía es la tercera en gasto en I+D.", 3.0, "ES-AN", "rd_expenditure"),
        ("es", "Aragón es quinto en gasto en I+D.", 5.0, "ES-AR", "rd_expenditure"),
        ("de", "Hessen ist Dritter bei den FuE-Ausgaben.", 3.0, "DE-HE", "rd_expenditure"),
        ("de", "Sachsen ist Zweiter bei den Patentanmeldungen.", 2.0, "DE-SN", "patent_applications"),
        ("en", "Wales is fourth for business R&D.", 4.0, "GB-WLS", "business_rd"),
        ("en", "Scotland ranks third by business R&D spending.", 3.0, "GB-SCT", "business_rd"),
    ],
)
def test_an_ordinal_before_its_criterion_is_a_rank(
    language: str, text: str, value: float, region: str, metric: str
) -> None:
    (rank,) = _ranks(text, language)
    assert rank.value == value and rank.subject is not None and rank.subject.id == region
    assert rank.metric == metric


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "Per la terza volta il Veneto ospita il premio."),
        ("it", "La seconda edizione del bando del Veneto è partita."),
        ("fr", "La Normandie est pour la deuxième fois lauréate du prix."),
        ("es", "Andalucía es la segunda fase del plan."),
        ("de", "Hessen ist zum zweiten Mal dabei."),
        ("en", "Wales is bidding for the second time."),
        ("en", "Wales is in the second phase of the programme."),
    ],
)
def test_an_ordinal_that_counts_is_no_rank(language: str, text: str) -> None:
    assert _ranks(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("it", "Il Veneto è terza in Italia.", "IT-34"),
        ("es", "Andalucía es la segunda en España en gasto en I+D.", "ES-AN"),
    ],
)
def test_the_country_after_the_ordinal_is_the_scope(language: str, text: str, region: str) -> None:
    (rank,) = _ranks(text, language)
    assert rank.subject is not None and rank.subject.id == region and rank.scope == "national"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("it", "È la terza volta che la Lombardia supera il 2% del PIL in spesa per R&S."),
        ("fr", "C'est la troisième fois que la Bretagne dépasse 2 % du PIB en dépenses de R&D."),
        ("es", "Es la segunda vez que Cataluña supera el 1,5 % del PIB en gasto en I+D."),
        ("de", "Zum dritten Mal übertrifft Bayern 3 Prozent des BIP bei den FuE-Ausgaben."),
        ("it", "La seconda fase del programma regionale parte nel 2025."),
    ],
)  # fmt: skip
def test_an_ordinal_of_times_or_phases_is_no_rank(lang: str, text: str) -> None:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    assert not [f for f in extract(doc) if f.kind == "rank"]
