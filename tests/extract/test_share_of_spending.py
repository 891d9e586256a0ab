"""A percentage "of the spending" in a passage about R&D is a share of R&D expenditure, and the demonym of the
whole ("della spesa italiana", "del gasto español") is not its subject (sentences written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


def _facts(text: str, lang: str) -> dict[float, tuple[str | None, str | None]]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return {
        f.value: (f.metric, f.subject.name if f.subject else None)
        for f in extract(doc)
        if f.kind == "measurement" and f.value is not None
    }


@pytest.mark.parametrize(
    ("lang", "text", "value", "subject"),
    [
        ("it", "Chi spende di più in R&S è la Lombardia, che assorbe da sola il 20,6% della spesa italiana.", 20.6,
         "Lombardy"),
        ("es", "Cataluña concentra el 22,4% del gasto español en I+D, por detrás de Madrid.", 22.4, "Catalonia"),
        ("fr", "L'Occitanie réalise 11,9 % des dépenses françaises de R&D.", 11.9, "Occitania"),
        ("en", "In R&D, London accounts for 21% of the expenditure.", 21, "London"),
    ],
)  # fmt: skip
def test_a_share_of_the_spending_is_a_share_of_rd_expenditure(lang: str, text: str, value: float, subject: str) -> None:
    assert _facts(text, lang)[value] == ("rd_expenditure", subject)


def test_the_regions_listed_after_a_share_keep_its_metric() -> None:
    text = "La Lombardia assorbe il 20,6% della spesa italiana in R&S. Seguono il Lazio (13,9%) e il Veneto (8,9%)."
    facts = _facts(text, "it")
    assert facts[13.9] == ("rd_expenditure", "Lazio")
    assert facts[8.9] == ("rd_expenditure", "Veneto")


def test_a_share_of_spending_outside_a_text_about_rd_stays_unresolved() -> None:
    facts = _facts("La regione assorbe il 12% della spesa sanitaria nazionale.", "it")
    assert facts[12][0] is None
