"""A programme a figure is framed in ("se enmarca en el PERTE Chip", "rientra nel PNRR", "dans le cadre du plan
France 2030", "as part of the UK Chips Strategy", "im Rahmen des European Chips Act") is not its subject: the
region the passage is about keeps it (sentences written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


@pytest.mark.parametrize(
    ("lang", "text", "value", "subject"),
    [
        ("es", "El Gobierno catalán aprobó el nuevo centro de chips. El proyecto contará con una inversión de 250 "
               "millones de euros y se enmarca en el PERTE Chip.", 250, "Catalonia"),
        ("it", "La Regione Puglia ha presentato il nuovo polo tecnologico. Il progetto avrà una dotazione di 80 "
               "milioni di euro e rientra nel PNRR.", 80, "Apulia"),
        ("fr", "La Région Bretagne lance un nouveau programme de recherche. Il bénéficie d'une enveloppe de 40 "
               "millions d'euros dans le cadre du plan France 2030.", 40, "Brittany"),
        ("en", "Wales has launched a new semiconductor research centre. It will receive £60 million as part of the "
               "UK Chips Strategy.", 60, "Wales"),
        ("de", "Sachsen baut ein neues Halbleiterzentrum. Es erhält 90 Millionen Euro im Rahmen des European Chips "
               "Act.", 90, "Saxony"),
    ],
)  # fmt: skip
def test_the_framework_a_figure_belongs_to_is_not_its_subject(lang: str, text: str, value: float, subject: str) -> None:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    facts = [f for f in extract(doc) if f.value == value]
    assert facts and facts[0].subject is not None, facts
    assert facts[0].subject.name == subject
