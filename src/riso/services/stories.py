"""Stories and reconciled targets: link stored documents, and read stories with their facts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from riso.link import (
    ReconciledFact,
    StoryFeatures,
    document_features,
    link_document,
    pair_keys,
    reconcile,
)
from riso.link.stories import BUCKET_LIMIT
from riso.model import Document, Fact
from riso.store import Store

__all__ = [
    "GroupState",
    "StoreState",
    "features_for",
    "link_group",
    "link_stored_documents",
    "reconciled_facts",
    "reconciled_targets",
    "story_view",
    "story_views",
]

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Iterable[T]], Iterator[R]]

KEY_KINDS = ("target", "milestone", "measurement", "rank")
GROUP = 256  # documents linked per transaction when linking many stored ones


class StoreState:
    """The linker's state kept in the store, so a new document joins an existing story incrementally."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        """Documents sharing any LSH key."""
        return self.store.story_bucket_members(keys, limit=limit)

    def features(self, documents: Sequence[str]) -> dict[str, StoryFeatures]:
        """Stored features of these documents."""
        return {
            r["document"]: StoryFeatures(
                r["document"], frozenset(json.loads(r["anchors"])), frozenset(json.loads(r["context"])), r["language"]
            )
            for r in self.store.story_feature_rows(documents)
        }

    def stories_of(self, documents: Sequence[str]) -> dict[str, str]:
        """Stories of these documents."""
        return self.store.stories_of(documents)

    def add(self, features: StoryFeatures, keys: Sequence[str], story: str) -> None:
        """Record a document's features and buckets, and put it into its story."""
        self.store.add_story_features(features.document, features.anchors, features.context, features.language, keys)
        self.store.set_story(features.document, story)

    def merge(self, keep: str, drop: Sequence[str]) -> None:
        """Merge stories a new document bridges."""
        self.store.merge_stories(keep, drop)


def features_for(store: Store, document_id: str) -> StoryFeatures:
    """The linking features of a stored document and its stored facts."""
    document = store.get_document(document_id)
    return document_features(document, store.list_facts(document=document_id))


class GroupState:
    """A StoryState for linking a group of new documents in one go: reads all the stored candidates of
    the group in a few queries up front, keeps the group's decisions in memory, and writes them in a
    few multi-row statements (``save``); the stories are those of linking the documents one by one.
    """

    def __init__(self, store: Store, keys: Iterable[str]) -> None:
        self.store = store
        self.stored = store.story_bucket_lists(list(keys), limit=BUCKET_LIMIT)
        known = sorted({d for members in self.stored.values() for d in members})
        self.feature_map = _features_from_rows(store.story_feature_rows(known))
        self.story_map = store.stories_of(known)
        self.buckets: dict[str, list[str]] = {}
        self.added: list[tuple[StoryFeatures, Sequence[str]]] = []
        self.merges: list[tuple[str, tuple[str, ...]]] = []

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        """Documents sharing any LSH key: the group's own (most recent) before the stored ones."""
        out: list[str] = []
        for key in keys:
            out.extend((self.buckets.get(key, [])[::-1] + self.stored.get(key, []))[:limit])
        return out

    def features(self, documents: Sequence[str]) -> dict[str, StoryFeatures]:
        """Features of candidates and of the group's documents linked so far."""
        return {d: self.feature_map[d] for d in documents if d in self.feature_map}

    def stories_of(self, documents: Sequence[str]) -> dict[str, str]:
        """Current stories of known documents (merges applied)."""
        return {d: self.story_map[d] for d in documents if d in self.story_map}

    def add(self, features: StoryFeatures, keys: Sequence[str], story: str) -> None:
        """Record a document's features, keys and story (written by ``save``)."""
        for key in keys:
            self.buckets.setdefault(key, []).append(features.document)
        self.feature_map[features.document] = features
        self.story_map[features.document] = story
        self.added.append((features, keys))

    def merge(self, keep: str, drop: Sequence[str]) -> None:
        """Merge bridged stories in memory; ``save`` moves the stored documents."""
        gone = set(drop)
        for doc, story in self.story_map.items():
            if story in gone:
                self.story_map[doc] = keep
        self.merges.append((keep, tuple(drop)))

    def save(self) -> None:
        """Write the group's features, buckets, stories and merges (one transaction)."""
        items = [(f.document, f.anchors, f.context, f.language, keys) for f, keys in self.added]
        story_of = {f.document: self.story_map[f.document] for f, _ in self.added}
        self.store.save_story_links(items, story_of, self.merges)


def _features_from_rows(rows: Iterable[Mapping[str, Any]]) -> dict[str, StoryFeatures]:
    return {
        r["document"]: StoryFeatures(
            r["document"], frozenset(json.loads(r["anchors"])), frozenset(json.loads(r["context"])), r["language"]
        )
        for r in rows
    }


def link_group(store: Store, features: Sequence[StoryFeatures]) -> dict[str, str]:
    """Link new documents in order as a group (one transaction, a few statements); document -> story."""
    with store.transaction():
        # Linking is sequential by nature; processes sharing a PostgreSQL store take turns, and a
        # document another process linked meanwhile keeps its story.
        store.lock_writers("link")
        done = store.linked_documents([f.document for f in features])
        todo = [f for f in features if f.document not in done]
        keys = {f.document: pair_keys(f.anchors) for f in todo}
        state = GroupState(store, {k for ks in keys.values() for k in ks})
        for item in todo:
            link_document(item, state, keys=keys[item.document])
        state.save()
    stories = {f.document: state.story_map[f.document] for f in todo}
    if done:
        stories.update(store.stories_of(sorted(done)))
    return stories


def link_stored_documents(
    store: Store,
    document_ids: Sequence[str] | None = None,
    *,
    mapper: Mapper[tuple[Document, list[Fact]], StoryFeatures] | None = None,
    features: Mapping[str, StoryFeatures] | None = None,
    group: int = GROUP,
) -> dict[str, str]:
    """Assign stored documents (default: every one not linked yet) to stories, in order.

    ``features`` may give the linking features already computed (the ingest pipeline computes them
    with each document); the others are computed from the stored document and facts, by ``mapper``
    when given (``riso.scale.ray_map`` for a cluster). Linking itself is sequential, ``group`` documents
    per transaction, reading only the LSH candidates. Returns document -> story.
    """
    ids = list(document_ids) if document_ids is not None else store.unlinked_documents()
    unique = list(dict.fromkeys(ids))
    done = store.linked_documents(unique)
    todo = [d for d in unique if d not in done]
    given = features or {}
    for start in range(0, len(todo), group):
        chunk = todo[start : start + group]
        missing = [d for d in chunk if d not in given]
        computed: dict[str, StoryFeatures] = {}
        if missing:
            documents = store.get_documents(missing)
            facts = store.facts_of(missing)
            payload = [(documents[d], facts.get(d, [])) for d in missing]
            found = mapper(_features_of_pair, payload) if mapper is not None else map(_features_of_pair, payload)
            computed = {f.document: f for f in found}
        link_group(store, [given[d] if d in given else computed[d] for d in chunk])
    return store.stories_of(ids)


def _features_of_pair(item: tuple[Document, list[Fact]]) -> StoryFeatures:
    return document_features(item[0], item[1])


def story_view(store: Store, story_id: str, *, kinds: Sequence[str] = KEY_KINDS) -> dict[str, object]:
    """One story as the JSON contract: {"story", "documents": [{id, source, language, title}], "facts"}."""
    story = store.get_story(story_id)
    documents = []
    facts: list[Fact] = []
    for doc_id in story.documents:
        doc = store.get_document(doc_id)
        documents.append({"id": doc.id, "source": doc.source, "language": doc.language, "title": doc.title})
        facts += [f for f in store.list_facts(document=doc_id) if f.kind in kinds]
    return {"story": story.id, "documents": documents, "facts": [f.to_json() for f in facts]}


def story_views(store: Store, *, limit: int | None = None) -> list[dict[str, object]]:
    """Every story as the JSON contract, largest first."""
    return [story_view(store, s.id) for s in store.list_stories(limit=limit)]


def reconciled_facts(store: Store, *, story: str | None = None, kind: str | None = None) -> list[ReconciledFact]:
    """Facts of the store (or of one story) reconciled across versions and stories."""
    facts = store.list_facts(story=story, kind=kind)
    return reconcile(facts, store.story_map())


def reconciled_targets(store: Store, *, region: str | None = None) -> list[ReconciledFact]:
    """Reconciled targets, optionally of one region, with their sources and conflicts."""
    found = reconciled_facts(store, kind="target")
    return [r for r in found if region is None or r.region == region]
