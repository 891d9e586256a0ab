"""Entity resolution: names across languages and spellings; sibling institutes stay apart; the pair set."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riso.model import Actor, Provenance
from riso.network.names import actor_id, classify, split_bodies, tokens
from riso.network.resolve import compare, evaluate_pairs, find_matches, load_pairs


@pytest.mark.parametrize(("a", "b"), [
    ("清华大学", "Tsinghua University"), ("清华大学", "Université Tsinghua"),
    ("中国科学院化学研究所", "CAS Institute of Chemistry"), ("重庆大学", "Chongqing University"),
    ("哈尔滨工业大学", "Harbin Institute of Technology"), ("中国科学院城市环境硏究所", "中国科学院城市环境研究所"),
    ("Zhejiang University", "Zhejiang Universty"), ("中国汽车工程研究院股份有限公司", "中国汽车工程研究院"),
])
def test_resolve_same_organisation(a: str, b: str) -> None:
    verdict = compare(a, b)
    assert verdict.same, verdict.reason


@pytest.mark.parametrize(("a", "b"), [
    ("中国科学院化学研究所", "中国科学院物理研究所"), ("中国科学院化学研究所", "中国科学院大连化学物理研究所"),
    ("重庆大学", "重庆医科大学"), ("重庆大学", "四川大学"), ("中国地质大学（武汉）", "中国地质大学（北京）"),
    ("中国电子科技集团公司第十五研究所", "中国电子科技集团公司第五十五研究所"), ("机械传动国家重点实验室", "重庆大学"),
    ("东北大学", "西北大学"),
])
def test_resolve_hard_non_matches(a: str, b: str) -> None:
    verdict = compare(a, b)
    assert not verdict.same and verdict.reason


def test_resolve_pair_set_precision_and_recall() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 200 and sum(1 for p in pairs if not p[2] and p[3].startswith("hard")) >= 60
    result = evaluate_pairs(pairs)
    assert result.precision >= 0.97 and result.recall >= 0.9


def test_resolve_find_matches_picks_the_better_documented_winner() -> None:
    p = Provenance(source="x")
    actors = [Actor(id="a:1", name="清华大学", sources=(p, p)), Actor(id="a:2", name="Tsinghua University"),
              Actor(id="a:3", name="北京大学")]
    found = find_matches(actors)
    assert [(m.winner, m.loser) for m in found] == [("a:1", "a:2")]


def test_names_classify_and_split() -> None:
    assert classify("省部共建超声医学工程国家重点实验室") == ("laboratory", "province_ministry")
    assert classify("重庆长安汽车股份有限公司")[0] == "enterprise"
    assert classify("中国科学院")[0] == "research_institute"
    assert split_bodies("国务院国有资产监督管理委员会重庆市科学技术委员会") == [
        "国务院国有资产监督管理委员会", "重庆市科学技术委员会"]
    assert split_bodies("中国汽车工程研究院股份有限公司、重庆长安汽车股份有限公司")[1] == "重庆长安汽车股份有限公司"


@given(st.text(max_size=40))
def test_names_tokens_never_fail(name: str) -> None:
    toks = tokens(name)
    assert all(t.value for t in toks)
    assert actor_id(name) == actor_id(name.upper() if name.isascii() else name)
