"""Language-neutral evidence of a document for story linking, and its LSH keys (pairs of specific figures).

Pure: a function of the document, its facts and the catalog; no files, database or clock.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from riso.link.numbers import figures, format_number
from riso.model import Document, Fact

__all__ = [
    "PAIR_KEYS",
    "PAIR_SPECIFICITY",
    "TOP_ANCHORS",
    "StoryFeatures",
    "document_features",
    "find_regions",
    "focus_regions",
    "lsh_anchors",
    "pair_hashes",
    "pair_keys",
    "region_mentions",
    "specificity",
    "text_features",
]

# Candidates are documents that state the same *pair* of specific figures: one shared figure ("3 %")
# identifies nothing, two rarely coincide by chance. Pairs are taken among the most specific anchors.
TOP_ANCHORS = 10
PAIR_SPECIFICITY = 4  # least summed ``specificity`` of a pair that makes a key
PAIR_KEYS = TOP_ANCHORS * (TOP_ANCHORS - 1) // 2  # at most this many keys a document
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_EMPTY = np.uint64(np.iinfo(np.uint64).max)

# A proper name in Latin script: a capitalised word or an acronym with digits ("Shenzhen", "G60", "BYD").
_NAME = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{Lu}[\p{Ll}\p{M}]{2,}|\p{Lu}[\p{Lu}\p{N}]{1,7})(?![\p{L}\p{N}])")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"«»„“”\[(]|\p{Pd})\s*$")


@dataclass(frozen=True)
class StoryFeatures:
    """What a document states that survives translation.

    ``anchors`` are the specific figures (numbers, percentages, fact keys): LSH keys are built
    from pairs of them. ``context`` holds weaker evidence (years, small numbers, names, regions, metrics).
    """

    document: str
    anchors: frozenset[str]
    context: frozenset[str]
    language: str | None = None

    @property
    def regions(self) -> frozenset[str]:
        """The catalog regions the document names or its facts are about."""
        return frozenset(f[2:] for f in self.context if f.startswith("r:"))

    @property
    def focus(self) -> frozenset[str]:
        """The regions the text names most often (empty when regions were given, not found)."""
        return frozenset(f[2:] for f in self.context if f.startswith("R:"))


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


def region_mentions(text: str) -> list[str]:
    """Region ids the catalog finds in the text, one per mention, in any language (empty without a catalog)."""
    catalog = _catalog()
    finder = getattr(catalog, "find_regions", None)
    if finder is None:
        return []
    ids = []
    for item in finder(text) or ():
        ident = getattr(item, "id", item)
        if isinstance(ident, tuple):
            ident = ident[0]
        ids.append(str(ident))
    return ids


def find_regions(text: str) -> frozenset[str]:
    """Region ids the catalog finds in the text, in any language (empty without a catalog)."""
    return frozenset(region_mentions(text))


@lru_cache(maxsize=4096)
def _ancestors(region: str) -> frozenset[str]:
    """The regions containing a region (its parent chain in the catalog)."""
    catalog = _catalog()
    found: set[str] = set()
    current = region
    while catalog is not None and len(found) < 10:
        try:
            parent = getattr(catalog.region(current), "parent", None)  # type: ignore[attr-defined]
        except Exception:  # an id the catalog does not know has no parents
            break
        if not parent or parent in found:
            break
        found.add(str(parent))
        current = str(parent)
    return frozenset(found)


def focus_regions(mentions: Sequence[str]) -> frozenset[str]:
    """The regions a text is mainly about: the most often named (all ties) once regions containing another are dropped.

    "Chongqing, China" is about Chongqing: China contains it, so it is not a focus.
    """
    counts = Counter(mentions)
    containing = set().union(*(_ancestors(r) for r in counts)) if counts else set()
    counts = Counter({r: n for r, n in counts.items() if r not in containing}) or counts
    top = max(counts.values(), default=0)
    return frozenset(r for r, n in counts.items() if n == top)


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
    """The linking evidence of one document; ``regions`` defaults to what the catalog finds in its text.

    Found regions also give the document's focus (``R:`` context): the regions it names most often.
    """
    anchors, context = text_features(document.text)
    fact_anchors, fact_context = _fact_features(facts)
    anchors |= fact_anchors
    context |= fact_context
    if regions is None:
        mentions = region_mentions(document.text)
        context |= {"r:" + r for r in mentions} | {"R:" + r for r in focus_regions(mentions)}
    else:
        context |= {"r:" + r for r in regions}
    return StoryFeatures(document.id, frozenset(anchors), frozenset(context), document.language)


def specificity(anchor: str) -> int:
    """How identifying an anchor is: fact keys most, then figures by significant digits ("3" < "6.46").

    A percentage counts one digit less: its range is narrow, so "2.5 %" is as common as "3,000".
    """
    if anchor.startswith("f:"):
        return 9
    mantissa = anchor[2:].split("e", 1)[0].replace("-", "").replace(".", "")
    digits = len(mantissa.strip("0"))
    return max(1, digits - 1 if anchor.startswith("p:") else digits)


def lsh_anchors(anchors: Iterable[str]) -> list[str]:
    """The TOP_ANCHORS most specific anchors (ties by spelling): the figures pair keys are built from."""
    return sorted(anchors, key=lambda a: (-specificity(a), a))[:TOP_ANCHORS]


def _hash(item: str) -> int:
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=8).digest(), "little")


def pair_hashes(anchors: Iterable[str]) -> np.ndarray:
    """Sorted unsigned 64-bit keys of the pairs of the most specific anchors that identify something.

    A pair's specificity is the sum of its two anchors'; pairs below PAIR_SPECIFICITY (two common
    figures, "1,000" and "3 %", or a common and a two-digit one) identify no story and make no key.
    """
    hashed = sorted((_hash(a), specificity(a)) for a in lsh_anchors(anchors))
    if len(hashed) < 2:
        return np.empty(0, dtype=np.uint64)
    values = np.array([h for h, _ in hashed], dtype=np.uint64)
    spec = np.array([s for _, s in hashed])
    i, j = np.triu_indices(values.size, 1)
    keep = spec[i] + spec[j] >= PAIR_SPECIFICITY
    x = values[i[keep]] * _MIX + values[j[keep]]  # order-free: the hashes are sorted
    x ^= x >> np.uint64(31)
    x *= _MIX2
    x ^= x >> np.uint64(29)
    x[x == _EMPTY] -= np.uint64(1)  # the all-ones value pads signature rows
    return np.unique(x)


def pair_keys(anchors: Iterable[str]) -> tuple[str, ...]:
    """LSH bucket keys (16 hex digits): documents stating the same two specific figures share one."""
    return tuple(f"{int(k):016x}" for k in pair_hashes(anchors))
