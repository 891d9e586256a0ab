"""Stories in the store on both backends: incremental linking, merging, the JSON view, targets."""

from __future__ import annotations

from pathlib import Path

from riso.ingest import read_document
from riso.model import Fact, Subject
from riso.services.stories import link_stored_documents, reconciled_targets, story_view, story_views
from riso.store import Store

PAIRS = Path(__file__).parent / "pairs"


def _add(store: Store, name: str) -> str:
    document = read_document(PAIRS / name)
    quote = document.text[:20]
    fact = Fact(
        document=document.id,
        kind="target",
        metric="rd_intensity",
        value=3.0,
        unit="%",
        deadline=2027,
        subject=Subject(id="CN-CQ", name="Chongqing"),
        quote=quote,
        start=0,
        end=20,
        language=document.language,
    )
    store.add_document(document, [fact])
    return document.id


def test_store_stories_link_incrementally_and_view(store: Store) -> None:
    first = [_add(store, n) for n in ("f_en.txt", "g_en.txt")]
    found = link_stored_documents(store, first)
    assert found[first[0]] != found[first[1]]
    later = _add(store, "f_zh.txt")
    assert link_stored_documents(store, [later])[later] == found[first[0]]
    assert link_stored_documents(store, [later]) == {later: found[first[0]]}  # linking twice is a no-op
    view = story_view(store, found[first[0]])
    assert set(view) == {"story", "documents", "facts"}
    assert {d["language"] for d in view["documents"]} == {"en", "zh"}  # type: ignore[union-attr]
    assert set(view["documents"][0]) == {"id", "source", "language", "title"}  # type: ignore[index]
    assert len(story_views(store)) == 2
    (target,) = [t for t in reconciled_targets(store, region="CN-CQ") if len(t.stories) == 2]
    assert len(target.sources) == 3
    assert store.get_story(found[first[0]][:8]).languages == ("en", "zh")


def test_store_stories_bridge_merges_stored_stories(store: Store) -> None:
    a = _add(store, "h_en.txt")
    b = _add(store, "c_en.txt")
    found = link_stored_documents(store)
    assert found[a] != found[b]
    store.merge_stories(min(found.values()), [max(found.values())])
    assert len(store.list_stories()) == 1
    assert set(store.story_map().values()) == {min(found.values())}
