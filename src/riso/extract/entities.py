"""Entities: named hubs, zones, corridors, strategies, alliances, platforms and parks.

Found from the language's head nouns: title-case names ending in a head ("Hetao Park"), compounds
ending in one ("Innovationskorridor"), a quoted code next to one ("„416“-Innovationsstrategie"),
Han names ending in one, and every glossary heading. Pure: no I/O.
"""

from __future__ import annotations

from functools import cache

import regex

from riso.extract.analysis import DocumentView, Sentence, view_of
from riso.extract.patterns import alternation, has_any
from riso.extract.registry import make_fact, register
from riso.extract.resources import LanguageResources, load_language
from riso.model import Document, Fact

__all__ = ["entity_fact", "entity_type", "extract_entities"]

_QUOTED_CODE = r"[„“”\"«»‘’‚]\s*[\p{N}\p{Lu}][\p{N}\p{Lu}+-]{0,6}\s*[“”\"«»‘’]"
_FLAGS = regex.UNICODE | regex.V0


@cache
def _compiled(code: str) -> tuple[regex.Pattern[str], ...]:
    res = load_language(code)
    heads = [h for forms in res.entity_heads.values() for h in forms]
    title_heads = [h for h in heads if h[:1].isupper()]
    lower_heads = [h for h in heads if h[:1].islower() or not h[:1].isalpha()]
    if res.is_cjk:
        han = alternation(heads, res, bounded=False)
        return (regex.compile(rf"(?:{_QUOTED_CODE})?[\p{{Han}}A-Za-z0-9]{{2,10}}?{han}", _FLAGS),)
    connector = r"(?:\s+(?:and|of|for|&|und|für|de|di|du|des|del|della|et|e|y)\s+|\s+|-)"
    word = r"(?:\p{Lu}[\p{L}\p{N}&'’-]*|\p{N}+[\p{Lu}]*|[A-Z]+\p{N}+)"
    title = rf"(?<![\p{{L}}\p{{N}}])(?:{word}{connector})+{alternation(title_heads, res)}"
    quoted = rf"{_QUOTED_CODE}\s*-?\s*\p{{L}}+|(?:{alternation(heads, res)})[^.;:!?\n]{{0,80}}?{_QUOTED_CODE}"
    patterns = [regex.compile(title, _FLAGS), regex.compile(quoted, _FLAGS | regex.IGNORECASE)]
    if res.entity_compounds and lower_heads:
        compound = rf"(?<![\p{{L}}])\p{{Lu}}\p{{L}}*(?:{'|'.join(regex.escape(h) for h in lower_heads)})(?![\p{{L}}])"
        patterns.append(regex.compile(compound, _FLAGS | regex.IGNORECASE))
    return tuple(patterns)


@cache
def _bare_heads(code: str) -> frozenset[str]:
    """Head nouns on their own ("Zentrum", "Park"): not a name."""
    return frozenset(h.casefold() for forms in load_language(code).entity_heads.values() for h in forms)


def entity_type(name: str, res: LanguageResources) -> str:
    """The entity type whose head noun appears in the name (longest head wins), else "other"."""
    folded = name.casefold()
    best, best_len = "other", 0
    for kind, forms in res.entity_heads.items():
        for form in forms:
            f = form.casefold()
            if f in folded and len(f) > best_len:
                best, best_len = kind, len(f)
    return best


def _strip_leading(name: str, res: LanguageResources) -> tuple[str, int]:
    words = name.split(" ")
    cut = 0
    stop = {w.casefold() for w in res.words("stopwords")}
    while len(words) > 1 and words[0].casefold() in stop:
        cut += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), cut


def entity_fact(view: DocumentView, name: str, start: int, end: int, language: str, quote: str) -> Fact:
    """An entity fact for a name at [start, end) of the document."""
    res = load_language(language)
    regions = view.catalog.find_regions(name)
    subject = view.subject(regions[0].id) if regions else view.main_region
    kind = entity_type(name, res)
    return make_fact(
        view,
        "entity",
        start,
        end,
        quote=quote,
        language=language,
        subject=subject,
        metric_text=name,
        confidence=0.7 if kind != "other" else 0.5,
        payload={"name": name, "type": kind, "region": subject.id if subject else None},
    )


def _sentence_entities(view: DocumentView, sentence: Sentence) -> list[Fact]:
    res = sentence.pats.res
    out: list[Fact] = []
    taken: list[tuple[int, int]] = []
    if not has_any(sentence.text.casefold(), sentence.pats.entity_anchor):
        return out
    for pattern in _compiled(sentence.language):
        for m in pattern.finditer(sentence.text):
            name, cut = _strip_leading(m.group(0).strip(), res)
            start = m.start() + cut
            end = start + len(name)
            if len(name) < 3 or any(s < end and start < e for s, e in taken):
                continue
            if name.casefold() in _bare_heads(sentence.language) or entity_type(name, res) == "other":
                continue
            taken.append((start, end))
            out.append(
                entity_fact(view, name, sentence.start + start, sentence.start + end, sentence.language, sentence.text)
            )
    return out


@register("entities", produces=("entity",))
def extract_entities(document: Document, resources: LanguageResources, catalog: object) -> list[Fact]:
    """Named entities of the sentences and of the glossary headings, one fact per distinct name."""
    view = view_of(document, catalog)  # type: ignore[arg-type]
    facts = []
    for block in view.glossary:  # headings first: the glossary entries link to these facts
        lang = block.language if block.language in {s.language for s in view.sentences} else None
        language = lang or (view.sentences[0].language if view.sentences else resources.code)
        facts.append(entity_fact(view, block.term.text, block.term.start, block.term.end, language, block.term.text))
    facts.extend(f for s in view.sentences for f in _sentence_entities(view, s))
    seen: set[str] = set()
    out = []
    for fact in facts:
        key = str(fact.payload["name"]).casefold()
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
