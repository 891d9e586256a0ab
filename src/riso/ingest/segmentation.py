"""Paragraph and sentence segmentation: fast, rule-based, with per-language rules from ingest/lang/*.yaml.

Pure functions of the text; offsets always index the normalised document text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from riso.ingest.resources import LanguageRules, language_rules
from riso.model import Segment

__all__ = ["split_paragraphs", "split_sentences"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
# Latin sentence ends need whitespace after them; CJK ends do not.
_CLOSERS = "\"'»”’)]」』）"
_CLOSE = re.escape(_CLOSERS)
_CANDIDATE = re.compile(rf"[.!?…]+[{_CLOSE}]*(?=\s)|[。！？；]+[{_CLOSE}]*")
_OPENERS = "([{\"'„“«‘‚"
_CJK_END = frozenset("。！？；")


def _spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in separator.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines when the text has them, else its lines."""
    separator = _BLANK_LINE if "\n\n" in text else _LINE
    out = []
    for start, end in _spans(text, separator):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _token_before(text: str, dot: int, floor: int) -> str:
    """The word that ends at ``dot``, without opening brackets or quotes, lower-cased."""
    i = dot
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return text[i:dot].lstrip(_OPENERS).lower()


def _is_boundary(text: str, match: re.Match[str], sentence_start: int, end: int, rules: LanguageRules) -> bool:
    marks = match.group()
    if marks[0] in _CJK_END:
        return True
    nxt = match.end()
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    follower = text[nxt]
    if follower.islower():
        return False
    if marks[0] != "." or len(marks.rstrip(_CLOSERS)) > 1:
        return True
    token = _token_before(text, match.start(), sentence_start)
    if not token:
        return True
    if token in rules.abbreviations:
        return False
    if token in rules.final_abbreviations:
        return True
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. Smith", "z. B."
    if token.isdigit():
        first_token = text[sentence_start : match.start()].strip() == token
        if first_token:
            return False  # list numbering: "1. Heiße Themen"
        if rules.ordinal_dot and len(token) <= 2:
            return False  # German ordinals: "am 12. März"
    return True


def _sentences_in(text: str, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    out = []
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if match.end() <= sentence_start:
            continue
        if _is_boundary(text, match, sentence_start, end, rules):
            out.append((sentence_start, match.end()))
            nxt = match.end()
            while nxt < end and text[nxt].isspace():
                nxt += 1
            sentence_start = nxt
    if sentence_start < end:
        out.append((sentence_start, end))
    return out


def split_sentences(text: str, paragraphs: Sequence[Segment]) -> tuple[Segment, ...]:
    """Sentences of each paragraph, in order, each tagged with its paragraph's language."""
    out: list[Segment] = []
    for para in paragraphs:
        rules = language_rules(para.language)
        for s, e in _sentences_in(text, para.start, para.end, rules):
            out.append(Segment.model_construct(start=s, end=e, language=para.language))  # valid by construction
    return tuple(out)
