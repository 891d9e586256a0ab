"""Offers, needs, members, decisions, weights and embeddings in the store, on both backends."""

from __future__ import annotations

import numpy as np
import pytest

from riso.errors import NotFound, PermissionDenied
from riso.match import Decision, Need, Offer
from riso.model import Provenance
from riso.store import Store

_P = Provenance(source="test", row="t.csv:2", quote="q")


def _need(owner: str = "acme", title: str = "battery cooling") -> Need:
    return Need(id=f"n:{owner}:1", title=title, language="en", owner=owner, provenance=_P)


def _offer(i: str = "o:x:1") -> Offer:
    return Offer(id=i, kind="project", title="动力电池热管理", holder="某大学", fields=("energy_storage",),
                 provenance=_P)


def test_store_offers_round_trip_and_upsert(store: Store) -> None:
    assert store.upsert_offers([_offer(), _offer("o:x:2")]) == (2, 0)
    assert store.upsert_offers([_offer()]) == (0, 1)
    assert store.get_offer("o:x:1") == _offer()
    assert store.count_offers() == 2
    assert [o.id for o in store.list_offers(query="热管理")] == ["o:x:1", "o:x:2"]
    with pytest.raises(NotFound):
        store.get_offer("o:none")


def test_store_only_editors_of_the_owner_edit_a_need(store: Store) -> None:
    store.add_user("ed", "editor")
    store.add_user("other", "editor")
    store.add_user("viewer", "viewer")
    store.add_member("acme", "ed")
    store.add_member("acme", "viewer")
    store.add_member("globex", "other")
    store.save_need(_need(), by="ed")
    assert store.get_need("n:acme:1").title == "battery cooling"
    for intruder in ("other", "viewer", "nobody"):
        with pytest.raises(PermissionDenied):
            store.save_need(_need(title="changed"), by=intruder)
        with pytest.raises(PermissionDenied):
            store.delete_need("n:acme:1", by=intruder)
    with pytest.raises(PermissionDenied):  # moving a need to one's own organisation is editing it too
        store.save_need(_need().model_copy(update={"owner": "globex"}), by="other")
    store.save_need(_need(title="changed"), by="ed")
    assert store.get_need("n:acme:1").title == "changed"
    actions = [a["action"] for a in store.list_audit()]
    assert "match.need.create" in actions and "match.need.update" in actions


def test_store_decisions_weights_embeddings(store: Store) -> None:
    store.upsert_offers([_offer()])
    store.add_needs([_need()])
    store.add_decision(Decision(need="n:acme:1", offer="o:x:1", decision="accept", by="ed",
                                features={"bm25": 0.5, "concept": 1.0}))
    decisions = store.list_decisions(need="n:acme:1")
    assert decisions[0].decision == "accept" and decisions[0].features["concept"] == 1.0
    assert decisions[0].decided_at
    with pytest.raises(NotFound):
        store.add_decision(Decision(need="n:none", offer="o:x:1", decision="reject", by="ed"))
    assert store.get_weights() is None
    store.save_weights("default", {"bm25": 0.2, "concept": 0.5}, 1)
    assert store.get_weights() == {"bm25": 0.2, "concept": 0.5}
    vec = np.arange(384, dtype=np.float32) / 384
    store.put_embeddings([("o:x:1", "d1", vec)], "m")
    got = store.get_embeddings(["o:x:1", "o:none"], "m")
    assert list(got) == ["o:x:1"] and got["o:x:1"][0] == "d1"
    assert np.array_equal(got["o:x:1"][1], vec)
