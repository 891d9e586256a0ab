"""One sentence scanned: its time expressions, ranks, durations, blocked spans and quantities.

Offsets are relative to the sentence; the extractors add the sentence start. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

import regex

from riso.errors import ExtractError
from riso.extract.numbers import parse_chinese_numeral, parse_number_text, parse_number_words
from riso.extract.patterns import Patterns, TemplateSearch, alternation, casefolded, has_any, patterns_for, search_part

__all__ = ["Quantity", "Rank", "Scan", "Temporal", "scan_sentence"]

_QUOTES = '„“”"«»‘’‚‹›「」『』'
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_FOOTNOTE_BEFORE = regex.compile(r"\p{L}{2,}[.,;]$")
_LIST_NUMBER = regex.compile(r"^[\s(]*$")
_NOUN_AFTER = regex.compile(r"[\s\u00a0]*(?:[-–][\s]*)?[\p{L}]")
_DIGIT = regex.compile(r"\d")
_DIGITS = regex.compile(r"\d+")
_LOOKBACK = 48
_PHONE_SEP = regex.compile(r"[ \-/]")
_DOT_LETTER = regex.compile(r"\.\p{L}")
_SPACE_THEN_TEXT = regex.compile(r"[ \t]+\S")
_LETTER = regex.compile(r"\p{L}")
_VERSION = regex.compile(r"\d+[.,]0")
_YEARISH = regex.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
_DIGIT_SEP_DIGIT = regex.compile(r"\d\s?[./:\-]\s?\d")
_LABEL_BEFORE = regex.compile(r"(?<=\S\s+)\p{Lu}[\p{L}-]*\s$")
_RANGE_AFTER = regex.compile(r"\s*[-–—~～]\s*\d")
_CLAUSE_END = regex.compile(r"\s*(?:[.;,:)。；，]|$)")
_PHONE = regex.compile(r"\+?\d{1,5}(?:[ \-/]\d{1,8}){2,}")
_BRACKET_UNIT = regex.compile(r"[(（]([^()（）\d]{1,24})[)）]\s*[:：]?")
_WORD_SPACE = regex.compile(r"\p{L}+\s+")
_ABBREVIATION = regex.compile(r"\s*[(（][^()（）\d]{1,8}[)）]")
_OUTLINE = regex.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{1,3}){2,}\.?(?![\d,])")
_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_POWERS_OF_TEN = {10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0}


def _is_phone(s: str, start: int, end: int) -> bool:
    """Digit groups that are not thousands groups ("+86 23 0000 0000", "93 000 00 00")."""
    for m in _PHONE.finditer(s, max(0, start - 20), min(len(s), end + 20)):
        if (m.start() <= start and end <= m.end()) or start <= m.start() < end:
            groups = _PHONE_SEP.split(m.group(0).lstrip("+"))
            if m.group(0).startswith("+") or any(len(g) != 3 for g in groups[1:]):
                return True
    return False


@dataclass(frozen=True)
class Temporal:
    """A deadline ("bis 2027") or a reference period ("im Jahr 2023", "2019-2023")."""

    start: int
    end: int
    kind: str  # "deadline" | "period"
    year: int | None
    period: str | None
    local: bool = False  # "des Vorjahres", "of the previous year": the year of one value, framing no other


@dataclass(frozen=True)
class Rank:
    """A ranking position ("Platz 7", "第七位")."""

    start: int
    end: int
    value: float


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and comparator."""

    start: int  # comparator or number start
    end: int  # unit end
    number_start: int
    number_end: int
    value: float
    unit: str | None
    comparator: str | None
    explicit_unit: bool


@dataclass
class Scan:
    """What one sentence holds."""

    text: str
    temporals: list[Temporal] = field(default_factory=list)
    ranks: list[Rank] = field(default_factory=list)
    durations: list[tuple[int, int, float]] = field(default_factory=list)
    nationals: list[tuple[int, int]] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    rank_context: bool = False  # the sentence holds a rank or names a ranking
    tops: list[Rank] = field(default_factory=list)  # "top 10", "前40位": the size of a group of the best
    named_years: list[int] = field(default_factory=list)  # "Europe 2020", "FTI-Strategie 2030": a plan's end year

    def is_blocked(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a blocked span."""
        return any(s < end and start < e for s, e in self.blocked)


def _free_matches(pattern: regex.Pattern[str] | TemplateSearch, scan: Scan) -> list[regex.Match[str]]:
    """Matches that overlap no blocked span; after a blocked match, the search resumes one character on."""
    out, pos, text = [], 0, scan.text
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            break
        if scan.is_blocked(m.start(), m.end()):
            pos = m.start() + 1
            continue
        out.append(m)
        pos = max(m.end(), m.start() + 1)
    return out


def _group_value(m: regex.Match[str], names: tuple[str, ...], pats: Patterns) -> float | None:
    for name in names:
        text = m.groupdict().get(name)
        if text:
            try:
                return parse_number_text(text, pats.res)
            except ExtractError:
                return None
    return None


def _find_plans(scan: Scan, pats: Patterns) -> None:
    """Plans named for their years ("十四五", "14th Five-Year Plan"): the latest one named frames the sentence as a
    deadline at its end year; an earlier one is a baseline ("高于“十三五”时期实际"), one in a title a name."""
    s = scan.text
    found = []
    for m in pats.plan_period.finditer(s):
        scan.blocked.append((m.start(), m.end()))
        if s.count("《", 0, m.start()) > s.count("》", 0, m.start()):
            continue  # 《“十四五”数字经济发展规划》: a title
        folded = m.group(0).casefold()
        label = next((v for k, v in pats.res.plan_periods.items() if folded.startswith(k.casefold())), None)
        years = _DIGITS.findall(label or "")
        if label and years:
            found.append(Temporal(m.start(), m.end(), "deadline", int(years[-1]), label))
    if found:
        scan.temporals.append(max(found, key=lambda t: (t.year or 0, -t.start)))


def _find_open_periods(scan: Scan, pats: Patterns) -> None:
    """Times without a year that still make a number a report: "derzeit", "at present", "sur cinq ans"."""
    for m in _free_matches(pats.period_open, scan):
        scan.temporals.append(Temporal(m.start(), m.end(), "period", None, None))
        scan.blocked.append((m.start(), m.end()))


def _find_temporals(scan: Scan, pats: Patterns, last_year: int | None) -> None:
    s = scan.text
    has_year = _YEARISH.search(s) is not None
    if pats.res.plan_periods:
        _find_plans(scan, pats)
    _find_open_periods(scan, pats)
    for m in _free_matches(pats.comparison_year, scan) if has_year else ():
        if m.groupdict().get("year2"):  # a compared range before the ranges: "rispetto al periodo 2016-2018"
            scan.blocked.append((m.start(), m.end()))
    for m in _free_matches(pats.period_range, scan) if has_year else ():
        y1, y2 = m.group("year"), m.groupdict().get("year2")
        if pats.comparison_lead.search(s, max(0, m.start() - 64), m.start()):
            scan.blocked.append((m.start(), m.end()))  # "compared with the three years before (2010-2012)"
            continue
        after = _GAP_TO_NUMBER.match(s, m.end())
        if after is not None and pats.range_to.match(after.group(1)):
            continue  # "von 800 im Jahr 2022 bis 2030 auf 1.500": a year, then a deadline, then the goal
        if y2 and int(y1) < int(y2):
            scan.temporals.append(Temporal(m.start(), m.end(), "period", None, f"{y1}-{y2}"))
            scan.blocked.append((m.start(), m.end()))
    for m in _free_matches(pats.comparison_year, scan) if has_year else ():
        if pats.comparison_exclude.search(s, max(0, m.start() - 24), m.start()):
            continue  # "ya que en 2019", "alors qu'en 2021", "dato che nel 2022": a conjunction, then a time
        if not pats.deadline_exclude.match(s, m.end()):  # "较2022年的559.5亿元" names 2022's own value
            scan.blocked.append((m.start(), m.end()))  # "par rapport à 2021": a base of comparison, not the period
    parts = [m for m in pats.period_part.finditer(s) if not scan.is_blocked(m.start(), m.end())]
    candidates = [("deadline", m) for m in _free_matches(pats.deadline, scan)] if has_year else []
    candidates += [("period", m) for m in _free_matches(pats.period, scan)] if has_year else []
    # leftmost, then longest: "截至2023年底" (as of) beats the deadline "至2023年底" inside it
    candidates.sort(key=lambda c: (c[1].start(), -(c[1].end() - c[1].start()), c[0] != "deadline"))
    for kind, m in candidates:
        if scan.is_blocked(m.start(), m.end()):
            continue
        if search_part(pats.name_year, s, s[: m.start("year")]):  # "Europa 2020", "France 2030": a name, not a time
            scan.blocked.append((m.start("year"), m.end("year")))
            scan.named_years.append(int(m.group("year")))
            continue
        if kind == "deadline" and (
            any(p.start() < m.end() and m.start() < p.end() for p in parts) or pats.deadline_exclude.match(s, m.end())
        ):
            kind = "period"  # "2024年前三季度" (first three quarters of 2024), "提高到2022年的5.81%" (2022's value)
        year, end = int(m.group("year")), m.end()
        fiscal = _FISCAL_END.match(s, end) if kind == "deadline" else None
        if fiscal is not None and int(fiscal.group(1)) == (year + 1) % 100:
            year, end = year + 1, fiscal.end()  # "by 2026-27": a financial year, met at its end
        scan.temporals.append(Temporal(m.start(), end, kind, year, str(year)))
        scan.blocked.append((m.start(), end))
    for m in parts:
        scan.blocked.append((m.start(), m.end()))
        if not scan.temporals:
            label = next((v for k, v in pats.res.period_parts.items() if k.casefold() == m.group(0).casefold()), None)
            scan.temporals.append(Temporal(m.start(), m.end(), "period", None, label))
    for m in pats.deadline_anaphora.finditer(s):
        if scan.is_blocked(m.start(), m.end()):
            continue
        before = [t.year for t in scan.temporals if t.kind == "deadline" and t.end <= m.start() and t.year]
        if before:  # "1.25% of GDP by 2030, and … 3% of GDP by the same year"
            scan.temporals.append(Temporal(m.start(), m.end(), "deadline", before[-1], str(before[-1])))
            scan.blocked.append((m.start(), m.end()))
    for pattern, offset in ((pats.anaphora, 0), (pats.previous_year, -1)):
        for m in pattern.finditer(s):
            if scan.is_blocked(m.start(), m.end()):
                continue
            before = [
                t.year
                for t in sorted(scan.temporals, key=lambda t: t.start)
                if t.end <= m.start() and t.year and not t.local  # "im Vorjahr" twice: both the year before
            ]
            named = before[-1] if before else last_year  # "that year": the last year named before it
            if named is not None:
                year = named + offset
                scan.temporals.append(Temporal(m.start(), m.end(), "period", year, str(year), local=offset != 0))
                scan.blocked.append((m.start(), m.end()))
    scan.temporals.sort(key=lambda t: t.start)


def _find_ranks(scan: Scan, pats: Patterns, folded: str) -> None:
    s = scan.text
    for m in _free_matches(pats.duration.searcher(folded), scan):
        value = _group_value(m, ("n", "ord"), pats)
        if value is not None:
            scan.durations.append((m.start(), m.end(), value))
            scan.blocked.append((m.start(), m.end()))
    for m in _free_matches(pats.rank.searcher(folded), scan):
        if pats.rank_exclude.match(s, m.end()) or _RANGE_AFTER.match(s, m.end()):
            continue  # "第三章", "第45—48页"
        if pats.rank_step_verb is not None and pats.rank_step_verb.search(s, max(0, m.start() - 8), m.start()):
            continue  # "排名前进了5位": a change of places, read as a quantity
        has_number = any(m.groupdict().get(n) for n in ("rank", "ord"))
        value = _group_value(m, ("rank", "ord"), pats) if has_number else 1.0
        if value is not None and 0 < value < 1000:
            scan.ranks.append(Rank(m.start(), m.end(), value))
            scan.blocked.append((m.start(), m.end()))
            total = pats.rank_total.match(s, m.end()) if has_number else None
            if total:  # "Platz 5 von 85": the ranking's size, no fact
                scan.blocked.append((total.start(), total.end()))
            target = _rank_target(s, m.end(), pats) if has_number else None
            if target is not None:  # "de la posición 79 al 57": the place it moved to
                scan.ranks.append(target)
                scan.blocked.append((target.start, target.end))
    context = bool(scan.ranks) or pats.rank_noun.search(s) is not None
    _find_ordinal_digits(scan, pats, context)
    if context:
        for m in _free_matches(pats.ordinal_alone, scan):  # "Shenzhen second, Shanghai–Suzhou fifth"
            value = float(pats.res.ordinal_words.get(m.group(0).casefold(), 0))
            if value > 0:
                scan.ranks.append(Rank(m.start(), m.end(), value))
                scan.blocked.append((m.start(), m.end()))
        scan.ranks.sort(key=lambda r: r.start)
        scan.nationals = [(m.start(), m.end()) for m in pats.national.finditer(s)]


_RANK_TARGET = regex.compile(r"(?P<gap>[^\d.;:,，；：。]{1,10}?)(?P<n>\d{1,3})(?P<suffix>[^\s\d,.;:)，；。]{0,6})")


def _rank_target(s: str, pos: int, pats: Patterns) -> Rank | None:
    """A bare number a place moves to ("de la posición 79 al 57", "from 12th to 9th", "dal 30° al 26°"), if any."""
    m = _RANK_TARGET.match(s, pos)
    if m is None or not pats.range_to.match(m.group("gap")):
        return None
    suffix = m.group("suffix")
    if suffix and not any(suffix.casefold() == x.casefold() for x in (*pats.res.ordinal_suffixes, "位", "名")):
        return None  # "al 57 %", "to 12 companies"
    if not suffix and _unit_after(s, m.end(), "", pats)[2]:
        return None  # "al 57 % del total": a value with its unit
    value = float(m.group("n"))
    return Rank(m.start("n"), m.end(), value) if 0 < value < 1000 else None


def _find_tops(scan: Scan, pats: Patterns) -> None:
    """ "Top 5", "前40位": a group of the best, read before ranks and counts (the extractor decides what it is)."""
    for m in _free_matches(pats.rank_top, scan):
        value = _group_value(m, ("n",), pats)
        if value is not None and 0 < value < 10000:
            scan.tops.append(Rank(m.start(), m.end(), value))
            scan.blocked.append((m.start(), m.end()))


def _find_ordinal_digits(scan: Scan, pats: Patterns, context: bool) -> None:
    """Numbers with an ordinal suffix are positions: bracketed ones always ("Uruguay (63ª)", "PSL (41e)"), others
    in a sentence about a ranking ("Chile es 52ª", "hasta el 76º")."""
    s = scan.text
    for m in _free_matches(pats.ordinal_digits, scan):
        bracketed = s[max(0, m.start() - 1) : m.start()] in "(（" and s[m.end() : m.end() + 1] in ")）"
        if not (bracketed and m.start() > 0) and not context:
            continue
        if pats.rank_exclude.match(s, m.end()) or pats.after_negative.match(s, m.end()):
            continue  # "3rd phase", "21st century"
        value = float(m.group("rank"))
        if 0 < value < 1000:
            scan.ranks.append(Rank(m.start(), m.end(), value))
            scan.blocked.append((m.start(), m.end()))
            total = pats.rank_total.match(s, m.end())
            if total:
                scan.blocked.append((total.start(), total.end()))


def _is_glued_or_ordinal(s: str, start: int, end: int, pats: Patterns) -> bool:
    lead = max(0, start - _LOOKBACK)  # windows, not the whole prefix and rest: cost stays linear in the sentence
    pre, post = s[lead:start], s[end : end + _LOOKBACK]
    if pre and _LATIN_LETTER.match(pre[-1]):
        return True  # "G60", "COVID19"
    if end - start <= 2 and (pre[-1:] in "%％" or _FOOTNOTE_BEFORE.search(pre)):
        return True  # a footnote marker glued to the number or word before it: "28 %2", "Mrd. Euro.1"
    if len(pre) >= 2 and pre[-1] in "-‐‑" and (_LATIN_LETTER.match(pre[-2]) or pre[-2].isdigit()):
        return True  # "COVID-19"
    if (pre[-1:] == "/" and pre[-2:-1].isalnum()) or (
        post[:1] == "/" and post[1:2].isalnum() and not pats.previous_year.match(post, 1)
    ):
        return True  # a reference code: "IP/24/1234" (not "108/Vorjahr: 114", a value and the year before's)
    if post[:1] in ".)" and lead == 0 and _LIST_NUMBER.match(pre) and post[1:].strip():
        return True  # list numbering at sentence start: "1.Das", "2. Schlüsseldaten", "3)"
    if _DOT_LETTER.match(post):
        return True  # list numbering glued inside a line: "fördern. 2.Der"
    if pre.rstrip()[-1:] in _QUOTES and post.lstrip()[:1] in _QUOTES:
        return True  # a quoted name: „416“
    for suffix in pats.res.ordinal_suffixes:
        if not post.lower().startswith(suffix.lower()):
            continue
        rest = post[len(suffix) :]
        if suffix == ".":
            if _SPACE_THEN_TEXT.match(rest) and len(s[start:end]) <= 2:
                return True  # "21. Jahrhundert"
        elif not _LETTER.match(rest):
            return True  # "7e", "21st", "3°"
    return False


def _unit_after(s: str, pos: int, pre: str, pats: Patterns) -> tuple[str | None, int, bool, float]:
    """The unit written after the number (or a percent/currency sign before it): unit, end, explicit, factor.

    Money keeps its scale in the unit ("2.5亿元" -> "CNY 100m"); a count is multiplied out ("3.2万家" -> 32000,
    factor 1e4), as in the Fact contract ("20,000 high-tech enterprises"). A Chinese scale before a larger one
    multiplies the number ("1千亿元" -> 1000 CNY 100m, "2百万家" is its own scale)."""
    if pats.res.is_cjk:
        first = pats.scale.match(s, pos)
        nxt = pats.scale.match(s, first.end()) if first else None
        if first and nxt:
            small, large = pats.scales[first.group(1).casefold()], pats.scales[nxt.group(1).casefold()]
            if small.factor < large.factor:
                unit, end, explicit, factor = _unit_after(s, first.end(), pre, pats)
                return unit, end, explicit, factor * small.factor
    unit, end, explicit = _unit_text_after(s, pos, pre, pats)
    scale = pats.scale.match(s, pos) if explicit else None  # (a scale is an explicit unit)
    if scale and unit == pats.scales[scale.group(1).casefold()].count_unit:
        return "count", end, explicit, pats.scales[scale.group(1).casefold()].factor
    return unit, end, explicit, 1.0


def _unit_text_after(s: str, pos: int, pre: str, pats: Patterns) -> tuple[str | None, int, bool]:
    """The unit as written: unit, end, explicit."""
    currency = None
    before = search_part(pats.currency_before, s, pre)
    if before:
        currency = pats.currencies.get(before.group(1).casefold())
    if search_part(pats.percent_prefix, s, pre):
        return "%", pos, True
    m = pats.points_after.match(s, pos)
    if m:
        return "pp", m.end(), True
    m = pats.percent_after.match(s, pos)
    if m:
        return "%", m.end(), True
    m = pats.times_after.match(s, pos)
    if m:
        return "times", m.end(), True
    scale = pats.scale.match(s, pos)
    if scale:
        sc = pats.scales[scale.group(1).casefold()]
        cur = pats.currency_after.match(s, scale.end())
        abbrev = None if cur else _ABBREVIATION.match(s, scale.end())
        if abbrev:  # "22,7 Milliarden (Mrd.) Euro"
            cur = pats.currency_after.match(s, abbrev.end())
        if cur:
            code = pats.currencies.get(cur.group(1).casefold()) or currency
            return f"{code} {sc.label}", cur.end(), True
        if currency:
            return f"{currency} {sc.label}", scale.end(), True
        area = pats.area_after.match(s, scale.end())
        if area:
            return f"{sc.count_unit} {pats.areas[area.group(1).casefold()]}", area.end(), True
        cls = pats.classifier.match(s, scale.end())
        return sc.count_unit, (cls.end() if cls else scale.end()), True
    cur = pats.currency_after.match(s, pos)
    if cur:
        return pats.currencies.get(cur.group(1).casefold()), cur.end(), True
    if currency:
        return currency, pos, True
    area = pats.area_after.match(s, pos)
    if area:
        return pats.areas[area.group(1).casefold()], area.end(), True
    score = pats.score_after.match(s, pos)
    if score:
        return "score", score.end(), True
    if search_part(pats.score_prefix, s, pre):
        return "score", pos, True
    cls = pats.classifier.match(s, pos)
    if cls:
        return "count", cls.end(), True
    return None, pos, False


def _header_unit(s: str, pats: Patterns) -> tuple[int, str, float] | None:
    """A bracketed unit heading a run of bare numbers: "FuE-Intensität 2022 (in % des BIP):", "（亿户）2020年4.6"."""
    for m in _BRACKET_UNIT.finditer(s):
        inner = m.group(1).strip()
        lead = _WORD_SPACE.match(inner)
        for pos in (0, lead.end()) if lead and lead.end() <= 4 else (0,):
            unit, _end, explicit, factor = _unit_after(inner, pos, "", pats)
            if explicit and unit is not None and unit != "count":
                return m.end(), unit, factor
            if explicit and unit == "count" and factor != 1.0:
                return m.end(), unit, factor
    return None


def _find_quantities(scan: Scan, pats: Patterns) -> None:
    s = scan.text
    cjk = pats.res.is_cjk
    header = _header_unit(s, pats) if ("(" in s or "（" in s) else None
    bare: list[tuple[int, int, float]] = []
    unitless: list[tuple[int, int, float]] = []  # numbers with no unit of their own: may share a list's
    for m in _OUTLINE.finditer(s):  # a section number ("2.8.1 Strategie …") or a version, not "1.234.567"
        if not _THOUSANDS.fullmatch(m.group(0).rstrip(".")):
            scan.blocked.append((m.start(), m.end()))
    for m in pats.number.finditer(s):
        start, end = m.start(), m.end()
        if scan.is_blocked(start, end) or _is_glued_or_ordinal(s, start, end, pats):
            continue
        lead = max(0, start - _LOOKBACK)
        pre = s[lead:start]  # phrases before a number are short: search a window, not the whole prefix
        digits = m.group(0)
        try:
            value = parse_number_text(digits, pats.res)
        except ExtractError:
            continue
        if value in _POWERS_OF_TEN and (
            search_part(pats.denominator, s, pre) or pats.population_after.match(s, m.end())
        ):
            continue  # "per 10,000 people", "auf 100.000 Einwohner": the base of a rate, no value
        if value == 0 or _is_phone(s, start, end) or (digits[0] == "0" and digits[1:2].isdigit()):
            continue
        unit, unit_end, explicit, factor = _unit_after(s, end, pre, pats)
        more = cjk and not explicit and s[end : end + 1] in _MORE_AFTER
        if more:  # "120余亿元", "3000多家": more than the number, its unit after the sign
            unit, unit_end, explicit, factor = _unit_after(s, end + 1, pre, pats)
            more = explicit
        if pats.no_fact_after.match(s, unit_end):
            continue  # "92,5 % of the world population" (a method's coverage), "2,6 Mrd. Euro Schuldentilgung"
        if unit and (unit == "m2" or unit.endswith(" m2")):
            continue  # a site or floor area ("810.000 metros cuadrados", "194.89万平方米"): no R&I fact
        if unit == "count" and factor >= 1e6:
            unit, factor = _elided_currency(scan, pats, end, unit, factor)
        step = pats.rank_step_after.match(s, end) if scan.rank_context and unit in (None, "count") else None
        if step and cjk and (pats.rank_step_verb is None or not pats.rank_step_verb.search(pre)):
            step = None  # "院士16位": people counted; "前进了5位": places moved
        if step:  # "cae 11 puestos", "progresse de 10 rangs": a change of position
            unit, unit_end, explicit, factor = "ranks", step.end(), True, 1.0
        elif _clitic_step(scan, pats, pre) and unit in (None, "count"):
            unit, unit_end, explicit, factor = "ranks", end, True, 1.0  # "Sorbonne en perd 3"
        if not explicit and header is not None and start >= header[0]:
            unit, explicit, factor = header[1], True, header[2]  # "(in % des BIP): Belgien 3,44 | Schweden 3,41"
        if not explicit and not value.is_integer() and _LIST_ITEM_END.match(s, end):
            listed = _listed_unit(scan, start)
            if listed is not None:  # "el 0,61 % …, mientras que Corea destina 4,2, Japón 3,5": the list's unit
                unit, explicit = listed, True
        if not explicit and _VERSION.fullmatch(digits):
            if _LIST_JOIN_AFTER.match(s, end):
                unitless.append((start, end, value))  # "2,9, 3,0 bzw. 3,1 %": a list member, no version
            continue  # a version: "Industrie 4.0"
        if not explicit and digits.isdigit() and 1800 <= int(digits) <= 2100:
            continue  # a bare year
        if not explicit and _LATIN_LETTER.match(s[end : end + 1]):
            continue  # "5G", "3D"
        if pats.after_negative.match(s, end):
            continue  # "850 Wörter", "10 Tage", "21 世纪"
        label = _LABEL_BEFORE.search(pre) if not explicit and not cjk and len(digits) <= 2 else None
        placed = label is not None and _placed(s, end, pre, pats)  # "im Bundesgebiet 56 Patentanmeldungen"
        if label and not placed and not pats.population_after.fullmatch(" " + label.group(0).strip()):
            continue  # a label: "Halle 4", "Gruppe 2", "MareNostrum 5" (not "auf 100.000 Einwohner 56 …")
        if not explicit and cjk and s[end : end + 1] in pats.res.numeral_digits:
            continue  # digits run into a numeral ("1一1"): no count of anything
        if not explicit:
            # Chinese counts carry a classifier (家, 个, 项: explicit above); a bare Han character after is no noun
            noun = _NOUN_AFTER.match(s, end) if not cjk else None
            large = sum(c.isdigit() for c in digits) >= 4 and _CLAUSE_END.match(s, end)
            if not noun and not large and not pats.growth_cue.search(pre[-40:]):
                if (
                    _BARE_ITEM_BEFORE.search(pre) or _each_before(pats, pre) or _previous_before(pats, s, start)
                ) and _BARE_ITEM_AFTER.match(s, end):
                    bare.append((start, end, value))  # "Schweden (3,35)", "(Vorjahr: 114)": the neighbours' unit
                else:
                    unitless.append((start, end, value))
                continue  # a number standing alone: "Group 1:", "(3)"
            unit = "count"
            if _LIST_JOIN_AFTER.match(s, end):
                unitless.append((start, end, value))  # "3.1 and 3.2 %": "and" is no counted noun
        comparator, q_start = None, start
        cur_before = search_part(pats.currency_before, s, pre)
        head = pre[: cur_before.start()] if cur_before else pre
        if cur_before:
            q_start = lead + cur_before.start()
        cm = search_part(pats.comparator_before, s, head)
        if cm:
            comparator, q_start = cm.lastgroup, lead + cm.start()
        am = pats.comparator_after.match(s, unit_end)
        if am:
            comparator, unit_end = am.lastgroup, am.end()
        elif more and comparator is None:
            comparator = "at_least"
        if unit == "count" and pats.method_after.match(s, end):
            continue  # a count of a method's parts: "80 indicators", "132 economies", "240 régions"
        negative, q_start = _sign(s, start, q_start, head[: cm.start()] if cm else head, lead, pats)
        value = round(value * factor, 6) * (-1 if negative else 1)
        scan.quantities.append(Quantity(q_start, unit_end, start, end, value, unit, comparator, explicit))
    if bare:
        _bare_items(scan, bare)
    if unitless:
        _shared_units(scan, unitless)


# what joins the members of a list of values: a comma, a joining word, or both ("2.9, 3.1 and 3.2 %")
_LIST_JOIN = regex.compile(
    r"\s*,\s*(?:(?:and|und|sowie|bzw\.|beziehungsweise|et|e|ed|y|o|or|oder|ou)\s+)?"
    r"|\s+(?:and|und|sowie|bzw\.|beziehungsweise|et|e|ed|y|o|or|oder|ou)\s+"
)
_LIST_JOIN_AFTER = regex.compile(r"\s+(?:and|und|sowie|bzw\.|beziehungsweise|et|e|ed|y|o|or|oder|ou)\s+\d")
_SHARED_UNITS = ("%", "pp", "score", "points", "times")


def _shared_units(scan: Scan, unitless: list[tuple[int, int, float]]) -> None:
    """Values listed before one that carries the unit share it: "2.9, 3.1 and 3.2 % in 2019, 2020 and 2021",
    "2,9, 3,1 bzw. 3,2 %", "1.2, 1.5 and 2 billion euros". Only a comma or a joining word may stand between
    members; a range ("zwischen 2 und 3 %") is read as one value later."""
    s = scan.text
    by_end = {end: (start, value) for start, end, value in unitless}
    added: list[Quantity] = []
    replaced: set[int] = set()
    for q in list(scan.quantities):
        if q.unit == "ranks" and q.start == q.number_start:
            _listed_positions(scan, q, by_end)
            continue
        if not q.explicit_unit or not q.unit or not (q.unit in _SHARED_UNITS or _MONEY_UNIT.fullmatch(q.unit)):
            continue
        if q.start != q.number_start:
            continue  # "more than 3 %": a bound is no list member's unit
        head = q.number_start
        while True:
            member = next(
                (e for e in by_end if e <= head and _LIST_JOIN.fullmatch(s, e, head)), None
            )
            if member is None:
                break
            start, value = by_end.pop(member)
            if value.is_integer() and 1800 <= value <= 2100:
                break  # a year: "in 2020, 3 %"
            added.append(Quantity(start, member, start, member, value, q.unit, None, True))
            replaced.add(start)
            head = start
    if added:
        scan.quantities[:] = [q for q in scan.quantities if q.number_start not in replaced] + added
        scan.quantities.sort(key=lambda q: q.start)


def _listed_positions(scan: Scan, q: Quantity, by_end: dict[int, tuple[int, float]]) -> None:
    """A place noun after a list of numbers names positions, not places moved: "ranked at 81, followed by 66, 60
    and 57 positions in 2016, 2017 and 2018" ranks 66, 60 and 57 (a change of rank is one number: "climbed 3
    places")."""
    s, head, members = scan.text, q.number_start, []
    while True:
        member = next((e for e in by_end if e <= head and _LIST_JOIN.fullmatch(s, e, head)), None)
        if member is None:
            break
        start, value = by_end[member]
        if not (value.is_integer() and 0 < value < 1000):
            break
        members.append((start, member, value))
        head = start
    if not members:
        return
    starts = {start for start, _end, _value in members}
    scan.quantities[:] = [o for o in scan.quantities if o is not q and o.number_start not in starts]
    scan.ranks.extend(Rank(a, b, v) for a, b, v in [*members, (q.number_start, q.number_end, q.value)])
    scan.ranks.sort(key=lambda r: r.start)
    for start, end, _value in members:
        by_end.pop(end, None)
        scan.blocked.append((start, end))
    scan.blocked.append((q.number_start, q.number_end))


_GAP_TO_NUMBER = regex.compile(r"(\D{1,12}?)\d")
_FISCAL_END = regex.compile(r"[-–/](\d{2})(?![\d.,]?\d)")
_LIST_ITEM_END = regex.compile(r"\s*(?:[,;.。，；]|$|(?:y|e|and|und|et|o|ou|or|oder|ed|sowie)\s)")


def _placed(s: str, end: int, pre: str, pats: Patterns) -> bool:
    """Whether the capitalised word before a number names a place and a capitalised noun follows the number ("im
    Bundesgebiet 56 Patentanmeldungen", ``place_before``): the number counts that noun, the word is no label."""
    noun = _NOUN_AFTER.match(s, end)
    return (
        noun is not None
        and s[noun.end() - 1].isupper()
        and pats.place_label is not None
        and bool(pats.place_label.search(pre))
    )


def _listed_unit(scan: Scan, start: int) -> str | None:
    """The unit of the last percentage before a bare decimal of the same sentence, none past a strong stop: a
    list of values written once with their unit ("Corea 4,2, Japón 3,5 y Estados Unidos 2,8")."""
    prior = next((q for q in reversed(scan.quantities) if q.end <= start and q.explicit_unit), None)
    if prior is None or prior.unit not in ("%", "pp") or _STRONG_STOP.search(scan.text, prior.end, start):
        return None
    return prior.unit


def _clitic_step(scan: Scan, pats: Patterns, pre: str) -> bool:
    """Whether a clitic standing for places moves the number ("PSL en perd une", "ne guadagna tre")."""
    return scan.rank_context and pats.rank_step_clitic is not None and pats.rank_step_clitic.search(pre) is not None


def _elided_currency(scan: Scan, pats: Patterns, end: int, unit: str, factor: float) -> tuple[str, float]:
    """Millions or billions without a currency are money when money came before in the sentence ("500 millions
    d'euros par an …, puis de 600 millions") or when the sentence allocates them ("sono stanziati 2,35 miliardi"):
    the earlier amount's currency, else the language's default currency."""
    scale = pats.scale.match(scan.text, end)
    if scale is None:
        return unit, factor
    label = pats.scales[scale.group(1).casefold()].label
    money = [q.unit for q in scan.quantities if q.unit and _MONEY_UNIT.fullmatch(q.unit)]
    code = money[-1].split()[0] if money else None
    if code is None and pats.res.units.get("default_currency") and pats.allocation_cue.search(scan.text):
        code = str(pats.res.units["default_currency"])
    return (f"{code} {label}", 1.0) if code else (unit, factor)


_MONEY_UNIT = regex.compile(r"[A-Z]{3}(?: \S+)?")


_FILLER_WORDS = regex.compile(r"[\s:]*(?:\p{Ll}+[\s:]+){0,4}$")


def _previous_before(pats: Patterns, s: str, start: int) -> bool:
    """Whether a previous-year cue opens the words right before a bare number, in its bracket: "(138 Anmeldungen;
    im Vorjahr waren es noch 133)", "(108/Vorjahr: 114)", "(2.1 %; previous year: 1.9)"."""
    window = s[max(0, start - 80) : start]
    opened = max(window.rfind("("), window.rfind("（"))
    if opened < 0 or ")" in window[opened:]:
        return False
    return any(_FILLER_WORDS.fullmatch(window, m.end()) for m in pats.previous_year.finditer(window, opened))


def _bare_items(scan: Scan, bare: list[tuple[int, int, float]]) -> None:
    """A bare bracketed number after a name takes the unit of the item before it in its clause: a rank ("al 29 posto,
    dietro Malta (24)") or a quantity ("punteggio di 67.6 seguita da Svezia (64.2)", "Oxford (55 companies),
    Edinburgh (49)"). Items resolved so become the neighbours of the next ones."""
    s = scan.text
    items: list[tuple[int, int, Quantity | Rank]] = [(q.number_start, q.number_end, q) for q in scan.quantities]
    items += [(r.start, r.end, r) for r in scan.ranks]
    items.sort(key=lambda t: t[0])
    for start, end, value in bare:
        before = [it for it in items if it[1] <= start]
        if not before:
            continue
        stop = _STRONG_STOP.search(s, before[-1][1], start)
        if stop is not None and not _same_bracket(s, before[-1][1], start):
            continue  # "(138 Anmeldungen je 100.000 EW; im Vorjahr waren es noch 133)": one bracket, one unit
        neighbour = before[-1][2]
        new: Quantity | Rank
        if isinstance(neighbour, Rank):
            if not (0 < value < 1000 and value.is_integer()):
                continue
            new = Rank(start, end, value)
            scan.ranks.append(new)
        else:
            if neighbour.unit in (None, "%") and not neighbour.explicit_unit:
                continue
            new = Quantity(start, end, start, end, value, neighbour.unit, None, neighbour.explicit_unit)
            scan.quantities.append(new)
        scan.blocked.append((start, end))
        items.append((start, end, new))
        items.sort(key=lambda t: t[0])
    scan.ranks.sort(key=lambda r: r.start)
    scan.quantities.sort(key=lambda q: q.start)


def _same_bracket(s: str, lo: int, hi: int) -> bool:
    """Whether [lo, hi) lies inside one bracket: opened before lo, not closed nor opened again in between."""
    opened = max(s.rfind("(", 0, lo), s.rfind("（", 0, lo))
    return opened >= 0 and not any(c in s[opened:hi] for c in ")）") and "(" not in s[lo:hi]


_BARE_ITEM_BEFORE = regex.compile(r"\p{L}[\p{L}.’')]*\s*[(（]\s*$")


@cache
def _each_pattern(code: str) -> regex.Pattern[str] | None:
    """A bracket opened by a word sharing its number among several names: "(both 25)", "(jeweils 12)", "(ambas 5)"."""
    res = patterns_for(code).res
    words = res.words("each_words")
    if not words:
        return None
    return regex.compile(r"\p{L}[\p{L}.’')]*\s*[(（]\s*" + alternation(words, res) + r"\s*$", regex.IGNORECASE)


def _each_before(pats: Patterns, pre: str) -> bool:
    pattern = _each_pattern(pats.res.code)
    return pattern is not None and pattern.search(pre) is not None


_BARE_ITEM_AFTER = regex.compile(r"\s*(?:[)）]|/)")
_STRONG_STOP = regex.compile(r"[;；。]|\.\s")


def _sign(s: str, start: int, q_start: int, head: str, lead: int, pats: Patterns) -> tuple[bool, int]:
    """Whether a number is negative, and where its quantity starts: a minus glued to it ("-1.2 %", "(-7,3"), a
    minus word ("minus 5,7 %", "负3.9%") or a decline verb before it ("en baisse de 3,4 %", "falling by 1 %")."""
    if start and s[start - 1] in _MINUS and (start < 2 or not s[start - 2].isalnum()):
        return True, min(q_start, start - 1)
    word = search_part(pats.minus_before, s, head)
    if word:
        return True, min(q_start, lead + word.start())
    return search_part(pats.decline_before, s, head) is not None, q_start


_MINUS = "-−"


def _find_word_quantities(scan: Scan, pats: Patterns) -> None:
    """Numbers written in words before a unit ("three percent", "Drei-Prozent-Ziel", "seis por ciento", "zwei
    Milliarden Euro"), fractions ("un tercio", "tre quarti") and multipliers ("verdoppelt", "tripled", 翻一番)."""
    s = scan.text
    taken = [(q.number_start, q.number_end) for q in scan.quantities]
    if pats.res.is_cjk and pats.res.numeral_digits:
        _find_numerals(scan, pats, taken)
    for m in pats.word_quantity.finditer(s):
        if scan.is_blocked(m.start(), m.end()) or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        tokens = m.group(0).split()
        for i in range(len(tokens)):  # "entre un dos y tres": the longest tail text2num reads
            value = parse_number_words(" ".join(tokens[i:]), pats.res)
            if value is not None:
                break
        if not value:
            continue
        start, end = m.end() - len(" ".join(tokens[i:])), m.end()
        pos = end + 1 if s[end : end + 1] in "-‐" else end  # "Drei-Prozent-Ziel"
        unit, unit_end, explicit, factor = _unit_after(s, pos, s[max(0, start - _LOOKBACK) : start], pats)
        step = pats.rank_step_after.match(s, pos) if scan.rank_context and unit in (None, "count") else None
        if step:  # "subiendo cinco puestos", "gagne deux places"
            unit, unit_end, explicit, factor = "ranks", step.end(), True, 1.0
        elif unit in (None, "count") and _clitic_step(scan, pats, s[max(0, start - _LOOKBACK) : start]):
            unit, unit_end, explicit, factor = "ranks", end, True, 1.0  # "PSL en perd une"
        if not explicit or unit in (None, "count", "score"):
            continue
        lead = max(0, start - _LOOKBACK)
        head = s[lead:start]
        cm = search_part(pats.comparator_before, s, head)
        q_start = lead + cm.start() if cm else start
        negative, q_start = _sign(s, start, q_start, head[: cm.start()] if cm else head, lead, pats)
        value = round(value * factor, 6) * (-1 if negative else 1)
        scan.quantities.append(Quantity(q_start, unit_end, start, end, value, unit, cm.lastgroup if cm else None, True))
    for m in pats.fraction.finditer(s):
        if not scan.is_blocked(m.start(), m.end()):
            value = pats.fractions[m.group(0).casefold()]
            scan.quantities.append(Quantity(m.start(), m.end(), m.start(), m.end(), value, "%", None, True))
    for m in pats.multiplier.finditer(s):
        if not scan.is_blocked(m.start(), m.end()):
            value = pats.multipliers[m.group(0).casefold()]
            scan.quantities.append(Quantity(m.start(), m.end(), m.start(), m.end(), value, "times", None, True))


_TENTHS = "成"  # "增长两成": two tenths, 20 %
_TENTHS_WORDS = regex.compile(r"成(?![\p{Han}])|成(?=左右|以上|多|上下)")


def _find_numerals(scan: Scan, pats: Patterns, taken: list[tuple[int, int]]) -> None:
    """Quantities written in Chinese numerals ("五百家", "一千亿元", "三千万元", "增长两成"): money, percentages
    and tenths (成) as written; a count only when the numeral is ten or more and holds a unit character (十, 百,
    千, 万), since "一家企业", "三个方面" count nothing."""
    s, res = scan.text, pats.res
    for m in pats.word_number.finditer(s):
        start, end = m.start(), m.end()
        if scan.is_blocked(start, end) or any(a < end and start < b for a, b in taken):
            continue
        if start and (s[start - 1] == "第" or s[start - 1].isdigit()):
            continue  # an ordinal (第三) or a digit run's tail
        value = parse_chinese_numeral(m.group(0), res)
        if value is None:
            continue
        head = s[max(0, start - _LOOKBACK) : start]
        if head.endswith(tuple(res.units.get("percent_prefix") or ())):
            continue  # "百分之三": read by the prefixed percentages
        unit: str | None
        if _TENTHS_WORDS.match(s, end) and value <= 10:
            unit, unit_end, explicit, factor = "%", end + len(_TENTHS), True, 10.0
        else:
            unit, unit_end, explicit, factor = _unit_after(s, end, head, pats)
        more = not explicit and s[end : end + 1] in _MORE_AFTER
        if more:  # "三千余项": more than the number, its unit after the sign
            unit, unit_end, explicit, factor = _unit_after(s, end + 1, head, pats)
        if not explicit or unit is None or unit in ("score", "times") or unit.startswith("rank"):
            continue
        if unit == "count" and (value * factor < 10 or not any(u in m.group(0) for u in res.numeral_units)):
            continue
        cm = search_part(pats.comparator_before, s, head)
        lead = max(0, start - _LOOKBACK)
        q_start = lead + cm.start() if cm else start
        comparator = cm.lastgroup if cm else None
        am = pats.comparator_after.match(s, unit_end)
        if am:
            comparator, unit_end = am.lastgroup, am.end()
        elif more and comparator is None:
            comparator = "at_least"
        amount = round(value * factor, 6)
        scan.quantities.append(Quantity(q_start, unit_end, start, end, amount, unit, comparator, True))
    scan.quantities.sort(key=lambda q: q.start)


def _find_word_percents(scan: Scan, pats: Patterns) -> None:
    """Percentages written in words after a prefix ("百分之三")."""
    for m in pats.prefixed_percent.finditer(scan.text):
        if scan.is_blocked(m.start(), m.end()):
            continue
        try:
            value = parse_number_text(m.group("n"), pats.res)
        except ExtractError:
            continue
        scan.quantities.append(Quantity(m.start(), m.end(), m.start("n"), m.end("n"), value, "%", None, True))
    scan.quantities.sort(key=lambda q: q.start)


def _ranges(scan: Scan, pats: Patterns) -> None:
    """A range is one value, its upper end, about ("2–3 %", "entre un dos y tres por ciento", "zwischen 2 und 3
    Prozent"): the lower end is no fact of its own."""
    s, qs = scan.text, scan.quantities
    for b in list(qs):
        if b.unit is None or b.unit.startswith("rank"):
            continue
        lo = max(0, b.number_start - _LOOKBACK)
        m = _DASH_RANGE.search(s, lo, b.number_start) or pats.range_between.search(s, lo, b.number_start)
        if m is None or m.end() != b.number_start or _YEARISH.fullmatch(m.group(0).strip(" -–—~～")):
            continue
        start = m.start()
        qs[:] = [q for q in qs if q is b or not start <= q.number_start < b.number_start]
        qs[qs.index(b)] = replace(b, start=min(b.start, start), comparator=b.comparator or "about")


_MORE_AFTER = "余多"
_DASH_RANGE = regex.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:%|％)?\s*[-–—~～]\s*")


def _range_units(scan: Scan, pats: Patterns) -> None:
    """The two ends of a change share a unit written once: "del 61 por ciento actual al 70" (70 %), "von knapp
    zweieinhalb auf fast 3 Prozent" (2.5 %). A word number before the later end is read as its start."""
    s, qs = scan.text, scan.quantities
    _ranges(scan, pats)
    for i in range(len(qs) - 1):
        a, b = qs[i], qs[i + 1]
        if not pats.range_to.match(s[a.end : b.start]):
            continue
        if a.explicit_unit and not b.explicit_unit and a.unit not in (None, "count"):
            qs[i + 1] = replace(b, unit=a.unit, explicit_unit=True)
        elif b.explicit_unit and not a.explicit_unit and b.unit not in (None, "count"):
            qs[i] = replace(a, unit=b.unit, explicit_unit=True)
    starts = {q.start for q in qs}
    for b in list(qs):
        if not b.explicit_unit or b.unit is None or b.unit in ("count", "score", "times") or b.unit.startswith("rank"):
            continue
        for m in pats.word_quantity.finditer(s, max(0, b.start - 40), b.start):
            if not pats.range_to.match(s[m.end() : b.start]) or scan.is_blocked(m.start(), m.end()):
                continue
            value = parse_number_words(m.group(0), pats.res)
            if not value or any(q.start <= m.start() < q.end for q in qs):
                continue
            lead = max(0, m.start() - _LOOKBACK)
            cm = search_part(pats.comparator_before, s, s[lead : m.start()])
            start = lead + cm.start() if cm else m.start()
            if start not in starts:
                comparator = cm.lastgroup if cm else None
                qs.append(Quantity(start, m.end(), m.start(), m.end(), value, b.unit, comparator, True))
    qs.sort(key=lambda q: q.start)


def _digit_windows(text: str, reach: int = 60) -> list[tuple[int, int]]:
    """Merged windows around the digit runs: dates and negative phrases can only be found there."""
    windows: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        lo, hi = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


_NUMERAL_YEAR = regex.compile(r"(?<![〇零一二三四五六七八九十百千])[一二][〇零一二三四五六七八九]{3}(?=年)")
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _digit_years(text: str) -> str:
    """A Chinese sentence with its years in numerals written in digits ("到二〇二五年" -> "到2025年"): four
    characters for four, so every offset stays."""
    if "年" not in text:
        return text
    return str(_NUMERAL_YEAR.sub(lambda m: m.group().translate(_YEAR_DIGITS), text))


def scan_sentence(text: str, pats: Patterns, *, last_year: int | None = None) -> Scan:
    """Scan one sentence: blocked spans first, then time expressions, ranks and quantities."""
    if pats.res.is_cjk:
        text = _digit_years(text)
    scan = Scan(text)
    has_digit = _DIGIT.search(text) is not None
    literal, number = pats.rank_anchor
    folded = casefolded(text)
    may_rank = has_any(folded, literal) and (has_digit or has_any(folded, number))
    if not has_digit:
        if may_rank:
            _find_ranks(scan, pats, folded)
        scan.rank_context = bool(scan.ranks) or pats.rank_noun.search(text) is not None
        _find_word_quantities(scan, pats)
        _find_word_percents(scan, pats)
        if scan.quantities and pats.res.is_cjk:  # "“十四五”时期,…年均增长一成以上": the plan's time too
            _find_temporals(scan, pats, last_year)
        return scan
    may_date = has_any(folded, pats.date_anchor) or _DIGIT_SEP_DIGIT.search(text) is not None
    may_negative = has_any(folded, pats.negative_anchor)
    negative = pats.negative.searcher(folded) if may_negative else None
    windows = _digit_windows(text) if may_date or may_negative else []
    months = pats.date_months
    date = pats.date if months is None or len(folded) != len(text) or has_any(folded, months) else pats.date_numeric
    for lo, hi in windows if may_date else ():
        scan.blocked.extend((m.start(), m.end()) for m in date.finditer(text, lo, hi))
    if has_any(folded, pats.rank_top_anchor):
        _find_tops(scan, pats)
    if may_rank:
        _find_ranks(scan, pats, folded)  # before the negatives: "Platz 5 von 85" is a rank, not "5 of 85"
    else:
        _find_ordinal_digits(scan, pats, pats.rank_noun.search(text) is not None)
    scan.rank_context = bool(scan.ranks) or pats.rank_noun.search(text) is not None
    ranked = [(r.start, r.end) for r in scan.ranks]
    for lo, hi in windows if negative is not None else ():
        for m in negative.finditer(text, lo, hi):  # type: ignore[union-attr]
            if not any(a < m.end() and m.start() < b for a, b in ranked):
                scan.blocked.append((m.start(), m.end()))
    _find_temporals(scan, pats, last_year)
    _find_quantities(scan, pats)
    _find_word_quantities(scan, pats)
    _find_word_percents(scan, pats)
    if scan.quantities:
        _range_units(scan, pats)
    return scan
