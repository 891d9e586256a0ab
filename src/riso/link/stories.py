"""Stories: a pairwise score on LSH candidates, then union of linked documents into stories.

Pure: the linker works on feature records and a state object; the caller stores the result.
``StoryState`` is the seam: ``MemoryState`` keeps everything in memory (evaluation, benchmarks),
the store's adapter (``riso.services.stories``) keeps it in the database so linking is incremental.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from riso.link.features import StoryFeatures, pair_keys, specificity

__all__ = [
    "BUCKET_LIMIT",
    "MemoryState",
    "StoryState",
    "is_same_story",
    "link_document",
    "link_documents",
    "score_pair",
    "story_id_for",
]

# Evidence weights: specific figures weigh most; years, names and regions only support them.
WEIGHTS = {"p": 1.0, "n": 1.0, "f": 1.5, "y": 0.4, "s": 0.1, "w": 0.25, "r": 0.5, "m": 0.5, "R": 0.0}
THRESHOLD = 0.45  # cosine of the weighted evidence
MIN_FIGURE_COSINE = 0.5  # cosine of the figures alone below which documents never link
MIN_SHARED_ANCHORS = 1.45  # weight of figures both state: a specific one and another, or three less specific
# compare a new document with at most this many (most recent) members of one LSH bucket: a pair of
# figures shared by more documents than this identifies little, and the cap keeps linking linear
BUCKET_LIMIT = 16
SEMANTIC_WEIGHT = 0.3  # share of the score given to embedding similarity when the extra is installed


# A figure weighs by how identifying it is (``specificity``): one significant digit ("3 %", "1,000",
# "20 000") is common to many stories, two ("51.7 %", "4,500") somewhat, three or more specific.
FIGURE_WEIGHT = {1: 0.45, 2: 0.7}


def _weight(items: Iterable[str]) -> float:
    total = 0.0
    for item in items:
        kind = item[:1]
        if kind in "pn":
            total += FIGURE_WEIGHT.get(specificity(item), 1.0)
        else:
            total += WEIGHTS.get(kind, 0.5)
    return total


def _regions_apart(a: StoryFeatures, b: StoryFeatures) -> bool:
    """Whether two documents are about different regions: disjoint regions, or neither names the other's focus.

    Versions of one story name the region they are about; a story about Sichuan that mentions China
    and one about Chongqing that mentions China share "China" but not their focus.
    """
    ra, rb = a.regions, b.regions
    if not (ra and rb):
        return False
    if not (ra & rb):
        return True
    fa, fb = a.focus, b.focus
    return bool(fa and fb) and not (fa & rb) and not (fb & ra)


def _years_apart(a: StoryFeatures, b: StoryFeatures) -> bool:
    """Whether both documents state years and none in common: versions keep the years of their story."""
    ya = {x for x in a.context if x.startswith("y:")}
    yb = {x for x in b.context if x.startswith("y:")}
    return bool(ya and yb) and not (ya & yb)


def _text_figure_cosine(a: StoryFeatures, b: StoryFeatures) -> float:
    """Weighted cosine of the figures read from the texts (fact keys left out: extraction differs by language)."""
    fa = {x for x in a.anchors if x[:1] in "pn"}
    fb = {x for x in b.anchors if x[:1] in "pn"}
    if not (fa and fb):
        return 0.0
    return _weight(fa & fb) / math.sqrt(_weight(fa) * _weight(fb))


def score_pair(a: StoryFeatures, b: StoryFeatures, *, semantic: float | None = None) -> float:
    """How strongly two documents look like versions of one story, 0..1.

    A weighted cosine over the shared evidence; 0 when they are about different regions
    (``_regions_apart``), state disjoint years, or share too few figures (``MIN_SHARED_ANCHORS``).
    ``semantic`` (an embedding cosine) is blended in when given.
    """
    if _regions_apart(a, b) or _years_apart(a, b):
        return 0.0
    shared_anchors = a.anchors & b.anchors
    if _weight(shared_anchors) < MIN_SHARED_ANCHORS:
        return 0.0
    shared = _weight(shared_anchors) + _weight(a.context & b.context)
    total_a = _weight(a.anchors) + _weight(a.context)
    total_b = _weight(b.anchors) + _weight(b.context)
    score = min(1.0, shared / math.sqrt(total_a * total_b)) if total_a and total_b else 0.0
    # names differ between languages, so score the figures alone too and keep the better reading;
    # versions state mostly the same figures, so a low figure cosine (each states many figures the
    # other lacks) means two stories that share a figure or two by chance, however alike the rest
    figures_only = _weight(shared_anchors) / math.sqrt(_weight(a.anchors) * _weight(b.anchors))
    if _text_figure_cosine(a, b) < MIN_FIGURE_COSINE:
        return 0.0
    score = max(score, min(1.0, figures_only))
    if semantic is not None:
        score = (1 - SEMANTIC_WEIGHT) * score + SEMANTIC_WEIGHT * max(0.0, semantic)
    return score


def is_same_story(a: StoryFeatures, b: StoryFeatures, *, semantic: float | None = None) -> bool:
    """Whether the score passes the threshold."""
    return score_pair(a, b, semantic=semantic) >= THRESHOLD


def story_id_for(document_id: str) -> str:
    """The id of a story founded by a document: stable, derived from the founding document's id."""
    return "s:" + document_id.split(":", 1)[-1][:16]


class StoryState(Protocol):
    """Where the linker reads earlier documents from and writes its decisions to."""

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        """Documents sharing any LSH key, at most ``limit`` per key (most recent first)."""
        ...

    def features(self, documents: Sequence[str]) -> dict[str, StoryFeatures]:
        """Stored features of these documents."""
        ...

    def stories_of(self, documents: Sequence[str]) -> dict[str, str]:
        """The story of each of these documents that has one."""
        ...

    def add(self, features: StoryFeatures, keys: Sequence[str], story: str) -> None:
        """Record a document's features, LSH keys and story."""
        ...

    def merge(self, keep: str, drop: Sequence[str]) -> None:
        """Move every document of the ``drop`` stories into ``keep``."""
        ...


def link_document(
    features: StoryFeatures,
    state: StoryState,
    *,
    similarity: Callable[[str, str], float | None] | None = None,
    keys: Sequence[str] | None = None,
) -> str:
    """Join one new document to the story of its linked candidates (merging stories it bridges).

    Reads only the candidates its LSH keys find, so adding a document costs the same however large
    the corpus. ``similarity(doc_a, doc_b)`` may give an embedding cosine as further evidence;
    ``keys`` the document's ``pair_keys`` when already computed. Returns the story id.
    """
    keys = pair_keys(features.anchors) if keys is None else keys
    found = sorted({d for d in state.candidates(keys, limit=BUCKET_LIMIT)} - {features.document})
    linked = []
    for other_id, other in state.features(found).items():
        semantic = similarity(features.document, other_id) if similarity else None
        if is_same_story(features, other, semantic=semantic):
            linked.append(other_id)
    stories = sorted(set(state.stories_of(linked).values()))
    if not stories:
        story = story_id_for(features.document)
    else:
        story = stories[0]
        if len(stories) > 1:
            state.merge(story, stories[1:])
    state.add(features, keys, story)
    return story


@dataclass
class MemoryState:
    """A StoryState held in memory: LSH buckets, features and stories."""

    buckets: dict[str, list[str]] = field(default_factory=dict)
    feature_map: dict[str, StoryFeatures] = field(default_factory=dict)
    story_map: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        """Documents sharing any key, at most ``limit`` per key (most recent first)."""
        out: list[str] = []
        for key in keys:
            out.extend(self.buckets.get(key, [])[-limit:])
        return out

    def features(self, documents: Sequence[str]) -> dict[str, StoryFeatures]:
        """Features of known documents."""
        return {d: self.feature_map[d] for d in documents if d in self.feature_map}

    def stories_of(self, documents: Sequence[str]) -> dict[str, str]:
        """Stories of known documents."""
        return {d: self.story_map[d] for d in documents if d in self.story_map}

    def add(self, features: StoryFeatures, keys: Sequence[str], story: str) -> None:
        """Record a document."""
        for key in keys:
            self.buckets.setdefault(key, []).append(features.document)
        self.feature_map[features.document] = features
        self.story_map[features.document] = story
        self.members.setdefault(story, []).append(features.document)

    def merge(self, keep: str, drop: Sequence[str]) -> None:
        """Move the documents of ``drop`` into ``keep``."""
        for story in drop:
            for doc in self.members.pop(story, []):
                self.story_map[doc] = keep
                self.members.setdefault(keep, []).append(doc)


def link_documents(
    features: Iterable[StoryFeatures], state: StoryState | None = None
) -> dict[str, str]:
    """Link documents in order into stories; returns document id -> story id for all of them."""
    state = state if state is not None else MemoryState()
    order = []
    for item in features:
        link_document(item, state)
        order.append(item.document)
    final = state.stories_of(order)
    return {doc: final[doc] for doc in order}


def group_stories(story_of: Mapping[str, str]) -> dict[str, list[str]]:
    """Story id -> its documents, in the order given."""
    groups: dict[str, list[str]] = {}
    for doc, story in story_of.items():
        groups.setdefault(story, []).append(doc)
    return groups
