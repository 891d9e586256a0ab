"""Which indicator a number is about: the nearest catalog name in its clause, else a nearby noun phrase.

Pure: no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from importlib import resources as importlib_resources

import regex
import yaml

from riso.extract.analysis import DocumentView, Sentence

__all__ = ["clause_distance", "metric_for"]

_BOUNDARY = regex.compile(r"(?<!\d),|,(?!\d)|[:，：、()（）]")
_STRONG_BOUNDARY = regex.compile(r"[;；]")
_PARAGRAPH = regex.compile(r"\n\s*\n")
_DIGIT_OR_BOUNDARY = regex.compile(r"[\d,;:，；：]")
_NOUN_NEXT = regex.compile(r"\s*\p{L}")
_WORDS_AFTER = regex.compile(r"^[\s\u00a0]*((?:[\p{L}\p{N}&+/'’-]+[\s\u00a0]*){1,4})")
_WORDS_BEFORE = regex.compile(r"((?:[\p{L}\p{N}&+/'’-]+[\s\u00a0]+){1,4})[\s\u00a0]*$")
_HAN_BEFORE = regex.compile(r"([\p{Han}A-Za-z&]{2,12})\s*$")
_HAN_AFTER = regex.compile(r"^\s*([\p{Han}]{1,8})")


def clause_distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans, plus a penalty for each clause boundary between them."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    if hi < lo:
        return 0
    weak_at, strong_at = _boundaries(text)  # positions found once per text: cost stays linear on one long line
    weak = bisect_left(weak_at, hi) - bisect_left(weak_at, lo)
    strong = bisect_left(strong_at, hi) - bisect_left(strong_at, lo)
    return (hi - lo) + 40 * weak + 100 * strong


_BOUNDARY_CACHE: dict[str, tuple[list[int], list[int]]] = {}


def _boundaries(text: str) -> tuple[list[int], list[int]]:
    found = _BOUNDARY_CACHE.get(text)
    if found is None:
        if len(_BOUNDARY_CACHE) > 64:
            _BOUNDARY_CACHE.clear()
        found = ([m.start() for m in _BOUNDARY.finditer(text)], [m.start() for m in _STRONG_BOUNDARY.finditer(text)])
        _BOUNDARY_CACHE[text] = found
    return found


def _indicator_mentions(view: DocumentView, sentence: Sentence) -> list:  # type: ignore[type-arg]
    if sentence.start not in view._indicators:
        view._indicators[sentence.start] = view.catalog.find_indicators(sentence.text, sentence.language)
    return view._indicators[sentence.start]


def _fallback_text(sentence: Sentence, start: int, end: int, unit: str | None) -> str | None:
    s = sentence.text
    if sentence.pats.res.is_cjk:
        before = _HAN_BEFORE.search(s[:start])
        after = _HAN_AFTER.match(s[end:])
        found = before.group(1) if before else (after.group(1) if after else None)
        return str(found) if found else None
    if unit == "count" or unit is None:
        after = _WORDS_AFTER.match(s[end:])
        if after:
            return str(after.group(1)).strip()
    before = _WORDS_BEFORE.search(s[:start])
    return str(before.group(1)).strip() if before else None


def _own_mentions(sentence: Sentence, mentions: list, start: int, end: int) -> list:  # type: ignore[type-arg]
    """Mentions not owned by another number: a name after a later number of a list is that number's
    ("3% by 2027, 150 national innovation platforms by 2027": the platforms are the 150's)."""
    others = [q for q in sentence.scan.quantities if q.number_start >= end]
    if not others:
        return mentions
    return [m for m in mentions if m.start < end or not any(q.end <= m.start for q in others)]


def metric_for(
    view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None, *, prefer: str | None = None
) -> tuple[str | None, str | None]:
    """Catalog indicator id (or None) and the surface form for a value at [start, end) of the sentence."""
    found, surface = _metric_for(view, sentence, start, end, unit, prefer=prefer)
    return _variant(view, sentence, found, end, unit), surface


@cache
def _cue_words(code: str, key: str) -> tuple[str, ...]:
    path = importlib_resources.files("riso.extract").joinpath("lang", "subjects", f"{code}.yaml")
    if not path.is_file():
        return ()
    return tuple(str(w).casefold() for w in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or [])


def _variant(
    view: DocumentView, sentence: Sentence, indicator_id: str | None, end: int, unit: str | None
) -> str | None:
    """A percentage beside a money indicator: its share of GDP ("3 % des BIP" -> R&D intensity), a share of a
    total (kept), else its growth ("+5 %" -> R&D expenditure growth), where the catalog has that variant."""
    if indicator_id is None or unit not in ("%", "pp"):
        return indicator_id
    try:
        if not view.catalog.indicator(indicator_id).unit.startswith(_MONEY):
            return indicator_id
        derived = view.catalog.derived  # type: ignore[attr-defined]
    except Exception:
        return indicator_id
    text = sentence.text
    stop = _STRONG_BOUNDARY.search(text, end)
    after = text[end : stop.start() if stop else min(len(text), end + 60)][:60].casefold()
    around = text[max(0, end - 80) : end + 60].casefold()
    if any(w in after for w in _cue_words(sentence.language, "gdp_words")):
        return derived(indicator_id, "gdp_share") or indicator_id
    if any(w in around for w in _cue_words(sentence.language, "share_words")):
        return indicator_id
    return derived(indicator_id, "growth") or indicator_id


def _metric_for(
    view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None, *, prefer: str | None = None
) -> tuple[str | None, str | None]:
    mentions = _indicator_mentions(view, sentence)
    if unit == "count" and not sentence.pats.res.is_cjk:
        # a counted noun follows its number ("9 Städte"); else the name comes before ("Zahl der ... auf 20.000")
        text = sentence.text
        after = [m for m in mentions if 0 <= m.start - end <= 30 and not _DIGIT_OR_BOUNDARY.search(text, end, m.start)]
        if after:
            return after[0].id, after[0].surface
        mentions = [m for m in mentions if m.end <= start]
        if _NOUN_NEXT.match(text, end) and not mentions:
            return None, _fallback_text(sentence, start, end, unit)
    best, best_d = None, 160
    for m in _own_mentions(sentence, mentions, start, end):
        d = clause_distance(sentence.text, (m.start, m.end), (start, end))
        if prefer is not None:
            try:
                if view.catalog.indicator(m.id).kind == prefer:
                    d -= 30
            except Exception:
                pass
        if d < best_d:
            best, best_d = m, d
    if best is not None:
        return best.id, best.surface
    carried = _carried(view, sentence, start, end, unit, prefer)
    if carried is not None:
        return carried.id, carried.surface
    return None, _fallback_text(sentence, start, end, unit)


_MONEY = ("CNY", "EUR", "USD", "GBP", "CHF", "JPY")


def _fits(view: DocumentView, indicator_id: str, unit: str | None, prefer: str | None) -> bool:
    """Whether a carried indicator can be the metric of a value in ``unit``: money to money, a rank to any,
    a percentage to a percentage indicator, a count to a count indicator."""
    try:
        ind = view.catalog.indicator(indicator_id)
    except Exception:
        return False
    if prefer == "rank" or unit == "rank":
        return True
    if unit is None:
        return False
    wanted_money, have_money = unit.startswith(_MONEY), ind.unit.startswith(_MONEY)
    if wanted_money or have_money:
        return wanted_money and have_money
    if unit in ("%", "pp", "percentage points", "‰"):
        return ind.unit in ("%", "pp", "‰")
    if unit.startswith(("count", "person")):
        return ind.unit.startswith(("count", "person"))
    if unit in ("score", "points"):
        return ind.kind == "score"
    return False


def _carried(view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None, prefer: str | None):  # type: ignore[no-untyped-def]
    """A metric named farther away: the nearest fitting mention of the sentence, else the last one of the
    paragraph's previous sentences ("… R&D intensity of 3.4 %. Israel (5.6 %) and Korea (4.9 %) lead.")."""
    mentions = [m for m in _indicator_mentions(view, sentence) if _fits(view, m.id, unit, prefer)]
    if mentions:
        return min(mentions, key=lambda m: clause_distance(sentence.text, (m.start, m.end), (start, end)))
    text = view.document.text
    index = next((i for i, s in enumerate(view.sentences) if s is sentence), -1)
    for earlier in reversed(view.sentences[max(index - 3, 0) : max(index, 0)]):
        if _PARAGRAPH.search(text, earlier.end, sentence.start):
            break
        fitting = [m for m in _indicator_mentions(view, earlier) if _fits(view, m.id, unit, prefer)]
        if fitting:
            return fitting[-1]
    return None
