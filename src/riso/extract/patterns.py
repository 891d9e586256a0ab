"""Compiled regular expressions built from one language's resources (phrase lists and templates).

Templates are phrases with placeholders: ``{year}``, ``{n}`` (a small number, digits or words),
``{rank}`` (a position in digits), ``{ord}`` (an ordinal word or a number with its ordinal suffix)
and ``{num}`` (any number). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import regex

from riso.extract.resources import LanguageResources, Scale, load_language

__all__ = ["Anchored", "Patterns", "anchored", "casefolded", "has_any", "patterns_for", "search_part"]

_FLAGS = regex.IGNORECASE | regex.UNICODE | regex.V0
_PLACEHOLDER = regex.compile(r"\{(year|date|n|rank|ord|num|gap)\}")
_APOSTROPHES = "'’"


def _literal(text: str, cjk: bool) -> str:
    out = []
    for ch in text:
        if ch.isspace():
            out.append(r"\s*" if cjk else r"\s+")
        elif ch in _APOSTROPHES:
            out.append("['’]")
        elif ch == "-":
            out.append(r"\s*[-‐‑–]\s*")
        else:
            out.append(regex.escape(ch))
    return "".join(out).replace(r"\s+\s+", r"\s+")


def _bounded(body: str, first: str, last: str, cjk: bool) -> str:
    if cjk:
        return body
    left = r"(?<!\p{L})" if (first.isalnum() or first == "{") else ""
    right = r"(?![\p{L}\p{N}])" if (last.isalnum() or last == "}") else ""
    return left + body + right


_PLAN_YEARS = r"(?:[\"”’»]?\s*\p{L}{0,8}\s*[(（]\s*\d{4}\s*[-–—~～至到]\s*\d{4}\s*年?\s*[)）])?"


def alternation(phrases: Iterable[str], res: LanguageResources, *, bounded: bool = True) -> str:
    """One regex alternative per phrase, longest first, with word boundaries for spaced scripts."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not items:
        return r"(?!x)x"
    parts = [_literal(p, res.is_cjk) for p in items]
    parts = [_bounded(b, p[0], p[-1], res.is_cjk) if bounded else b for b, p in zip(parts, items, strict=True)]
    return "(?:" + "|".join(parts) + ")"


def _number_body(res: LanguageResources) -> str:
    seps = "|".join(regex.escape(g) for g in res.group)
    return rf"(?:\d{{1,3}}(?:(?:{seps})(?=\d{{3}}(?!\d))\d{{3}})+(?:[.,．]\d+)?|\d+(?:[.,．]\d+)?)"


def _word_numbers(res: LanguageResources) -> str:
    words = list(res.number_words)
    if res.numeral_digits:
        chars = "".join(regex.escape(c) for c in [*res.numeral_digits, *res.numeral_units])
        return rf"(?:[{chars}]+|{alternation(words, res, bounded=False)})"
    return alternation(words, res)


def _word_run(res: LanguageResources) -> str:
    """A run of number words ("twenty-seven", "dreiundzwanzig", "seis"); text2num reads it."""
    words = sorted({*res.number_words, *res.number_vocabulary}, key=len, reverse=True)
    if not words or res.is_cjk:
        return r"(?!x)x"
    body = "|".join(regex.escape(w) for w in words)
    joiners = alternation(res.number_joiners, res) if res.number_joiners else r"(?!x)x"
    token = rf"(?:{body})+"  # German writes one word: "dreiundzwanzig", "zweitausend"
    return rf"(?<!\p{{L}})(?:{token})(?:(?:[\s\-‐]+|\s+{joiners}\s+){token})*(?!\p{{L}})"


def _placeholder(kind: str, name: str, res: LanguageResources, digits_only: bool = False) -> str:
    suffixes = alternation(res.ordinal_suffixes, res, bounded=False) if res.ordinal_suffixes else ""
    if kind == "year":
        body = rf"(?P<{name}>(?<!\d)(?:1[89]|20)\d{{2}}(?!\d))"
    elif kind == "date":  # any four-digit year, historic ones too ("gegründet 1386")
        body = rf"(?P<{name}>(?<!\d)(?:1\d|20)\d{{2}}(?!\d))"
    elif kind in ("n", "rank") and digits_only:
        body = rf"(?P<{name}>(?<!\d)\d{{1,4}}(?!\d))"
    elif kind in ("n", "rank"):
        body = rf"(?P<{name}>(?<!\d)\d{{1,3}}(?!\d)|{_word_numbers(res)})"
    elif kind == "ord":
        ords = alternation(res.ordinal_words, res, bounded=False)
        digits = rf"\d{{1,3}}{suffixes}" if suffixes else r"\d{1,3}"
        body = rf"(?P<{name}>{ords}|{digits})"
    else:
        body = rf"(?P<{name}>{_number_body(res)})"
    return rf"\s*{body}\s*" if res.is_cjk else body


def template(text: str, res: LanguageResources, *, digits_only: bool = False) -> str:
    """The regex of one template; placeholders become named groups (year, year2, n, rank, ord, num)."""
    out, pos, seen = [], 0, dict[str, int]()
    for m in _PLACEHOLDER.finditer(text):
        kind = m.group(1)
        out.append(_literal(text[pos : m.start()].rstrip() if kind == "gap" else text[pos : m.start()], res.is_cjk))
        if kind == "gap":  # a few words, then the rest of the template as a lookahead: the match ends at the gap
            rest = template(text[m.end() :].strip(), res, digits_only=digits_only) if text[m.end() :].strip() else ""
            words = r"[^，。；;,.]{0,16}?" if res.is_cjk else r"(?:\s+[^\s,;.]+){0,6}?\s+"
            out.append(rf"(?={words}{rest})")
            return _bounded("".join(out), text[0], "x", res.is_cjk)
        seen[kind] = seen.get(kind, 0) + 1
        out.append(_placeholder(kind, kind if seen[kind] == 1 else f"{kind}{seen[kind]}", res, digits_only))
        pos = m.end()
    out.append(_literal(text[pos:], res.is_cjk))
    return _bounded("".join(out), text[0], text[-1], res.is_cjk)


def templates(texts: Iterable[str], res: LanguageResources, *, digits_only: bool = False) -> regex.Pattern[str]:
    """One pattern matching any of the templates, longest template first."""
    items = sorted(set(texts), key=len, reverse=True)
    if not items:
        return regex.compile(r"(?!x)x")
    return regex.compile("|".join(f"(?:{template(t, res, digits_only=digits_only)})" for t in items), _FLAGS)


_TOKEN_SPLIT = regex.compile(r"[\s'’\-‐‑–]+")


class TemplateSet:
    """Templates compiled one by one, each with the literal word it cannot match without.

    One alternation of all templates tries every template at every position of a sentence; here a sentence
    runs only the templates whose word it holds, and the earliest match wins (ties: the longest template,
    as in the alternation)."""

    def __init__(self, texts: Iterable[str], res: LanguageResources, *, digits_only: bool = False) -> None:
        items = sorted(set(texts), key=len, reverse=True)
        self.items = tuple(
            (_anchor_word(t), regex.compile(template(t, res, digits_only=digits_only), _FLAGS)) for t in items
        )

    def searcher(self, folded: str) -> TemplateSearch:
        """The templates a case-folded sentence can match."""
        return TemplateSearch(tuple(p for word, p in self.items if word in folded))


class TemplateSearch:
    """``search``/``finditer`` over a few templates, like one compiled pattern."""

    def __init__(self, patterns: tuple[regex.Pattern[str], ...]) -> None:
        self.patterns = patterns

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """The earliest match at or after ``pos``."""
        best = None
        end = len(text) if endpos is None else endpos
        for p in self.patterns:
            m = p.search(text, pos, end)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        """Non-overlapping matches, left to right."""
        end = len(text) if endpos is None else endpos
        while pos <= end and self.patterns:
            m = self.search(text, pos, end)
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1


def _anchor_word(text: str) -> str:
    """The longest literal word of a template, case-folded ("" when it has none)."""
    tokens = [t for t in _TOKEN_SPLIT.split(_PLACEHOLDER.sub(" ", text)) if t]
    return max(tokens, key=len).casefold() if tokens else ""


def casefolded(text: str) -> str:
    """``text.casefold()``, remembered for the last text (the patterns of one sentence run on the same string)."""
    last = _LAST_FOLD[0]
    if last[0] is text:
        return last[1]
    folded = text.casefold()
    _LAST_FOLD[0] = (text, folded)
    return folded


_LAST_FOLD: list[tuple[str | None, str]] = [(None, "")]


class Anchored:
    """A compiled pattern behind a substring prefilter: every match holds one of its ``anchors`` (the longest
    literal word of each phrase it is made of, case-folded), so a text holding none of them is not searched.

    Exact: a case-insensitive match of a phrase holds the case-folded word wherever case folding keeps each
    character one character; a text where it does not ("ß", "İ") is always searched."""

    __slots__ = ("_all", "_anchors", "_first", "_memo", "pattern")

    def __init__(self, pattern: regex.Pattern[str], anchors: tuple[str, ...]) -> None:
        self.pattern = pattern
        self._anchors = anchors
        self._memo: tuple[str | None, bool] = (None, False)
        # the last text searched whole, with its first match and with all its matches: the cue patterns are asked
        # about one sentence several times (by the view, the kind rules, the list rules)
        self._first: tuple[str | None, regex.Match[str] | None] = (None, None)
        self._all: tuple[str | None, list[regex.Match[str]]] = (None, [])

    def may_match(self, text: str) -> bool:
        """Whether the text holds an anchor (a match anywhere in it needs one)."""
        memo = self._memo
        if memo[0] is text:
            return memo[1]
        folded = casefolded(text)
        hit = len(folded) != len(text) or any(a in folded for a in self._anchors)
        self._memo = (text, hit)
        return hit

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        if not self.may_match(text):
            return None
        if pos or endpos is not None:
            return self.pattern.search(text, pos) if endpos is None else self.pattern.search(text, pos, endpos)
        found = self._all
        if found[0] is text:
            return found[1][0] if found[1] else None
        first = self._first
        if first[0] is not text:
            first = (text, self.pattern.search(text))
            self._first = first
        return first[1]

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        if not self.may_match(text):
            return None
        return self.pattern.match(text, pos) if endpos is None else self.pattern.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        if not self.may_match(text):
            return None
        return self.pattern.fullmatch(text, pos) if endpos is None else self.pattern.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        if not self.may_match(text):
            return iter(())
        if pos or endpos is not None:
            found: Iterator[regex.Match[str]] = (
                self.pattern.finditer(text, pos) if endpos is None else self.pattern.finditer(text, pos, endpos)
            )
            return found
        every = self._all
        if every[0] is not text:
            every = (text, list(self.pattern.finditer(text)))
            self._all = every
        return iter(every[1])

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[object]:
        if not self.may_match(text):
            return []
        found: list[object] = (
            self.pattern.findall(text, pos) if endpos is None else self.pattern.findall(text, pos, endpos)
        )
        return found


def search_part(pattern: regex.Pattern[str], whole: str, part: str) -> regex.Match[str] | None:
    """``pattern.search(part)`` for a slice ``part`` of ``whole`` (the words before a number): the prefilter runs
    on ``whole``, once for all its slices."""
    if isinstance(pattern, Anchored):
        return pattern.pattern.search(part) if pattern.may_match(whole) else None
    return pattern.search(part)


def anchored(pattern: regex.Pattern[str], phrases: Iterable[str]) -> regex.Pattern[str]:
    """The pattern behind the prefilter of its phrases' longest words; itself when a phrase has no word."""
    anchors = set()
    for phrase in phrases:
        if not phrase:
            continue
        word = _anchor_word(phrase)
        if not word:
            return pattern
        anchors.add(word)
    return Anchored(pattern, tuple(sorted(anchors)))  # same methods as a pattern; regex has no type stubs


def _words(res: LanguageResources, key: str) -> regex.Pattern[str]:
    """The alternation of a language's word list ``key``, behind the prefilter of its words."""
    return anchored(regex.compile(alternation(res.words(key), res), _FLAGS), res.words(key))


def _kinds(mapping: Mapping[str, Iterable[str]], res: LanguageResources) -> str:
    parts = [f"(?P<{kind}>{alternation(words, res)})" for kind, words in mapping.items() if list(words)]
    return "|".join(parts) if parts else r"(?!x)x"


@dataclass(frozen=True)
class Patterns:
    """Every compiled pattern of one language."""

    res: LanguageResources
    number: regex.Pattern[str]
    scale: regex.Pattern[str]
    scales: Mapping[str, Scale]
    currency_after: regex.Pattern[str]
    currency_before: regex.Pattern[str]
    currencies: Mapping[str, str]
    percent_after: regex.Pattern[str]
    percent_prefix: regex.Pattern[str]
    prefixed_percent: regex.Pattern[str]
    points_after: regex.Pattern[str]
    classifier: regex.Pattern[str]
    area_after: regex.Pattern[str]
    areas: Mapping[str, str]
    score_after: regex.Pattern[str]
    score_prefix: regex.Pattern[str]
    comparator_before: regex.Pattern[str]
    comparator_after: regex.Pattern[str]
    deadline: regex.Pattern[str]
    deadline_exclude: regex.Pattern[str]
    period: regex.Pattern[str]
    period_range: regex.Pattern[str]
    comparison_year: regex.Pattern[str]
    comparison_exclude: regex.Pattern[str]
    comparison_lead: regex.Pattern[str]
    period_part: regex.Pattern[str]
    plan_period: regex.Pattern[str]
    period_open: regex.Pattern[str]
    deadline_anaphora: regex.Pattern[str]
    anaphora: regex.Pattern[str]
    previous_year: regex.Pattern[str]
    name_year: regex.Pattern[str]
    duration: TemplateSet
    conjunction: regex.Pattern[str]
    rank: TemplateSet
    rank_exclude: regex.Pattern[str]
    national: regex.Pattern[str]
    target_cue: regex.Pattern[str]
    growth_cue: regex.Pattern[str]
    range_to: regex.Pattern[str]
    range_between: regex.Pattern[str]
    milestone_verb: regex.Pattern[str]
    after_negative: regex.Pattern[str]
    negative: TemplateSet
    denominator: regex.Pattern[str]
    date: regex.Pattern[str]
    date_numeric: regex.Pattern[str]
    date_months: tuple[str, ...] | None
    refusal: regex.Pattern[str]
    ordinal_alone: regex.Pattern[str]
    rank_noun: regex.Pattern[str]
    report_cue: regex.Pattern[str]
    word_number: regex.Pattern[str]
    rank_anchor: tuple[tuple[str, ...], tuple[str, ...]]
    entity_anchor: tuple[str, ...]
    negative_anchor: tuple[str, ...]
    date_anchor: tuple[str, ...]
    minus_before: regex.Pattern[str]
    decline_before: regex.Pattern[str]
    times_after: regex.Pattern[str]
    multiplier: regex.Pattern[str]
    multipliers: Mapping[str, float]
    word_quantity: regex.Pattern[str]
    fraction: regex.Pattern[str]
    fractions: Mapping[str, float]
    method_after: regex.Pattern[str]
    allocation_cue: regex.Pattern[str]
    forecast_cue: regex.Pattern[str]
    economy_cue: regex.Pattern[str]
    share_word: regex.Pattern[str]
    economy_exempt: regex.Pattern[str]
    no_fact_after: regex.Pattern[str]
    real_terms: regex.Pattern[str]
    economy_of: regex.Pattern[str]
    aim_cue: regex.Pattern[str]
    up_to: regex.Pattern[str]
    raise_word: regex.Pattern[str]
    rank_total: regex.Pattern[str]
    rank_step_after: regex.Pattern[str]
    rank_step_verb: regex.Pattern[str] | None
    rank_step_clitic: regex.Pattern[str] | None
    ordinal_digits: regex.Pattern[str]
    population_after: regex.Pattern[str]
    place_label: regex.Pattern[str] | None
    rank_top: regex.Pattern[str]
    rank_top_anchor: tuple[str, ...]


def _surface_map(groups: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {form.casefold(): key for key, forms in groups.items() for form in forms}


def _date_pattern(res: LanguageResources, *, with_months: bool = True) -> str:
    numeric = [
        r"(?<!\d)(?:1[89]|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)",
        r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:1[89]|20)?\d{2}(?!\d)",
        r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)",
        r"(?:1[89]|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?",
        r"\d{1,2}\s*月\s*\d{1,2}\s*日",
        r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]",
    ]
    if res.words("months") and with_months:
        months = alternation(res.words("months"), res)
        suffix = alternation(res.ordinal_suffixes, res, bounded=False) if res.ordinal_suffixes else ""
        day = rf"(?<!\d)\d{{1,2}}(?:{suffix})?" if suffix else r"(?<!\d)\d{1,2}"
        numeric.append(rf"{day}\.?\s*(?:de\s+)?{months}(?:\s+(?:de\s+)?(?:1[89]|20)\d{{2}})?")
        numeric.append(rf"{months}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:1[89]|20)\d{{2}})?(?!\d)")
        numeric.append(rf"{months}\s+(?:1[89]|20)\d{{2}}")
    return "|".join(numeric)


def _month_anchors(res: LanguageResources) -> tuple[str, ...] | None:
    """The words a sentence must hold for a date with a month name ("5 March 2024"); None: always look."""
    words = {_anchor_word(m) for m in res.words("months") if m}
    return None if "" in words else tuple(sorted(words))


def _rank_anchor(res: LanguageResources) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two cheap substring tests a (case-folded) sentence must pass to hold a rank or duration: the longest
    literal word of some template, and a number or ordinal word or a template without placeholders."""
    words = set()
    for text in (*res.words("ranks"), *res.words("durations")):
        literal = _PLACEHOLDER.sub(" ", text)
        tokens = literal.split()
        if tokens:
            words.add(max(tokens, key=len).casefold())
    # words for "one" double as articles (un, une, ein): ranks use ordinals ("primo", "ersten") instead
    numbers = [w for w, v in res.number_words.items() if v != 1]
    numbers += [*res.ordinal_words, *res.numeral_digits, *res.numeral_units]
    numbers += [t for t in res.words("ranks") if "{" not in t]
    gapped = [t for t in res.words("ranks") if t.count("{") == 1 and "{gap}" in t]  # "topped the {gap} ranking"
    numbers += [max(t.split("{gap}")[0].split(), key=len) for t in gapped]
    return tuple(sorted(w for w in words if w)), tuple(sorted({w.casefold() for w in numbers}))


def _literal_anchor(texts: Iterable[str], res: LanguageResources) -> tuple[str, ...]:
    """The longest literal word of each template, case-folded (a template without one matches anything)."""
    words = set()
    for text in texts:
        literal = _PLACEHOLDER.sub(" ", text)
        tokens = literal.split()
        if not tokens:
            return ("",)
        words.add(max(tokens, key=len).casefold())
    return tuple(sorted(words))


def _entity_anchor(res: LanguageResources) -> tuple[str, ...]:
    """Substrings a (case-folded) sentence must contain to name an entity: a head noun or a quote mark."""
    heads = {h.casefold() for forms in res.entity_heads.values() for h in forms}
    return tuple(sorted(heads | set('„“”"«»')))


def has_any(folded: str, words: tuple[str, ...]) -> bool:
    """Whether any of the words occurs in the case-folded text (a prefilter: no word boundaries)."""
    return any(w in folded for w in words)


@cache
def patterns_for(code: str) -> Patterns:
    """The compiled patterns of a language (cached)."""
    res = load_language(code)
    units = res.units
    currencies = units.get("currencies") or {}
    # signs and upper-case codes may stand before the number: "€3.2bn", "EUR 1,5 Mio."
    symbols = [f for forms in currencies.values() for f in forms if not any(c.islower() for c in f)]
    scale_forms = [f for s in res.scales for f in s.forms]
    sp = r"\s*" if res.is_cjk else r"[\s\u00a0\u202f]*"
    neg = res.negatives
    links = alternation(units.get("currency_links") or [], res)
    return Patterns(
        res=res,
        number=regex.compile(r"(?<![\p{Latin}\p{N}_])" + _number_body(res) + r"(?!\p{N})", _FLAGS),
        scale=anchored(
            regex.compile(sp + "(" + alternation(scale_forms, res) + ")", _FLAGS),
            scale_forms,
        ),
        scales={f.casefold(): s for s in res.scales for f in s.forms},
        currency_after=anchored(
            regex.compile(
                sp + r"(?:" + links + r"\s*)?(" + alternation([f for v in currencies.values() for f in v], res) + ")",
                _FLAGS,
            ),
            [f for v in currencies.values() for f in v],
        ),
        currency_before=anchored(
            regex.compile("(" + alternation(symbols, res, bounded=False) + r")\s*$", _FLAGS),
            symbols,
        ),
        currencies=_surface_map(currencies),
        percent_after=anchored(
            regex.compile(sp + alternation(units.get("percent") or [], res), _FLAGS),
            units.get("percent") or [],
        ),
        percent_prefix=anchored(
            regex.compile(alternation(units.get("percent_prefix") or [], res) + r"\s*$", _FLAGS),
            units.get("percent_prefix") or [],
        ),
        prefixed_percent=anchored(
            regex.compile(
                alternation(units.get("percent_prefix") or [], res) + r"\s*(?P<n>" + _word_numbers(res) + ")", _FLAGS
            ),
            units.get("percent_prefix") or [],
        ),
        points_after=anchored(
            regex.compile(sp + alternation(units.get("percentage_points") or [], res), _FLAGS),
            units.get("percentage_points") or [],
        ),
        classifier=anchored(
            regex.compile(sp + alternation(units.get("classifiers") or [], res), _FLAGS),
            units.get("classifiers") or [],
        ),
        area_after=anchored(
            regex.compile(
                sp + "(" + alternation([f for v in (units.get("areas") or {}).values() for f in v], res) + ")", _FLAGS
            ),
            [f for v in (units.get("areas") or {}).values() for f in v],
        ),
        areas=_surface_map(units.get("areas") or {}),
        score_after=anchored(
            regex.compile(sp + alternation(units.get("scores") or [], res), _FLAGS),
            units.get("scores") or [],
        ),
        score_prefix=anchored(
            regex.compile(alternation(units.get("score_prefix") or [], res) + r"[\s\u00a0]*$", _FLAGS),
            units.get("score_prefix") or [],
        ),
        comparator_before=anchored(
            regex.compile(r"(?:" + _kinds(res.comparators, res) + r")[\s\u00a0]*[:：]?[\s\u00a0]*$", _FLAGS),
            [w for words in res.comparators.values() for w in words],
        ),
        comparator_after=anchored(
            regex.compile(sp + r"(?:" + _kinds(res.comparators_after, res) + ")", _FLAGS),
            [w for words in res.comparators_after.values() for w in words],
        ),
        deadline=anchored(
            templates(res.words("deadlines"), res),
            res.words("deadlines"),
        ),
        deadline_exclude=anchored(
            regex.compile(r"\s*" + alternation(res.words("deadline_exclude_after"), res), _FLAGS),
            res.words("deadline_exclude_after"),
        ),
        period=anchored(
            templates(res.words("periods"), res),
            res.words("periods"),
        ),
        period_range=anchored(
            templates(res.words("period_ranges"), res),
            res.words("period_ranges"),
        ),
        comparison_year=anchored(
            templates(res.words("comparison_years"), res),
            res.words("comparison_years"),
        ),
        # a conjunction before "que en 2019" makes it a time, not a comparison: "ya que en 2019 fue del 1,35 %"
        comparison_exclude=anchored(
            regex.compile(alternation(res.words("comparison_exclude_before"), res) + r"\s+$", _FLAGS),
            res.words("comparison_exclude_before"),
        ),
        # a compared period in brackets after a comparison word: "Rispetto ai tre anni precedenti (2010-2012)"
        comparison_lead=anchored(
            regex.compile(
                alternation(res.words("comparison_leads"), res) + r"[^\d()（）,;.，；。]{0,40}[(（]\s*$", _FLAGS
            ),
            res.words("comparison_leads"),
        ),
        period_part=anchored(
            regex.compile(alternation(res.period_parts, res), _FLAGS),
            res.period_parts,
        ),
        # a plan name, with the years often written after it: "14th Five-Year Plan period (2021-2025)"
        plan_period=anchored(
            regex.compile(alternation(res.plan_periods, res) + _PLAN_YEARS, _FLAGS),
            res.plan_periods,
        ),
        period_open=anchored(
            templates(res.words("period_open"), res),
            res.words("period_open"),
        ),
        deadline_anaphora=_words(res, "deadline_anaphora"),
        anaphora=_words(res, "period_anaphora"),
        previous_year=_words(res, "period_previous"),
        # case matters: "Horizon 2020" is a programme, "à l'horizon 2030" a deadline
        name_year=anchored(
            regex.compile(alternation(res.words("name_before_year"), res) + r"\s+$", regex.UNICODE | regex.V0),
            res.words("name_before_year"),
        ),
        duration=TemplateSet(res.words("durations"), res),
        conjunction=_words(res, "conjunctions"),
        rank=TemplateSet(res.words("ranks"), res),
        rank_exclude=anchored(
            regex.compile(alternation(res.words("rank_exclude_after"), res, bounded=False), _FLAGS),
            res.words("rank_exclude_after"),
        ),
        national=_words(res, "rank_national"),
        target_cue=_words(res, "target_cues"),
        growth_cue=_words(res, "growth_cues"),
        # "from 2.1 % to 3 %", "del 61 por ciento actual al 70" (a current value, then the goal)
        range_to=regex.compile(
            r"^[\s\u00a0]*(?:"
            + alternation(res.words("current_words"), res)
            + r"[\s\u00a0]*)?"
            + alternation(res.words("range_to"), res)
            + r"[\s\u00a0]*$",
            _FLAGS,
        ),
        # the lower end of a range before its upper end: "entre un dos y ", "zwischen 2 und ", "between 2 and "
        range_between=anchored(
            regex.compile(
                alternation(res.words("range_open"), res)
                + r"\s+(?:\p{L}{1,3}['’]?\s*)?(?:\d+(?:[.,]\d+)?|"
                + _word_run(res)
                + r")\s*(?:%|％)?\s+"
                + alternation(res.words("range_and"), res)
                + r"\s+(?:\p{L}{1,3}['’]?\s*)?$",
                _FLAGS,
            ),
            res.words("range_open"),
        ),
        milestone_verb=_words(res, "milestone_verbs"),
        after_negative=anchored(
            regex.compile(
                sp + r"(?:[-–]\s*)?" + alternation([*neg.get("after_number", ()), *neg.get("time_units", ())], res),
                _FLAGS,
            ),
            [*neg.get("after_number", ()), *neg.get("time_units", ())],
        ),
        negative=TemplateSet(neg.get("patterns", ()), res, digits_only=True),  # they only ever block digits
        denominator=anchored(
            regex.compile(alternation(neg.get("denominators", ()), res) + r"[\s\u00a0]*$", _FLAGS),
            neg.get("denominators", ()),
        ),
        date=regex.compile(_date_pattern(res), _FLAGS),
        # the same without the dates that name a month, for a sentence that names none
        date_numeric=regex.compile(_date_pattern(res, with_months=False), _FLAGS),
        date_months=_month_anchors(res),
        refusal=_words(res, "refusal_cues"),
        report_cue=_words(res, "report_cues"),
        word_number=anchored(
            regex.compile(_word_numbers(res), _FLAGS), [*res.number_words, *res.numeral_digits, *res.numeral_units]
        ),
        # a bare ordinal ending a list item ("…, Shanghai–Suzhou fifth."), read only beside a rank already found
        ordinal_alone=regex.compile(
            (alternation(res.ordinal_words, res) if not res.is_cjk else r"(?!x)x")
            + r"(?=\s*(?:[,;.)]|$|"
            + alternation(res.words("conjunctions"), res)
            + "))",
            _FLAGS,
        ),
        rank_noun=_words(res, "rank_nouns"),
        rank_anchor=_rank_anchor(res),
        entity_anchor=_entity_anchor(res),
        negative_anchor=_literal_anchor(neg.get("patterns", ()), res),
        date_anchor=(*(m.casefold() for m in res.words("months")), "[", "年", "月"),
        # "minus 5,7 %", "负3.9%"; a decline verb before a change: "en baisse de 3,4 %", "falling by 1 %"
        minus_before=anchored(
            regex.compile(alternation(res.words("minus_words"), res) + r"[\s\u00a0]*$", _FLAGS),
            res.words("minus_words"),
        ),
        decline_before=anchored(
            regex.compile(
                alternation(res.words("decline_cues"), res)
                + (r"\s*了?\s*$" if res.is_cjk else r"(?:\s+[^\s\d,;]+){0,2}\s*$"),
                _FLAGS,
            ),
            res.words("decline_cues"),
        ),
        times_after=anchored(
            regex.compile(sp + r"(?:[-‐]\s*)?" + alternation(units.get("times") or [], res), _FLAGS),
            units.get("times") or [],
        ),
        multiplier=anchored(
            regex.compile(alternation(res.multipliers, res), _FLAGS),
            res.multipliers,
        ),
        multipliers={k.casefold(): v for k, v in res.multipliers.items()},
        word_quantity=anchored(
            regex.compile(_word_run(res), _FLAGS), [*res.number_words, *res.number_vocabulary] if not res.is_cjk else ()
        ),
        fraction=anchored(
            regex.compile(alternation(res.fractions, res), _FLAGS),
            res.fractions,
        ),
        fractions={k.casefold(): v for k, v in res.fractions.items()},
        method_after=anchored(
            regex.compile(sp + alternation(neg.get("method_nouns", ()), res), _FLAGS),
            neg.get("method_nouns", ()),
        ),
        allocation_cue=_words(res, "allocation_cues"),
        forecast_cue=_words(res, "forecast_cues"),
        # GDP before a number is its subject ("GDP grew by 1.0 %"); after "of" it is a denominator ("3 % of GDP")
        economy_cue=anchored(
            regex.compile(alternation(res.words("economy_cues"), res), regex.UNICODE | regex.V0),
            res.words("economy_cues"),
        ),
        economy_of=anchored(
            regex.compile(alternation(res.words("economy_of"), res) + r"\s*$", _FLAGS),
            res.words("economy_of"),
        ),
        share_word=_words(res, "share_words"),
        # an R&I noun after the economy word: "population of high-tech enterprises", "每万人口发明专利"
        # what a value is of when it is no R&I fact: a method's coverage, debt ("92,5% della popolazione mondiale",
        # "2,6 Milliarden Euro Schuldentilgung")
        no_fact_after=anchored(
            regex.compile(
                (r"\s*" if res.is_cjk else r"[\s\u00a0]+") + alternation(res.words("no_fact_after"), res), _FLAGS
            ),
            res.words("no_fact_after"),
        ),
        # "un incremento de 27 por ciento en términos reales": a change at constant prices, of what the clause says
        real_terms=anchored(
            regex.compile(r"[\s\u00a0]*" + alternation(res.words("real_terms"), res), _FLAGS),
            res.words("real_terms"),
        ),
        economy_exempt=anchored(
            regex.compile(alternation(res.words("economy_exempt"), res, bounded=False), _FLAGS),
            res.words("economy_exempt"),
        ),
        aim_cue=_words(res, "aim_cues"),
        # "auf bis zu 4 % steigern", "raise … up to 3 %": an upper bound a raise aims at is the level to reach
        up_to=regex.compile(alternation(res.words("up_to_words"), res), _FLAGS),
        raise_word=regex.compile(alternation(res.words("raise_words"), res), _FLAGS),
        # "Platz 5 von 85", "67e sur 240": the total of a ranking after a position
        rank_total=anchored(
            regex.compile(
                sp + alternation(res.words("rank_totals"), res) + sp + r"\d{1,4}(?!\d)(?:" + sp + r"[\p{L}-]+)?", _FLAGS
            ),
            res.words("rank_totals"),
        ),
        # a change of position: "subiendo cinco puestos", "gagne deux places", "up four places"
        rank_step_after=anchored(
            regex.compile(sp + alternation(res.words("rank_steps"), res), _FLAGS),
            res.words("rank_steps"),
        ),
        # a verb of moving places right before the number ("前进了5位"): a change, not the place "5位"
        rank_step_verb=regex.compile(alternation(res.words("rank_step_verbs"), res) + r"\s*了?\s*$", _FLAGS)
        if res.words("rank_step_verbs")
        else None,
        # places moved named by a clitic ("PSL en perd une", "la Calabria ne perde cinque"): a change
        rank_step_clitic=regex.compile(alternation(res.words("rank_step_clitics"), res) + r"\s+$", _FLAGS)
        if res.words("rank_step_clitics")
        else None,
        # a number with an ordinal suffix ("52ª", "11e", "26esimo", "3rd"); "." (German) is no suffix here
        ordinal_digits=regex.compile(
            r"(?<![\p{L}\p{N}.,])(?P<rank>\d{1,3})"
            + alternation([x for x in res.ordinal_suffixes if x != "."], res, bounded=False)
            + r"(?![\p{L}\p{N}])",
            _FLAGS,
        )
        if [x for x in res.ordinal_suffixes if x != "."]
        else regex.compile(r"(?!x)x"),
        # a population base after a power of ten: "je 100.000 Einwohner", "per 10,000 people"
        population_after=anchored(
            regex.compile(sp + alternation(res.words("population_nouns"), res), _FLAGS),
            res.words("population_nouns"),
        ),
        # a place named right before a number, not its label ("im Bundesgebiet 56 Patentanmeldungen")
        place_label=regex.compile(alternation(res.words("place_before"), res) + r"\s+\p{Lu}[\p{L}-]*\s$", regex.V1)
        if res.words("place_before")
        else None,
        # a group of the best ("top 10", "前40位"): a bound in a goal, a group's size elsewhere
        rank_top=anchored(
            templates(res.words("rank_tops"), res),
            res.words("rank_tops"),
        ),
        rank_top_anchor=_literal_anchor(res.words("rank_tops"), res) if res.words("rank_tops") else (),
    )
