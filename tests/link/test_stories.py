"""Story linking: the Chongqing corpus, incremental versus batch, scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.link import (
    MemoryState,
    document_features,
    find_regions,
    is_same_story,
    link_batch,
    link_document,
    link_documents,
    pair_keys,
    score_pair,
    signatures,
)
from riso.link.batch import candidate_pairs
from riso.link.evaluate import read_features
from riso.link.features import PAIR_KEYS, specificity
from riso.link.stories import BUCKET_LIMIT
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


def test_stories_pair_keys_need_two_shared_figures() -> None:
    assert pair_keys(["n:111"]) == ()
    assert pair_keys(["n:111", "n:222"]) == pair_keys(["n:222", "n:111"])
    assert not set(pair_keys(["n:111", "n:222"])) & set(pair_keys(["n:111", "n:333"]))
    assert set(pair_keys(["n:111", "n:222"])) <= set(pair_keys(["n:111", "n:222", "n:333"]))
    assert len(pair_keys([f"n:{i}" for i in range(100, 130)])) == PAIR_KEYS  # only the most specific anchors


def test_stories_specificity_ranks_common_figures_low() -> None:
    assert specificity("p:3") == specificity("n:20000") == specificity("p:2.5") == 1
    assert specificity("n:4500") == specificity("p:51.7") == 2
    assert specificity("n:223600000000") == 4
    assert specificity("f:rd_intensity|3|2027") > specificity("n:123456")


def test_stories_common_figures_alone_do_not_link() -> None:
    a = document_features(_doc("a", "The plan counts 1,000 firms and 3 % growth."), regions=())
    b = document_features(_doc("b", "Le plan compte 1 000 entreprises et 3 % de croissance."), regions=())
    assert score_pair(a, b) == 0.0
    c = document_features(_doc("c", "The plan counts 1,000 firms and 318,548 patents."), regions=())
    d = document_features(_doc("d", "Le plan compte 1 000 entreprises et 318 548 brevets."), regions=())
    assert is_same_story(c, d)


def test_stories_crowded_bucket_batch_equals_incremental() -> None:
    # 40 documents state the same two figures (one bucket far beyond BUCKET_LIMIT) and one figure of their own
    texts = [f"Figures 318,548 and 71.3 %, and {1000 + 7 * i} more." for i in range(40)]
    texts += [f"Other figures {2000 + i} and {3000 + i}." for i in range(10)]
    features = [document_features(_doc(f"{i:03d}", t), regions=()) for i, t in enumerate(texts)]
    pairs = candidate_pairs(signatures(features)).tolist()
    assert len(pairs) == sum(min(i, BUCKET_LIMIT) for i in range(40))
    assert link_batch(features) == link_documents(features)


def test_stories_catalog_regions_keep_same_figures_apart() -> None:
    if not find_regions("Chongqing and Sichuan"):
        pytest.skip("the catalog finds no regions")
    text = "{r}, China, spent 223.6 billion yuan on research in 2023, 6.46 % of its GDP."
    cq = document_features(_doc("cq", text.format(r="Chongqing")))
    sc = document_features(_doc("sc", text.format(r="Sichuan")))
    zh = document_features(_doc("zh", "重庆2023年研发投入2236亿元，占GDP的6.46%。"))
    assert {"CN-CQ", "CN"} <= cq.regions and "CN-CQ" in cq.focus
    assert not is_same_story(cq, sc)  # both name China, but each is about another region
    assert is_same_story(cq, zh)
    assert link_documents([cq, sc, zh]) == {"sha256:cq": "s:cq", "sha256:sc": "s:sc", "sha256:zh": "s:cq"}


def test_stories_chance_shared_figures_do_not_link_when_the_rest_differs() -> None:
    a = document_features(_doc("a", "Budget 686.6 billion, 20,000 firms, 883,179 staff, 443,039 projects, 76.3 %."))
    b = document_features(_doc("b", "Budget 686.6 billion, 20,000 staff, 100,000 projects, 81.4 %."))
    assert a.anchors & b.anchors == {"n:686600000000", "n:20000"}
    assert not is_same_story(a, b)
    summary = document_features(_doc("s", "Budget 686.6 billion, 20,000 firms, 883,179 staff."))
    assert is_same_story(a, summary)


def test_stories_disjoint_years_veto_a_link() -> None:
    a = document_features(_doc("a", "By 2033 the plan counts 2,000 projects and 1031.4 billion yuan."), regions=())
    b = document_features(_doc("b", "By 2035 the plan counts 2,000 firms and 1031.4 billion yuan."), regions=())
    c = document_features(_doc("c", "The plan counts 2,000 projects and 1031.4 billion yuan."), regions=())
    assert score_pair(a, b) == 0.0
    assert is_same_story(a, c) and is_same_story(b, c)  # a version that states no year is not vetoed
