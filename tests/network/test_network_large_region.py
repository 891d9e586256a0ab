"""A large region's ecosystem from the stored analytics: its most central actors and main partners, the
relations among them, and counts from the stored region aggregates equal to the complete view's."""

from __future__ import annotations

from riso.model import Actor, Provenance, Relation
from riso.services import network as network_service
from riso.store import Store


def _load(store: Store) -> None:
    kinds = ["university", "enterprise", "government"]
    actors = [Actor(id=f"x:{k}", name=f"actor {k}", type=kinds[k % 3], region="CN-CQ" if k < 8 else "CN-SC",  # type: ignore[arg-type]
                    sources=(Provenance(source="s"),)) for k in range(12)]
    store.add_actors(actors)
    pairs = [(0, 1), (0, 2), (0, 3), (0, 8), (0, 9), (1, 2), (1, 8), (2, 9), (3, 10), (4, 5), (6, 7), (9, 10),
             (10, 11), (5, 8), (0, 10)]
    store.add_relations([Relation(id=f"r:{i:02d}", source=f"x:{a}", target=f"x:{b}",  # type: ignore[arg-type]
                                  type="cooperation" if i % 2 else "supply", provenance=Provenance(source="s"))
                         for i, (a, b) in enumerate(pairs)])
    network_service.compute_metrics(store)


def test_large_region_shows_the_most_central_with_counts_of_all(store: Store) -> None:
    _load(store)
    full = network_service.ecosystem(store, "CN-CQ")
    top = network_service.ecosystem(store, "CN-CQ", limit=6)
    assert top["shown"] == {"local": 4, "partners": 2, "of": 8}  # type: ignore[comparison-overlap]
    assert top["counts"]["actors"] == full["counts"]["actors"] == 8  # type: ignore[index]
    assert top["counts"]["by_type"] == full["counts"]["by_type"]  # type: ignore[index]
    assert top["counts"]["relations"] == full["counts"]["relations"] == 13  # type: ignore[index]
    assert top["triple_helix"]["links"] == full["triple_helix"]["links"]  # type: ignore[index]
    assert top["triple_helix"]["balance"] == full["triple_helix"]["balance"]  # type: ignore[index]
    local = [n for n in top["nodes"] if n["local"]]  # type: ignore[attr-defined]
    ranked = sorted((n for n in full["nodes"] if n["local"]), key=lambda n: (-n["eigenvector"], -n["degree"], n["id"]))  # type: ignore[attr-defined]
    assert [n["id"] for n in local] == [n["id"] for n in ranked[:4]]
    shown = {n["id"] for n in top["nodes"]}  # type: ignore[attr-defined]
    assert top["relations"] and all(r["source"] in shown and r["target"] in shown for r in top["relations"])  # type: ignore[attr-defined]
    # a filter by relation type counts the aggregates of that type only
    supply = network_service.ecosystem(store, "CN-CQ", limit=6, relation_types=["supply"])
    whole = network_service.ecosystem(store, "CN-CQ", relation_types=["supply"])
    assert supply["counts"]["relations"] == whole["counts"]["relations"]  # type: ignore[index]
    # a small region (no more actors than the limit) is shown whole, as before
    assert "shown" not in network_service.ecosystem(store, "CN-SC", limit=6)


def test_actor_page_first_of_each_type_then_keyset_pages(store: Store) -> None:
    from fastapi.testclient import TestClient

    from riso.api import create_app

    _load(store)
    store.add_relations([Relation(id=f"s:{k:02d}", source="x:0", target=f"x:{k % 11 + 1}", type="funding",  # type: ignore[arg-type]
                                  weight=float(k % 4), provenance=Provenance(source="s")) for k in range(30)])
    page = network_service.actor_page(store, "x:0", per_type=5)
    assert page["counts"] == {"cooperation": 2, "funding": 30, "supply": 4}
    assert [r["type"] for r in page["relations"]] == ["cooperation"] * 2 + ["funding"] * 5 + ["supply"] * 4  # type: ignore[index, union-attr]
    assert page["more_types"] == ["funding"] and page["next_after"] is None
    seen: list[str] = []
    after, offset = None, 0
    while True:
        got = network_service.actor_page(store, "x:0", relation_type="funding", limit=7, after=after, offset=offset)
        seen += [str(r["id"]) for r in got["relations"]]  # type: ignore[union-attr]
        if not got["next_after"]:
            break
        after, offset = str(got["next_after"]), offset + 7
    assert seen == [r.id for r in store.relations_of("x:0", type="funding")] and len(seen) == 30
    client = TestClient(create_app(store, public=True, cache_seconds=0), base_url="https://testserver")
    first = client.get("/actors/x:0")
    assert first.status_code == 200 and "?relation_type=funding" in first.text
    cursor = network_service.actor_page(store, "x:0", relation_type="funding", limit=7)["next_after"]
    more = client.get("/actors/x:0", params={"relation_type": "funding", "after": cursor, "offset": 7})
    assert more.status_code == 200 and "Relations 8–30 of 30" in more.text and "?relation_type=funding" in more.text
    assert client.get("/actors/x:0?relation_type=funding&after=nonsense").status_code == 400
