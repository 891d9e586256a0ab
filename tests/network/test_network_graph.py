"""Network analytics checked against values computed by hand."""

from __future__ import annotations

import math

import pytest

from riso.model import Actor, Provenance, Relation
from riso.network.graph import brokers, build_graph, centralities, cluster_cooperation, communities, triple_helix

P = Provenance(source="test")


def rel(a: str, b: str, kind: str = "cooperation") -> Relation:
    return Relation(id=f"r:{a}{b}{kind}", source=a, target=b, type=kind, provenance=P)  # type: ignore[arg-type]


def test_graph_degree_and_betweenness_by_hand() -> None:
    # triangle A-B-C with a tail C-D-E: C is on the shortest paths A-D, A-E, B-D, B-E (4 pairs),
    # D on A-E, B-E, C-E (3 pairs); normalised by (n-1)(n-2)/2 = 6 pairs.
    g = build_graph("ABCDE", [rel("A", "B"), rel("B", "C"), rel("C", "A"), rel("C", "D"), rel("D", "E")])
    by = {c.actor: c for c in centralities(g)}
    assert {a: c.degree for a, c in by.items()} == {"A": 2, "B": 2, "C": 3, "D": 2, "E": 1}
    assert {a: c.betweenness for a, c in by.items()} == {"A": 0, "B": 0, "C": 4, "D": 3, "E": 0}
    assert by["C"].betweenness_norm == pytest.approx(4 / 6)
    assert by["D"].betweenness_norm == pytest.approx(3 / 6)


def test_graph_eigenvector_of_a_star_by_hand() -> None:
    # star K(1,3): largest eigenvalue sqrt(3); centre 1, each leaf 1/sqrt(3) (scaled to a maximum of 1)
    g = build_graph(["c", "x", "y", "z"], [rel("c", "x"), rel("c", "y"), rel("c", "z")])
    by = {c.actor: c.eigenvector for c in centralities(g)}
    assert by["c"] == pytest.approx(1.0)
    for leaf in "xyz":
        assert by[leaf] == pytest.approx(1 / math.sqrt(3), abs=1e-6)


def test_graph_parallel_relations_are_one_link_and_filters_apply() -> None:
    g = build_graph("AB", [rel("A", "B"), rel("A", "B", "funding"), rel("B", "A", "hosting")])
    assert g.graph.ecount() == 1 and g.graph.es["weight"] == [3]
    assert build_graph("AB", [rel("A", "B", "funding")], types=["cooperation"]).graph.ecount() == 0


def test_graph_leiden_splits_a_barbell_by_hand() -> None:
    # two triangles joined by one edge: m = 7, each community has 3 inner links and degree sum 7,
    # modularity Q = 2 * (3/7 - (7/14)^2) = 0.357142...
    edges = [rel("a", "b"), rel("b", "c"), rel("c", "a"), rel("x", "y"), rel("y", "z"), rel("z", "x"), rel("c", "x")]
    g = build_graph("abcxyz", edges)
    comm = communities(g, random_state=1)
    assert comm["a"] == comm["b"] == comm["c"] != comm["x"] == comm["y"] == comm["z"]
    membership = [comm[a] for a in g.ids]
    assert g.graph.modularity(membership) == pytest.approx(2 * (3 / 7 - 0.25))


def test_graph_brokers_between_regions_by_hand() -> None:
    # X (CQ) links Y (SC) and Z (BJ), who are not linked: one brokered pair. W links two CQ actors only.
    edges = [rel("X", "Y"), rel("X", "Z"), rel("W", "X"), rel("W", "V")]
    region = {"X": "CN-CQ", "Y": "CN-SC", "Z": "CN-BJ", "W": "CN-CQ", "V": "CN-CQ"}
    found = {b.actor: b for b in brokers(build_graph("XYZWV", edges), region)}
    assert found["X"].score == 3  # (Y,Z), (Y,W), (Z,W): partners in different regions, not linked
    assert "W" not in found and found["X"].regions == ("CN-BJ", "CN-CQ", "CN-SC")


def _actor(i: str, kind: str, region: str = "CN-CQ") -> Actor:
    return Actor(id=i, name=i, type=kind, region=region)  # type: ignore[arg-type]


def test_graph_triple_helix_balance() -> None:
    actors = [_actor("G", "government"), _actor("F", "enterprise"), _actor("U", "university")]
    even = triple_helix(actors, [rel("G", "F"), rel("G", "U"), rel("F", "U")])
    assert even["balance"] == pytest.approx(1.0)
    one = triple_helix(actors, [rel("G", "F"), rel("F", "G", "funding")])
    assert one["balance"] == 0 and one["cross_sector"] == {"government-industry": 2, "academia-government": 0,
                                                          "academia-industry": 0}
    assert triple_helix(actors, [])["balance"] is None


def test_graph_cluster_cooperation_counts_links_between_clusters() -> None:
    region = {"a": "CN-CQ", "b": "CN-SC", "c": "CN-SH", "d": "cn-gd-shenzhen", "e": "CN-XJ"}
    clusters = {"ccc": ["CN-CQ", "CN-SC"], "yrd": ["CN-SH"], "gba": ["cn-gd-shenzhen"]}
    m = cluster_cooperation(region, [rel("a", "b"), rel("a", "c"), rel("c", "d"), rel("d", "e")], clusters)
    assert m["ccc"]["ccc"] == 1 and m["ccc"]["yrd"] == m["yrd"]["ccc"] == 1
    assert m["yrd"]["gba"] == 1 and m["gba"]["ccc"] == 0
