"""Actors, relations, merges and placements in the store, on both backends."""

from __future__ import annotations

import pytest

from riso.errors import BadRequest, NotFound
from riso.model import Actor, Provenance, Relation
from riso.store import Store


def _actor(i: str, name: str, source: str, **kw: object) -> Actor:
    return Actor(id=i, name=name, sources=(Provenance(source=source, row=f"{source}.csv:2", quote=name),), **kw)  # type: ignore[arg-type]


def test_store_actors_add_is_idempotent_and_fills_fields(store: Store) -> None:
    a = _actor("a:1", "重庆大学", "skl", type="university", region="CN-CQ")
    assert store.add_actors([a]) == 1
    assert store.add_actors([a]) == 0
    again = _actor("a:1", "重庆大学", "nkrdp", type="university", field="工程", aliases=("Chongqing University",))
    assert store.add_actors([again]) == 0
    got = store.get_actor("a:1")
    assert got.field == "工程" and got.region == "CN-CQ" and "Chongqing University" in got.aliases
    assert sorted(p.source for p in got.sources) == ["nkrdp", "skl"]


def test_store_relations_idempotent_and_of_an_actor(store: Store) -> None:
    store.add_actors([_actor("a:1", "重庆大学", "s"), _actor("a:2", "机械传动国家重点实验室", "s")])
    r = Relation(id="r:1", source="a:1", target="a:2", type="hosting", period="2019",
                 provenance=Provenance(source="s", row="s.csv:3", quote="row"))
    assert store.add_relations([r, r]) == 1
    assert store.add_relations([r]) == 0
    assert [x.id for x in store.relations_of("a:2")] == ["r:1"]
    assert store.relations_of("a:1")[0].provenance.row == "s.csv:3"


def test_store_merge_keeps_both_provenances_and_is_reversible(store: Store) -> None:
    store.add_actors([_actor("a:1", "清华大学", "skl"), _actor("a:2", "Tsinghua University", "manual"),
                      _actor("a:3", "北京大学", "skl")])
    store.add_relations([Relation(id="r:1", source="a:2", target="a:3", type="cooperation",
                                  provenance=Provenance(source="manual"))])
    store.merge_actors("a:1", "a:2", score=1.0, reason="same distinctive words (tsinghua)", by="resolver")
    merged = store.get_actor("a:2")
    assert merged.id == "a:1" and "Tsinghua University" in merged.aliases
    assert sorted(p.source for p in merged.sources) == ["manual", "skl"]
    assert [r.id for r in store.relations_of("a:1")] == ["r:1"]
    assert [(e.source, e.target) for e in store.relation_edges()] == [("a:1", "a:3")]
    assert store.count_actors() == 2 and store.list_merges()[0]["reason"].startswith("same distinctive")
    with pytest.raises(BadRequest):
        store.merge_actors("a:1", "a:2")
    assert store.unmerge_actor("a:2", by="edith") == "a:1"
    assert store.get_actor("a:2").id == "a:2" and store.relations_of("a:1") == []
    assert store.list_merges()[0]["undone_by"] == "edith"
    with pytest.raises(BadRequest):
        store.unmerge_actor("a:2")
    with pytest.raises(NotFound):
        store.get_actor("a:404")


def test_store_list_actors_filters(store: Store) -> None:
    store.add_actors([_actor("a:1", "重庆大学", "s", type="university", region="CN-CQ"),
                      _actor("a:2", "四川大学", "s", type="university", region="CN-SC"),
                      _actor("a:3", "机械传动国家重点实验室", "s", type="laboratory", region="CN-CQ")])
    assert sorted(a.id for a in store.list_actors(region="CN-CQ")) == ["a:1", "a:3"]
    assert sorted(a.id for a in store.list_actors(region=["CN-CQ", "CN-SC"], type="university")) == ["a:1", "a:2"]
    assert [a.id for a in store.list_actors(query="实验室")] == ["a:3"]
    assert store.count_actors(region="CN-CQ") == 2


def test_store_chain_placements(store: Store) -> None:
    store.add_actors([_actor("a:1", "重庆大学", "s")])
    store.set_placement("smart_vehicles", "drive", "a:1", by="edith", note="gear research")
    store.set_placement("smart_vehicles", "drive", "a:1", placed=False, by="edith")
    rows = store.list_placements("smart_vehicles")
    assert len(rows) == 1 and not rows[0]["placed"] and rows[0]["by_whom"] == "edith"


def _rel(i: str, a: str, b: str, kind: str = "cooperation", weight: float = 1.0) -> Relation:
    return Relation(id=i, source=a, target=b, type=kind, weight=weight, provenance=Provenance(source="s"))  # type: ignore[arg-type]


def test_store_relations_paged_heaviest_first_with_counts(store: Store) -> None:
    store.add_actors([_actor(f"a:{k}", f"actor {k}", "s") for k in range(6)])
    store.add_relations([_rel("r:1", "a:0", "a:1", weight=1), _rel("r:2", "a:2", "a:0", "funding", weight=5),
                         _rel("r:3", "a:0", "a:3", weight=3), _rel("r:4", "a:4", "a:0", "supply", weight=2),
                         _rel("r:5", "a:5", "a:4", weight=9)])
    assert [r.id for r in store.relations_of("a:0")] == ["r:2", "r:3", "r:4", "r:1"]
    assert [r.id for r in store.relations_of("a:0", limit=2, offset=1)] == ["r:3", "r:4"]
    assert [r.id for r in store.relations_of("a:0", type="cooperation")] == ["r:3", "r:1"]
    assert store.relation_counts("a:0") == {"cooperation": 2, "funding": 1, "supply": 1}
    store.merge_actors("a:0", "a:5")  # a:5's relation joins a:0's page and counts
    assert store.relations_of("a:0", limit=1)[0].id == "r:5"
    assert store.relation_counts("a:0")["cooperation"] == 3


def test_store_edge_index_maps_merged_ends_and_sums_links(store: Store) -> None:
    store.add_actors([_actor(f"a:{k}", f"actor {k}", "s") for k in range(4)])
    store.add_relations([_rel("r:1", "a:0", "a:1"), _rel("r:2", "a:1", "a:0", "funding"), _rel("r:3", "a:2", "a:3"),
                         _rel("r:4", "a:3", "a:1")])
    store.merge_actors("a:2", "a:3")  # a:3 -> a:2; r:3 becomes a loop (dropped), r:4 a link a:1-a:2
    ids, lo, hi, n = store.edge_index()
    assert ids == ["a:0", "a:1", "a:2"]
    assert sorted(zip(lo, hi, n, strict=True)) == [(0, 1, 2.0), (1, 2, 1.0)]


def test_store_bulk_columns_import_is_idempotent(store: Store) -> None:
    actors = {"id": ["b:1", "b:2"], "name": ["one", "two"], "type": ["university", "enterprise"],
              "region": ["CN-CQ", "CN-SC"]}
    rels = {"id": ["q:1"], "source": ["b:1"], "target": ["b:2"], "type": ["cooperation"], "prov_source": ["bulk"]}
    sources = {"actor": ["b:1", "b:2"], "source": ["bulk", "bulk"], "ref": ["x.csv:2", "x.csv:3"],
               "row_ref": ["x.csv:2", "x.csv:3"]}
    assert store.import_columns(actors, rels, sources) == (2, 1)
    assert store.import_columns(actors, rels, sources) == (0, 0)
    got = store.get_actor("b:2")
    assert got.type == "enterprise" and got.sources[0].row == "x.csv:3"
    assert [r.id for r in store.relations_of("b:2")] == ["q:1"]


def test_store_metrics_saved_replace_the_last_run(store: Store) -> None:
    cols = {"actor": ["a:1", "a:2"], "degree": [1, 1], "strength": [2.0, 2.0], "betweenness": [0.0, 0.0],
            "betweenness_norm": [0.0, 0.0], "eigenvector": [1.0, 1.0], "community": [0, None]}
    run = {"actors": 2, "relations": 2, "links": 1, "betweenness": "exact", "seed": 0, "communities": 1,
           "seconds": 0.1}
    assert store.metrics_run() is None
    assert store.save_metrics(cols, run) == 1
    assert store.save_metrics({**cols, "degree": [3, 4]}, run) == 2
    assert store.metrics_run()["run"] == 2  # type: ignore[index]
    got = store.metrics_of(["a:1", "a:2", "a:9"])
    assert {k: v["degree"] for k, v in got.items()} == {"a:1": 3, "a:2": 4} and got["a:2"]["community"] is None


def _expected(rels: list[tuple[str, str, float]], kind: str | None = None) -> list[str]:
    """Ids in page order (weight DESC, type, id) of (id, type, weight) triples, of one type when given."""
    return [i for i, t, w in sorted(rels, key=lambda r: (-r[2], r[1], r[0])) if kind is None or t == kind]


def test_store_hub_pages_read_clustered_ranges_with_keyset_and_a_tail(store: Store) -> None:
    kinds = ["cooperation", "funding", "supply"]
    n = 60
    actors = {"id": ["h:0", *(f"h:{k}" for k in range(1, n + 1))], "name": [f"actor {k}" for k in range(n + 1)]}
    rels = [(f"q:{k:03d}", kinds[k % 3], float(k * 7 % 5 + 1)) for k in range(n)]
    columns = {"id": [r[0] for r in rels], "source": ["h:0"] * n, "target": [f"h:{k + 1}" for k in range(n)],
               "type": [r[1] for r in rels], "weight": [r[2] for r in rels], "prov_source": ["bulk"] * n}
    assert store.import_columns(actors, columns) == (n + 1, n)  # clustered on import
    assert store.relation_counts("h:0") == {"cooperation": 20, "funding": 20, "supply": 20}
    assert [r.id for r in store.relations_of("h:0")] == _expected(rels)
    assert [r.id for r in store.relations_of("h:0", limit=7, offset=5)] == _expected(rels)[5:12]
    assert [r.id for r in store.relations_of("h:0", type="funding", limit=4, offset=3)] == \
        _expected(rels, "funding")[3:7]
    first = store.first_relations_of("h:0", per_type=3)
    assert [r.id for r in first] == [i for k in kinds for i in _expected(rels, k)[:3]]
    # keyset: the page after a relation of one type, across equal weights
    funding = _expected(rels, "funding")
    last = store.relations_of("h:0", type="funding", limit=5)[-1]
    assert [r.id for r in store.relations_of("h:0", type="funding", limit=5, after=(last.weight, last.id))] == \
        funding[5:10]
    # relations added one by one join the counts and the pages (the tail) until the next bulk import
    store.add_relations([_rel("q:900", "h:5", "h:0", "funding", weight=9), _rel("q:901", "h:0", "h:0", "supply")])
    assert store.relation_counts("h:0") == {"cooperation": 20, "funding": 21, "supply": 21}
    assert store.relations_of("h:0", type="funding", limit=1)[0].id == "q:900"
    assert [r.id for r in store.relations_of("h:0", type="funding", limit=3, offset=1)] == funding[:3]
    assert store.relations_of("h:0", type="funding", limit=2, after=(9.0, "q:900"))[0].id == funding[0]
    assert "q:901" in [r.id for r in store.relations_of("h:0", type="supply")]
    store.cluster_links()
    assert store.relation_counts("h:0")["funding"] == 21
    assert [r.id for r in store.relations_of("h:0", type="funding", limit=2)] == ["q:900", funding[0]]
    # a merged actor: its relations join, a relation between the two is counted once
    store.merge_actors("h:0", "h:5")
    counts = store.relation_counts("h:0")
    assert counts["funding"] == 21 and sum(counts.values()) == n + 2  # q:004 and q:900 (h:0-h:5) once each
    assert [r.id for r in store.relations_of("h:0", type="funding", limit=2)] == ["q:900", funding[0]]
    assert sorted(r.id for r in store.relations_of("h:0")) == sorted([*(r[0] for r in rels), "q:900", "q:901"])
