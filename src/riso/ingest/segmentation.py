"""Paragraph and sentence segmentation: fast, rule-based, with per-language rules from ingest/lang/*.yaml.

Pure functions of the text; offsets always index the normalised document text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from riso.ingest.resources import LanguageRules, language_rules
from riso.model import Segment

__all__ = ["cap_sentences", "split_paragraphs", "split_sentences"]

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


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\u3000" < char <= "\u303f"


def _width(text: str, start: int, end: int) -> int:
    """Display width of a line: full-width characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[start:end])


def _runs_on(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether line ``i`` ends inside a CJK sentence that the next line continues: no 。！？； nor colon at its end,
    CJK text (or a number) on both sides of the break."""
    start, end, nxt_start = lines[i][0], lines[i][1], lines[i + 1][0]
    if "\t" in text[start:end] or "  " in text[start:end]:
        return False  # columns of a table row, not a wrapped sentence
    last, first = text[end - 1], text[nxt_start]
    if last in _CJK_END or last in ":：!?" or not (_is_cjk(last) or last.isdigit()):
        return False
    return (_is_cjk(first) or (first.isdigit() and _is_cjk(last))) and first not in _CJK_END


_WRAP_MIN_WIDTH = 16  # eight CJK characters: no text is wrapped narrower
_WRAP_SHARE = 0.8


def _joined(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines with each CJK sentence wrapped across lines joined back into one span (extracted web and PDF text
    breaks Chinese sentences at the page width: a line break inside a sentence does not end it). A wrapped line
    fills the width the text is wrapped at (the median of the lines that run on; two at least) and the width of
    its neighbours: a short line that runs on is a title or a heading, not part of the next sentence."""
    inside = [i for i in range(len(lines) - 1) if _runs_on(text, lines, i)]
    if len(inside) < 2:
        return lines
    widths = [_width(text, s, e) for s, e in lines]
    wrap = sorted(widths[i] for i in inside)[len(inside) // 2]
    wraps = {
        i
        for i in inside
        if widths[i] >= max(_WRAP_MIN_WIDTH, _WRAP_SHARE * wrap)
        and widths[i] >= _WRAP_SHARE * max(widths[j] for j in (i - 1, i + 1) if j >= 0)
    }
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        while i in wraps:
            i += 1
            end = lines[i][1]
        out.append((start, end))
        i += 1
    return out


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines when the text has them, else its lines (a Chinese sentence
    wrapped across lines stays one paragraph)."""
    blocks = "\n\n" in text
    separator = _BLANK_LINE if blocks else _LINE
    out = []
    for start, end in _spans(text, separator):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out if blocks or len(out) < 2 else _joined(text, out)


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


def _number_runs(text: str, longest: int) -> list[tuple[int, int]]:
    """Runs of digits (with their separators) longer than ``longest`` characters: no number is that long."""
    return [m.span() for m in re.finditer(rf"[0-9][0-9.,'’]{{{longest},}}", text)]


def _cut_long(text: str, start: int, end: int, longest: int) -> list[tuple[int, int]]:
    """A span cut into pieces of at most ``longest`` characters, at the last space before each cut."""
    out = []
    while end - start > longest:
        cut = text.rfind(" ", start + longest // 2, start + longest)
        cut = cut + 1 if cut > start else start + longest
        out.append((start, cut))
        start = cut
    if end > start:
        out.append((start, end))
    return out


def cap_sentences(
    text: str, sentences: Sequence[Segment], *, max_chars: int, max_number_run: int
) -> tuple[tuple[Segment, ...], list[str]]:
    """Sentences bounded for extraction, and notes on what was changed.

    A sentence longer than ``max_chars`` is split at spaces (extraction works per sentence, so its cost
    stays linear in the text); a run of digits longer than ``max_number_run`` is left out of every
    sentence, so it is kept in the text but not read for facts.
    """
    runs = _number_runs(text, max_number_run)
    out: list[Segment] = []
    split = 0
    run_index = 0
    for sentence in sentences:
        pieces = [(sentence.start, sentence.end)]
        while run_index < len(runs) and runs[run_index][1] <= sentence.start:
            run_index += 1
        inside = []
        j = run_index
        while j < len(runs) and runs[j][0] < sentence.end:
            inside.append(runs[j])
            j += 1
        if inside:
            pieces, cursor = [], sentence.start
            for run_start, run_end in inside:
                if run_start > cursor:
                    pieces.append((cursor, run_start))
                cursor = max(cursor, run_end)
            if cursor < sentence.end:
                pieces.append((cursor, sentence.end))
        for start, end in pieces:
            cut = _cut_long(text, start, end, max_chars)
            split += len(cut) > 1
            out.extend(Segment.model_construct(start=s, end=e, language=sentence.language) for s, e in cut)
    notes = []
    if split:
        notes.append(f"{split} sentence(s) longer than {max_chars} characters were split at spaces for extraction")
    if runs:
        notes.append(
            f"{len(runs)} run(s) of more than {max_number_run} digits (the first at character {runs[0][0]}) "
            "were kept in the text but not read for facts"
        )
    return tuple(out), notes
