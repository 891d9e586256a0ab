"""Extraction: targets, milestones, measurements, ranks, entities, glossary entries and tables.

Pure stage: functions of a Document (and the catalog); no files, database or network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from riso.extract import entities, glossary, quantities, ranks, tables
from riso.extract.analysis import get_catalog
from riso.extract.calibration import calibrate
from riso.extract.numbers import parse_number
from riso.extract.registry import EXTRACTORS, ExtractorSpec, get_extractor, register
from riso.extract.resources import LanguageResources, available_languages, load_language
from riso.model import Document, Fact

__all__ = [
    "DEFAULT_PIPELINE",
    "EXTRACTORS",
    "ExtractorSpec",
    "LanguageResources",
    "available_languages",
    "extract",
    "get_extractor",
    "load_language",
    "parse_number",
    "pipe",
    "register",
]

_MODULES = (entities, glossary, quantities, ranks, tables)  # imported for their registrations
DEFAULT_PIPELINE: tuple[str, ...] = ("tables", "ranks", "quantities", "entities", "glossary")


def _resources(document: Document) -> LanguageResources:
    code = document.language if document.language in available_languages() else "en"
    return load_language(code)


def extract(
    document: Document,
    *,
    pipeline: Sequence[str] = DEFAULT_PIPELINE,
    catalog: object | None = None,
    calibrated: bool = True,
) -> list[Fact]:
    """Every fact the document states, in text order, each checked against the document text.

    With ``calibrated`` (the default) the confidence of targets, measurements and ranks is the calibrated
    probability of being right (``riso.extract.calibration``); without it, the extractors' own score.
    """
    if not document.text.strip():
        return []
    resources = _resources(document)
    cat = catalog if catalog is not None else get_catalog()
    seen: dict[str, Fact] = {}
    for name in pipeline:
        for fact in get_extractor(name).func(document, resources, cat):
            fact.check_against(document.text)
            seen.setdefault(fact.id, fact)
    facts = _first_statements(sorted(seen.values(), key=lambda f: (f.start, f.end, f.kind)))
    return calibrate(facts) if calibrated else facts


_STATED = frozenset({"target", "measurement", "rank"})


def _first_statements(facts: list[Fact]) -> list[Fact]:
    """Facts without the restatements of one already stated in another sentence: a value said again of the same
    subject, metric and year ("ranked 17th … the latest rank, 17th, is up 5 places") is one fact, the first."""
    out: list[Fact] = []
    first: dict[tuple[object, ...], Fact] = {}
    for fact in facts:
        if fact.kind in _STATED and fact.value is not None and fact.metric is not None and fact.subject is not None:
            subject = fact.subject.id or fact.subject.name
            key = (fact.kind, fact.value, fact.unit, fact.metric, fact.period, fact.deadline, subject)
            earlier = first.setdefault(key, fact)
            if earlier is not fact and earlier.quote != fact.quote:
                continue
        out.append(fact)
    return out


def pipe(
    documents: Iterable[Document], *, pipeline: Sequence[str] = DEFAULT_PIPELINE, catalog: object | None = None
) -> Iterator[tuple[Document, list[Fact]]]:
    """Extract from a stream of documents, in input order, yielding each document with its facts."""
    for document in documents:
        yield document, extract(document, pipeline=pipeline, catalog=catalog)
