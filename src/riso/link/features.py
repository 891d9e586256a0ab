"""Language-neutral evidence of a document for story linking, and its MinHash/LSH band keys.

Pure: a function of the document, its facts and the catalog; no files, database or clock.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex
from datasketch import MinHash

from riso.link.numbers import figures, format_number
from riso.model import Document, Fact

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "StoryFeatures",
    "band_keys",
    "document_features",
    "find_regions",
    "signature",
    "text_features",
]

NUM_PERM = 64
BANDS = 32
ROWS = NUM_PERM // BANDS
_SEED = 20240601

# A proper name in Latin script: a capitalised word or an acronym with digits ("Shenzhen", "G60", "BYD").
_NAME = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{Lu}[\p{Ll}\p{M}]{2,}|\p{Lu}[\p{Lu}\p{N}]{1,7})(?![\p{L}\p{N}])")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"«»„“”\[(]|\p{Pd})\s*$")


@dataclass(frozen=True)
class StoryFeatures:
    """What a document states that survives translation.

    ``anchors`` are the specific figures (numbers, percentages, fact keys): MinHash/LSH runs on
    them. ``context`` holds weaker evidence (years, small numbers, names, regions, metrics).
    """

    document: str
    anchors: frozenset[str]
    context: frozenset[str]
    language: str | None = None

    @property
    def regions(self) -> frozenset[str]:
        """The catalog regions the document names or its facts are about."""
        return frozenset(f[2:] for f in self.context if f.startswith("r:"))


@lru_cache(maxsize=1)
def _catalog() -> object | None:
    try:
        from riso.catalog import load_catalog  # the catalog is data shipped with riso
    except ImportError:
        return None
    try:
        return load_catalog()
    except Exception:  # a catalog that does not load must not stop linking; regions are extra evidence
        return None


def find_regions(text: str) -> frozenset[str]:
    """Region ids the catalog finds in the text, in any language (empty without a catalog)."""
    catalog = _catalog()
    finder = getattr(catalog, "find_regions", None)
    if finder is None:
        return frozenset()
    found = finder(text)
    ids = set()
    for item in found or ():
        ident = getattr(item, "id", item)
        if isinstance(ident, tuple):
            ident = ident[0]
        ids.add(str(ident))
    return frozenset(ids)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def text_features(text: str) -> tuple[set[str], set[str]]:
    """Anchors and context read from the text alone: figures, years and proper names."""
    anchors: set[str] = set()
    context: set[str] = set()
    for fig in figures(text):
        if fig.percent:
            anchors.add("p:" + format_number(fig.value))
        elif fig.year:
            context.add("y:" + format_number(fig.value))
        elif fig.value >= 10 or fig.value != int(fig.value):
            anchors.add("n:" + format_number(fig.value))
        else:
            context.add("s:" + format_number(fig.value))
    for match in _NAME.finditer(text):
        if _SENTENCE_START.search(text, max(0, match.start() - 3), match.start()):
            continue
        context.add("w:" + _fold(match.group()))
    return anchors, context


def _fact_features(facts: Iterable[Fact]) -> tuple[set[str], set[str]]:
    anchors: set[str] = set()
    context: set[str] = set()
    for fact in facts:
        if fact.subject is not None and fact.subject.id:
            context.add("r:" + fact.subject.id)
        if fact.metric:
            context.add("m:" + fact.metric)
            if fact.value is not None:
                when = fact.deadline if fact.deadline is not None else fact.period
                anchors.add(f"f:{fact.metric}|{format_number(fact.value)}|{when}")
    return anchors, context


def document_features(
    document: Document, facts: Sequence[Fact] = (), *, regions: Iterable[str] | None = None
) -> StoryFeatures:
    """The linking evidence of one document; ``regions`` defaults to what the catalog finds in its text."""
    anchors, context = text_features(document.text)
    fact_anchors, fact_context = _fact_features(facts)
    anchors |= fact_anchors
    context |= fact_context
    found = find_regions(document.text) if regions is None else regions
    context |= {"r:" + r for r in found}
    return StoryFeatures(document.id, frozenset(anchors), frozenset(context), document.language)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=_SEED).permutations  # type: ignore[no-any-return]


def signature(anchors: Iterable[str]) -> np.ndarray:
    """The MinHash signature (NUM_PERM unsigned 64-bit values) of a feature set."""
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations())
    mh.update_batch([a.encode("utf-8") for a in sorted(anchors)])
    return mh.hashvalues


def band_keys(anchors: Iterable[str]) -> tuple[str, ...]:
    """LSH bucket keys ("band:hash"): documents sharing a key are candidates. Empty without anchors."""
    items = list(anchors)
    if not items:
        return ()
    values = signature(items)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return tuple(keys)
