"""Figures normalised across languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riso.link.numbers import figures, format_number


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("20.000 Unternehmen", 20000, False),
        ("20 000 entreprises", 20000, False),
        ("20,000 firms", 20000, False),
        ("2万家", 20000, False),
        ("3 %", 3, True),
        ("3%", 3, True),
        ("3,5 %", 3.5, True),
        ("120 Milliarden Yuan", 120e9, False),
        ("1200亿元", 120e9, False),
        ("120 mil millones", 120e9, False),
        ("达到2236亿元", 223.6e9, False),
    ],
)
def test_numbers_normalise_across_languages(text: str, value: float, percent: bool) -> None:
    found = figures(text)
    assert found and found[0].value == pytest.approx(value) and found[0].percent is percent


def test_numbers_years_and_list_separators() -> None:
    found = figures("Bis 2027, 3 % und bis 2030 150 Plattformen")
    assert [(format_number(f.value), f.year) for f in found] == [
        ("2027", True),
        ("3", False),
        ("2030", True),
        ("150", False),
    ]


def test_numbers_ignore_digits_inside_latin_words() -> None:
    assert figures("G60 corridor, abc12") == []


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from([".", ",", " ", "\u00a0"]))
def test_numbers_grouped_integers_read_the_same_with_any_separator(n: int, sep: str) -> None:
    grouped = f"{n:,}".replace(",", sep)
    assert figures(f"about {grouped} units")[0].value == n


@given(st.text(max_size=200))
def test_numbers_never_crash_and_spans_are_in_range(text: str) -> None:
    for fig in figures(text):
        assert 0 <= fig.start < fig.end <= len(text)
