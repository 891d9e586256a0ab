"""Sentences written for these tests. A goal noun's own value in a report sentence ("lejos del objetivo del 3%")
is a target, not that year's measurement; a bare percentage of R&D spending after a level verb ("representó el
1,25%") is R&D intensity, not a growth rate."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, lang: str) -> dict[float, Fact]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return {f.value: f for f in extract(doc) if f.kind in ("target", "measurement") and f.value is not None}


@pytest.mark.parametrize(
    ("lang", "text", "level", "goal"),
    [
        ("es", "En 2019 la inversión en I+D representó el 1,25%, lejos del objetivo del 3%.", 1.25, 3),
        ("it", "Nel 2020 l'Italia si è fermata all'1,5%, lontana dall'obiettivo del 3%.", 1.5, 3),
        ("fr", "En 2021, la France est restée à 2,2 %, loin de l'objectif de 3 %.", 2.2, 3),
        ("en", "In 2021 the UK spent 1.7%, well short of the target of 2.4%.", 1.7, 2.4),
        ("de", "2021 lag die Quote bei 3,1 Prozent, unter dem Ziel von 3,5 Prozent.", 3.1, 3.5),
    ],
)  # fmt: skip
def test_the_value_of_a_goal_named_in_a_report_is_a_target(lang: str, text: str, level: float, goal: float) -> None:
    facts = _facts(text, lang)
    assert facts[level].kind == "measurement" and facts[level].period is not None
    assert (facts[goal].kind, facts[goal].period, facts[goal].deadline) == ("target", None, None)


def test_a_goal_restated_after_its_statement_is_one_fact() -> None:
    text = (
        "El Gobierno quiere alcanzar el objetivo de una inversión del 3% del PIB en I+D en 2030. "
        "En 2019 la inversión en I+D apenas representó el 1,25%, lejos de ese objetivo del 3%."
    )
    doc = Document(id="test:es:restated-goal", source="test", text=text, language="es")
    threes = [f for f in extract(doc) if f.value == 3]
    assert [(f.kind, f.deadline) for f in threes] == [("target", 2030)]


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("es", "En 2019 la inversión en I+D representó el 1,25%, un nivel estable.", 1.25),
        ("it", "Nel 2019 la spesa in R&S rappresentava l'1,4%, un livello stabile.", 1.4),
        ("fr", "En 2019, la dépense intérieure de R&D représentait 2,2 %, un niveau stable.", 2.2),
    ],
)  # fmt: skip
def test_a_level_of_rd_spending_in_percent_is_its_intensity(lang: str, text: str, value: float) -> None:
    assert _facts(text, lang)[value].metric == "rd_intensity"
