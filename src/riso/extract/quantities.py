"""Targets, milestones and measurements: numbers sorted by the nearest time expression and the cues.

A number nearest a deadline ("bis 2027") is a target; nearest a period ("im Jahr 2023") or with no
time at all it is a measurement, unless an aim cue ("soll", "aims to") makes it a target without a
deadline. A deadline with an aim cue and no number is a milestone. Pure: no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import pairwise

import regex

from riso.extract.analysis import DocumentView, Sentence, view_of
from riso.extract.lists import drop_restated, share_values
from riso.extract.metrics import clause_distance, metric_for
from riso.extract.registry import make_fact, register
from riso.extract.resources import LanguageResources
from riso.extract.scan import Quantity, Temporal
from riso.model import Document, Fact, FactKind

__all__ = ["extract_quantities"]

_MILESTONE_TEXT_MAX = 120
_BULLETS = "-–—•►▪*·●○■□➢➤"
_LINK_REACH = 6
_BRACKET_OPEN = regex.compile(r"[^\d()（）,;，；]{0,20}[(（]\s*")
_BRACKET_CLOSE = regex.compile(r"\s*[)）]")
_STRONG_BOUNDARY = regex.compile(r"[;；。]")
_SPAN = regex.compile(r"(\d{4})-(\d{4})")
_BASE_BEFORE = regex.compile(r"\d[\d.,\s\u00a0]*$")
_LABEL_GAP = regex.compile(r"[\s:：]*(?:\p{Ll}+[\s:：]+){0,4}")
_ANY_BOUNDARY = regex.compile(r"(?<!\d),|,(?!\d)|[;:，；：、]")  # not the comma inside "10,000"


class _Cues:
    """Where a sentence's clause boundaries and cue words are, found once (every number's questions are then
    answered by bisection: cost linear in the sentence, not in numbers times its length)."""

    def __init__(self, sentence: Sentence) -> None:
        text, pats = sentence.text, sentence.pats
        self.bounds = [m.start() for m in _STRONG_BOUNDARY.finditer(text)]
        self.aims = sorted(
            [(m.start(), m.end()) for m in pats.target_cue.finditer(text)]
            + [(m.start(), m.end()) for m in pats.aim_cue.finditer(text)]
        )
        self.aim_only = [(m.start(), m.end()) for m in pats.aim_cue.finditer(text)]
        self.reports = [(m.start(), m.end()) for m in pats.report_cue.finditer(text)]
        self.allocations = [m.start() for m in pats.allocation_cue.finditer(text)]
        self.forecast = pats.forecast_cue.search(text) is not None
        self.starts = [q.start for q in sentence.scan.quantities]
        self.length = len(text)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause [lo, hi) around [start, end): from the last strong boundary before to the next after."""
        i = bisect_left(self.bounds, start)
        lo = self.bounds[i - 1] + 1 if i else 0
        j = bisect_left(self.bounds, end)
        hi = self.bounds[j] if j < len(self.bounds) else self.length
        return lo, hi

    @staticmethod
    def any_in(spans: list[tuple[int, int]], lo: int, hi: int) -> tuple[int, int] | None:
        """The first span inside [lo, hi), if any."""
        i = bisect_left(spans, (lo, -1))
        return spans[i] if i < len(spans) and spans[i][1] <= hi else None

    @staticmethod
    def last_in(spans: list[tuple[int, int]], lo: int, hi: int) -> tuple[int, int] | None:
        """The last span that starts in [lo, hi) and ends by hi, if any."""
        i = bisect_left(spans, (hi, -1))
        while i > 0:
            i -= 1
            if spans[i][0] < lo:
                return None
            if spans[i][1] <= hi:
                return spans[i]
        return None


_CUES: dict[int, tuple[Sentence, _Cues]] = {}


def _cues(sentence: Sentence) -> _Cues:
    hit = _CUES.get(id(sentence))
    if hit is None or hit[0] is not sentence:
        _CUES.clear()
        hit = (sentence, _Cues(sentence))
        _CUES[id(sentence)] = hit
    return hit[1]


def _nearest(sentence: Sentence, q: Quantity, temporals: list[Temporal]) -> Temporal | None:
    best, best_d = None, 10**9
    for t in temporals:
        d = clause_distance(sentence.text, (t.start, t.end), (q.start, q.end))
        if t.end <= q.start:
            d += 3  # a time written after the number is its own ("6,77 % del 2023") on a near tie
        if d < best_d:
            best, best_d = t, d
    return best


def _frames(sentence: Sentence, t: Temporal, q: Quantity) -> bool:
    """Whether a period applies to a number: one written before it frames the rest of the sentence; one
    written after it only its own clause ("185.000 km²; 2019 lebten ..." and "56,000 km² and had some
    70 million residents in 2017" give the area no period)."""
    if t.local:  # "im Vorjahr waren es 133", "114 des Vorjahres": the number beside it in its clause only
        lo, hi = (t.end, q.start) if t.end <= q.start else (q.end, t.start)
        if t.start >= q.end and any(
            o.start >= t.end and _LABEL_GAP.fullmatch(sentence.text, t.end, o.start) for o in sentence.scan.quantities
        ):
            return False  # "108/Vorjahr: 114": the cue labels the number after it
        return not _ANY_BOUNDARY.search(sentence.text, lo, hi) and not any(
            o is not q and lo <= o.start and o.end <= hi for o in sentence.scan.quantities
        )
    if t.end <= q.start:
        return True
    between = sentence.text[q.end : t.start]
    growth = sentence.pats.growth_cue.search(sentence.text, q.end, t.end)
    if _ANY_BOUNDARY.search(between) or (growth is not None and growth.start() < t.start):
        return False  # "从2019年的4.93%提高到2022年的5.81%": the later year belongs to the later value
    text = sentence.text
    others = any(
        o is not q and o.start >= q.end and (o.end <= t.start or not _ANY_BOUNDARY.search(text, t.end, o.start))
        for o in sentence.scan.quantities
    )  # another number between, or one the time introduces ("a fine 2017 contava circa 70 milioni")
    return not (others and sentence.pats.conjunction.search(between))


def _before_aim(sentence: Sentence, q: Quantity, deadline: Temporal) -> bool:
    """Whether the number stands before an aim clause that has its own value and deadline: "counts 6,000 firms
    and aims to reach 8,000 by 2025", "hat 450 Inkubatoren und will bis 2025 600" (the 6,000 is a report)."""
    if deadline.start < q.end:
        return False
    text, pats = sentence.text, sentence.pats
    for c in pats.target_cue.finditer(text, q.end, deadline.start):
        if any(o is not q and c.end() <= o.start and o.end <= deadline.start for o in sentence.scan.quantities):
            return True
    own_value_after = any(
        deadline.end <= o.start <= deadline.end + 30 and not _ANY_BOUNDARY.search(text, deadline.end, o.start)
        for o in sentence.scan.quantities
    )
    if (
        own_value_after
        and _ANY_BOUNDARY.search(text, q.end, deadline.start)
        and not pats.target_cue.search(text, 0, q.start)
    ):
        return True  # "截至2023年底，…达到6000家，到2025年将突破8000家": a deadline opening a later clause governs it
    cues = pats.target_cue.finditer(text, q.end, deadline.end)  # "und will bis 2025 8.000 erreichen"
    return own_value_after and any(c.end() <= deadline.start for c in cues)


def _goal_noun_after(sentence: Sentence, q: Quantity, cue: regex.Match[str]) -> bool:
    """Whether the aim right after the number is its own goal noun: "2020年…达450家的主要目标", "the 3% target"."""
    return 0 <= cue.start() - q.end <= _GOAL_NOUN_GAP and not _ANY_BOUNDARY.search(sentence.text, q.end, cue.start())


_GOAL_NOUN_GAP = 6


def _reported(sentence: Sentence, q: Quantity) -> bool:
    """Whether a report verb ("reached", "erreichte", "ha raggiunto", "已达") governs the number's clause."""
    cues = _cues(sentence)
    lo, _hi = cues.clause(q.start, q.start)
    return cues.any_in(cues.reports, lo, q.start) is not None


def _passive_report(sentence: Sentence, q: Quantity) -> bool:
    """Whether a past passive report verb follows the number in its clause: "24,6 milliards ont été consacrés",
    "2,1 miliardi sono stati investiti", "610 millones fueron destinados" (money spent, reported)."""
    cues = _cues(sentence)
    _lo, hi = cues.clause(q.start, q.end)
    return cues.any_in(cues.reports, q.end, min(hi, q.end + _PASSIVE_REACH)) is not None


_PASSIVE_REACH = 12
_STATEMENT_BREAK = regex.compile(r"[:;：；]")
_WORD = regex.compile(r"\p{L}{2,}")  # a word between an aim and its number: "compte 6 000" counts, no aim


def _own_report(sentence: Sentence, q: Quantity) -> bool:
    """Whether the number stands in a statement of its own, after a colon or semicolon, that a report verb
    governs and no aim cue enters ("Il traguardo non è stato raggiunto: nel 2020 l'UE si è fermata al 2,28 %"):
    the earlier statement's aim is not this number's."""
    text, cues = sentence.text, _cues(sentence)
    breaks = [m.end() for m in _STATEMENT_BREAK.finditer(text, 0, q.start)]
    if not breaks:
        return False
    lo = breaks[-1]
    after = _STATEMENT_BREAK.search(text, q.end)
    hi = after.start() if after else len(text)
    return cues.any_in(cues.reports, lo, q.start) is not None and cues.any_in(cues.aims, lo, hi) is None


def _linked(sentence: Sentence, q: Quantity, periods: list[Temporal]) -> Temporal | None:
    """A period joined to the number by a linking word (`period_links`): "2012年的3.9万家" is 2012's value."""
    text = sentence.text
    for t in periods:  # "39.000 Unternehmen (2012)": a bracketed year right after the number (and its noun)
        near = 0 <= t.start - q.end <= _LINK_REACH * 4
        if near and _BRACKET_OPEN.fullmatch(text, q.end, t.start) and _BRACKET_CLOSE.match(text, t.end):
            return t
    links = sentence.pats.res.words("period_links")
    for t in periods:
        if t.end <= q.start and q.start - t.end <= _LINK_REACH:
            gap = sentence.text[t.end : q.start].strip()
            if any(gap.startswith(w) for w in links) and not _ANY_BOUNDARY.search(gap):
                return t
    return None


_RANK_YEAR_GAP = regex.compile(r"[^\d,;:()，；：（）。]{0,4}")


def _rank_year(sentence: Sentence, t: Temporal) -> bool:
    """Whether a year is a place's own, written right before it ("与2017年的第22位相比"): no other number's."""
    text, links = sentence.text, sentence.pats.res.words("period_links")
    return any(
        r.start >= t.end and _RANK_YEAR_GAP.fullmatch(text, t.end, r.start) and text[t.end : r.start].strip() in links
        for r in sentence.scan.ranks
    )


def _baselines(sentence: Sentence, quantities: list[Quantity]) -> set[int]:
    """Indexes of quantities that are a starting point: "from 2.1 % to 3 %", "从2.1%提高到3%"."""
    out = set()
    text = sentence.text
    for i, (a, b) in enumerate(pairwise(quantities)):
        if a.unit != b.unit:
            continue
        gap = text[a.end : b.start]
        for t in sentence.scan.temporals:  # "von derzeit 3,4 % bis 2030 auf 4 %": a time between the two ends
            if a.end <= t.start and t.end <= b.start:
                gap = gap.replace(text[t.start : t.end], " ", 1)
        if sentence.pats.range_to.match(gap):
            out.add(i)
    return out


def _clause_start(text: str, pos: int) -> int:
    return max((m.end() for m in _STRONG_BOUNDARY.finditer(text, 0, pos)), default=0)


def _aimed(sentence: Sentence, q: Quantity) -> bool:
    """Whether an aim governs the number without a deadline: a target cue before it in its clause with no report
    verb between ("l'objectif de 3 %", "Ziel ist es, … auf 3 Prozent zu steigern"), or an aim verb or noun on
    either side in its clause ("… um 20 % steigern", "la cible des 3 %")."""
    cues = _cues(sentence)
    lo, hi = cues.clause(q.start, q.end)
    last = cues.last_in(cues.aims, lo, q.start)  # the aim nearest before: fewest report verbs between
    unreported = last is not None and cues.any_in(cues.reports, last[1], q.start) is None
    if unreported and last is not None and _WORD.search(sentence.text, last[1], q.start):
        return True  # "se quiere incrementar … en un 20%, … así como llegar hasta un 100%": both aimed
    first = cues.any_in(cues.aims, q.end, hi)
    if first is not None and _WORD.search(sentence.text, q.end, first[0]):  # not its own noun: "5mila borse di"
        quantities = sentence.scan.quantities
        k = bisect_left(cues.starts, first[1])
        if any(quantities[j].end <= hi for j in range(k, min(k + 1, len(quantities)))):
            return False  # "compte 6 000 entreprises et vise 8 000": the aim after the number governs the later one
    if unreported:
        return True
    after = cues.any_in(cues.aim_only, q.end, hi)
    return after is not None and cues.any_in(cues.reports, lo, q.start) is None


_OPENING = regex.compile(r"[\s\-—–·•*]*")


def continues_goal(sentence: Sentence) -> bool:
    """Whether a sentence that names no time of its own goes on with the passage's goals: it opens with a goal
    verb and no subject (``goal_openers``: "实现区域科技创新指数达到160以上,…跃居全省前40位。") after a goal with
    a deadline ("到2027年,力争…。")."""
    words = sentence.pats.res.words("goal_openers")
    if not words or sentence.context_deadline is None:
        return False
    if any(t.year is not None or t.period for t in sentence.scan.temporals):
        return False
    text = sentence.text
    at = _OPENING.match(text).end()
    return any(text.startswith(w, at) for w in words)


_GOAL_GAP = regex.compile(r"\s*(?:[\p{L}]{1,3}['’]?\s*){0,2}")


def _goal_value(sentence: Sentence, q: Quantity) -> bool:
    """Whether the number is the value of a goal noun right before it, with only short function words between
    ("objetivo del 3%", "l'objectif de 3 %", "la cible des 3 %", "target of 3%") and no report verb."""
    cues = _cues(sentence)
    lo, _hi = cues.clause(q.start, q.end)
    last = cues.last_in(cues.aims, max(lo, q.start - 16), q.start)
    if last is None or not _GOAL_GAP.fullmatch(sentence.text, last[1], q.start):
        return False
    _lo, hi = cues.clause(q.start, q.end)
    later = next((o for o in sentence.scan.quantities if o.start >= q.end and o.end <= hi), None)
    to_words = set(sentence.pats.res.words("range_to"))
    if later is not None and later.unit == q.unit and to_words & set(sentence.text[q.end : later.start].split()):
        return False  # "soll von 2,1 % im Jahr 2020 auf 3 % steigen": the level a change starts from
    return cues.any_in(cues.reports, last[0], q.start) is None


def _allocated(sentence: Sentence, q: Quantity) -> bool:
    """Whether money is allocated in the number's clause ("sono stanziati 2,35 miliardi", "dédiés aux programmes")."""
    if not _is_money(q.unit):
        return False
    cues = _cues(sentence)
    lo, hi = cues.clause(q.start, q.end)
    i = bisect_left(cues.allocations, lo)
    return i < len(cues.allocations) and cues.allocations[i] < hi


def _other_aim_after(view: DocumentView, sentence: Sentence, t: Temporal, q: Quantity) -> bool:
    """Whether the number stands in a relative clause after the deadline's clause that names another region
    ("The EU has set a target of 3 % for 2020, which is below the Japanese target of 4%"): the deadline is the
    first target's, not this one's."""
    if t.end > q.start:
        return False
    text = sentence.text
    words = sentence.pats.res.words("relative_pronouns")
    if not words:
        return False
    pronoun = regex.compile(r",\s*(?:" + "|".join(regex.escape(w) for w in words) + r")\b", regex.IGNORECASE)
    m = pronoun.search(text, t.end, q.start)
    if m is None:
        return False
    before = {r.id for r in view.regions_in(sentence) if r.end <= t.start}
    return any(m.end() <= r.start and r.end <= q.start and r.id not in before for r in view.regions_in(sentence))


def _raised_up_to(sentence: Sentence, q: Quantity) -> bool:
    """Whether an upper bound names the level a raise aims at ("die Quote auf bis zu 4 % steigern", "raise
    spending up to 3 %", "aumentar hasta el 2 %"): "increase up to X" means "raise to X", at least X."""
    pats, text = sentence.pats, sentence.text
    if q.comparator != "at_most" or not pats.up_to.search(text, q.start, q.number_start):
        return False
    lo, hi = _cues(sentence).clause(q.start, q.end)
    return pats.raise_word.search(text, lo, hi) is not None


def _is_money(unit: str | None) -> bool:
    return (
        bool(unit)
        and unit not in ("%", "pp", "count", "score", "times", "rank")
        and not str(unit).startswith(("count", "km2"))
    )


def _no_fact(sentence: Sentence, q: Quantity) -> bool:
    """Forecasts ("is forecast to grow by 3.7 %") and general economic figures ("GDP grew by 1.0 %", "地区生产总值
    2651亿元") are no facts: a forecast cue in the sentence, or an economy word heading the number's clause with no
    share word ("R&D", "比重") between them and not after "of" ("3 % of GDP")."""
    text, pats = sentence.text, sentence.pats
    cues = _cues(sentence)
    if cues.forecast and not _reported(sentence, q):
        return True
    lo, _hi = cues.clause(q.start, q.start)
    for m in pats.economy_cue.finditer(text, max(lo, q.start - 60), q.start):
        if pats.economy_of.search(text, max(0, m.start() - 24), m.start()):
            continue
        if _BASE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "auf 100.000 Einwohner 61 Patentanmeldungen": the base of a rate, not an economic figure
        boundary = _ANY_BOUNDARY.search(text, m.end(), q.start)
        if boundary is not None and not any(m.end() <= o.start < boundary.start() for o in sentence.scan.quantities):
            continue  # "… bienestar a la población, México invierte el 0,61 %": a word ending another clause
        if pats.share_word.search(text, m.end(), q.start) is None and not pats.economy_exempt.search(
            text, m.end(), q.start
        ):
            return True
    return False


def _as_money(sentence: Sentence, q: Quantity, currency: str | None) -> Quantity:
    """A bare count of millions or billions in a list an allocation introduces is money in the list's currency
    ("Im Einzelnen plant Söder: ► 600 Millionen für Künstliche Intelligenz", "così ripartite: - IPCEI - 1,5
    miliardi PNRR")."""
    if currency is None or q.unit != "count":
        return q
    pats = sentence.pats
    scale = pats.scale.match(sentence.text, q.number_end)
    found = pats.scales.get(scale.group(1).casefold()) if scale else None
    if found is None or found.factor < 1e6:
        return q
    return replace(q, value=round(q.value / found.factor, 6), unit=f"{currency} {found.label}")


def _lead_currency(sentence: Sentence) -> str | None:
    """The currency of a list an allocation introduces ("sono stanziati 2,35 miliardi …, così ripartite:"): its
    lead's money, else the language's default currency; None when the lead allocates nothing."""
    pats = sentence.pats
    if not pats.allocation_cue.search(sentence.text):
        return None
    money = [q.unit for q in sentence.scan.quantities if _is_money(q.unit) and q.unit and q.unit[:3].isupper()]
    if money:
        return str(money[-1]).split()[0]
    default = pats.res.units.get("default_currency")
    return str(default) if default else None


def _quantity_facts(
    view: DocumentView, sentence: Sentence, *, listed: bool = False, currency: str | None = None
) -> list[Fact]:
    scan = sentence.scan
    if not scan.quantities:
        return []
    deadlines = [t for t in scan.temporals if t.kind == "deadline"]
    periods = [t for t in scan.temporals if t.kind == "period"]
    cue = sentence.pats.target_cue.search(sentence.text)
    has_cue = cue is not None
    plain_year_aim = False
    if cue is None and not deadlines:  # "la necesidad de alcanzar el 75 por ciento …, en 2024": an aim verb, a year
        cue = sentence.pats.aim_cue.search(sentence.text)
    if cue is not None and not deadlines:
        # an aim with a plain year ("quiere alcanzar 20.000 empresas en 2030"): the latest year is the deadline
        # a year the aim follows in another clause is a report's ("En 2012, la France est encore en deçà de cette
        # cible"); one after the aim or in its clause is its deadline ("Im selben Jahr sollen 150 …")
        text = sentence.text
        latest = max(
            (
                t.year
                for t in periods
                if t.year is not None
                and (
                    t.start > cue.start()
                    or not (
                        _ANY_BOUNDARY.search(text, t.end, cue.start())
                        or sentence.pats.report_cue.search(text, t.end, cue.start())
                    )
                )
            ),
            default=None,
        )
        deadlines = [t for t in periods if t.year == latest and latest is not None]
        periods = [t for t in periods if t not in deadlines]
        plain_year_aim = bool(deadlines)
    temporals = sorted([*deadlines, *periods], key=lambda t: t.start)
    starts = _baselines(sentence, scan.quantities)  # "von knapp zweieinhalb auf fast 3 Prozent"
    baselines = starts if deadlines else set()
    facts = []
    zones = [(t.start, t.end) for t in view.tables]
    for i, q in enumerate(scan.quantities):
        if zones and any(a <= sentence.start + q.start < b for a, b in zones):
            continue  # a table cell in a sentence that runs into a table: the tables extractor reads it
        if listed:
            q = _as_money(sentence, q, currency)
        if _no_fact(sentence, q):
            continue
        kind: FactKind
        deadline: int | None
        nearest = _nearest(sentence, q, temporals)
        if nearest is not None and nearest in deadlines and _before_aim(sentence, q, nearest):
            # the deadline opens a later aim clause: the number keeps an earlier time of its own, if any
            nearest = _nearest(sentence, q, [t for t in temporals if t.end <= q.start])
        if i in baselines:
            kind, deadline = "measurement", None
            nearest = None
        elif (
            nearest is not None
            and nearest in deadlines
            and not (plain_year_aim and cue and q.start < cue.start() and not _goal_noun_after(sentence, q, cue))
        ):
            kind, deadline = "target", nearest.year
            if _other_aim_after(view, sentence, nearest, q):
                deadline = None  # "… for 2020, which is below the Japanese target of 4%": Japan's is undated
        else:
            kind, deadline = "measurement", None
        period, now, carried = None, False, False
        reported = _reported(sentence, q) or (
            not has_cue and bool(_cues(sentence).reports) and _cues(sentence).reports[0][1] <= q.start
        )  # "Para 2010, la inversión fue de 0,33 %; 0,35 % para 2011": the report verb governs the whole list
        if kind == "target" and nearest is not None and ((not has_cue and reported) or _own_report(sentence, q)):
            # "By 2023, spending had reached 2.65%": a value reported for its time, no aim cue in the sentence
            kind, deadline, period = "measurement", None, nearest.period
        elif kind == "measurement":
            candidates = periods if not plain_year_aim else [*periods, *deadlines]
            if i in baselines:  # the start of a change to a goal: a time after the goal is the goal's
                candidates = [t for t in candidates if t.end <= q.start or t.start < scan.quantities[i + 1].start]
            candidates = [t for t in candidates if not _rank_year(sentence, t)]
            near_period = _linked(sentence, q, candidates) or _nearest(
                sentence, q, [t for t in candidates if _frames(sentence, t, q)]
            )
            period = near_period.period if near_period else None
            now = near_period is not None and near_period.year is None and near_period.period is None
            if now and near_period is not None:  # "cuando en estos momentos supone un tercio": today's value
                lo, hi = sorted((near_period.end, q.start))
                now = not _ANY_BOUNDARY.search(sentence.text, lo, hi) and not any(
                    lo <= a < hi for a, _ in _cues(sentence).aims
                )
            unframed = near_period is None and i not in starts and not any(t.end <= q.start for t in temporals)
            if period is None and (unframed or all(t.local or _rank_year(sentence, t) for t in temporals)):
                period = sentence.context_period  # "2023年，…。基础研究经费所占比重为6.77%。"
                carried = period is not None
            span = _SPAN.fullmatch(period or "")
            if i in starts and span:  # a change "zwischen 2003 und 2013 … von 2,5 auf 3 %": the start is 2003's
                period = span.group(1)
        goal_value = (
            kind == "measurement" and period is not None and not carried and i not in baselines and not listed
        ) and _goal_value(sentence, q)
        if goal_value:
            # "lejos de ese objetivo del 3%", "l'objectif de 3 %": the goal's own value, whatever year frames the rest
            # (a goal restated in a report keeps no deadline of its own: the earlier statement of it has one)
            kind, period, deadline = "target", None, nearest.year if nearest in deadlines else None
        comparator = q.comparator or ("at_least" if kind == "target" else "exactly")
        if kind == "measurement" and i not in baselines:
            allocated = _allocated(sentence, q) or (listed and _is_money(q.unit))
            if allocated and period and not has_cue and (_reported(sentence, q) or _passive_report(sentence, q)):
                allocated = False  # "En 2021, 24,6 milliards ont été consacrés à la R&D": money spent, a report
            aimed = (period is None or carried) and not now and (_aimed(sentence, q) or continues_goal(sentence))
            if allocated or listed or aimed:
                # an allocated budget, an item of a list of aims, a number an aim governs: a target
                kind, comparator = "target", q.comparator or ("exactly" if allocated else "at_least")
                own = allocated and period and period[-4:].isdigit() and not carried
                deadline = int(period[-4:]) if own and period else None
                period = None
        if kind == "target" and comparator == "at_most" and _raised_up_to(sentence, q):
            comparator = "at_least"
        if kind == "target" and q.comparator is None and _allocated(sentence, q):
            comparator = "exactly"  # "plant, bis 2027 2 Milliarden Euro … zu investieren": money it allocates
        if kind == "target" and deadline is None and not goal_value:  # "stratégie « Europe 2020 »", "到2027年"
            deadline = scan.named_years[-1] if scan.named_years else sentence.context_deadline
        metric, metric_text = metric_for(view, sentence, q.start, q.end, q.unit)
        if metric is None and sentence.pats.real_terms.match(sentence.text, q.end):
            continue  # "Lo anterior representa un incremento de 27 por ciento en términos reales": no R&I metric named
        confidence = 0.6 + 0.15 * (metric is not None) + 0.15 * (kind != "target" or has_cue)
        facts.append(
            make_fact(
                view,
                kind,
                sentence.start + q.start,
                sentence.start + q.end,
                sentence=sentence,
                subject=view.subject_at(sentence, q.start, q.end),
                metric=metric,
                metric_text=metric_text,
                value=q.value,
                unit=q.unit,
                comparator=comparator,
                deadline=deadline,
                period=period,
                confidence=round(min(confidence, 0.95), 2),
            )
        )
    return facts


def _top_targets(view: DocumentView, sentence: Sentence, *, listed: bool = False) -> list[Fact]:
    """ "Our goal is to be in the top 4 by 2025", "跃居全省前40位": in a goal, a place among the best is a target rank
    at most N; elsewhere ("Le top 10 mondial", "20强") the size of a group, no fact."""
    scan, pats, text = sentence.scan, sentence.pats, sentence.text
    out = []
    deadlines = [t for t in scan.temporals if t.kind == "deadline"]
    cue = pats.target_cue.search(text)
    if not deadlines and cue is not None:  # "El objetivo es entrar en el top 20 en 2030": a plain year after the aim
        deadlines = [t for t in scan.temporals if t.year is not None and t.start > cue.start()]
    for i, top in enumerate(scan.tops):
        later = scan.tops[i + 1] if i + 1 < len(scan.tops) else None
        if later is not None and pats.range_to.match(text[top.end : later.start]):
            continue  # "von Top 8 auf Top 5": the starting point
        lo = _clause_start(text, top.start)
        aimed = listed or pats.target_cue.search(text, 0, top.start) or pats.aim_cue.search(text, lo, top.start)
        if not aimed and not deadlines and not continues_goal(sentence):
            continue
        deadline = min(deadlines, key=lambda t: abs(t.start - top.start)).year if deadlines else None
        if deadline is None:  # "FTI-Strategie 2030 … Ziele sind folgende: - EIS von Top 8 auf Top 5"
            deadline = scan.named_years[-1] if scan.named_years else sentence.context_deadline
        metric, metric_text = metric_for(view, sentence, top.start, top.end, "rank")
        out.append(
            make_fact(
                view,
                "target",
                sentence.start + top.start,
                sentence.start + top.end,
                sentence=sentence,
                subject=view.subject_at(sentence, top.start, top.end),
                metric=metric,
                metric_text=metric_text,
                value=top.value,
                unit="rank",
                comparator="at_most",
                deadline=deadline,
                confidence=0.7,
            )
        )
    return out


def _milestone(view: DocumentView, sentence: Sentence, facts: list[Fact]) -> Fact | None:
    scan = sentence.scan
    deadlines = [t for t in scan.temporals if t.kind == "deadline"]
    if not deadlines or any(f.kind == "target" for f in facts) or scan.quantities:
        return None
    pats = sentence.pats
    verb = pats.milestone_verb.search(sentence.text)
    if not (pats.target_cue.search(sentence.text) or verb):
        return None
    deadline = deadlines[0]
    if verb is not None:
        start = verb.start()
        end = min(len(sentence.text), start + _MILESTONE_TEXT_MAX)
        if deadline.start > start:
            end = min(end, deadline.start)
        metric_text = sentence.text[start:end].strip(" ,;，；.。") or None
        if len(sentence.text[verb.end() :].strip(" ,;，；.。!")) < 3:
            # a verb closing the sentence ("… ein Forschungscampus entstehen", "…设施建成投用"): the object precedes it
            lo = deadline.end if deadline.end <= verb.start() else 0
            metric_text = sentence.text[lo : verb.end()].strip(" ,;，；.。") or metric_text
    else:
        metric_text = None
    return make_fact(
        view,
        "milestone",
        sentence.start + deadline.start,
        sentence.start + deadline.end,
        sentence=sentence,
        subject=view.sentence_subject(sentence),
        metric_text=metric_text,
        deadline=deadline.year,
        confidence=0.75 if verb is not None else 0.6,
    )


_CLAUSE = regex.compile(r"[^;；,，。:：]+(?:(?<=\d)[,，](?=\d)[^;；,，。:：]*)*")


def _clause_milestones(view: DocumentView, sentence: Sentence, facts: list[Fact]) -> list[Fact]:
    """Clauses without a number beside numeric targets under the same deadline: "到2025年，…达到2.5%，…科技创新中心
    初步形成" also sets a milestone, quoted by its own clause."""
    years = {f.deadline for f in facts if f.kind == "target"}
    if not years:
        return []
    scan, pats, text = sentence.scan, sentence.pats, sentence.text
    deadlines = [t for t in scan.temporals if t.kind == "deadline"]
    out = []
    for m in _CLAUSE.finditer(text):
        start, end = m.start(), m.end()
        if any(start <= q.start < end for q in scan.quantities):
            continue
        if any(start <= t.start < end for t in scan.temporals if t.kind != "deadline"):
            continue
        verb = pats.milestone_verb.search(text, start, end)
        own = [t for t in deadlines if start <= t.start < end]  # "und bis 2035 soll die Region führend sein"
        before = own or [t for t in deadlines if t.end <= start and t.year in years]
        if verb is None or not before or (own and own[-1].year in years and verb.start() < own[-1].start):
            continue
        clause = text[start:end].strip(" ,;，；.。")
        if len(clause) < 4:
            continue
        lo = start + len(text[start:end]) - len(text[start:end].lstrip(" ,;，；"))
        out.append(
            make_fact(
                view,
                "milestone",
                sentence.start + lo,
                sentence.start + lo + len(clause),
                sentence=sentence,
                quote=clause,
                subject=view.sentence_subject(sentence),
                metric_text=clause[:_MILESTONE_TEXT_MAX],
                deadline=before[-1].year,
                confidence=0.7,
            )
        )
    return out


@register("quantities", produces=("target", "measurement", "milestone"))
def extract_quantities(document: Document, resources: LanguageResources, catalog: object) -> list[Fact]:
    """Targets, measurements and milestones of every sentence outside tables and the glossary."""
    view = view_of(document, catalog)  # type: ignore[arg-type]
    out: list[Fact] = []
    listed = False  # inside a list introduced by an aim or an allocation: "Ziele sind folgende:", "così ripartite:"
    currency: str | None = None  # the currency of a list an allocation introduces
    for sentence in view.sentences:
        text = sentence.text.strip()
        item = text[:1] in _BULLETS
        if not item and (sentence.scan.quantities or text.endswith((":", "："))):
            listed = False
        facts = drop_restated(
            sentence,
            share_values(
                view, sentence, _quantity_facts(view, sentence, listed=listed and item, currency=currency)
            ),
        )
        if sentence.scan.tops:
            facts += _top_targets(view, sentence, listed=listed and item)
        if text.endswith((":", "：")) and not item:
            pats = sentence.pats
            listed = any(p.search(text) for p in (pats.target_cue, pats.aim_cue, pats.allocation_cue))
            currency = _lead_currency(sentence) if listed else None
        out.extend(facts)
        milestone = _milestone(view, sentence, facts)
        if milestone is not None:
            out.append(milestone)
        out.extend(_clause_milestones(view, sentence, facts))
    return _restated_once(out)


def _restated_once(facts: list[Fact]) -> list[Fact]:
    """A value restated in the passage is one fact ("La cible des 3 % …" … "pour parvenir in fine aux 3 % du
    PIB"; "se mantiene en un 0,34%" … "0,34% en 2019 y 2020"): same amount, unit, subject and metric (both
    resolved), in another sentence (not a list item), the later one with no time or the same time. The one with a
    time is kept."""
    kept: list[Fact] = []
    index: dict[tuple[object, ...], int] = {}
    for f in facts:
        if f.kind not in ("target", "measurement") or f.value is None or f.metric is None or f.subject is None:
            kept.append(f)
            continue
        key = (round(f.value, 6), f.unit, f.subject.id if f.subject else None, f.metric)
        time = f.deadline if f.kind == "target" else f.period
        j = index.get(key)
        if j is None:
            index[key] = len(kept)
            kept.append(f)
            continue
        first = kept[j]
        if f.quote == first.quote or f.quote.lstrip()[:1] in _BULLETS:
            kept.append(f)  # one sentence's or a list's equal values are several facts: "Bristol (28), Sheffield (28)"
            continue
        first_time = first.deadline if first.kind == "target" else first.period
        if time is None or (time == first_time and f.kind == first.kind):
            continue  # the restatement adds nothing
        if first_time is None and f.kind == first.kind:
            kept[j] = f  # the later mention dates it
            continue
        kept.append(f)
    return kept
