"""A document prepared once for every extractor: sentences with languages, layout zones, regions, scans.

Pure: a function of the Document and the catalog.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Protocol

import regex

from riso.extract.layout import GlossaryBlock, TableBlock, find_glossary, find_tables
from riso.extract.patterns import Patterns, patterns_for
from riso.extract.resources import available_languages
from riso.extract.scan import Scan, Temporal, scan_sentence
from riso.model import Document, Indicator, Region, Segment, Subject

_CLAUSE_ENDS = (";", "；", ":", "：")
_COLON = regex.compile(r"[:：]")
_CUE_REACH = 24
_DOC = -2  # the passage's running year and period, which a new paragraph starts from

__all__ = ["CatalogLike", "DocumentView", "Sentence", "get_catalog", "view_of"]


class _MentionLike(Protocol):
    start: int
    end: int
    id: str
    surface: str


class _ScanLike(Protocol):
    def all(self) -> Sequence[_MentionLike]: ...
    def within(self, start: int, end: int) -> list[_MentionLike]: ...


class CatalogLike(Protocol):
    """The part of riso.catalog.Catalog the extractors use."""

    def find_regions(self, text: str, folded: str | None = None) -> list[_MentionLike]: ...
    def find_indicators(
        self, text: str, language: str | None = None, folded: str | None = None
    ) -> list[_MentionLike]: ...
    def match_indicator(self, phrase: str, language: str | None = None) -> Indicator | None: ...
    def region(self, name: str) -> Region: ...
    def indicator(self, name: str) -> Indicator: ...
    def derived(self, indicator_id: str, relation: str) -> str | None: ...
    def base_of(self, indicator_id: str) -> tuple[str, str] | None: ...
    @property
    def indicators(self) -> Mapping[str, Indicator]: ...
    @property
    def regions(self) -> Mapping[str, Region]: ...


@cache
def get_catalog() -> CatalogLike:
    """The default catalog (riso.catalog.load_catalog())."""
    from riso.catalog import load_catalog

    return load_catalog()  # type: ignore[return-value]


@dataclass
class Sentence:
    """One sentence of the document: absolute offsets, language, patterns and its scan."""

    start: int
    end: int
    language: str
    text: str
    pats: Patterns
    scan: Scan
    context_period: str | None = None  # the last period named earlier in the paragraph ("In 2022, …. Among …")
    context_deadline: int | None = None  # the last deadline or plan year named earlier in the passage ("到2027年，…")


@dataclass
class DocumentView:
    """What the extractors share about one document."""

    document: Document
    catalog: CatalogLike
    sentences: list[Sentence]
    tables: list[TableBlock]
    glossary: list[GlossaryBlock]
    _regions: dict[int, list[_MentionLike]] = field(default_factory=dict)
    _indicators: dict[int, list[_MentionLike]] = field(default_factory=dict)
    _metrics: dict[str, object] = field(default_factory=dict)  # riso.extract.metrics' memory of resolved metrics
    _subjects: dict[str, Subject] = field(default_factory=dict)  # a Subject per region id (frozen: shared by facts)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The start offset of every sentence, in order (to find a sentence's index by bisection)."""
        return [s.start for s in self.sentences]

    @cached_property
    def folded(self) -> str:
        """The document text folded for catalog matching, once (a sentence's is its slice)."""
        from riso.catalog._fold import fold

        return fold(self.document.text)

    @cached_property
    def _region_scan(self) -> _ScanLike | None:
        """The document's region mentions from one pass, read per sentence (``Catalog.scan_regions``), when the
        catalog offers it."""
        scan = getattr(self.catalog, "scan_regions", None)
        return scan(self.document.text, self.folded) if scan is not None else None

    @cached_property
    def main_region(self) -> Subject | None:
        """The document's most frequent region (computed on first use)."""
        scan = self._region_scan
        mentions = scan.all() if scan is not None else self.catalog.find_regions(self.document.text, self.folded)
        return _main_region(self.catalog, mentions)

    def regions_in(self, sentence: Sentence) -> list[_MentionLike]:
        """Region mentions of a sentence (offsets relative to the sentence)."""
        if sentence.start not in self._regions:
            joined = unwrapped(sentence.text)
            scan = self._region_scan
            if joined is not None:  # "安徽省合\n肥市": a name wrapped across lines
                plain, where = joined
                self._regions[sentence.start] = rewrapped(self.catalog.find_regions(plain), sentence.text, where)
            elif scan is not None:
                self._regions[sentence.start] = scan.within(sentence.start, sentence.end)
            else:
                folded = self.folded[sentence.start : sentence.end]
                self._regions[sentence.start] = self.catalog.find_regions(sentence.text, folded)
        return self._regions[sentence.start]

    def subject(self, region_id: str | None) -> Subject | None:
        """A Subject for a region id, else the document's main region."""
        if region_id is None:
            return self.main_region
        known = self._subjects.get(region_id)
        if known is None:
            try:
                known = Subject(id=region_id, name=self.catalog.region(region_id).name)
            except Exception:  # an id the catalog does not know: keep it, named by itself
                known = Subject(id=region_id, name=region_id)
            self._subjects[region_id] = known
        return known

    def sentence_subject(self, sentence: Sentence, *, exclude: tuple[tuple[int, int], ...] = ()) -> Subject | None:
        """The sentence's own region (the subject of its opening), else the paragraph's or the document's."""
        return self.subject_at(sentence, 0, 0, exclude=exclude)

    def subject_at(
        self, sentence: Sentence, start: int, end: int, *, exclude: tuple[tuple[int, int], ...] = ()
    ) -> Subject | None:
        """The region the value at [start, end) of the sentence is about (riso.extract.subjects)."""
        from riso.extract.subjects import subject_at

        return subject_at(self, sentence, start, end, exclude=exclude)


_LINE_BREAK = regex.compile(r"(?<=[\p{Han}\p{N}])[ \t]*\n\s*(?=[\p{Han}\p{N}])")


def unwrapped(text: str) -> tuple[str, list[int]] | None:
    """A Chinese sentence wrapped across lines without its line breaks ("研究与试验发展经\n费" is one name), with
    the offset in ``text`` of each character kept; None when no line break falls between CJK characters."""
    if "\n" not in text:
        return None
    breaks = list(_LINE_BREAK.finditer(text))
    if not breaks:
        return None
    where: list[int] = []
    parts: list[str] = []
    pos = 0
    for m in breaks:
        parts.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(parts), where


def rewrapped(mentions: list[_MentionLike], text: str, where: list[int]) -> list[_MentionLike]:
    """Mentions found in an unwrapped sentence, at their offsets in the sentence as written."""
    out: list[_MentionLike] = []
    for m in mentions:
        start, end = where[m.start], where[m.end - 1] + 1
        out.append(_Wrapped(start, end, m.id, text[start:end]))
    return out


@dataclass
class _Wrapped:
    """A catalog name found in an unwrapped sentence, at its offsets as written."""

    start: int
    end: int
    id: str
    surface: str


def _language_of(code: str | None, fallback: str | None) -> str:
    langs = available_languages()
    for candidate in (code, fallback):
        if candidate in langs:
            return candidate
    return "en"


def _segments(document: Document) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    if document.sentences:
        return document.paragraphs, document.sentences
    from riso.ingest import detect_language, split_paragraphs, split_sentences

    paragraphs = document.paragraphs or tuple(
        Segment(start=s, end=e, language=document.language or detect_language(document.text[s:e], min_letters=1))
        for s, e in split_paragraphs(document.text)
    )
    return paragraphs, split_sentences(document.text, paragraphs)


def _inside(start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in zones)


def _inside_start(start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    """Whether a sentence lies in a zone, or starts in one (a source line split into sentences)."""
    return any(s <= start < e for s, e in zones)


def _main_region(catalog: CatalogLike, mentions: Sequence[_MentionLike]) -> Subject | None:
    counts = Counter(m.id for m in mentions)
    if not counts:
        return None
    region_id = counts.most_common(1)[0][0]
    try:
        return Subject(id=region_id, name=catalog.region(region_id).name)
    except Exception:
        return Subject(id=region_id, name=region_id)


@cache
def _source_cues() -> frozenset[str]:
    """Every language's source-citation, outline and counter words, case-folded ("quellen", "sommaire", "浏览次数")."""
    langs = available_languages()
    keys = ("source_cues", "silent_line_cues")
    return frozenset(c.casefold() for lang in langs for k in keys for c in patterns_for(lang).res.words(k))


def _cue(prefix: str) -> str:
    return prefix.strip(" \t*#>_-•").casefold()


def _source_lines(text: str) -> list[tuple[int, int]]:
    """Source-citation lines ("Quellen: NBS …", "来源：…"), in any language's words: they hold no facts."""
    out: list[tuple[int, int]] = []
    for m in _COLON.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start <= _CUE_REACH and _cue(text[line_start : m.start()]) in _source_cues():
            line_end = text.find("\n", m.end())
            out.append((line_start, len(text) if line_end < 0 else line_end))
    return out


def _frames_passage(scan: Scan, pats: Patterns, text: str) -> bool:
    """Whether a sentence opens with the period of a report (before its first value, no aim in it): the
    passage's later paragraphs continue it ("In 2020 R&D … was £10.1 billion." … "This was 2.8 % of GVA")."""
    if pats.target_cue.search(text):
        return False
    first = min([q.start for q in scan.quantities] + [r.start for r in scan.ranks], default=len(text))
    return any(
        t.kind == "period" and not t.local and t.period and (t.start < first or "-" in t.period)
        for t in scan.temporals
    )  # a span frames wherever it stands ("It fostered 59 new companies from 2000 to 2010.")


def build_view(document: Document, catalog: CatalogLike) -> DocumentView:
    """Segment, zone and scan a document."""
    text = document.text
    paragraphs, sentences = _segments(document)
    tables = find_tables(text)
    glossary = find_glossary(text, paragraphs, lambda head, lang: bool(catalog.find_indicators(head, lang)))
    zones = [(t.start, t.end) for t in tables] + [(g.start, g.end) for g in glossary]
    sources = _source_lines(text)
    out: list[Sentence] = []
    last_year: dict[int, int | None] = {}
    carry: dict[int, Temporal | None] = {}
    context: dict[int, str | None] = {}
    starts = [p.start for p in paragraphs]
    goal_year: int | None = None
    for seg in sentences:
        if (zones and _inside(seg.start, seg.end, zones)) or (sources and _inside_start(seg.start, seg.end, sources)):
            continue
        lang = _language_of(seg.language, document.language)
        pats = patterns_for(lang)
        para = starts[bisect_right(starts, seg.start) - 1] if starts and starts[0] <= seg.start else -1
        sentence_text = text[seg.start : seg.end]
        if para not in last_year:  # a paragraph continues the passage: "in the same year", "Imperial was followed …"
            framing = context.get(_DOC)
            last_year[para] = int(framing[-4:]) if framing and framing[-4:].isdigit() else None
            context[para] = framing
        scan = scan_sentence(sentence_text, pats, last_year=last_year.get(para))
        carried = carry.get(para)
        if carried is not None and not any(t.kind == "deadline" for t in scan.temporals):
            scan.temporals.insert(0, carried)  # "到2025年，…达到X；…突破Y；": the deadline runs on past "；"
        deadlines = [t for t in scan.temporals if t.kind == "deadline"]
        carry[para] = (
            Temporal(0, 0, "deadline", deadlines[-1].year, deadlines[-1].period)
            if deadlines and sentence_text.rstrip().endswith(_CLAUSE_ENDS)
            else None
        )
        years = [t.year for t in scan.temporals if t.year is not None and not t.local]
        if years:
            last_year[para] = years[-1]
        out.append(Sentence(seg.start, seg.end, lang, sentence_text, pats, scan, context.get(para), goal_year))
        goal_years = [t.year for t in deadlines if t.year] + scan.named_years
        if pats.target_cue.search(sentence_text) or pats.allocation_cue.search(sentence_text):
            spans = [t.period for t in scan.temporals if t.period and "-" in t.period]  # "de 2028 à 2030"
            goal_years += [int(p[-4:]) for p in spans]
        if goal_years:  # the passage's targets without a year of their own continue it ("——…争取建成…1家")
            goal_year = goal_years[-1]
        if any(not t.local for t in scan.temporals):
            named = [t.period for t in scan.temporals if t.kind == "period" and t.period and t.end > 0 and not t.local]
            context[para] = named[0] if named and not deadlines else None  # the period framing the sentence
            if _frames_passage(scan, pats, sentence_text):  # "In 2020 the total …": it frames the next paragraphs
                context[_DOC] = context[para]
    return DocumentView(document, catalog, out, tables, glossary)


_LAST: dict[str, DocumentView] = {}


def view_of(document: Document, catalog: CatalogLike | None = None) -> DocumentView:
    """The view of a document, built once and reused by every extractor of the same run."""
    catalog = catalog or get_catalog()
    key = f"{document.id}|{len(document.text)}|{id(catalog)}"
    view = _LAST.get(key)
    if view is None or view.document is not document:
        view = build_view(document, catalog)
        _LAST.clear()
        _LAST[key] = view
    return view
