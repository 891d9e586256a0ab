"""Story linking: the Chongqing corpus, incremental versus batch, scores."""

from __future__ import annotations

from pathlib import Path

from riso.link import (
    MemoryState,
    document_features,
    is_same_story,
    link_batch,
    link_document,
    link_documents,
    score_pair,
)
from riso.link.evaluate import read_features
from riso.model import Document

PAIRS = Path(__file__).parent / "pairs"


def _doc(name: str, text: str) -> Document:
    return Document(id="sha256:" + name, source=name, text=text)


def test_stories_chongqing_versions_form_one_story(chongqing: Path) -> None:
    paths = sorted(chongqing.glob("*.txt"))
    features = [read_features(p) for p in paths]
    story_of = link_documents(features)
    stories = [story_of[f.document] for f in features]
    assert stories[0] == stories[1] == stories[2]
    assert len({stories[0], stories[3], stories[4]}) == 3


def test_stories_incremental_equals_batch_in_any_split() -> None:
    features = [read_features(p) for p in sorted(PAIRS.glob("*.txt"))]
    whole = link_documents(features)
    state = MemoryState()
    link_documents(features[:9], state)
    later = link_documents(features[9:], state)
    assert {**state.story_map} == whole
    assert all(later[f.document] == whole[f.document] for f in features[9:])
    assert link_batch(features) == whole
    assert len(set(whole.values())) == 8  # the eight stories of the pair set


def test_stories_new_document_joins_existing_story() -> None:
    state = MemoryState()
    first = document_features(_doc("a", "Shenzhen spent 223.6 billion yuan, 6.46 % of GDP, in 2023."))
    other = document_features(_doc("b", "Hefei hosts 8,000 firms and 68 quantum companies."))
    version = document_features(_doc("c", "深圳2023年研发投入2236亿元，强度6.46%。"))
    s1 = link_document(first, state)
    s2 = link_document(other, state)
    assert link_document(version, state) == s1 != s2


def test_stories_bridge_document_merges_stories() -> None:
    state = MemoryState()
    a = link_document(document_features(_doc("a", "Figures: 111 and 222.")), state)
    b = link_document(document_features(_doc("b", "Figures: 333 and 444.")), state)
    assert a != b
    merged = link_document(document_features(_doc("c", "Figures: 111, 222, 333 and 444.")), state)
    assert merged == min(a, b)
    assert set(state.story_map.values()) == {merged}


def test_stories_score_needs_two_shared_figures() -> None:
    a = document_features(_doc("a", "Chongqing aims at 3 % by 2027."))
    b = document_features(_doc("b", "Catalonia aims at 3 % by 2030."))
    assert score_pair(a, b) == 0.0
    assert not is_same_story(a, b)


def test_stories_disjoint_regions_veto_a_link() -> None:
    a = document_features(_doc("a", "Spending 111 and 222."), regions=["CN-CQ"])
    b = document_features(_doc("b", "Spending 111 and 222."), regions=["CN-SC"])
    c = document_features(_doc("c", "Spending 111 and 222."), regions=["CN-CQ", "CN-SC"])
    assert score_pair(a, b) == 0.0
    assert is_same_story(a, c)
