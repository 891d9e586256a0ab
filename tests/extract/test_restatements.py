"""A value restated in a later sentence of the same subject, metric and year is one fact: the first statement."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        (
            "In the Global Innovation Index 2023, Japan ranked 13th. With its 13th place, Japan gained two places.",
            "en",
            13.0,
        ),
        (
            "Die Schweiz belegte im Global Innovation Index 2023 den ersten Platz. Auf dem ersten Platz liegt die "
            "Schweiz damit seit Jahren.",
            "de",
            1.0,
        ),
        ("2023年全球创新指数中,日本排名第13位。在这一排名中,日本位居第13位。", "zh", 13.0),
    ],
)
def test_a_rank_restated_later_is_one_fact(text: str, language: str, value: float) -> None:
    ranks = [f for f in _facts(text, language) if f.kind == "rank" and f.value == value]
    assert len(ranks) == 1
    assert ranks[0].start < min(i for i in (text.find("."), text.find("。")) if i >= 0)


def test_the_same_value_of_two_years_or_two_subjects_stays_two_facts() -> None:
    facts = _facts("Bayern lag 2021 auf Platz 2 des Rankings. Bayern lag 2022 wieder auf Platz 2 des Rankings.", "de")
    assert sorted(f.period or "" for f in facts if f.kind == "rank") == ["2021", "2022"]
    facts = _facts("Hessen lag 2022 auf Platz 4 des Rankings. Berlin lag 2022 auch auf Platz 4 des Rankings.", "de")
    assert len([f for f in facts if f.kind == "rank"]) == 2
