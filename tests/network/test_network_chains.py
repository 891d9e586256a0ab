"""Industry chains: the shipped files load; placements; the gaps of a constructed region exactly."""

from __future__ import annotations

import pytest

from riso.errors import ConfigError, NotFound
from riso.model import Actor, Provenance, Relation
from riso.network.chains import chain_map, load_chain, load_chains, place_actors

CHAIN = """
id: test_chain
names: {en: Test chain}
sources: ["constructed for the test"]
segments:
  - {id: s1, names: {en: Cells}, keywords: [电池, battery]}
  - {id: s2, names: {en: Chips}, keywords: [芯片], fields: [信息]}
  - {id: s3, names: {en: Software}, keywords: [软件]}
  - {id: s4, names: {en: Vehicles}, keywords: [汽车]}
"""


def _a(i: str, name: str, region: str, kind: str = "enterprise", field: str | None = None) -> Actor:
    return Actor(id=i, name=name, type=kind, region=region, field=field)  # type: ignore[arg-type]


ACTORS = [
    _a("cq1", "重庆甲电池有限公司", "CN-CQ"),                       # s1 strong (name)
    _a("cq2", "重庆乙信息国家重点实验室", "CN-CQ", "laboratory", "信息"),  # s2 weak (register field only)
    _a("cq3", "重庆丙大学", "CN-CQ", "university"),                  # s4 by the editor
    _a("cq4", "重庆丁汽车有限公司", "CN-CQ"),                        # s4 by name, taken off by the editor
    _a("cd1", "成都戊软件有限公司", "cn-sc-chengdu"),                 # s3 elsewhere
    _a("bj1", "北京己芯片有限公司", "CN-BJ"),
    _a("bj2", "北京庚芯片研究院", "CN-BJ", "research_institute"),
    _a("sh1", "上海辛芯片有限公司", "CN-SH"),
]
EDITOR = [{"actor": "cq3", "segment": "s4", "placed": True, "by_whom": "edith"},
          {"actor": "cq4", "segment": "s4", "placed": False, "by_whom": "edith"}]
P = Provenance(source="test")


def test_chains_gaps_of_a_constructed_region_exactly() -> None:
    chain = load_chain(CHAIN)
    rels = [Relation(id="r1", source="cq1", target="cq3", type="supply", provenance=P)]
    placements = place_actors(chain, ACTORS, rels, editor=EDITOR)
    view = chain_map(chain, ["CN-CQ"], ACTORS, placements, rels)
    assert view["gaps"] == ["s2", "s3"]
    segs = {s["id"]: s for s in view["segments"]}  # type: ignore[attr-defined]
    assert [s["status"] for s in segs.values()] == ["covered", "weak", "gap", "covered"]
    assert segs["s2"]["local"][0]["evidence"] == ["register field 信息"]
    assert segs["s2"]["partners"] == [
        {"region": "CN-BJ", "actors": 2, "examples": ["北京己芯片有限公司", "北京庚芯片研究院"]},
        {"region": "CN-SH", "actors": 1, "examples": ["上海辛芯片有限公司"]},
    ]
    assert segs["s3"]["partners"] == [{"region": "cn-sc-chengdu", "actors": 1, "examples": ["成都戊软件有限公司"]}]
    assert [x["actor"] for x in segs["s4"]["local"]] == ["cq3"]  # the editor's choice, and the removal
    assert segs["s4"]["local"][0]["evidence"] == ["placed by edith"]
    leaders = view["leaders"]
    assert leaders[0]["actor"] in ("cq1", "cq3")  # type: ignore[index]
    top = leaders[0]["evidence"]  # type: ignore[index]
    assert top["reach"] == 0.5 and top["partners"] == 1


def test_chains_host_of_a_placed_lab_is_placed() -> None:
    chain = load_chain(CHAIN)
    actors = [_a("lab", "重庆芯片国家重点实验室", "CN-CQ", "laboratory"), _a("u", "重庆丙大学", "CN-CQ", "university")]
    rels = [Relation(id="h", source="u", target="lab", type="hosting", provenance=P)]
    found = {(p.actor, p.segment): p for p in place_actors(chain, actors, rels)}
    assert found[("u", "s2")].evidence == ("hosts 重庆芯片国家重点实验室",)


def test_chains_shipped_files_load_with_sources() -> None:
    chains = load_chains()
    assert {"smart_vehicles", "integrated_circuits"} <= set(chains)
    for chain in chains.values():
        assert chain.sources and len(chain.segments) >= 5
        assert all(s.keywords and s.names.get("zh") and s.names.get("en") for s in chain.segments)
        assert all(set(s.names) <= {"en", "zh", "fr", "de", "it", "ja", "ko", "ru", "es"} for s in chain.segments)
    with pytest.raises(NotFound):
        chains["smart_vehicles"].segment("nope")


@pytest.mark.parametrize("text", ["[]", "id: x", "id: x\nsegments: [{names: {}}]",
                                  "id: x\nsegments: [{id: a}, {id: a}]", "id: [\n",
                                  "id: x\nsegments: [{id: a, names: {en: Charging, roads, zh: 充电}}]"])
def test_chains_bad_files_say_what_is_wrong(text: str) -> None:
    with pytest.raises(ConfigError):
        load_chain(text, origin="my.yaml")
