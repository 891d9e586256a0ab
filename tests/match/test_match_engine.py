"""The matcher on the real National Key R&D projects: across languages, above same-word projects of other fields."""

from __future__ import annotations

import numpy as np
import pytest

from riso.errors import BadRequest
from riso.match import Item, MatchIndex, Offer, build_index, distance_km, item_of_offer
from riso.match.engine import _retrieve
from riso.model import Provenance


def _titles(index: MatchIndex, offers: list[Offer], results: list) -> list[str]:
    by_id = {o.id: o for o in offers}
    return [by_id[r.id].title for r in results]


def test_engine_german_battery_thermal_need_finds_power_battery_safety_above_solar(
        nkrdp_index: MatchIndex, nkrdp_offers: list[Offer]) -> None:
    need = Item("n1", "Wir suchen Partner für das Batterie-Wärmemanagement unserer Antriebsbatterien: "
                "Kühlung der Batteriezellen und Schutz vor thermischem Durchgehen.", "de")
    results = nkrdp_index.match(need, k=50)
    by_id = {o.id: o for o in nkrdp_offers}
    ranks = {r.id: i for i, r in enumerate(results)}
    safety = ["o:nkrdp:2018YFB0104000", "o:nkrdp:2018YFB0104100", "o:nkrdp:2018YFB0104200"]
    solar = [o.id for o in nkrdp_offers if "太阳电池" in o.title or "太阳能电池" in o.title]
    assert solar, "the register has solar-cell projects (the hard negatives)"
    worst_safety = max(ranks.get(s, 999) for s in safety)
    best_solar = min(ranks.get(s, 999) for s in solar)
    assert worst_safety < 10
    assert worst_safety < best_solar
    top = results[0]
    assert "power_battery" in top.explanation.concepts
    assert any("电池" in t for t in top.explanation.terms)  # the Chinese word that carried the concept
    assert by_id[top.id].field == "新能源汽车" or "energy_storage" in top.explanation.fields


def test_engine_english_need_finds_chinese_offers(nkrdp_index: MatchIndex, nkrdp_offers: list[Offer]) -> None:
    results = nkrdp_index.match(Item("n2", "Real-time monitoring and early warning of landslides and debris flows",
                                     "en"), k=5)
    titles = _titles(nkrdp_index, nkrdp_offers, results)
    assert all(("滑坡" in t or "泥石流" in t) for t in titles), titles


def test_engine_plain_bm25_cannot_cross_languages(nkrdp_index: MatchIndex) -> None:
    need = Item("n3", "Real-time monitoring and early warning of landslides", "en")
    assert nkrdp_index.match(need, k=5, mode="bm25") == []
    assert nkrdp_index.match(need, k=5, mode="lexical")


def test_engine_chinese_need_finds_english_offers() -> None:
    prov = Provenance(source="test")
    offers = [
        Item("o:a", "Thermal management and thermal runaway protection for electric vehicle traction batteries", "en",
             fields=("new_energy_vehicles",)),
        Item("o:b", "High-efficiency perovskite solar cells for rooftop photovoltaics", "en",
             fields=("renewable_energy",)),
        Item("o:c", "Landslide monitoring radar for mountain roads", "en", fields=("earth_hazards",)),
    ]
    assert prov.source == "test"
    index = build_index(offers)
    results = index.match(Item("q", "我们需要动力电池热管理和热失控防护技术", "zh"), k=3)
    assert results[0].id == "o:a"
    assert "thermal_management" in results[0].explanation.concepts


def test_engine_region_and_holder_evidence_and_explanation() -> None:
    offers = [Item("o:near", "动力电池热管理", "zh", region="CN-SC", holder="四川大学", holder_actor="a:scu",
                   fields=("energy_storage",)),
              Item("o:far", "动力电池热管理", "zh", region="CN-HL", holder="哈尔滨工业大学", holder_actor="a:hit",
                   fields=("energy_storage",))]
    index = build_index(offers)
    results = index.match(Item("q", "battery thermal management", "en", region="CN-CQ"), k=2)
    assert [r.id for r in results] == ["o:near", "o:far"]
    near = results[0].explanation
    assert near.holder == "四川大学" and near.distance_km is not None and near.distance_km < 300
    assert results[0].components["region"] > results[1].components["region"]


def test_engine_distance() -> None:
    assert distance_km("CN-CQ", "CN-SC") == pytest.approx(270, abs=40)
    assert distance_km("CN-CQ", None) is None
    assert distance_km("CN-CQ", "CN-CQ") == 0


def test_engine_hybrid_needs_vectors_and_uses_them() -> None:
    items = [Item("a", "alpha", "en"), Item("b", "beta", "en")]
    with pytest.raises(BadRequest, match="embeddings"):
        build_index(items).match(Item("q", "alpha", "en"), mode="hybrid")
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    index = build_index(items, vectors=vectors)
    results = index.match(Item("q", "gamma", "en"), mode="hybrid", vector=np.array([0.0, 1.0], dtype=np.float32))
    assert results[0].id == "b" and results[0].components["embedding"] == 1.0


def _every_candidate_explained(index: MatchIndex, query: Item, k: int, sims: np.ndarray | None) -> list[object]:
    """The ranking as first written: every candidate scored with its explanation, sorted, cut at k."""
    from riso.match.engine import DEFAULT_WEIGHTS, _retrieve

    prep = index.prepare(query)
    docs, scores = _retrieve(index._enriched, [index._query_tokens(prep)], min(200, len(index.items)))
    cand = {int(d): float(s) for d, s in zip(docs[0], scores[0], strict=True) if s > 0}
    w = dict(DEFAULT_WEIGHTS)
    if sims is None:
        w["embedding"] = 0.0
    else:
        for d in np.argsort(-sims)[:200]:
            cand.setdefault(int(d), 0.0)
    top = max(cand.values(), default=0.0) or 1.0
    every = [index._scored(query, prep, d, s / top, sims, cand, w) for d, s in cand.items()]
    every.sort(key=lambda x: (-x.score, x.id))
    return every[:k]


@pytest.mark.parametrize("hybrid", [False, True])
def test_engine_explaining_only_the_best_k_ranks_as_explaining_all(nkrdp_offers: list[Offer], hybrid: bool) -> None:
    """Scoring every candidate from its parts and explaining only the best k gives the same matches."""
    from riso.match.evaluate import load_eval_set

    rng = np.random.default_rng(3)
    items = [item_of_offer(o) for o in nkrdp_offers]
    vectors = rng.standard_normal((len(items), 16)).astype(np.float32) if hybrid else None
    index = build_index(items, vectors=vectors)
    needs = load_eval_set()[::7]
    queries = [Item(id=n.id, text=n.text, language=n.language, region=n.region) for n in needs]
    qv = rng.standard_normal((len(queries), 16)).astype(np.float32) if hybrid else None
    got = index.match_many(queries, k=10, mode="hybrid" if hybrid else "lexical", vectors=qv)
    sims = None if qv is None or vectors is None else qv @ vectors.T  # one block, as match_many computes it
    for i, query in enumerate(queries):
        assert got[i] == _every_candidate_explained(index, query, 10, None if sims is None else sims[i]), query.id



def test_engine_retrieval_keeps_bm25s_scores_and_breaks_ties_by_document(nkrdp_index: MatchIndex) -> None:
    """The top 200 of each query: bm25s's scores for them, nothing better left out, ties by document order."""
    from riso.match.evaluate import load_eval_set

    bm25 = nkrdp_index._enriched
    queries = [nkrdp_index._query_tokens(nkrdp_index.prepare(Item(id=n.id, text=n.text, language=n.language)))
               for n in load_eval_set()[::5]] + [[], ["never-indexed"]]
    docs, scores = _retrieve(bm25, queries, 200)
    for qi, query in enumerate(queries):
        kept = [t for t in query if t in bm25.vocab_dict]
        if not kept:
            assert not scores[qi].any()
            continue
        full = bm25.get_scores(kept)
        assert np.array_equal(scores[qi], full[docs[qi]])  # bm25s's own scores
        assert scores[qi][-1] >= np.sort(full)[-200]  # none better left out
        assert [(-s, d) for s, d in zip(scores[qi], docs[qi], strict=True)] == sorted(
            (-s, d) for s, d in zip(scores[qi], docs[qi], strict=True))  # best first, ties by document
        tied = np.flatnonzero(full == scores[qi][-1])
        assert list(docs[qi][scores[qi] == scores[qi][-1]]) == list(tied[: int((scores[qi] == scores[qi][-1]).sum())])
