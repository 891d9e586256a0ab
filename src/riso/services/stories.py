"""Stories and reconciled targets: link stored documents, and read stories with their facts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from riso.link import (
    ReconciledFact,
    StoryFeatures,
    document_features,
    link_document,
    reconcile,
)
from riso.model import Document, Fact
from riso.store import Store

__all__ = [
    "StoreState",
    "features_for",
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


def link_stored_documents(
    store: Store, document_ids: Sequence[str] | None = None, *, mapper: Mapper[str, StoryFeatures] | None = None
) -> dict[str, str]:
    """Assign stored documents (default: every one not linked yet) to stories, in order.

    Features are computed by ``mapper`` when given (``riso.scale.ray_map`` for a cluster); linking
    itself is sequential and reads only each document's LSH candidates. Returns document -> story.
    """
    ids = list(document_ids) if document_ids is not None else store.unlinked_documents()
    todo = [d for d in dict.fromkeys(ids) if not store.has_story_features(d)]
    items: Iterable[StoryFeatures]
    if mapper is None:
        items = (features_for(store, d) for d in todo)
    else:  # documents travel to the workers by value: records, never the store handle
        payload = [(store.get_document(d), store.list_facts(document=d)) for d in todo]
        items = mapper(_features_of_pair, payload)  # type: ignore[arg-type]
    state = StoreState(store)
    for features in items:
        with store.transaction():
            link_document(features, state)
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
