"""A head of government's full name that holds a region's adjective is the person, not the adjective: "Pere
Aragonès" led Catalonia, "aragonés" is Aragon's adjective (sentences written for this test)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


@pytest.mark.parametrize(
    ("lang", "text", "value", "subject"),
    [
        ("es", "El centro fue anunciado por el entonces presidente Pere Aragonès. El proyecto arrancará con una "
               "aportación inicial de 5 millones de euros.", 5, "Catalonia"),
        ("en", "The plan was presented by Pere Aragonès in 2023. It starts with an initial grant of 7 million "
               "euros.", 7, "Catalonia"),
        # the adjective alone still names its region
        ("es", "La inversión aragonesa en I+D alcanzó el 0,9 % del PIB en 2022.", 0.9, "Aragon"),
    ],
)  # fmt: skip
def test_a_leaders_name_is_not_the_adjective_inside_it(lang: str, text: str, value: float, subject: str) -> None:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    facts = [f for f in extract(doc) if f.value == value]
    assert facts and facts[0].subject is not None, facts
    assert facts[0].subject.name == subject
