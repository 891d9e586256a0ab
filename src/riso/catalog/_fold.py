"""Text folding for catalog matching: case, diacritics, dashes, quotes and spaces, keeping offsets."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "key"]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u02bc\u00b4\u0060\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\uff02"
_SPACES = "\t\n\r\x0b\x0c\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    decomposed = unicodedata.normalize("NFD", lower)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        return decomposed[0]
    return lower


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ((0x41, 0x5A), (0xC0, 0x24F), (0x370, 0x4FF), (0x1E00, 0x1EFF)):
        for cp in range(lo, hi + 1):
            folded = _fold_char(chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII, common in Chinese text
        table[cp] = _fold_char(chr(cp - 0xFEE0))
    for chars, to in ((_DASHES, "-"), (_SINGLE_QUOTES, "'"), (_DOUBLE_QUOTES, '"'), (_SPACES, " ")):
        for char in chars:
            table[ord(char)] = to
    return table


_TABLE = _build_table()
# The same mapping as one string indexed by code point (the Basic Multilingual Plane; other characters stay as they
# are, as with the dict): str.translate then looks each character up without a KeyError for the unmapped ones.
_BMP = "".join(_TABLE.get(cp, chr(cp)) for cp in range(0x10000))
_NOISE = re.compile(r"[\s\-'\"\.,·・()（）/_]+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify dashes/quotes/spaces; the result has the same length."""
    return text.translate(_BMP)


def key(text: str) -> str:
    """A lookup key: folded, without spaces, hyphens, dots, quotes or brackets."""
    return _NOISE.sub("", fold(unicodedata.normalize("NFC", text)))
