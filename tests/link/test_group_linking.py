"""Group-wise linking in the store gives exactly the stories, titles and linking state of one-at-a-time linking."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tests.conftest import drop_store, make_store

from riso.ingest import read_document
from riso.link import document_features, link_document
from riso.model import Document
from riso.services.stories import StoreState, link_stored_documents
from riso.store import Store

PAIRS = Path(__file__).parent / "pairs"


def _synthetic() -> list[Document]:
    """Documents that bridge stories (merges) and crowd one LSH bucket past its limit."""
    texts = {
        "a": "Figures: 111 and 222.",
        "b": "Figures: 333 and 444.",
        "c": "Figures: 111, 222, 333 and 444.",
        "d": "Totals 555 and 666.",
        "e": "Totals 777 and 888.",
        "f": "Totals 555, 666, 777 and 888.",
        **{f"x{i:02d}": f"Counts 9191 and 8282 and {1000 + i}." for i in range(20)},
    }
    return [
        Document(id=f"sha256:{name:0>8}", source=name, text=text, title=f"T {name}", language="en")
        for name, text in texts.items()
    ]


def _documents(seed: int) -> list[Document]:
    documents = [read_document(p) for p in sorted(PAIRS.glob("*.txt"))] + _synthetic()
    random.Random(seed).shuffle(documents)
    return documents


def _state(store: Store) -> tuple[object, ...]:
    stories = [(s.id, s.title, s.languages, s.documents) for s in store.list_stories()]
    features = store.query("SELECT document, anchors, context, language, seq FROM story_features ORDER BY document")
    buckets = store.query("SELECT bucket, document, seq FROM story_buckets ORDER BY bucket, document")
    return store.story_map(), stories, features, buckets


def _one_at_a_time(store: Store, documents: list[Document]) -> None:
    state = StoreState(store)
    for document in documents:
        with store.transaction():
            link_document(document_features(document, store.list_facts(document=document.id)), state)


@pytest.mark.parametrize("seed", [0, 1])
def test_group_linking_equals_one_at_a_time(store: Store, backend: str, tmp_path: Path, seed: int) -> None:
    documents = _documents(seed)
    reference = make_store(backend, tmp_path / "reference")
    try:
        for target in (store, reference):
            for document in documents:
                target.add_document(document)
        _one_at_a_time(reference, documents)
        ids = [d.id for d in documents]
        given = {d.id: document_features(d) for d in documents[::3]}  # some computed ahead, as ingest does
        # groups of 7: each meets stored candidates and earlier members of its own group
        for start in range(0, len(ids), 7):
            link_stored_documents(store, ids[start : start + 7], features=given, group=4)
        assert _state(store) == _state(reference)
        merged = [s for s in store.list_stories() if s.documents and s.documents[0].endswith(("0000000a", "0000000d"))]
        assert {len(s.documents) for s in merged} == {3}  # the bridges merged two stories each
    finally:
        drop_store(reference)
