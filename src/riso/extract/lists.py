"""Lists in a sentence: one value shared by several subjects or years, and names listed in an order.

"Aragón y Castilla y León (-5,3 %)", "Sweden, Austria and Germany spent more than 3 %" give one fact per name;
"0,38 % en 2014 y 2015" one per year; "Son, por este orden, el País Vasco, Madrid y Cataluña", 依次为 rank each
name 1..n. The words that join list members (`list_joins`) and announce an order (`order_cues`) are language
data. Pure: no I/O.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from riso.extract.analysis import DocumentView, Sentence
from riso.extract.patterns import alternation, patterns_for
from riso.extract.subjects import Candidate, candidates
from riso.model import Fact, Subject

__all__ = ["drop_restated", "ordered_names", "share_values"]

_ARTICLES = r"(?:the|der|die|das|dem|den|la|le|les|l['’]|el|los|las|il|lo|gli|i)"
_ARTICLE_ONLY = regex.compile(rf"(?<![\p{{L}}]){_ARTICLES}(?![\p{{L}}])", regex.IGNORECASE)
_REACH = 40  # the most text between the last name of a list and the value it shares
_STOP = regex.compile(r"(?<!\d)[,，;；:：。](?!\d)|[.]\s")
_BRACKET_OPEN = regex.compile(r"\s*[(（]")


@cache
def _join(code: str) -> regex.Pattern[str]:
    """What may stand between two members of a list: a comma or 、 and a joining word, an article."""
    res = patterns_for(code).res
    words = res.words("list_joins")
    join = alternation(words, res) if words else "(?!)"
    if res.is_cjk:
        return regex.compile(rf"\s*(?:[、，,]|{join})\s*")
    return regex.compile(rf"\s*(?:,\s*)?(?:(?:{join})\s+)?(?:{_ARTICLES}\s*)?", regex.IGNORECASE)


@cache
def _respectively(code: str) -> regex.Pattern[str] | None:
    res = patterns_for(code).res
    words = res.words("respectively_cues")
    return regex.compile(alternation(words, res), regex.IGNORECASE) if words else None


def _subject_of(view: DocumentView, c: Candidate) -> Subject | None:
    return Subject(id=None, name=c.name) if c.name else view.subject(c.id)


def _same(a: Subject | None, b: Subject | None) -> bool:
    return a is not None and b is not None and (a.id or a.name) == (b.id or b.name)


def _chain(view: DocumentView, sentence: Sentence, last: Candidate) -> list[Candidate]:
    """The list of names that ends with ``last``: members joined by commas and joining words only."""
    found = [c for c in candidates(view, sentence) if not c.deictic and not c.world and not c.compared]
    before = sorted((c for c in found if c.end <= last.start), key=lambda c: c.start)
    chain, join = [last], _join(sentence.language)
    for c in reversed(before):
        gap = sentence.text[c.end : chain[0].start]
        if not gap.strip() or not join.fullmatch(gap):
            break
        chain.insert(0, c)
    return chain if len(chain) > 1 and _joined(sentence, chain) else [last]


def _joined(sentence: Sentence, chain: list[Candidate]) -> bool:
    """Whether the list's last two members are joined by a word ("A, B y C"), not by a comma only."""
    gap = sentence.text[chain[-2].end : chain[-1].start]
    return bool(_ARTICLE_ONLY.sub("", gap).strip(" ,、，")) or sentence.pats.res.is_cjk


def _shares(sentence: Sentence, chain_end: int, value_start: int) -> bool:
    """Whether the value right after a list is the whole list's: a bracket after it ("Aragón y Castilla y León
    (-5,3 %)") or a short phrase without a clause boundary, another number or 'respectively' between."""
    text = sentence.text
    between = text[chain_end:value_start]
    if len(between) > _REACH or _STOP.search(between):
        return False
    if any(chain_end <= q.start < value_start for q in sentence.scan.quantities):
        return False
    respectively = _respectively(sentence.language)
    return respectively is None or respectively.search(text, chain_end) is None


def _owner(view: DocumentView, sentence: Sentence, fact: Fact, start: int) -> Candidate | None:
    """The candidate the fact's subject was read from: the nearest one before the value that names it."""
    named = [c for c in candidates(view, sentence) if c.end <= start and _same(_subject_of(view, c), fact.subject)]
    return max(named, key=lambda c: c.end) if named else None


def _copy(fact: Fact, **update: object) -> Fact:
    data = fact.model_dump()
    data.update(update, id="")
    return Fact(**data)


def share_values(view: DocumentView, sentence: Sentence, facts: list[Fact]) -> list[Fact]:
    """The facts with one more fact for each other name of a list that shares a value, and for each other year
    of a list of years ("en 2014 y 2015")."""
    out: list[Fact] = []
    facts = _paired(view, sentence, [_relative(view, sentence, _signed(sentence, f)) for f in facts])
    for fact in facts:
        out.append(fact)
        start = fact.start - sentence.start
        owner = _owner(view, sentence, fact, start) if fact.unit != "rank" else None  # a place is no one else's
        if owner is not None and _shares(sentence, owner.end, start):
            for c in _chain(view, sentence, owner)[:-1]:
                subject = _subject_of(view, c)
                if subject is not None and not _same(subject, fact.subject):
                    out.append(_copy(fact, subject=subject, start=sentence.start + c.start))
        out.extend(_year_copies(sentence, fact, start))
    return out


@cache
def _relative_pattern(code: str) -> regex.Pattern[str] | None:
    """A name's relative clause opening: ", que", ", which", ", che" (after an optional bracket)."""
    res = patterns_for(code).res
    words = res.words("relative_pronouns")
    if not words:
        return None
    return regex.compile(r"\s*(?:[(（][^()（）]{0,40}[)）]\s*)?,\s*" + alternation(words, res), regex.IGNORECASE)


def _relative(view: DocumentView, sentence: Sentence, fact: Fact) -> Fact:
    """A value in a name's relative clause is that name's: "Perú, que cae 11 puestos hasta el 76º y Guatemala
    (…), que baja 12 escalones" gives Perú -11 and 76, Guatemala -12."""
    pattern = _relative_pattern(sentence.language)
    if pattern is None:
        return fact
    start, text = fact.start - sentence.start, sentence.text
    found = [c for c in candidates(view, sentence) if not c.deictic and not c.world]
    owner = None
    for c in found:
        m = pattern.match(text, c.end)
        if m is None or m.end() > start:
            continue
        if any(m.end() <= o.start < start for o in found) or _STRONG.search(text, m.end(), start):
            continue
        owner = c
    subject = _subject_of(view, owner) if owner is not None else None
    if subject is None or _same(subject, fact.subject):
        return fact
    return _copy(fact, subject=subject)


_STRONG = regex.compile(r"[;；。]|\.\s")
_SIGNED_UNITS = ("%", "pp", "ranks")
_ITEM_BRACKET = regex.compile(r"[(（][^()（）\d]{0,16}$")


@cache
def _heads(code: str) -> tuple[regex.Pattern[str], regex.Pattern[str]] | None:
    res = patterns_for(code).res
    decline, rise = res.words("decline_heads"), res.words("rise_heads")
    if not decline:
        return None
    flags = regex.IGNORECASE
    return regex.compile(alternation(decline, res), flags), regex.compile(alternation(rise, res), flags)


def _signed(sentence: Sentence, fact: Fact) -> Fact:
    """A bracketed item of a list that a decline verb governs is a decline: "descendieron … Extremadura (10 %),
    Aragón (5,3 %)" gives -10 and -5.3. The nearest direction word before the item decides ("aumentaron …
    Andalucía (5,8 %), mientras que … redujeron … Extremadura (10 %)")."""
    heads = _heads(sentence.language)
    if heads is None or fact.value is None or fact.value <= 0 or fact.unit not in _SIGNED_UNITS:
        return fact
    text, start = sentence.text, fact.start - sentence.start
    if not _ITEM_BRACKET.search(text, max(0, start - 17), start):
        return fact
    lo = max((m.end() for m in regex.finditer(r"[;；。]", text[:start])), default=0)
    decline = [m.end() for m in heads[0].finditer(text, lo, start)]
    rise = [m.end() for m in heads[1].finditer(text, lo, start)]
    if decline and (not rise or max(decline) > max(rise)):
        return _copy(fact, value=-fact.value)
    return fact


def _paired(view: DocumentView, sentence: Sentence, facts: list[Fact]) -> list[Fact]:
    """ "respectively", 分别: a list of names or of years written before or after a list of values of the same
    length pairs with it in order ("Israel and Korea spent 4.9 % and 4.5 % respectively", "66, 60 and 57 in 2016,
    2017 and 2018 respectively")."""
    respectively = _respectively(sentence.language)
    if respectively is None or len(facts) < 2 or respectively.search(sentence.text) is None:
        return facts
    values = sorted((f for f in facts if f.unit not in (None, "")), key=lambda f: f.start)
    if len(values) < 2:
        return facts
    first, last = values[0].start - sentence.start, values[-1].end - sentence.start
    found = [c for c in candidates(view, sentence) if not c.deictic and not c.world]
    names = _run([c for c in found if c.end <= first], sentence, backwards=True)
    periods = [t for t in sentence.scan.temporals if t.kind == "period" and t.year is not None]
    years = _run([t for t in periods if t.start >= last], sentence, backwards=False)
    if len(years) != len(values):  # "lag 2019, 2020 und 2021 bei 2,9, 3,1 bzw. 3,2 %": the years come first
        before = _run([t for t in periods if t.end <= first], sentence, backwards=True)
        years = before if len(before) == len(values) else years
    update: dict[str, dict[str, object]] = {}
    if len(names) == len(values):
        for c, f in zip(names, values, strict=True):
            update.setdefault(f.id, {})["subject"] = _subject_of(view, c)
        dated = {f.period for f in values if f.period}
        if len(periods) == 1 and len(dated) == 1 and len(years) != len(values):
            for f in values:  # "Austria and Sweden spent 3.2 % and 3.5 % in 2021, respectively": one year for all
                update.setdefault(f.id, {})["period"] = next(iter(dated))
    if 1 < len(years) < len(values):  # "ranked 9th in 2019, followed by 8, 7 and 6 in 2020, 2021 and 2022": the
        tail = values[-len(years) :]  # years pair with the run of values right before them
        join = _join(sentence.language)
        gaps = [sentence.text[a.end - sentence.start : b.start - sentence.start] for a, b in pairwise(tail)]
        if all(g.strip() and join.fullmatch(g) for g in gaps):
            values = tail
    if len(years) == len(values):
        for t, f in zip(years, values, strict=True):
            update.setdefault(f.id, {})["period"] = t.period
    return [_copy(f, **update[f.id]) if f.id in update else f for f in facts]


def _run(items: list, sentence: Sentence, *, backwards: bool) -> list:  # type: ignore[type-arg]
    """The items that follow each other joined by list words only: the last run before a point, or the first
    after it."""
    if not items:
        return []
    join, text = _join(sentence.language), sentence.text
    items = sorted(items, key=lambda x: x.start)
    run = [items[-1]] if backwards else [items[0]]
    seq = reversed(items[:-1]) if backwards else iter(items[1:])
    for it in seq:
        gap = text[it.end : run[0].start] if backwards else text[run[-1].end : it.start]
        if not gap.strip() or not join.fullmatch(gap):
            break
        if backwards:
            run.insert(0, it)
        else:
            run.append(it)
    return run if len(run) > 1 else []


def _year_copies(sentence: Sentence, fact: Fact, start: int) -> list[Fact]:
    """ "0,38 % en 2014 y 2015": the value's period is followed by more years joined to it: one fact per year."""
    respectively = _respectively(sentence.language)
    if fact.kind == "target" or not fact.period or (respectively and respectively.search(sentence.text)):
        return []
    periods = [t for t in sentence.scan.temporals if t.kind == "period" and t.year is not None]
    own = next((t for t in periods if t.period == fact.period and t.start >= fact.end - sentence.start), None)
    if own is None or _STOP.search(sentence.text, fact.end - sentence.start, own.start):
        return []
    join, out, last = _join(sentence.language), [], own
    for t in periods:
        if t.start < last.end:
            continue
        if not join.fullmatch(sentence.text, last.end, t.start) or not sentence.text[last.end : t.start].strip():
            break
        out.append(_copy(fact, period=t.period, end=sentence.start + t.end))
        last = t
    del start
    return out


def ordered_names(view: DocumentView, sentence: Sentence) -> list[tuple[Candidate, int]]:
    """Names listed after an order cue ("por este orden", "in dieser Reihenfolge", 依次为), each with its place."""
    cue = _order_cue(sentence.language)
    if cue is None:
        return []
    return [item for m in cue.finditer(sentence.text) for item in _ordered_after(view, sentence, m)]


def _ordered_after(view: DocumentView, sentence: Sentence, m: regex.Match[str]) -> list[tuple[Candidate, int]]:
    """The names listed right after one order cue, each with its place."""
    found = sorted(
        (c for c in candidates(view, sentence) if c.start >= m.end() and not c.deictic and not c.world),
        key=lambda c: c.start,
    )
    if not found:
        return []
    join, text = _join(sentence.language), sentence.text
    listed = [found[0]]
    for c in found[1:]:
        gap = _skip_bracket(text, listed[-1].end, c.start)
        if not join.fullmatch(text, gap, c.start):
            break
        listed.append(c)
    lead = text[m.end() : listed[0].start]
    if len(listed) < 2 or len(lead) > _REACH or regex.search(r"[.;；。]", lead):
        return []
    return [(c, i) for i, c in enumerate(listed, 1)]


def _skip_bracket(text: str, pos: int, limit: int) -> int:
    """The end of a bracket right after a listed name ("苏州(39.37%)、南京"), else the position itself."""
    opened = _BRACKET_OPEN.match(text, pos)
    if opened is None:
        return pos
    closed = regex.compile(r"[)）]").search(text, opened.end(), limit)
    return closed.end() if closed else pos


@cache
def _order_cue(code: str) -> regex.Pattern[str] | None:
    res = patterns_for(code).res
    words = res.words("order_cues")
    return regex.compile(alternation(words, res), regex.IGNORECASE) if words else None


def _decimals(value: float) -> int:
    return len(f"{value:.6f}".rstrip("0").split(".")[1])


def _rounder(bound: float, exact: float) -> bool:
    """Whether ``bound`` is ``exact`` rounded down to fewer decimals (3 for 3.09, 1000 for 1025.8, 1,4 for 1,49)."""
    return bound < exact <= bound * 1.15 and _decimals(bound) < _decimals(exact)


def drop_restated(sentence: Sentence, facts: list[Fact]) -> list[Fact]:
    """An exact value restated as the round bound it passed is one fact: "reached 3.09 trillion yuan, surpassing
    the 3 trillion mark", "达到1025.8亿元,首次突破1000亿元" keep 3.09 and 1025.8 only."""
    growth, out = sentence.pats.growth_cue, []
    for b in facts:
        restated = (
            b.kind == "measurement"
            and b.value is not None
            and any(
                a.kind == "measurement"
                and a.unit == b.unit
                and a.end <= b.start
                and a.value is not None
                and _rounder(b.value, a.value)
                and growth.search(sentence.text, a.end - sentence.start, b.end - sentence.start) is not None
                for a in facts
            )
        )
        if not restated:
            out.append(b)
    return out
