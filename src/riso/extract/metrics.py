"""Which indicator a number is about: the nearest catalog name in its clause, else a nearby noun phrase.

Pure: no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources

import regex
import yaml

from riso.extract.analysis import DocumentView, Sentence, rewrapped, unwrapped
from riso.extract.indexes import scope_index, scoped_generic

__all__ = ["clause_distance", "metric_for", "noun_phrase"]

_BOUNDARY = regex.compile(r"(?<!\d),|,(?!\d)|[:，：、()（）]")
_STRONG_BOUNDARY = regex.compile(r"[;；]")
_PARAGRAPH = regex.compile(r"\n\s*\n")
_DIGIT_OR_BOUNDARY = regex.compile(r"[\d,;:，；：]")
_NOUN_NEXT = regex.compile(r"\s*\p{L}")


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
        text = sentence.text
        folding = _cues(sentence.language).simplified
        folded = text.translate(folding) if folding else text  # "研發經費": traditional forms looked up simplified
        joined = unwrapped(folded) if sentence.pats.res.is_cjk else None
        if joined is not None:  # "研究与试验发展经\n费投入强度": a name wrapped across lines
            found = rewrapped(view.catalog.find_indicators(joined[0], sentence.language), text, joined[1])
        elif folding:
            found = view.catalog.find_indicators(folded, sentence.language)
        else:  # the document's folded text, sliced
            found = view.catalog.find_indicators(text, sentence.language, view.folded[sentence.start : sentence.end])
        if folded != text:
            found = [_Surface(m.start, m.end, m.id, text[m.start : m.end]) for m in found]
        view._indicators[sentence.start] = found
    return view._indicators[sentence.start]


@dataclass
class _Surface:
    """A catalog name found in a folded text, with the surface as written."""

    start: int
    end: int
    id: str
    surface: str


_WORD = regex.compile(r"[\p{L}][\p{L}\p{N}&+/'’-]*|\p{N}+(?:[.,]\p{N}+)*")
_CLAUSE_STOP = regex.compile(r"[,;:，；：、()（）\[\]«»“”\"–—]|\s-\s|[.。!?！？](?=\s|$)")
_HAN_RUN = regex.compile(r"[\p{Han}A-Za-z&]+")
_PHRASE_WORDS = 6
_EDGE_GAP = 4  # at most this many edge words between a metric's noun phrase and its value


def noun_phrase(view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None) -> str | None:
    """The noun phrase naming what the value at [start, end) of the sentence measures (``_noun_phrase``), found
    once per view: the metric rules ask for one value's phrase up to three times."""
    memo = view._metrics.setdefault("noun_phrases", {})
    key = (sentence.start, start, end, unit)
    if key not in memo:  # type: ignore[operator]
        memo[key] = _noun_phrase(view, sentence, start, end, unit)  # type: ignore[index]
    return memo[key]  # type: ignore[index, no-any-return]


def _noun_phrase(view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None) -> str | None:
    """The noun phrase naming what a value measures, from its own clause: the words after a count ("1000 neue
    Professorenstellen"), else the words before the value; region names, years, numbers and the language's
    edge words (verbs, articles, prepositions: ``np_edge``) never start or end it. None when no content word is
    left (a bare "(2,2 %)" names no metric)."""
    text = sentence.text
    regions = [(m.start, m.end) for m in view.regions_in(sentence)]
    if sentence.pats.res.is_cjk:
        return _han_phrase(sentence, start, end, regions)
    if unit in ("rank", "ranks"):  # a rank is named by a ranking noun of its clause, else by its index
        return _ranking_phrase(sentence, start, end)
    cues = _cues(sentence.language)
    stop_before = max(
        (m.end() for m in _CLAUSE_STOP.finditer(text, max(0, start - 120), start)), default=max(0, start - 120)
    )
    stop_after = _CLAUSE_STOP.search(text, end, end + 80)  # bounded: the phrase after is at most 80 characters
    after_end = stop_after.start() if stop_after else len(text)
    after = _tokens(text, end, min(after_end, end + 80), regions)
    before = _tokens(text, stop_before, start, regions)
    if unit in ("count", None) and after and after[0] is not None:
        found = _run(after, cues.edge, first=True)
        if found:
            return found
    found = _run(before, cues.edge, first=False, links=cues.links)
    lead = next((i for i, t in enumerate(after) if t is None or not _is_edge(t, cues.edge)), len(after))
    joined = any(t is not None and t.casefold() in _CONJUNCTIONS for t in after[:lead])
    if found is None and after and after[0] is not None and not joined:  # "hasta un 50 % la cifra de patentes"
        found = _run(after, cues.edge, first=True)
    return found


def _ranking_phrase(sentence: Sentence, start: int, end: int) -> str | None:
    """The ranking a rank is written in, when its clause names one ("in the regional ranking", "nella classifica
    della capacità innovativa"): the ranking noun with the words that qualify it, else None."""
    text = sentence.text
    lo = max((m.end() for m in _CLAUSE_STOP.finditer(text, max(0, start - 120), start)), default=max(0, start - 120))
    stop = _CLAUSE_STOP.search(text, end)
    hi = stop.start() if stop else len(text)
    nouns = [n.casefold() for n in sentence.pats.res.words("rank_nouns")]
    clause = text[lo:hi]
    folded = clause.casefold()
    for noun in sorted(nouns, key=len, reverse=True):
        at = folded.find(noun)
        if at >= 0:
            words = _WORD.findall(clause[at:])[:4]
            return " ".join(_trim(words, _cues(sentence.language).edge)) or None
    return None


def _tokens(text: str, lo: int, hi: int, regions: list[tuple[int, int]]) -> list[str | None]:
    """The words of text[lo:hi]; None stands for a break (a region name, a number, a year)."""
    out: list[str | None] = []
    for m in _WORD.finditer(text, lo, hi):
        word = m.group()
        if word[0].isdigit() or any(a < m.end() and m.start() < b for a, b in regions):
            out.append(None)
        else:
            out.append(word)
    return out


def _run(
    tokens: list[str | None], edge: frozenset[str], *, first: bool, links: frozenset[str] = frozenset()
) -> str | None:
    """The run of words nearest the value (the first after it, the last before it) with no break inside,
    trimmed of edge words at both ends, at most six words; runs of edge words only are passed over (at most
    three runs are looked at)."""
    runs: list[list[str]] = [[]]
    for token in tokens:
        if token is None:
            runs.append([])
        else:
            runs[-1].append(token)
    ordered = runs if first else list(reversed(runs))
    for words in ordered[:3]:
        if not first:  # before the value: content words and links back from it, up to another edge word
            at = len(words)
            while at and _is_edge(words[at - 1], edge):
                at -= 1
            if len(words) - at > _EDGE_GAP:
                return None  # "Le plan fixe pourtant un objectif de plus de 8 %": the words far back name no metric
            if any(w.casefold() in _CONJUNCTIONS for w in words[at:]):
                return None  # "… per 10,000 working age adults and an increase from 2.6 %": another clause's noun
            lo = at
            while lo and (not _is_edge(words[lo - 1], edge) or words[lo - 1].casefold() in links):
                lo -= 1
            words = words[lo:at]
        if first:  # after a count the noun phrase ends where a complement begins ("Stellen an den Hochschulen")
            cut = next(
                (i for i, w in enumerate(words) if i and _is_edge(w, edge) and not _is_edge(words[i - 1], edge)), None
            )
            words = words[:cut] if cut is not None else words
        words = _trim(words, edge)
        if words and any(len(w) > 2 for w in words):
            kept = _trim(words[:_PHRASE_WORDS] if first else words[-_PHRASE_WORDS:], edge)
            if kept:
                return " ".join(kept)
    return None


def _trim(words: list[str], edge: frozenset[str]) -> list[str]:
    lo, hi = 0, len(words)
    while lo < hi and _is_edge(words[lo], edge):
        lo += 1
    while hi > lo and _is_edge(words[hi - 1], edge):
        hi -= 1
    return words[lo:hi]


_APOSTROPHE = regex.compile(r"['’]")


def _is_edge(word: str, edge: frozenset[str]) -> bool:
    folded = word.casefold()
    if folded in edge or len(folded) < 2:
        return True
    head = _APOSTROPHE.split(folded, maxsplit=1)
    return len(head) == 2 and (head[0] + "'" in edge or head[0] + "’" in edge) and not head[1]


_DATE_TAILS = "年月日号號底末"


def _han_phrase(sentence: Sentence, start: int, end: int, regions: list[tuple[int, int]]) -> str | None:
    """Chinese: the Han run right before the value in its clause (after a region name), edge words trimmed."""
    text = sentence.text
    lo = max((m.end() for m in _CLAUSE_STOP.finditer(text, max(0, start - 30), start)), default=max(0, start - 30))
    lo = max([lo, *(b for a, b in regions if lo <= b <= start)])
    runs = list(_HAN_RUN.finditer(text, lo, start))
    edge = sorted(_cues(sentence.language).edge, key=len, reverse=True)
    for m in reversed(runs):
        phrase = m.group()
        if m.start() > 0 and text[m.start() - 1].isdigit():
            phrase = phrase.lstrip(_DATE_TAILS)  # "力争到2026年全省…覆盖率": the year's 年 is no part of the name
        changed = True
        while changed and phrase:
            changed = False
            for w in edge:
                if phrase.endswith(w):
                    phrase, changed = phrase[: -len(w)], True
                    break
                if phrase.startswith(w):
                    phrase, changed = phrase[len(w) :], True
                    break
        if len(phrase) >= 2:
            return str(phrase)
        if m.end() < start - 2:
            break
    return None


def _own_mentions(sentence: Sentence, mentions: list, start: int, end: int) -> list:  # type: ignore[type-arg]
    """Mentions not owned by another number: a name after a later number of a list is that number's
    ("3% by 2027, 150 national innovation platforms by 2027": the platforms are the 150's)."""
    if not mentions:
        return mentions  # (checked first: the list of later numbers costs the sentence's length per number)
    others = [q for q in sentence.scan.quantities if q.number_start >= end]
    if not others:
        return mentions
    if sentence.pats.res.is_cjk:  # a Chinese name stands before its number: one followed by a number is that number's
        return [m for m in mentions if m.start < end or not any(q.number_start >= m.end for q in others)]
    text = sentence.text
    return [
        m
        for m in mentions
        if m.start < end
        or not (
            any(q.end <= m.start for q in others)
            # "(… 28.000 in Germania) e quello sul numero di ricercatori (appena 75.000": out of the value's
            # brackets, a name right before a later number is that number's
            or (")" in text[end : m.start] and any(0 <= q.number_start - m.end <= 25 for q in others))
        )
    ]


def metric_for(
    view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None, *, prefer: str | None = None
) -> tuple[str | None, str | None]:
    """Catalog indicator id (or None: unresolved) and a clean noun phrase naming the metric of the value at
    [start, end) of the sentence.

    In order: the nearest catalog name of the clause (a rank takes the rank variant of an index named anywhere
    earlier in the document first), the variant the words around the value ask for (share of GDP, share,
    growth, rank), the R&D sector named beside it; a percentage of GDP with no name is R&D intensity in a text
    about R&D; a value with no noun phrase of its own ("(2,2 %)", "Svezia (64.2)") takes the metric of the
    previous value of its kind within three sentences of the paragraph.
    """
    rank = (
        unit in ("rank", "ranks")
        or prefer == "rank"
        or _rank_steps(sentence, end, unit)
        or _listed_steps(sentence, start, end, unit)
        or _ranked_count(sentence, start, unit)
    )
    found, surface, own = _metric_for(view, sentence, start, end, "rank" if rank else unit, prefer=prefer)
    if not own and not rank and not view._metrics.get("in_range"):
        origin = _change_origin(view, sentence, start, end, unit)
        if origin is not None:  # "rose from 111 in 2014 to 1,169 in 2022": the to-value measures what 111 does
            return origin
    if unit == "pp" and not own and _of_unnamed_level(view, sentence, start):
        return None, None  # "科技进步贡献率达60%,比2010年提高6个百分点": the change of a level the catalog lacks
    by_count = rank and not own and _count_ranked(view, sentence, start)
    if by_count is not None and by_count is not False:  # "获得…奖励39项,居各省之首": the count's metric or none
        found, surface, own = by_count
    # "Digital Economy & Society Index (DESI) von Top 13 auf Top 5": an index the catalog does not know
    unknown = (rank or unit in ("score", "points")) and not own and _unknown_index(view, sentence)
    if unknown:
        found, surface = None, None
    elif (rank or unit in ("score", "points")) and not own and not by_count:
        index = _document_index(view, sentence)
        if index is not None:
            found, surface = index
    indicator = _variant(view, sentence, found, start, end, unit)
    if indicator == _RD and unit == "%" and _bare_rd_share(view, sentence, start):
        indicator = view.catalog.derived(_RD, "gdp_share") or indicator
    sectors = {sector for sector, _ in _cues(sentence.language).sectors}
    if (
        unit in ("%", "pp")
        and (indicator is None or _unit_of(view, indicator) not in ("%", "pp", "‰"))
        and not (own and indicator in sectors and _named_next_to(sentence, surface, start, end))
    ):  # "el gasto empresarial en I+D fue del 0,6 % del PIB": the sector's share of GDP, not R&D intensity
        indicator = _gdp_share(view, sentence, start, end) or indicator
    if indicator is None and unit is not None and unit.startswith(_MONEY):
        indicator = _money_of_rd(view, sentence, start, end)
    indicator = _sector(view, sentence, indicator, start, end)
    if indicator is None and unit == "%":
        indicator = _sector_share(view, sentence, start, end)
    if (indicator is None or not own) and unit is not None and (unit.startswith(_MONEY) or unit in ("%", "pp")):
        indicator = _spending(view, sentence, start, end, unit) or indicator
    if not own and indicator in (None, _RD) and unit is not None and unit.startswith(_MONEY):
        indicator = _plan_money(view, sentence, start) or indicator  # "Este plan … contempla una inversión de 18.600"
    if indicator is None and unit == "%":
        indicator = _share_of_spending(view, sentence, end)
    if not rank and unit in ("count", None):  # "fue del 1,35 por ciento, frente al 1,25 nacional"
        sibling = _percent_sibling(view, sentence, start)
        base = view.catalog.base_of(sibling) if sibling else None
        if (
            sibling
            and indicator in (None, base[0] if base else None)
            and _bare(noun_phrase(view, sentence, start, end, unit), sentence)
        ):
            indicator = sibling
    phrase = None if indicator is not None else noun_phrase(view, sentence, start, end, unit)
    if indicator is None and phrase is not None:
        named = _head_anaphor(view, sentence, phrase, unit) or _filed(view, sentence, start, phrase, unit)
        if named is not None:
            indicator, found, surface = named, named, phrase
    if (
        unit in ("%", "pp")
        and (indicator is None or (not own and indicator in sectors))
        and _total_ratio(sentence, start)
    ):
        last = indicator or _remembered(view, sentence, unit)  # "die Unternehmen … 3,8 Prozent … eine Gesamtquote"
        if last is not None and (last in sectors or _rd_family(view, last)) and last != _RD:
            indicator = view.catalog.derived(_RD, "gdp_share")
    if (
        indicator is None
        and not unknown
        and not by_count
        and (phrase is None or _anaphoric(phrase, sentence.language))
        and not _of_other_topic(sentence, start)  # "Unemployment fell to 8%." after an R&D share: not carried on
    ):
        indicator = _remembered(view, sentence, "rank" if rank else unit)
        base = view.catalog.base_of(indicator) if indicator is not None and unit in ("%", "pp") else None
        if base is not None and base[1] != "rank" and not _from_value(sentence, start):
            indicator = _variant(view, sentence, base[0], start, end, unit)  # "(7,2 %)" after a share: again
    if (
        indicator is None
        and unit in ("%", "pp")
        and (phrase is None or _anaphoric(phrase, sentence.language) or _growth_only(phrase, sentence.language))
    ):
        indicator = _growth_of_money(view, sentence, start, end)
    if (
        indicator is None
        and not unknown
        and (rank or unit in ("score", "points"))
        and _generic(phrase, sentence)
        and not _named_ranking(view)
        and not _ranks_by_value(sentence)
        and not _ranks_by_count(sentence, start)
    ):
        indicator = scope_index(view, sentence, start, end)  # "la France arrive en 11e position": its scope's index
    elif indicator is not None and surface and found == indicator and _generic(surface, sentence):
        indicator = scoped_generic(view, sentence, start, end, indicator)  # "ranking de innovación" of a region
    if indicator is None and not rank and unit in ("%", "pp"):
        indicator = _range_end(view, sentence, end, unit)  # "elevar del 61 por ciento actual al 70 … el porcentaje"
    if indicator is None and not rank and not unknown and unit == "%":
        indicator = _goal_of_topic(view, sentence, start, end)  # "… 1,24 % del PIB. … el objetivo de llegar al 3 %"
    if not rank and unit is not None and (indicator is None or _rd_family(view, indicator)):
        indicator = _compared_average(view, sentence, start, unit) or _joined_value(view, sentence, start) or indicator
    if rank and indicator is not None and _ranked_by_gdp_share(view, sentence, indicator, surface, start):
        indicator = view.catalog.derived(indicator, "gdp_share") or indicator  # "per spesa in R&S in rapporto al PIL"
    if rank and indicator is not None:
        indicator = view.catalog.derived(indicator, "rank") or indicator
    _remember(view, sentence, "rank" if rank else unit, indicator)
    if indicator is not None:  # the name as written when it is the indicator's own, else its label
        phrase = surface if found == indicator and surface else _label(view, indicator, sentence.language)
    return indicator, phrase


_GOAL_REACH = 80  # characters before a bare percentage in which its goal noun stands ("l'obiettivo europeo del")
_GOAL_AFTER = 40  # and after it ("il più modesto livello dell'1,53%, definito come obiettivo nazionale")


def _goal_of_topic(view: DocumentView, sentence: Sentence, start: int, end: int) -> str | None:
    """A bare percentage set as a goal ("el ansiado objetivo de Europa de llegar al 3 %", "aiming to reach three per
    cent", "un dato inferiore all'obiettivo europeo del 3%"): a goal word (``goal_words``) in its clause near it,
    no base of its own after it other than GDP ("3 % of firms" is another share), and R&D intensity as the topic:
    the previous percentage, in this sentence or within three of the paragraph, was R&D intensity, and no
    percentage of another topic stands between."""
    intensity = view.catalog.derived(_RD, "gdp_share")
    cues = _cues(sentence.language)
    if intensity is None or not cues.goals:
        return None
    near = f"{_clause_before(sentence.text, start, _GOAL_REACH)} {_after(sentence.text, end, _GOAL_AFTER)}"
    if sentence.pats.res.is_cjk:
        named = any(w in near for w in cues.goals)
    else:
        named = any(_whole_word(w).search(near) for w in cues.goals)
    if not named:
        return None
    of = _OF_THE.match(sentence.text, end)
    if of is not None and not any(of.group(1).casefold() == w.casefold() for w in cues.gdp):
        return None
    last = view._metrics.get("last:%")
    if not isinstance(last, tuple) or last[1] != intensity or _remembered(view, sentence, "%") != intensity:
        return None
    if _topic_break(view, sentence, last[0], "%", start):
        return None  # a percentage of another topic ("Il PIL è cresciuto del 2%") ends the topic
    return intensity


def _topic_break(view: DocumentView, sentence: Sentence, index: int, kind: str, start: int | None = None) -> bool:
    """Whether a value of the same kind that was filed under no metric (another topic: "El paro bajó al 8 %.")
    stands between the value remembered in sentence ``index`` and this sentence (before ``start`` in it)."""
    here = _sentence_index(view, sentence)
    for between in view.sentences[index + 1 : here]:
        if any(_unit_class(q.unit) == kind for q in between.scan.quantities):
            return True
    return (
        start is not None
        and index < here
        and any(_unit_class(q.unit) == kind and q.end <= start for q in sentence.scan.quantities)
    )


_CRITERION_END = regex.compile(r"[\d;:；：。]")
_CRITERION_REACH = 40  # characters after the criterion's name in which its base of GDP stands


def _ranked_by_gdp_share(
    view: DocumentView, sentence: Sentence, indicator: str, surface: str | None, start: int
) -> bool:
    """Whether a rank's criterion is R&D money as a share of GDP ("se classe au 3e rang pour les dépenses de R&D en
    part du PIB", "bei den FuE-Ausgaben gemessen am BIP auf Platz 2", "terza per spesa in R&S in rapporto al PIL"):
    the criterion named by a money indicator of the R&D family, with a GDP word right after that name and no other
    number between (then it ranks R&D intensity, not R&D expenditure)."""
    if not surface or not _unit_of(view, indicator).startswith(_MONEY) or not _rd_family(view, indicator):
        return False
    text, name = sentence.text.casefold(), surface.casefold()
    spots = [m.start() for m in regex.finditer(regex.escape(name), text)]
    if not spots:
        return False
    at = min(spots, key=lambda i: abs(i - start)) + len(name)
    stop = _CRITERION_END.search(text, at, at + _CRITERION_REACH)
    after = text[at : stop.start() if stop else at + _CRITERION_REACH]
    gdp = [w.casefold() for w in _cues(sentence.language).gdp]
    if sentence.pats.res.is_cjk:
        return any(w in after for w in gdp)
    return any(_whole_word(w).search(after) for w in gdp)


def _named_next_to(sentence: Sentence, surface: str | None, start: int, end: int) -> bool:
    """Whether the nearest mention of ``surface`` names the value at [start, end): no other number stands between
    them, nor before the mention in its clause ("2 % de DIRDE pour parvenir aux 3 % du PIB": DIRDE is the 2 %'s)."""
    if not surface:
        return False
    folded, name = sentence.text.casefold(), surface.casefold()
    spots = [m.start() for m in regex.finditer(regex.escape(name), folded)]
    if not spots:
        return False
    at = min(spots, key=lambda i: start - (i + len(name)) if i < start else i - end)
    lo, hi = (at + len(name), start) if at < start else (end, at)
    if any(lo <= q.number_start and q.end <= hi for q in sentence.scan.quantities):
        return False
    if at > start:
        return True
    cut = max((m.end() for m in _STRONG_BOUNDARY.finditer(sentence.text, 0, at)), default=0)
    return not any(cut <= q.number_start and q.end <= at for q in sentence.scan.quantities)  # another number's name


def _joined_value(view: DocumentView, sentence: Sentence, start: int) -> str | None:
    """A value joined by a bare conjunction to the value before it ("el gasto en I+D de las empresas representa un
    55 % del total y un 0,6 % del PIB"), filed under total R&D or nothing, when that value is a sector's: the same
    sector's (its share of GDP). Not after a total word ("… 0,9 % del PIL e il totale l'1,5 %")."""
    earlier = [q for q in sentence.scan.quantities if q.end <= start]
    if not earlier:
        return None
    gap = sentence.text[earlier[-1].end : start].casefold()
    if len(gap) > 40 or _DIGIT_OR_BOUNDARY.search(gap):
        return None
    words = _WORD.findall(gap)
    joins = [i for i, w in enumerate(words) if w in _CONJUNCTIONS]
    if not joins or joins[-1] < len(words) - 3:
        return None
    after = " ".join(words[joins[-1] + 1 :])
    if any(t in after for t in _cues(sentence.language).totals):
        return None
    last = view._metrics.get(f"last:{_unit_class(earlier[-1].unit)}")
    sectors = {sector for sector, _ in _cues(sentence.language).sectors}
    if not isinstance(last, tuple) or last[0] != _sentence_index(view, sentence) or last[1] not in sectors:
        return None
    return str(last[1])


_AVERAGE_REACH = 40  # "contro una media Ue dell'1,21%": the average word stands just before its value


def _compared_average(view: DocumentView, sentence: Sentence, start: int, unit: str) -> str | None:
    """A value given as an average to compare with ("0,65 %, contro una media Ue dell'1,21 %", "0.5 % of GDP,
    against an EU average of 1.3 %"), filed under total R&D or nothing: the metric of the value it is compared with,
    the previous value of its kind in the same sentence (the average of a sector's R&D share is that sector's)."""
    averages = _cues(sentence.language).averages
    if not averages:
        return None
    before = _clause_before(sentence.text, start, _AVERAGE_REACH)
    if sentence.pats.res.is_cjk:
        named = any(w in before for w in averages)
    else:
        named = any(regex.search(rf"(?<![^\W\d_]){regex.escape(w)}", before) for w in averages)
    if not named:
        return None
    kind = _unit_class(unit)
    last = view._metrics.get(f"last:{kind}") if kind else None
    if not isinstance(last, tuple) or last[0] != _sentence_index(view, sentence):
        return None
    return str(last[1])


def _money_of_rd(view: DocumentView, sentence: Sentence, start: int, end: int) -> str | None:
    """Money that names no indicator: a budget (``budget_words`` in its noun phrase) in a sentence about research
    is the R&D budget ("Horizon Europe, the research and innovation programme, has a budget of €95.5 billion");
    money with R&D named in its clause is R&D expenditure ("ha destinato alla ricerca e sviluppo 294,71
    miliardi")."""
    cues = _cues(sentence.language)
    phrase = noun_phrase(view, sentence, start, end, None)
    folded = sentence.text.casefold()
    before = _clause_before(sentence.text, start, 80)
    if sentence.pats.res.is_cjk:
        budget = any(w in f"{phrase or ''}{before}" for w in cues.budget)
    else:
        budget = any(w.casefold() in cues.budget for w in _WORD.findall(f"{phrase or ''} {before}"))
    if budget and (any(w in folded for w in cues.rd) or _research_before(view, sentence)):
        return "rd_budget" if "rd_budget" in view.catalog.indicators else None
    lo = max(0, start - 60)
    stop = _STRONG_BOUNDARY.search(sentence.text, end)
    window = sentence.text[lo : stop.start() if stop else min(len(sentence.text), end + 40)][: end - lo + 40]
    after = _after(sentence.text, end, 80)
    after = after[: m.start()] if (m := _DIGIT_OR_BOUNDARY.search(after)) else after
    if any(w in window.casefold() or w in after for w in cues.rd_core):  # "… ont été consacrés à la R&D"
        return _RD
    return None


_PLAN_LEAD = 3  # words before a plan word that opens its clause ("Y junto al Plan de Choque", "Este plan")
_PLAN_LEAD_CJK = 8  # characters ("省科技创新规划")


def _without(text: str, words: tuple[str, ...]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, " ")
    return text


def _plan_money(view: DocumentView, sentence: Sentence, start: int) -> str | None:
    """Money that a plan of research and innovation sets aside ("El plan, elaborado por el Ministerio, prevé entregar
    18.400 millones", "Il piano … mette a disposizione 300 milioni"): a plan word (``plan_words``) that opens the
    value's clause (the plan is what it is about), no other amount between them, and research named in the sentence
    or, before any other topic, in the two sentences before it in the paragraph: the R&D budget."""
    cues = _cues(sentence.language)
    if not cues.plans or "rd_budget" not in view.catalog.indicators:
        return None
    text = sentence.text
    folded = text.casefold()
    cut = max((m.end() for m in _STRONG_BOUNDARY.finditer(text, 0, start)), default=0)
    head = folded[cut:start]
    if sentence.pats.res.is_cjk:
        spots = [head.find(w) for w in cues.plans if 0 <= head.find(w) <= _PLAN_LEAD_CJK]
    else:
        spots = [  # (research words do not count: "the research and innovation strategy")
            m.start()
            for w in cues.plans
            for m in _whole_word(w).finditer(head)
            if len(_WORD.findall(_without(head[: m.start()], cues.rd))) <= _PLAN_LEAD
        ]
    if not spots:
        return None  # "Dans le budget du ministère figurera … la loi de programmation": the plan is not the topic
    at = cut + min(spots)
    money = [q for q in sentence.scan.quantities if (q.unit or "").startswith(_MONEY)]
    if any(at <= q.number_start and q.end <= start for q in money):
        return None  # another amount stands between: the plan's money is that one
    if not (any(w in folded for w in cues.rd) or _research_before(view, sentence)):
        return None
    return "rd_budget"


_TOPIC_REACH = 2  # sentences back in the paragraph that may give a budget its topic


def _research_before(view: DocumentView, sentence: Sentence) -> bool:
    """Whether the nearest of the two sentences before, in the same paragraph, that names a topic names research
    (the language's R&D words: "La Regione ha approvato il programma per la ricerca. Il piano è dotato di 50
    milioni"); a sentence about another indicator first (GDP growth, exports, jobs) ends the search."""
    here = _sentence_index(view, sentence)
    text, rd = view.document.text, _cues(sentence.language).rd
    later = sentence
    for earlier in reversed(view.sentences[max(here - _TOPIC_REACH, 0) : max(here, 0)]):
        if _PARAGRAPH.search(text, earlier.end, later.start):
            return False
        folded = earlier.text.casefold().translate(_cues(sentence.language).simplified)
        if any(w in folded for w in rd):
            return True
        if any(
            not _rd_family(view, m.id) and m.id != "rd_budget" for m in _indicator_mentions(view, earlier)
        ) or any(w in folded for w in _cues(sentence.language).gdp):
            return False
        later = earlier
    return False


def _spending(view: DocumentView, sentence: Sentence, start: int, end: int, unit: str) -> str | None:
    """Money, or a growth rate, that only a bare spending noun names ("una cifra récord de gasto de 22.379
    millones", "la inversión crece un 15,8 %"), in a passage that names R&D in this sentence or the three
    before: R&D expenditure, or its growth."""
    cues = _cues(sentence.language)
    before = _clause_before(sentence.text, start, 80)
    if sentence.pats.res.is_cjk:
        named = any(w in before for w in cues.spending)
    else:
        phrase = noun_phrase(view, sentence, start, end, unit)
        words = _WORD.findall(phrase) if phrase else _WORD.findall(before)[-6:]
        named = any(w.casefold() in cues.spending for w in words)
        if phrase and not all(w.casefold() in cues.spending or _is_edge(w, cues.edge) for w in words):
            return None  # "roads got €3bn": the value's own noun names something else
    if not named:
        return None
    growth = unit in ("%", "pp")
    if growth and not any(w in sentence.text[max(0, start - 50) : end + 40].casefold() for w in cues.growth):
        return None
    here = _sentence_index(view, sentence)
    if not _rd_nearby(view, sentence.language, here):
        return None
    return view.catalog.derived(_RD, "growth") if growth else _RD


_OF_THE = regex.compile(
    r"\s*(?:of\s+(?:the\s+)?|d(?:el|ella|ei|egli|elle|es|u|e\s+la|e\s+los|e\s+las|er)\s+|de\s+l['’]|dall[ae]?\s+)"
    r"([\p{L}]+)",
    regex.IGNORECASE,
)


def _rd_nearby(view: DocumentView, language: str, here: int) -> bool:
    """Whether the sentence at index ``here`` or one of the three before names R&D (the language's R&D words)."""
    rd_core = _cues(language).rd_core
    memo = view._metrics.setdefault(f"rd_core:{language}", {})
    for s in view.sentences[max(here - 3, 0) : here + 1]:
        if s.start not in memo:  # type: ignore[operator]
            folded = s.text.casefold()
            memo[s.start] = any(w in folded for w in rd_core)  # type: ignore[index]
        if memo[s.start]:  # type: ignore[index]
            return True
    return False


def _share_of_spending(view: DocumentView, sentence: Sentence, end: int) -> str | None:
    """A percentage "of the spending" ("il 20,6% della spesa italiana", "11,9 % des dépenses françaises", "el 22 %
    del gasto español"), in a passage that names R&D in this sentence or the three before: a share of R&D
    expenditure (the catalog's R&D expenditure; it has no share variant)."""
    m = _OF_THE.match(sentence.text, end)
    cues = _cues(sentence.language)
    if m is None or m.group(1).casefold() not in cues.spending:
        return None
    here = _sentence_index(view, sentence)
    if not _rd_nearby(view, sentence.language, here):
        return None
    return view.catalog.derived(_RD, "share") or _RD


def _change_origin(
    view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None
) -> tuple[str | None, str | None] | None:
    """The metric of the value a change starts from, for the value it goes to ("The number of highly cited
    scientists rose from 111 in 2014 to 1,169 in 2022"): a to-word right before the later value, at most four words
    (a year among them) after the earlier one of the same unit."""
    earlier = [q for q in sentence.scan.quantities if q.end <= start]
    if not earlier or earlier[-1].unit != unit:
        return None
    q = earlier[-1]
    words = _WORD.findall(sentence.text[q.end : start].casefold())
    if not words or len(words) > 4 or words[-1] not in _cues(sentence.language).to_words:
        return None
    saved = {k: v for k, v in view._metrics.items() if k.startswith("last:")}
    view._metrics["in_range"] = True
    try:
        return metric_for(view, sentence, q.start, q.end, q.unit)
    finally:
        view._metrics.pop("in_range", None)
        for key in [k for k in view._metrics if k.startswith("last:")]:
            del view._metrics[key]
        view._metrics.update(saved)


def _range_end(view: DocumentView, sentence: Sentence, end: int, unit: str) -> str | None:
    """The metric of the value a change goes to, for the value it starts from ("from 61 % to 70 % the share of
    exports", "del 61 por ciento actual al 70 … el porcentaje de exportaciones"): the to-value's own, when a
    to-word stands right before it, at most two words after the from-value."""
    later = [q for q in sentence.scan.quantities if q.number_start >= end]
    if not later or view._metrics.get("in_range"):
        return None
    q = later[0]
    gap = sentence.text[end : q.number_start].casefold()
    words = _WORD.findall(gap)
    if len(words) > 2 or not words or words[-1] not in _cues(sentence.language).to_words:
        return None
    saved = {k: v for k, v in view._metrics.items() if k.startswith("last:")}
    view._metrics["in_range"] = True
    try:
        found, _ = metric_for(view, sentence, q.start, q.end, q.unit if q.unit not in ("count", None) else unit)
    finally:
        view._metrics.pop("in_range", None)
        for key in [k for k in view._metrics if k.startswith("last:")]:
            del view._metrics[key]
        view._metrics.update(saved)
    return found if found is not None and _unit_of(view, found) in ("%", "pp") else None


def _total_ratio(sentence: Sentence, start: int) -> bool:
    """Whether the words right before a value say "the total rate" ("eine Gesamtquote von", "the overall rate
    was", "il tasso complessivo sale all'", "le taux global atteint"): a total word and a ratio noun among the
    last five words of its clause."""
    cues = _cues(sentence.language)
    before = _clause_before(sentence.text, start, 60)
    words = before if sentence.pats.res.is_cjk else " ".join(_WORD.findall(before)[-5:])
    return any(t in words for t in cues.totals) and any(r in words for r in cues.ratios)


def _bare(phrase: str | None, sentence: Sentence) -> bool:
    """A number with no noun of its own: no phrase, or only edge and scope words ("1,25 nacional")."""
    if phrase is None:
        return True
    cues = _cues(sentence.language)
    return all(_is_edge(w, cues.edge) or w.casefold() in cues.generic for w in _WORD.findall(phrase))


def _percent_sibling(view: DocumentView, sentence: Sentence, start: int) -> str | None:
    """The metric of the percentage right before in the same clause, for a bare number compared with it or
    listed after it ("1,35 por ciento, frente al 1,25", "Korea 4.9, Japan 3.4"): unit and metric are elided."""
    earlier = [q for q in sentence.scan.quantities if q.end <= start]
    if (
        not earlier
        or earlier[-1].unit not in ("%", "pp")
        or _STRONG_BOUNDARY.search(sentence.text, earlier[-1].end, start)
    ):
        return None
    last = view._metrics.get("last:%")
    if not isinstance(last, tuple) or last[0] != _sentence_index(view, sentence):
        return None
    indicator_id = str(last[1])
    return indicator_id if _unit_of(view, indicator_id) in ("%", "pp") else None


def _growth_only(phrase: str, language: str) -> bool:
    """Whether a noun phrase only says "an increase" ("augmentation annuelle moyenne", "par rapport")."""
    cues = _cues(language)
    growth = {w for g in cues.growth for w in g.split()}
    return all(w.casefold() in growth or _is_edge(w, cues.edge) for w in _WORD.findall(phrase))


def _from_value(sentence: Sentence, start: int) -> bool:
    """Whether the value is the level a change starts from ("an increase from 2.6 % in 2018", "pasó del 1,2 %"):
    a level of what was named, no growth rate."""
    before = _clause_before(sentence.text, start, 24).rstrip()
    return any(before.endswith(w) for w in _cues(sentence.language).from_words)


def _growth_of_money(view: DocumentView, sentence: Sentence, start: int, end: int) -> str | None:
    """A growth rate right after money of the same sentence ("24,6 milliards … consacrés à la R&D, soit une
    augmentation annuelle moyenne de 4 %"): the growth of that money's indicator."""
    if _from_value(sentence, start):
        return None
    if not any(w in sentence.text[max(0, start - 50) : end + 40].casefold() for w in _cues(sentence.language).growth):
        return None
    last = view._metrics.get("last:money")
    if not isinstance(last, tuple) or last[0] != _sentence_index(view, sentence):
        return None
    return view.catalog.derived(str(last[1]), "growth")


def _head_anaphor(view: DocumentView, sentence: Sentence, phrase: str, unit: str | None) -> str | None:
    """A noun phrase that repeats the head noun of a catalog name written shortly before ("Patentanmeldungen …
    (7.022 Anmeldungen)", "patent applications … 310 applications"): that indicator, when its unit fits."""
    words = _WORD.findall(phrase)
    if len(words) != 1 or len(words[0]) < 5 or sentence.pats.res.is_cjk:
        return None
    head = words[0].casefold()
    here = _sentence_index(view, sentence)
    for earlier in (sentence, *reversed(view.sentences[max(here - 3, 0) : here])):
        for m in reversed(_indicator_mentions(view, earlier)):
            if not _fits(view, m.id, unit, None):
                continue
            # the head of the name as written, or of another of the indicator's names ("spin-offs" … "59 companies":
            # "spin-off companies")
            for name in (m.surface, *_names(view, m.id, sentence.language)):
                last = _WORD.findall(name)[-1:] or [""]
                tail = last[0].casefold()
                if tail == head or (tail.endswith(head) and len(tail) > len(head)):
                    return str(m.id)
    return None


def _filed(view: DocumentView, sentence: Sentence, start: int, phrase: str, unit: str | None) -> str | None:
    """Counted things a filing verb governs are their applications ("these companies applied a total of 28,539
    invention patents": invention patent applications): the catalog indicator named by the phrase and an
    application noun (``filing_verbs``, ``filing_nouns``)."""
    cues = _cues(sentence.language)
    if unit not in ("count", None) or not cues.filing_verbs or sentence.pats.res.is_cjk:
        return None
    before = set(_WORD.findall(_clause_before(sentence.text, start, 60)))
    if not before & cues.filing_verbs:
        return None
    stem = phrase.casefold().rstrip("s")
    if len(stem) < 5:
        return None
    for indicator_id in view.catalog.indicators:
        for name in _names(view, indicator_id, sentence.language):
            folded = name.casefold()
            if folded.startswith(stem) and any(n in folded[len(stem) :] for n in cues.filing_nouns):
                return str(indicator_id)
    return None


def _names(view: DocumentView, indicator_id: str, language: str) -> tuple[str, ...]:
    try:
        ind = view.catalog.indicator(indicator_id)
    except Exception:
        return ()
    return (ind.labels.get(language, ""), *ind.synonyms.get(language, ()))


def _anaphoric(phrase: str, language: str) -> bool:
    """A noun phrase that only says "a share" or "a growth" of what was named before ("una quota regionale",
    "the increase"): the value takes the previous value's metric."""
    cues = _cues(language)
    words = {w.casefold() for w in _WORD.findall(phrase)}
    single = {w for w in (*cues.share, *cues.growth) if " " not in w}
    return bool(words & single)


def _generic(phrase: str | None, sentence: Sentence) -> bool:
    """Whether a ranking or score phrase names no particular index: nothing but ranking and score nouns and
    edge words ("la classifica con un punteggio", "la top ten"), or no phrase at all."""
    if phrase is None:
        return True
    generic, folded = _generic_words(sentence.language, tuple(sentence.pats.res.words("rank_nouns")))
    cues = _cues(sentence.language)
    if sentence.pats.res.is_cjk:
        rest = phrase
        for word in sorted(generic | cues.edge, key=len, reverse=True):
            rest = rest.replace(word, "")
        return len(rest) < 2
    return all(
        _is_edge(w, cues.edge) or w.casefold() in generic or _squeeze(w.casefold()) in folded
        for w in _WORD.findall(phrase)
    )


@cache
def _generic_words(language: str, rank_nouns: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """A language's generic ranking words, and the same with doubled letters squeezed (a slip: "innnovación")."""
    cues = _cues(language)
    generic = frozenset({*cues.generic, *cues.steps, *(n.casefold() for n in rank_nouns)})
    return generic, frozenset(_squeeze(w) for w in generic)


_REPEATED = regex.compile(r"(.)\1+")


def _squeeze(word: str) -> str:
    return str(_REPEATED.sub(r"\1", word))


def _ranks_by_value(sentence: Sentence) -> bool:
    """Whether the sentence of a rank also states a percentage or money ("führt die Liste an – mit 15.230 (4,4 %)",
    "die Wachstumsrate war am höchsten in Niedersachsen (6,6 %)"): the rank orders by that value, no index."""
    return any(q.unit in ("%", "pp") or (q.unit or "").startswith(_MONEY) for q in sentence.scan.quantities)


_COUNT_GAP = regex.compile(r"[\s\p{P}]{1,2}\p{L}{0,8}$")


def _ranks_by_count(sentence: Sentence, start: int) -> bool:
    """Whether a Chinese rank follows its subject's count in the next clause ("获得国家科学技术奖励39项,居各省之首",
    "新增孵化载体9家,数量位列全省第一"): the rank orders by that count, no index."""
    if not sentence.pats.res.is_cjk:
        return False
    text = sentence.text
    return any(
        q.unit == "count" and q.end <= start and _COUNT_GAP.search(text, q.end, start) is not None
        for q in sentence.scan.quantities
    )


def aspect_metrics(
    view: DocumentView, sentence: Sentence, start: int
) -> list[tuple[str | None, str | None, int, int]]:
    """The aspects a rank is stated for, when its clause lists several ("在研究人员、专利和科技出版物数量方面,中国位居
    第一": ``aspect_open`` … ``aspect_close``, items joined by 、 or ``list_joins``): per aspect its metric (its catalog
    name, else the index the document reports: an aspect of that index's ranking), its words and their span. Empty
    unless a list of aspects with 、 is given."""
    res = sentence.pats.res
    closes, opens = res.words("aspect_close"), res.words("aspect_open")
    if not closes or not opens:
        return []
    text = sentence.text
    close = max(((text.rfind(c, 0, start), c) for c in closes), default=(-1, ""))
    if close[0] < 0 or _CLAUSE_STOP.search(text, close[0] + len(close[1]), start) is None:
        return []  # the frame closes its own clause before the rank's ("…方面,中国位居第一")
    lo = max((text.rfind(o, 0, close[0]) + len(o) for o in opens if text.rfind(o, 0, close[0]) >= 0), default=-1)
    if lo < 0 or _STRONG_LIST_STOP.search(text, lo, close[0]) or "、" not in text[lo : close[0]]:
        return []  # (a pair joined by 和 alone is often one aspect: "在核心创新投入和产出方面")
    joins = sorted({"、", *res.words("list_joins")}, key=len, reverse=True)
    splitter = regex.compile("|".join(regex.escape(j) for j in joins))
    items: list[tuple[int, int]] = []
    pos = lo
    for m in splitter.finditer(text, lo, close[0]):
        items.append((pos, m.start()))
        pos = m.end()
    items.append((pos, close[0]))
    items = [(a, b) for a, b in items if b - a >= 1]
    if len(items) < 2:
        return []
    mentions = _indicator_mentions(view, sentence)
    index = _document_index(view, sentence)
    out: list[tuple[str | None, str | None, int, int]] = []
    for a, b in items:
        own = [m for m in mentions if a <= m.start and m.end <= b]
        if own:
            out.append((own[0].id, own[0].surface, a, b))
        else:
            out.append((index[0] if index else None, text[a:b], a, b))
    return out


_STRONG_LIST_STOP = regex.compile(r"[，,。；;：:]")


def _of_unnamed_level(view: DocumentView, sentence: Sentence, start: int) -> bool:
    """Whether a change in points follows the level it changes, in the clause before it with no number between
    ("la quota … era del 60 %, +6 punti"; "贡献率达60%,比2010年提高6个百分点"), and that level is named by words the
    catalog does not know: the change is of that level, not of a metric carried from an earlier sentence."""
    before = [q for q in sentence.scan.quantities if q.end <= start]
    if not before or before[-1].unit != "%":
        return False
    level = before[-1]
    if len(_STRONG_BOUNDARY.findall(sentence.text, level.end, start)) > 1:
        return False
    if noun_phrase(view, sentence, level.start, level.end, "%") is None:
        return False
    return metric_for(view, sentence, level.start, level.end, "%")[0] is None


def _count_ranked(
    view: DocumentView, sentence: Sentence, start: int
) -> tuple[str | None, str | None, bool] | None:
    """The metric of the count a Chinese rank orders by (``_ranks_by_count``): its own catalog name, else none
    (a metric carried from an earlier sentence is not the count's); None when the rank follows no count."""
    if not _ranks_by_count(sentence, start):
        return None
    text = sentence.text
    count = [q for q in sentence.scan.quantities if q.unit == "count" and q.end <= start]
    q = next(q for q in reversed(count) if _COUNT_GAP.search(text, q.end, start) is not None)
    found, surface, own = _metric_for(view, sentence, q.start, q.end, "count")
    return (found, surface, True) if own else (None, None, False)


def _named_ranking(view: DocumentView) -> bool:
    """Whether the document names a particular ranking anywhere ("le classement de Shanghai", "la classifica
    della capacità innovativa"): a ranking noun with words that are not generic. Its unnamed ranks are then
    that ranking's, not an index's."""
    known = view._metrics.get("named_rankings")
    if not isinstance(known, bool):
        known = any(_names_ranking(view, s) for s in view.sentences)
        view._metrics["named_rankings"] = known
    return known


@cache
def _whole_word(word: str) -> regex.Pattern[str]:
    """A language data word as a whole word (the cue words of ``_cues``: bounded by the data)."""
    return regex.compile(rf"(?<!\w){regex.escape(word)}(?!\w)")


def _unknown_index(view: DocumentView, sentence: Sentence) -> bool:
    """Whether the sentence names an index the catalog does not know ("Digital Economy & Society Index (DESI)")."""
    text = sentence.text
    folded = text.casefold()
    cues = _cues(sentence.language)
    if any(n in folded for _, names in cues.publishers for n in names):
        return False  # "el índice que la OMPI elabora": the publisher's index
    known = [(m.start, m.end) for m in _indicator_mentions(view, sentence)]
    for noun in cues.index_nouns:
        if noun not in folded:
            continue
        for m in _whole_word(noun).finditer(folded):
            if any(a <= m.start() and m.end() <= b for a, b in known):
                continue
            before = _WORD.findall(text[max(0, m.start() - 30) : m.start()])[-1:]
            after = _WORD.findall(text[m.end() : m.end() + 30])[:1]
            if any(w[:1].isupper() and w.casefold() not in cues.edge for w in (*before, *after)):
                return True  # a proper name: "Society Index (DESI)", "Índice DESI"
    return False


def _names_ranking(view: DocumentView, sentence: Sentence) -> bool:
    text = sentence.text
    folded = text.casefold()
    if _unknown_index(view, sentence):
        return True
    for noun in sorted((n.casefold() for n in sentence.pats.res.words("rank_nouns")), key=len, reverse=True):
        at = folded.find(noun)
        if at < 0:
            continue
        if sentence.pats.res.is_cjk:  # "世界大学排名": the words that qualify a Chinese ranking stand before it
            lo = max([at - 6, *(m.end for m in view.regions_in(sentence) if m.end <= at)])
            run = _HAN_RUN.findall(text, max(lo, 0), at)
            phrase = (run[-1] if run else "") + noun
        else:
            stop = _CLAUSE_STOP.search(text, at + len(noun))
            phrase = " ".join(_WORD.findall(text[at : stop.start() if stop else len(text)])[:5])
        if not _generic(phrase, sentence):
            return True
    return False


def _rank_steps(sentence: Sentence, end: int, unit: str | None) -> bool:
    """A count of places in a ranking ("sube 22 posiciones", "up 5 places", "上升3位")."""
    if unit not in ("count", "ranks", None):
        return False
    after = sentence.text[end : end + 16].casefold().lstrip()
    return any(after.startswith(w) and not after[len(w) : len(w) + 1].isalpha() for w in _cues(sentence.language).steps)


def _ranked_count(sentence: Sentence, start: int, unit: str | None) -> bool:
    """A bare number right after a ranking word ("when it was ranked at 81", "auf Platz 17"): a position."""
    if unit not in ("count", None):
        return False
    before = _clause_before(sentence.text, start, 24).rstrip()
    return any(before.endswith(w) for w in _cues(sentence.language).rank_before)


def _listed_steps(sentence: Sentence, start: int, end: int, unit: str | None) -> bool:
    """A bare number in brackets listed after a count of places ("Cataluña (sube 22 posiciones), Navarra (21)"):
    a count of places too."""
    text = sentence.text
    if unit not in ("count", None) or not text[:start].rstrip().endswith(("(", "（")):
        return False
    if not text[end:].lstrip().startswith((")", "）")):
        return False
    earlier = [q for q in sentence.scan.quantities if q.end <= start]
    return any(_rank_steps(sentence, q.end, q.unit) for q in earlier[-3:])


@dataclass(frozen=True)
class _Cues:
    gdp: tuple[str, ...]
    share: tuple[str, ...]
    rd: tuple[str, ...]
    sectors: tuple[tuple[str, tuple[str, ...]], ...]
    edge: frozenset[str]
    growth: tuple[str, ...]
    steps: tuple[str, ...]
    publishers: tuple[tuple[str, tuple[str, ...]], ...]
    links: frozenset[str]
    share_of: tuple[str, ...]
    budget: tuple[str, ...]
    rd_core: tuple[str, ...]
    generic: frozenset[str]
    simplified: dict[int, str]
    spending: frozenset[str]
    part_of: tuple[str, ...]
    index_nouns: tuple[str, ...]
    from_words: tuple[str, ...]
    rank_before: tuple[str, ...]
    totals: tuple[str, ...]
    ratios: tuple[str, ...]
    to_words: frozenset[str]
    level_verbs: tuple[str, ...] = ()
    economy_rankings: tuple[str, ...] = ()
    actor_verbs: frozenset[str] = frozenset()
    filing_verbs: frozenset[str] = frozenset()
    filing_nouns: tuple[str, ...] = ()
    averages: tuple[str, ...] = ()
    sector_links: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    other_topics: tuple[str, ...] = ()


@cache
def _cues(code: str) -> _Cues:
    """The metric cues of a language (``extract/lang/metrics/<code>.yaml``), English when the file is missing."""
    base = importlib_resources.files("riso.extract").joinpath("lang")
    path = base.joinpath("metrics", f"{code}.yaml")
    if not path.is_file():
        path = base.joinpath("metrics", "en.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    older = base.joinpath("subjects", f"{code}.yaml")  # the first cue lists were kept beside the subject words
    extra = (yaml.safe_load(older.read_text(encoding="utf-8")) or {}) if older.is_file() else {}

    def words(key: str) -> tuple[str, ...]:
        found = [*(data.get(key) or []), *(extra.get(key) or [])]
        return tuple(dict.fromkeys(str(w).casefold() for w in found))

    def groups(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((str(k), tuple(str(w).casefold() for w in v)) for k, v in (data.get(key) or {}).items())

    return _Cues(
        words("gdp_words"), words("share_words"), words("rd_words"), groups("sectors"),
        frozenset((*words("np_edge"), *words("np_edge_more"))),
        words("growth_words"), words("rank_steps"), groups("index_publishers"), frozenset(words("np_links")),
        words("share_of"), words("budget_words"), words("rd_core"), frozenset(words("index_generic")),
        _char_map(str(data.get("simplified") or "")), frozenset(words("spending_words")),
        words("part_of"), words("index_nouns"), words("from_words"), words("rank_before"),
        words("total_words"), words("ratio_words"), frozenset(words("to_words")), words("level_verbs"),
        words("economy_rankings"), frozenset(words("actor_verbs")), frozenset(words("filing_verbs")),
        words("filing_nouns"), averages=words("average_words"),
        sector_links=tuple(sorted(words("sector_links"), key=len, reverse=True)), plans=words("plan_words"),
        goals=words("goal_words"), other_topics=words("other_topics"),
    )  # fmt: skip


def _char_map(pairs: str) -> dict[int, str]:
    return {ord(a): b for a, b in zip(pairs[::2], pairs[1::2], strict=False)}


def _unit_of(view: DocumentView, indicator_id: str) -> str:
    try:
        return view.catalog.indicator(indicator_id).unit
    except Exception:
        return ""


def _label(view: DocumentView, indicator_id: str, language: str) -> str | None:
    try:
        labels = view.catalog.indicator(indicator_id).labels
    except Exception:
        return None
    return labels.get(language) or labels.get("en")


def _after(text: str, end: int, reach: int = 60) -> str:
    stop = _STRONG_BOUNDARY.search(text, end, end + reach)  # bounded: only `reach` characters are kept
    return text[end : stop.start() if stop else len(text)][:reach].casefold()


def _clause_before(text: str, start: int, reach: int = 80) -> str:
    lo = max(0, start - reach)
    cut = max((m.end() for m in _STRONG_BOUNDARY.finditer(text, lo, start)), default=lo)
    return text[cut:start].casefold()


def _mentions_gdp(sentence: Sentence, start: int, end: int) -> bool:
    cues = _cues(sentence.language)
    after = _after(sentence.text, end, 40)
    if any(w in after for w in cues.gdp):
        return True
    if sentence.pats.res.is_cjk:  # "R&D占GDP比重达到4.51%": the base stands before the number
        before = _clause_before(sentence.text, start, 30)
        return any(w in before for w in cues.gdp)
    # "spent a lower percentage of regional GVA on R&D than … (3.2%)": a share of GDP named before the value
    before = _clause_before(sentence.text, start, 90)
    # the GDP word starts within 40 characters of the share phrase ("Anteil der Forschungsausgaben an der
    # Wirtschaftsleistung"), however long it is
    return any(
        f"{s} " in before and 0 <= before.split(s, 1)[1].find(w) < 40 for s in cues.share_of for w in cues.gdp
    )


def _variant(
    view: DocumentView, sentence: Sentence, indicator_id: str | None, start: int, end: int, unit: str | None
) -> str | None:
    """A percentage beside a money indicator: its share of GDP ("3 % des BIP" -> R&D intensity), a share of a
    total (its share variant, else kept), else its growth ("+5 %" -> R&D expenditure growth), where the catalog
    has that variant. A score beside a rank indicator is the score of that index."""
    if indicator_id is None:
        return None
    catalog = view.catalog
    if unit in ("score", "points"):
        try:
            if catalog.indicator(indicator_id).kind == "rank":
                base = catalog.base_of(indicator_id)
                return base[0] if base else indicator_id
        except Exception:
            return indicator_id
    if unit not in ("%", "pp"):
        return indicator_id
    if not _unit_of(view, indicator_id).startswith(_MONEY):
        return indicator_id
    derived = catalog.derived
    text = sentence.text
    cues = _cues(sentence.language)
    around = text[max(0, end - 80) : end + 60].casefold().translate(cues.simplified)  # 佔比 is 占比
    if _mentions_gdp(sentence, start, end):
        return derived(indicator_id, "gdp_share") or indicator_id
    if any(w in around for w in cues.share):
        return derived(indicator_id, "share") or indicator_id
    near = text[max(0, start - 50) : end + 40].casefold().translate(cues.simplified)
    level = _from_value(sentence, start)  # "an increase from 2.6 %": the level before, no growth rate
    if level or not any(w in near for w in cues.growth):  # no growth word: the variant the previous percentage had
        last = _remembered(view, sentence, unit)
        if (
            last is not None
            and last != indicator_id
            and view.catalog.base_of(last)
            in (
                (indicator_id, "gdp_share"),
                (indicator_id, "share"),
            )
        ):
            return last
        if level:
            return indicator_id
        if not any(w in near for w in cues.growth) and _level_of_rd(sentence, start):
            return derived(indicator_id, "gdp_share") or indicator_id
        if any(indicator_id == sector for sector, _ in cues.sectors):
            return indicator_id  # "atteindre 2 % de Dirde": a sector's share, its growth only with a growth word
    return derived(indicator_id, "growth") or indicator_id


_SPACE = regex.compile(r"\s+")


def _bare_rd_share(view: DocumentView, sentence: Sentence, start: int) -> bool:
    """Whether a Chinese percentage is the share of R&D spending with no base named ("全社会研发投入占比达2.95%",
    "研发经费投入占比为2.1%"): R&D intensity, as Chinese statistics write it; not a share within a total
    ("研发投入中企业投入占比": 中), of a sector's spending, or of a named base ("占营业收入比重")."""
    if not sentence.pats.res.is_cjk or not _about_rd(view, sentence):
        return False
    cues = _cues(sentence.language)
    before = _SPACE.sub("", _clause_before(sentence.text, start, 40)).translate(cues.simplified)
    trimmed = True
    while trimmed and before:
        trimmed = False
        for word in sorted(cues.edge, key=len, reverse=True):
            if word and before.endswith(word) and word not in cues.share:
                before, trimmed = before[: -len(word)], True
                break
    share = next((w for w in cues.share if before.endswith(w)), None)
    if share is None:
        return False
    noun = before[: -len(share)]
    if not any(noun.endswith(w) for w in cues.spending) or "中" in noun or "占" in noun:
        return False
    if any(w in noun for _, words in cues.sectors for w in words):
        return False
    return any(w.casefold() in noun[-12:] for w in cues.rd_core)


def economic_ranking(view: DocumentView, sentence: Sentence) -> bool:
    """Whether the places of a sentence rank an economic figure (``economy_rankings``: "pour leur PIB", "per PIL",
    "by GDP", "PIB per cápita"), named in it or in the sentence before in its paragraph, and the sentence names no
    indicator of its own: "…les vingt premières régions européennes pour leur PIB. L'Ile-de-France reste la
    première région européenne, … la 7e place …" ranks GDP, no R&I fact."""
    words = _cues(sentence.language).economy_rankings
    if not words or _indicator_mentions(view, sentence):
        return False
    here = _sentence_index(view, sentence)
    texts = [sentence.text]
    if here > 0:
        before = view.sentences[here - 1]
        if not _PARAGRAPH.search(view.document.text, before.end, sentence.start):
            texts.append(before.text)
    return any(w in t.casefold() for t in texts for w in words)


def _level_of_rd(sentence: Sentence, start: int) -> bool:
    """Whether a level verb stands right before a bare percentage of R&D spending ("la inversión en I+D representó
    el 1,25%", "la spesa in R&S era pari all'1,4%"): its intensity, not a growth rate."""
    words = _cues(sentence.language).level_verbs
    before = _clause_before(sentence.text, start, 40)
    rd_core = _cues(sentence.language).rd_core
    return bool(words) and any(w in before for w in words) and any(w in before for w in rd_core)


def _about_rd(view: DocumentView, sentence: Sentence) -> bool:
    """Whether the document speaks of R&D (an R&D word anywhere in it)."""
    key = "about_rd"
    if key not in view._metrics:
        text = view.document.text.casefold().translate(_cues(sentence.language).simplified)  # 研發 is 研发
        view._metrics[key] = any(w in text for w in _cues(sentence.language).rd) or any(
            w in text for w in _cues("en").rd
        )
    return bool(view._metrics[key])


def _gdp_share(view: DocumentView, sentence: Sentence, start: int, end: int) -> str | None:
    """A percentage of GDP that names no indicator: R&D intensity, in a text about R&D; not when its clause names
    another topic (``other_topics``) and no R&D word before it ("portare il debito al 60% del PIL")."""
    if not _mentions_gdp(sentence, start, end) or not _about_rd(view, sentence):
        return None
    if _of_other_topic(sentence, start):
        return None
    return view.catalog.derived(_RD, "gdp_share")


def _of_other_topic(sentence: Sentence, start: int) -> bool:
    """Whether the clause before the value names another topic (``other_topics``: debt, unemployment …) and no
    R&D word ("portare il debito al 60% del PIL", "El paro bajó al 8 %")."""
    cues = _cues(sentence.language)
    before = _clause_before(sentence.text, start, 60)
    if not cues.other_topics or any(w in before for w in cues.rd):
        return False
    if sentence.pats.res.is_cjk:
        return any(w in before for w in cues.other_topics)
    return any(_whole_word(w).search(before) for w in cues.other_topics)


_RD = "rd_expenditure"
_SECTOR_AFTER = 14  # "el 0,3 % en las empresas": a sector named right after the value


def _sector_share(view: DocumentView, sentence: Sentence, start: int, end: int) -> str | None:
    """A bare percentage of a sector in a sentence whose other percentage is a share of GDP, in a text about R&D
    ("kommt die Wirtschaft nur auf 1,1 Prozent; … machen die Gesamtausgaben weniger als 2 Prozent der
    Wirtschaftsleistung aus"): that sector's R&D share of GDP."""
    intensity = view.catalog.derived(_RD, "gdp_share")
    if intensity is None or not _about_rd(view, sentence):
        return None
    if not any(
        q.unit == "%" and q.number_start >= end and _mentions_gdp(sentence, q.number_start, q.end)
        for q in sentence.scan.quantities
    ):
        return None
    near = f" {' '.join(_WORD.findall(_clause_before(sentence.text, start, 60)))} "
    if any(f" {w.casefold()} " in near for w in _cues(sentence.language).growth):
        return None  # "wuchs die Wirtschaft um 2,1 Prozent": economic growth
    sector = _sector(view, sentence, intensity, start, end)
    return sector if sector != intensity else None


def _rd_family(view: DocumentView, indicator_id: str) -> bool:
    if indicator_id == _RD:
        return True
    base = view.catalog.base_of(indicator_id)
    return base is not None and base[0] == _RD


def _sector(view: DocumentView, sentence: Sentence, indicator_id: str | None, start: int, end: int) -> str | None:
    """R&D spending of one sector of performance: a sector word right before the value in its clause or right
    after it ("die Unternehmen … 3,8 Prozent", "0,3 % en las empresas") files it under the sector's indicator."""
    if indicator_id is None or not _rd_family(view, indicator_id):
        return indicator_id
    text, folded = sentence.text, sentence.text.casefold()
    others = [q for q in sentence.scan.quantities if q.end <= start or q.number_start >= end]
    best: tuple[int, str] | None = None
    before: set[str] = set()
    rd_mentions = [m for m in _indicator_mentions(view, sentence) if _rd_family(view, m.id)]
    totals = () if sentence.pats.res.is_cjk else _cues(sentence.language).totals  # (总 is in 生产总值)
    for sector, words in _cues(sentence.language).sectors:
        if sector not in view.catalog.indicators:
            continue
        for word in words:
            if word not in folded:
                continue
            for m in _whole_word(word).finditer(folded):
                if sector == "goverd" and _actor(view, sentence, m.start(), m.end()):
                    continue  # "The UK government has committed to … 2.4 % of GDP": who acts, not the sector
                if m.end() <= start:
                    if any(m.end() <= q.number_start and q.end <= start for q in others):
                        continue  # another number stands between: the sector is that number's
                    if any(q.end <= m.start() and _attached(text, q.end, m.start(), sentence.language) for q in others):
                        continue  # "el 0,3 % en las empresas, el 1,5 %": named right after another number
                    if (
                        _coordinated(folded, m.start(), m.end(), sentence.language)
                        and clause_distance(text, (m.start(), m.end()), (start, end)) <= 110
                        and not any(m.start() - 40 <= q.end <= m.start() for q in others)
                    ):  # (not "1.9 % of GDP and universities 0.6 %": a pair of values, not a list of spenders)
                        return indicator_id  # "Bund, Länder und Privatwirtschaft haben 3,18 Prozent des BIP": all
                    between = folded[m.end() : start]
                    if any(regex.search(rf"(?<![^\W\d_]){regex.escape(w)}(?!i[sz])", between) for w in totals):
                        continue  # "avec la recherche publique, la dépense totale … 1,6 %" (not "qui totalise 90 %")
                    before.add(sector)
                    d = clause_distance(text, (m.start(), m.end()), (start, end))
                    if d > 110:
                        continue
                elif m.start() >= end:
                    gap_end = m.start()
                    for mention in rd_mentions:  # "2 % de dépense intérieure de R&D des entreprises"
                        if (
                            end <= mention.start
                            and mention.end <= gap_end
                            and not _DIGIT_OR_BOUNDARY.search(text, end, mention.start)
                        ):
                            gap_end = (
                                mention.start if _attached(text, mention.end, m.start(), sentence.language) else gap_end
                            )
                    if not _attached(text, end, gap_end, sentence.language):
                        continue
                    d = m.start() - end
                else:
                    continue
                if best is None or d < best[0]:
                    best = (d, sector)
    if best is None or (len(before) > 1 and best[1] in before):
        return indicator_id  # "spending by firms, public institutes and universities": the total
    if view.catalog.base_of(indicator_id) == (_RD, "growth") and (
        _grows(sentence, start, end) or _after_growth(view, sentence)
    ):
        return view.catalog.derived(best[1], "growth") or best[1]  # "le imprese hanno aumentato … la spesa del 4%"
    return best[1]


def _grows(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a growth word stands beside the value ("aumentato … del 4%", "wuchsen … um 4,2 Prozent")."""
    cues = _cues(sentence.language)
    near = sentence.text[max(0, start - 50) : end + 40].casefold().translate(cues.simplified)
    return any(w in near for w in cues.growth)


def _after_growth(view: DocumentView, sentence: Sentence) -> bool:
    """Whether the previous percentage of the sentence was a growth rate ("aumentó el 0,3 % en las empresas, el 1,5 %
    en las universidades y el 4 % en la Administración": the last of a list of growth rates, far from its verb)."""
    last = view._metrics.get(f"last:{_unit_class('%')}")
    if not isinstance(last, tuple) or last[0] != _sentence_index(view, sentence):
        return False
    base = view.catalog.base_of(str(last[1]))
    return base is not None and base[1] == "growth"


def _actor(view: DocumentView, sentence: Sentence, start: int, end: int) -> bool:
    """Whether a government word names who acts rather than a sector of performance: a region right before it
    ("the UK government", "the Scottish Government") or a verb right after it ("the government plans", "the
    government has committed": ``actor_verbs``)."""
    text = sentence.text
    after = [w.casefold() for w in _WORD.findall(text[end : end + 24])]
    if after[:1] in (["sector"], ["sectors"]):
        return False  # "the UK government sector": the sector
    if any(0 <= start - r.end <= 1 for r in view.regions_in(sentence)):
        return True
    return bool(after) and after[0] in _cues(sentence.language).actor_verbs


def _coordinated(folded: str, lo: int, hi: int, language: str) -> bool:
    """Whether the sector word at [lo, hi) is the last item of a list of spenders joined by a conjunction ("Bund,
    Länder und Privatwirtschaft", "Wissenschaft und Wirtschaft", "le gouvernement et les entreprises"): the list
    spends the total. A sector word that opens a list stays ("las empresas y las instituciones privadas sin fines de
    lucro": what the private sector is made of)."""
    edge = _cues(language).edge
    left = _WORD.findall(folded[max(0, lo - 30) : lo])[-2:]  # (the conjunction, or the conjunction and an article)
    if left and left[-1] in _CONJUNCTIONS:
        return True
    return len(left) == 2 and left[0] in _CONJUNCTIONS and _is_edge(left[1], edge)


_CONJUNCTIONS = frozenset({"and", "und", "et", "e", "ed", "y", "o", "or", "oder", "ou", "u", "和", "及"})


def _attached(text: str, end: int, start: int, language: str = "en") -> bool:
    """Whether a word at ``start`` is tied to the number ending at ``end``: only articles and prepositions between
    ("0,3 % en las empresas"), after at most one word that says who spent it (``sector_links``: "issus du", "a
    cargo de"), no conjunction, boundary or other word."""
    gap = text[end:start]
    folded = gap.casefold().lstrip()
    for link in _cues(language).sector_links:  # "2,06 % issus du secteur privé", "3,7 Md€ sont le fait des entreprises"
        if folded.startswith(link) and not folded[len(link) : len(link) + 1].isalpha():
            gap = " " + folded[len(link) :]
            break
    if len(gap) > _SECTOR_AFTER or _DIGIT_OR_BOUNDARY.search(gap):
        return False
    edge = _cues(language).edge
    words = _WORD.findall(gap)
    return all(_is_edge(w, edge) and w.casefold() not in _CONJUNCTIONS for w in words)


def _unit_class(unit: str | None) -> str | None:
    if unit is None:
        return None
    if unit.startswith(_MONEY):
        return "money"
    if unit in ("%", "pp", "percentage points"):
        return "%"
    if unit in ("score", "points"):
        return "score"
    if unit in ("rank", "ranks"):
        return "rank"
    if unit.startswith(("count", "person")):
        return "count"
    return unit


def _sentence_index(view: DocumentView, sentence: Sentence) -> int:
    return bisect_left(view.sentence_starts, sentence.start)


def _remember(view: DocumentView, sentence: Sentence, unit: str | None, indicator_id: str | None) -> None:
    kind = _unit_class(unit)
    if kind is not None and indicator_id is not None:
        view._metrics[f"last:{kind}"] = (_sentence_index(view, sentence), indicator_id)


def _remembered(view: DocumentView, sentence: Sentence, unit: str | None) -> str | None:
    """The metric of the previous value of the same kind, within three sentences of the same paragraph (or in
    the sentence right before)."""
    kind = _unit_class(unit)
    last = view._metrics.get(f"last:{kind}") if kind else None
    if not isinstance(last, tuple):
        return None
    index, indicator_id = last
    here = _sentence_index(view, sentence)
    if not 0 <= here - index <= 3:
        return None
    if here - index > 1 and _PARAGRAPH.search(view.document.text, view.sentences[index].end, sentence.start):
        return None  # (the sentence right before counts across a paragraph break: "… 2,12 % del PIB.\n\n… el 1,49 %")
    if _topic_break(view, sentence, index, str(kind)):
        return None  # "… 0,9 % del PIB. El paro bajó al 8 %. … el 1,1 %": unemployment ended the R&D topic
    return str(indicator_id)


def _document_index(view: DocumentView, sentence: Sentence) -> tuple[str, str] | None:
    """The index a rank or score without its own index name belongs to: the nearest index (rank or score
    indicator) named in the sentence, else the last one named before it in the document, else one in the next
    three sentences, else the index of a publisher the document names ("the index WIPO published": the GII)."""
    found: list[tuple[int, str, str | None]] = view._metrics.get("indexes")  # type: ignore[assignment]
    if not isinstance(found, list):  # (sentence index, id, surface) of every index named, found once per document
        catalog, found = view.catalog, []
        for i, s in enumerate(view.sentences):
            for m in _indicator_mentions(view, s):
                try:
                    if catalog.indicator(m.id).kind in ("rank", "score"):
                        found.append((i, m.id, m.surface))
                except Exception:
                    continue
            folded = s.text.casefold()
            for indicator_id, names in _cues(s.language).publishers:
                if indicator_id in catalog.indicators and any(n in folded for n in names):
                    found.append((i, indicator_id, None))
        named = [e for e in found if e[2] is not None]
        found = named or found  # a publisher counts only when no index is named
        view._metrics["indexes"] = found
    if not found:
        return None
    here = _sentence_index(view, sentence)
    at = bisect_left(found, here, key=lambda e: e[0])
    pick = None
    if at < len(found) and found[at][0] == here:
        pick = found[at]
    elif at > 0:
        pick = found[at - 1]
    elif found[at][0] <= here + 3 or found[at][2] is None:
        pick = found[at]
    if pick is None:
        return None
    return pick[1], pick[2] or _label(view, pick[1], sentence.language) or pick[1]


def _metric_for(
    view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None, *, prefer: str | None = None
) -> tuple[str | None, str | None, bool]:
    """The nearest catalog name (id, surface, whether it is the clause's own rather than carried)."""
    mentions = _indicator_mentions(view, sentence)
    if unit == "count" and not sentence.pats.res.is_cjk:
        # a counted noun follows its number ("9 Städte"); else the name comes before ("Zahl der ... auf 20.000")
        text = sentence.text
        after = [
            m
            for m in mentions
            if 0 <= m.start - end <= 30
            and not _DIGIT_OR_BOUNDARY.search(text, end, m.start)
            and not _CLOSING.search(text, end, m.start)  # "(… 28.000 in Germania) e … numero di ricercatori"
        ] or [m for m in mentions if _part_of(sentence, end, m.start)]  # "412 of the 820 spin-off companies"
        if after:
            return after[0].id, after[0].surface, True
        mentions = [m for m in mentions if m.end <= start]
        if _NOUN_NEXT.match(text, end) and not mentions:
            return None, None, False
    if unit == "count" and sentence.pats.res.is_cjk:
        near = [
            m
            for m in _own_mentions(sentence, mentions, start, end)
            if clause_distance(sentence.text, (m.start, m.end), (start, end)) < 160
        ]
        earlier = [q for q in sentence.scan.quantities if q.end <= start]
        # "众创空间100家,科技成果转化5000项": a name before an earlier number is that number's when the value
        # names its own counted thing
        theirs = [m for m in near if any(m.end <= q.number_start for q in earlier)]
        if (not near or len(theirs) == len(near)) and _han_phrase(
            sentence, start, end, [(m.start, m.end) for m in view.regions_in(sentence)]
        ):
            return (
                None,
                None,
                False,
            )  # "建成省级重点企业研究院1家": the counted thing is named, the catalog does not know it
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
        return best.id, best.surface, True
    carried = _carried(view, sentence, start, end, unit, prefer)
    if carried is not None:
        return carried.id, carried.surface, False
    return None, None, False


_MONEY = ("CNY", "EUR", "USD", "GBP", "CHF", "JPY")
_CLOSING = regex.compile(r"[)）\]]")
_COUNT = regex.compile(r"\s*\d[\d.,\s]*\s*")


def _part_of(sentence: Sentence, end: int, start: int) -> bool:
    """Whether the text between a count and a name is "of the <number>" ("412 of the 820 spin-off companies"):
    the count is part of the total's name."""
    gap = sentence.text[end:start].casefold()
    if len(gap) > 24:
        return False
    for word in sorted(_cues(sentence.language).part_of, key=len, reverse=True):
        lead = gap.lstrip()
        if lead.startswith(word):
            return bool(_COUNT.fullmatch(lead[len(word) :]))
    return False


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


_ITEM_MARKS = "-–—•►▪*·●○■□➢➤"


def _is_item(text: str) -> bool:
    """Whether a sentence is a list item (it opens with a bullet or a dash)."""
    return text.lstrip()[:1] in _ITEM_MARKS


def _carried(view: DocumentView, sentence: Sentence, start: int, end: int, unit: str | None, prefer: str | None):  # type: ignore[no-untyped-def]
    """A metric named farther away: the nearest fitting mention of the sentence, else the last one of the
    paragraph's previous sentences ("… R&D intensity of 3.4 %. Israel (5.6 %) and Korea (4.9 %) lead.")."""
    growth = unit in ("%", "pp") and any(
        w in sentence.text[max(0, start - 50) : end + 40].casefold() for w in _cues(sentence.language).growth
    )

    if growth:  # a growth rate may be of any value indicator, when its clause names nothing else
        phrase = noun_phrase(view, sentence, start, end, unit)
        growth = phrase is None or _anaphoric(phrase, sentence.language)

    def fits(m) -> bool:  # type: ignore[no-untyped-def]
        if _fits(view, m.id, unit, prefer):
            return True
        if not growth:
            return False
        try:
            kind = view.catalog.indicator(m.id).kind
        except Exception:
            return False
        return kind == "value" and _fits(view, m.id, _unit_of(view, m.id), None)

    mentions = [m for m in _own_mentions(sentence, _indicator_mentions(view, sentence), start, end) if fits(m)]
    if mentions:
        return min(mentions, key=lambda m: clause_distance(sentence.text, (m.start, m.end), (start, end)))
    if _of_other_topic(sentence, start):
        return None  # "R&D intensity was 1.6%. Unemployment fell to 8%.": unemployment takes no R&D metric
    text = view.document.text
    index = _sentence_index(view, sentence)
    # a list item that names what it counts ("– $2.9 billion in tax assistance") takes no metric from the items
    # before it ("– $908 million in venture capital"); one that names nothing does ("– 2,1 %"), and every item
    # may take its lead's ("R&D expenditure by sector:")
    own_item = _is_item(sentence.text) and (
        (phrase := noun_phrase(view, sentence, start, end, unit)) is not None
        and not _anaphoric(phrase, sentence.language)
    )
    kind = _unit_class(unit)
    last = view._metrics.get(f"last:{kind}") if kind else None
    filed = last[0] if isinstance(last, tuple) else -1  # the sentence of the last value filed under a metric
    for at in range(index - 1, max(index - 3, 0) - 1, -1):
        earlier = view.sentences[at]
        if _PARAGRAPH.search(text, earlier.end, sentence.start):
            break
        if own_item and _is_item(earlier.text):
            continue
        fitting = [m for m in _indicator_mentions(view, earlier) if fits(m)]
        if fitting:
            if kind is not None and _topic_break(view, sentence, max(at, filed), kind):
                return None  # "… R&D intensity was 1.6%. Unemployment fell to 8%. In 2022 it was 1.7%."
            return fitting[-1]
    return None
