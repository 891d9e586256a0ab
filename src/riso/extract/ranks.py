"""Ranks: a position ("Platz 7", "al primo posto", "第七位") with its scope and how long it was held.

Each national cue, region mention and duration in the sentence goes to the nearest rank. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import regex

from riso.extract.analysis import DocumentView, Sentence, view_of
from riso.extract.lists import ordered_names, share_values
from riso.extract.metrics import aspect_metrics, clause_distance, economic_ranking, metric_for
from riso.extract.patterns import alternation, patterns_for
from riso.extract.registry import make_fact, register
from riso.extract.resources import LanguageResources
from riso.extract.scan import Rank, Temporal
from riso.extract.subjects import candidates
from riso.model import Document, Fact, Subject

__all__ = ["extract_ranks"]

_SCOPE_REACH = 60  # a scope cue further than this from every rank belongs to none
_OWN_YEAR = regex.compile(r"[^\d,;:()，；：（）。]{0,12}")  # between a place and a year that is its own


def _distance(sentence: Sentence, rank: Rank, start: int, end: int) -> int:
    """Clause distance between a rank and a cue, plus a penalty per conjunction between them."""
    lo, hi = (rank.end, start) if rank.end <= start else (end, rank.start)
    conjunctions = len(sentence.pats.conjunction.findall(sentence.text, lo, hi)) if lo < hi else 0
    return clause_distance(sentence.text, (rank.start, rank.end), (start, end)) + 50 * conjunctions


def _nearest_rank(sentence: Sentence, start: int, end: int, *, reach: int = _SCOPE_REACH) -> int | None:
    best, best_d = None, reach + 1
    for i, r in enumerate(sentence.scan.ranks):
        d = _distance(sentence, r, start, end)
        if d < best_d:
            best, best_d = i, d
    return best


def _scope_rank(sentence: Sentence, start: int, end: int) -> int | None:
    """The rank a region names the scope of: one just before it, or one right after ("西部第一")."""
    for i, r in enumerate(sentence.scan.ranks):
        if sentence.pats.res.is_cjk and 0 <= r.start - end <= 1 and sentence.text.startswith("第", r.start):
            return i  # "西部第一" is a scope; in "中国排名第17", "中国位居第一" the region is the subject
    candidates = [i for i, r in enumerate(sentence.scan.ranks) if r.end <= start]
    best = _nearest_rank(sentence, start, end)
    if best not in candidates or best is None:
        return None
    between = sentence.text[sentence.scan.ranks[best].end : start]
    if not sentence.pats.res.is_cjk and _COPULA_GAP.fullmatch(between):
        return None  # "la seconda è Pisa", "second is Pisa": the place's holder, not its scope
    return best


def _ordinal(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a duration counts with an ordinal ("for the third consecutive year", "连续第二年"): it ends now."""
    res = sentence.pats.res
    words = regex.findall(r"\p{L}+", sentence.text[start:end].casefold())
    return "第" in sentence.text[start:end] or any(w in res.ordinal_words for w in words)


def _scope_words(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Words naming a rank's scope (`rank_scopes`: "européenne", "Europas" -> EU)."""
    scopes = sentence.pats.res.rank_scopes
    if not scopes:
        return []
    pattern = _scope_pattern(sentence.pats.res.code)
    return [(m.start(), m.end(), scopes[_fold(m.group(0), scopes)]) for m in pattern.finditer(sentence.text)]


def _fold(word: str, scopes: Mapping[str, str]) -> str:
    return next((k for k in scopes if k.casefold() == word.casefold()), word)


@cache
def _scope_pattern(code: str) -> regex.Pattern[str]:
    res = patterns_for(code).res
    return regex.compile(alternation(res.rank_scopes, res), regex.IGNORECASE)


def _rank_indicator(view: DocumentView, metric: str | None) -> str | None:
    """The rank indicator beside a score indicator ("innovation_index_score" -> "innovation_index_rank")."""
    if metric is None:
        return None
    try:
        if view.catalog.indicator(metric).kind == "rank":
            return metric
        sibling = metric.rsplit("_", 1)[0] + "_rank"
        return view.catalog.indicator(sibling).id
    except Exception:
        return metric


def _rank_period(sentence: Sentence, rank: Rank, periods: list[Temporal], *, held: bool = False) -> str | None:
    """The last period named before the rank ("Index 2024 … Platz 9 (2023: Platz 8)"), else the first after it,
    else the period carried from the paragraph's earlier sentences."""
    after = next((t for t in periods if t.start >= rank.end), None)
    if (
        after is not None
        and _OWN_YEAR.fullmatch(sentence.text, rank.end, after.start)
        and not _of_other(sentence, rank, after)
    ):
        return after.period  # "66th in 2016, 60th in 2017": a year right after the place is its own
    before = [t for t in periods if t.end <= rank.start]
    if before:
        return before[-1].period
    later = [t for t in periods if not _of_other(sentence, rank, t)]
    if later:
        return later[0].period
    if periods:
        return sentence.context_period  # "第17位——与2017年的第22位相比": 2017 is the other place's year
    return None if sentence.scan.temporals or held else sentence.context_period  # a run of years has no one period


def _of_other(sentence: Sentence, rank: Rank, period: Temporal) -> bool:
    """Whether a period written after a rank is another rank's: one right before it ("2017年的第22位")."""
    text, links = sentence.text, sentence.pats.res.words("period_links")
    return any(
        r.start >= period.end and r is not rank and text[period.end : r.start].strip() in links
        for r in sentence.scan.ranks
    )


_COPULA_GAP = regex.compile(r"\s*(?:[,:]\s*)?(?:(?:la|il|l['’]|the|die|der|el|le)\s*)?", regex.IGNORECASE)
_PREPOSITION_END = regex.compile(r"(?:\s(?:in|im|en|au|nel|nella|in der|dans)|[在于])\s*$", regex.IGNORECASE)
_ARTICLE = regex.compile(r"\s*(?:the|der|dem|la|le|l['’]|el|il|lo)?\s*", regex.IGNORECASE)


_STEP_BRACKET = regex.compile(r"\s*[(（]?\s*")


def _step_subject(view: DocumentView, sentence: Sentence, rank: Rank) -> Subject | None:
    """The subject of the change a bracketed place follows: "PSL en perd une (41e)" is PSL's 41st place."""
    for q in sentence.scan.quantities:
        if q.unit == "ranks" and q.end <= rank.start and _STEP_BRACKET.fullmatch(sentence.text, q.end, rank.start):
            return view.subject_at(sentence, q.start, q.end)
    return None


def _named_after(view: DocumentView, sentence: Sentence, rank: Rank) -> Subject | None:
    """The region a superlative ending in a preposition names right after it: "am höchsten in Niedersachsen"."""
    if not _PREPOSITION_END.search(sentence.text, rank.start, rank.end):
        return None
    for c in candidates(view, sentence):
        if any(s <= c.start and c.end <= e for s, e in sentence.scan.nationals):
            continue  # "è terza in Italia", "es la segunda en España": the country is the scope, not the holder
        if c.start >= rank.end and _ARTICLE.fullmatch(sentence.text, rank.end, c.start) and not c.deictic:
            return Subject(id=None, name=c.name) if c.name else view.subject(c.id)
    return None


def _rank_facts(view: DocumentView, sentence: Sentence) -> list[Fact]:
    scan = sentence.scan
    ranks = scan.ranks
    if not ranks:
        return []
    scopes: dict[int, str] = {}
    scope_spans: list[tuple[int, int]] = []
    nationals = scan.nationals
    for m in view.regions_in(sentence):
        if any(s <= m.start and m.end <= e for s, e in nationals):
            continue  # "全国" is the national scope, not the region China
        i = _scope_rank(sentence, m.start, m.end)
        if i is not None and i not in scopes:
            scopes[i] = m.id
            scope_spans.append((m.start, m.end))
    for start, end, region in _scope_words(sentence):
        i = _nearest_rank(sentence, start, end)
        if i is not None and i not in scopes and region != "national":
            scopes[i] = region
        elif i is not None and i not in scopes:
            nationals = [*nationals, (start, end)]
    for start, end in nationals:
        if any(s < end and start < e for s, e in scope_spans):
            continue  # "en Chine occidentale" names a region, not the whole country
        i = _nearest_rank(sentence, start, end)
        if i is not None and i not in scopes:
            scopes[i] = "national"
    durations: dict[int, float] = {}
    runs: set[int] = set()
    for start, end, years in scan.durations:
        i = _nearest_rank(sentence, start, end, reach=200)
        if i is not None:
            durations[i] = years
            if not _ordinal(sentence, start, end):
                runs.add(i)  # "for 20 consecutive years": a run of years, not the carried year
    periods = [t for t in scan.temporals if t.kind == "period"]
    facts = []
    for i, rank in enumerate(ranks):
        metric, metric_text = metric_for(view, sentence, rank.start, rank.end, "rank", prefer="rank")
        # "在研究人员、专利和科技出版物数量方面,中国位居第一": one rank per listed aspect, each with its metric
        aspects = aspect_metrics(view, sentence, rank.start) or [(metric, metric_text, rank.start, rank.end)]
        subject = (
            _named_after(view, sentence, rank)
            or _step_subject(view, sentence, rank)
            or view.subject_at(sentence, rank.start, rank.end, exclude=tuple(scope_spans))
        )
        for k, (aspect, aspect_text, lo, hi) in enumerate(aspects):
            lo, hi = (rank.start, rank.end) if k == 0 else (lo, hi)  # the aspect's words place each further rank
            facts.append(
                make_fact(
                    view,
                    "rank",
                    sentence.start + lo,
                    sentence.start + hi,
                    sentence=sentence,
                    subject=subject,
                    metric=_rank_indicator(view, aspect),
                    metric_text=aspect_text,
                    value=rank.value,
                    unit="rank",
                    comparator="exactly",
                    scope=scopes.get(i),
                    duration=durations.get(i),
                    period=_rank_period(sentence, rank, periods, held=i in runs),
                    confidence=0.8 if aspect else 0.65,
                )
            )
    return share_values(view, sentence, facts)


def _ordered_facts(view: DocumentView, sentence: Sentence) -> list[Fact]:
    """Names listed in an order ("Son, por este orden, el País Vasco, Madrid y Cataluña", 依次为): rank 1..n,
    unless a rank of the sentence already names their place."""
    listed = ordered_names(view, sentence)
    taken = [(r.start, r.end) for r in sentence.scan.ranks]
    periods = [t for t in sentence.scan.temporals if t.kind == "period"]
    facts = []
    for c, place in listed:
        if any(c.start <= s < c.end + 12 for s, _e in taken):
            continue
        metric, metric_text = metric_for(view, sentence, c.start, c.end, "rank", prefer="rank")
        rank = Rank(c.start, c.end, float(place))
        facts.append(
            make_fact(
                view,
                "rank",
                sentence.start + c.start,
                sentence.start + c.end,
                sentence=sentence,
                subject=view.subject(c.id) if c.id else Subject(id=None, name=c.name),
                metric=_rank_indicator(view, metric),
                metric_text=metric_text,
                value=float(place),
                unit="rank",
                comparator="exactly",
                period=_rank_period(sentence, rank, periods),
                confidence=0.7 if metric else 0.6,
            )
        )
    return facts


@register("ranks", produces=("rank",))
def extract_ranks(document: Document, resources: LanguageResources, catalog: object) -> list[Fact]:
    """Every ranking position in the sentences outside tables and the glossary."""
    view = view_of(document, catalog)  # type: ignore[arg-type]
    return [
        fact
        for sentence in view.sentences
        if not (sentence.scan.ranks and economic_ranking(view, sentence))
        for fact in (*_rank_facts(view, sentence), *_ordered_facts(view, sentence))
    ]
