"""Number parsing per locale: digits with group and decimal separators, number words, Chinese numerals.

Pure: no I/O.
"""

from __future__ import annotations

import unicodedata

import cn2an
from text_to_num import text2num

from riso.errors import ExtractError
from riso.extract.resources import LanguageResources, load_language

__all__ = ["parse_chinese_numeral", "parse_number", "parse_number_text", "parse_number_words"]

_SPACES = " \u00a0\u202f\u2009'"


def parse_chinese_numeral(text: str, res: LanguageResources) -> int | None:
    """Value of a Chinese numeral such as 六, 十二, 两百零五, 一万; None when it is not one (read by cn2an)."""
    if not text or not res.numeral_digits:
        return None
    if any(ch not in res.numeral_digits and ch not in res.numeral_units for ch in text):
        return None
    if len(text) == 1 and text in res.numeral_units:
        return res.numeral_units[text]  # "万家" (ten thousand firms): a unit word alone counts one of it
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value)


def parse_number_words(text: str, res: LanguageResources) -> float | None:
    """A number written in words ("twenty-seven", "dreiundzwanzig", "seis", "vingt et un"), read by text2num
    where it knows the language, else by the language file's words; None when it is no number."""
    key = " ".join(text.split()).lower()
    if key in res.number_words:
        return float(res.number_words[key])
    if key in res.fractions:
        return res.fractions[key]
    if res.is_cjk or res.code not in _TEXT2NUM:
        return None
    try:
        return float(text2num(key, res.code))
    except ValueError:
        return None


_TEXT2NUM = {"de", "en", "es", "fr", "it"}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def _parse_digits(text: str, res: LanguageResources) -> float:
    raw = unicodedata.normalize("NFKC", text.strip()).translate(_FULL_WIDTH)
    for sp in _SPACES:  # space-like group marks are never decimal marks
        raw = raw.replace(sp, "")
    has_dot, has_comma = "." in raw, "," in raw
    if has_dot and has_comma:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        group = "," if decimal == "." else "."
        return float(raw.replace(group, "").replace(decimal, "."))
    sep = "." if has_dot else "," if has_comma else ""
    if not sep:
        return float(raw)
    head, _, tail = raw.rpartition(sep)
    if raw.count(sep) > 1:  # several of one separator: they group thousands
        return float(raw.replace(sep, ""))
    if sep == res.decimal:
        return float(head.replace(sep, "") + "." + tail)
    if sep in res.group and len(tail) == 3:
        return float(head + tail)
    return float(head + "." + tail)  # a foreign decimal mark ("3.5" in a German text)


def parse_number_text(text: str, res: LanguageResources) -> float:
    """A number written in the language's style: digits, a number word or a numeral; raises ExtractError."""
    stripped = text.strip()
    word = res.number_words.get(stripped.lower())
    if word is not None:
        return float(word)
    ordinal = res.ordinal_words.get(stripped.lower())
    if ordinal is not None:
        return float(ordinal)
    numeral = parse_chinese_numeral(stripped, res)
    if numeral is not None:
        return float(numeral)
    digits = stripped
    for suffix in sorted(res.ordinal_suffixes, key=len, reverse=True):
        if digits.lower().endswith(suffix.lower()) and digits[: -len(suffix)].strip()[-1:].isdigit():
            digits = digits[: -len(suffix)]
            break
    try:
        return _parse_digits(digits, res)
    except ValueError as err:
        raise ExtractError(
            f"cannot read {text!r} as a number in {res.code}",
            hint="Pass digits with the language's separators, or a number word listed in its language file.",
        ) from err


def parse_number(text: str, lang: str) -> float:
    """A number as written in language ``lang`` ("20.000" de -> 20000, "3,5" -> 3.5, "六" zh -> 6)."""
    return parse_number_text(text, load_language(lang))
