"""Figures stated in a text, normalised across languages ("20.000" = "20 000" = "20,000" = "2万").

Pure: the scale words come from ``scales.yaml`` beside this module, read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
import yaml

__all__ = ["Figure", "figures", "format_number", "scale_words"]

# A grouped integer ("20.000", "20 000", "20,000", "1.234.567") or plain digits, then an optional
# decimal part ("3,5", "2.75"). A group separator must be followed by exactly three digits; anything
# else after "," or "." is a decimal part. Ambiguous "1,500" reads as 1500 in every language.
_NUMBER = regex.compile(
    r"(?<![\p{N}.,])(?<!(?!\p{Han})\p{L})"
    r"(?P<int>\p{Nd}{1,3}(?:[.,\u00a0\u202f\u2009 ]\p{Nd}{3})+(?!\p{Nd})|\p{Nd}+)"
    r"(?:[.,](?P<dec>\p{Nd}+))?"
)
_AFTER = regex.compile(r"[\s\u00a0\u202f]*(?P<word>%|％|\p{Han}{1,2}|\p{L}+\.?)")


@dataclass(frozen=True)
class Figure:
    """A number as stated: its value, whether it is a percentage, a year, and its text span."""

    value: float
    percent: bool
    year: bool
    start: int
    end: int


@lru_cache(maxsize=1)
def scale_words() -> tuple[frozenset[str], dict[str, float]]:
    """The percent signs and the scale words of every language (lower case) with their factors."""
    raw = yaml.safe_load((resources.files("riso.link") / "scales.yaml").read_text(encoding="utf-8"))
    scales: dict[str, float] = {}
    for words in raw["scales"].values():
        for word, factor in words.items():
            scales.setdefault(str(word).lower(), float(factor))
    return frozenset(raw["percent"]), scales


def _scale_after(
    text: str, pos: int, percent_signs: frozenset[str], scales: dict[str, float]
) -> tuple[float, bool, int]:
    """Multiply by the scale words that follow ``pos``; report a percent sign; return the new end."""
    factor, percent, end = 1.0, False, pos
    for _ in range(3):
        match = _AFTER.match(text, end)
        if not match:
            break
        word = match.group("word")
        if word in percent_signs:
            return factor, True, match.end()
        key = word.lower().rstrip(".")
        if key not in scales:
            # a CJK match may hold the scale sign then a counter word ("万家"): try its first sign
            if len(word) == 2 and word[0] in scales:
                return factor * scales[word[0]], False, match.start("word") + 1
            break
        factor *= scales[key]
        end = match.end()
    return factor, percent, end


def figures(text: str) -> list[Figure]:
    """Every number in the text with its scale and percent sign applied, in text order."""
    percent_signs, scales = scale_words()
    out: list[Figure] = []
    for match in _NUMBER.finditer(text):
        digits = regex.sub(r"[^\p{Nd}]", "", match.group("int"))
        try:
            value = float(int(digits))
            if match.group("dec"):
                value += float("0." + match.group("dec"))
        except ValueError:  # digits of a script int() does not read
            continue
        factor, percent, end = _scale_after(text, match.end(), percent_signs, scales)
        plain = factor == 1.0 and not percent and not match.group("dec")
        grouped = len(digits) != len(match.group("int"))
        year = plain and not grouped and 1900 <= value <= 2100
        out.append(Figure(value * factor, percent, year, match.start(), max(end, match.end())))
    return out


def format_number(value: float) -> str:
    """A canonical spelling of a value, equal for equal numbers ("20000", "3.5", "1.2e+11")."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"
