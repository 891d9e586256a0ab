"""/api/v1/network and /api/v1/actors over a small constructed ecosystem, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import igraph
import pytest
from fastapi.testclient import TestClient

from riso.api import create_app
from riso.model import Actor, Provenance, Relation
from riso.services import accounts
from riso.store import Store

PASSWORD = "network test password"


def _prov(row: int) -> Provenance:
    return Provenance(source="test register", row=f"reg.csv:{row}", quote=f"row {row}")


@pytest.fixture
def client(store: Store) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    store.add_actors([
        Actor(id="a:u", name="重庆大学", type="university", region="CN-CQ", sources=(_prov(2),)),
        Actor(id="a:l", name="机械传动国家重点实验室", type="laboratory", lab_level="state_key", region="CN-CQ",
              field="工程", sources=(_prov(3),)),
        Actor(id="a:e", name="重庆长安汽车股份有限公司", type="enterprise", region="CN-CQ", sources=(_prov(4),)),
        Actor(id="a:t", name="清华大学", type="university", region="CN-BJ", sources=(_prov(5),)),
        Actor(id="a:t2", name="Tsinghua University", type="university", region="CN-BJ", sources=(_prov(6),)),
    ])
    store.add_relations([
        Relation(id="r:1", source="a:u", target="a:l", type="hosting", provenance=_prov(3)),
        Relation(id="r:2", source="a:e", target="a:u", type="cooperation", period="2019", provenance=_prov(7)),
        Relation(id="r:3", source="a:t", target="a:e", type="cooperation", provenance=_prov(8)),
    ])
    tokens = {}
    for role in ("editor", "viewer"):
        accounts.add_user(store, role, role, PASSWORD, actor="test")
        tokens[role] = {"Authorization": f"Bearer {accounts.issue_token(store, role, actor='test')}"}
    app = create_app(store, public=True, cache_seconds=0)
    yield TestClient(app, base_url="https://testserver"), tokens


def test_api_network_region_ecosystem_with_labs_hosts_and_filters(client: tuple[TestClient, dict]) -> None:
    c, _ = client
    body = c.get("/api/v1/network/regions/CN-CQ").json()
    assert body["counts"]["actors"] == 3
    assert body["laboratories"][0]["lab"]["name"] == "机械传动国家重点实验室"
    assert [h["name"] for h in body["laboratories"][0]["hosts"]] == ["重庆大学"]
    names = {n["name"]: n for n in body["nodes"]}
    assert names["清华大学"]["local"] is False and names["重庆大学"]["degree"] == 2
    only = c.get("/api/v1/network/regions/CN-CQ", params={"relation_type": "hosting"}).json()
    assert [r["type"] for r in only["relations"]] == ["hosting"]
    assert only["relations"][0]["evidence"]["row"] == "reg.csv:3"
    assert c.get("/api/v1/network/regions/XX-NOWHERE").status_code == 404


def test_api_network_exports_graphml_and_csv(client: tuple[TestClient, dict], tmp_path: Path) -> None:
    c, _ = client
    graphml = c.get("/api/v1/network/regions/CN-CQ/export")
    assert graphml.status_code == 200 and graphml.headers["content-type"].startswith("application/graphml+xml")
    path = tmp_path / "cq.graphml"
    path.write_bytes(graphml.content)
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == 4 and "重庆大学" in g.vs["name"]
    csv_text = c.get("/api/v1/network/regions/CN-CQ/export", params={"graph": "csv"}).text
    assert csv_text.splitlines()[0].startswith("source,source_name,target")
    assert len(csv_text.splitlines()) == 4  # header + three relations
    assert c.get("/api/v1/network/regions/CN-CQ/export", params={"graph": "xml"}).status_code == 400


def test_api_actors_list_page_and_actor_with_evidence(client: tuple[TestClient, dict]) -> None:
    c, _ = client
    listed = c.get("/api/v1/actors", params={"region": "CN-CQ", "actor_type": "university"}).json()
    assert [a["name"] for a in listed["items"]] == ["重庆大学"] and listed["total"] == 1
    found = c.get("/api/v1/actors", params={"q": "tsinghua"}).json()
    assert [a["id"] for a in found["items"]] == ["a:t2"]
    one = c.get("/api/v1/actors/a:u").json()
    assert {r["type"] for r in one["relations"]} == {"hosting", "cooperation"}
    assert one["sources"][0]["row"] == "reg.csv:2"
    assert c.get("/api/v1/actors/a:none").status_code == 404
    assert c.get("/api/v1/actors", params={"actor_type": "a,b"}).status_code == 400


def test_api_actor_merge_needs_an_editor_and_is_reversible(client: tuple[TestClient, dict]) -> None:
    c, tokens = client
    assert c.post("/api/v1/actors/a:t/merge/a:t2").status_code == 401
    assert c.post("/api/v1/actors/a:t/merge/a:t2", headers=tokens["viewer"]).status_code == 403
    done = c.post("/api/v1/actors/a:t/merge/a:t2", params={"reason": "same university"}, headers=tokens["editor"])
    assert done.status_code == 200 and done.json()["winner"] == "a:t"
    merged = c.get("/api/v1/actors/a:t2").json()
    assert merged["actor"]["id"] == "a:t" and "a:t2" in merged["members"]
    assert c.post("/api/v1/actors/a:t2/unmerge", headers=tokens["editor"]).json()["was_merged_into"] == "a:t"
    assert c.get("/api/v1/actors/a:t2").json()["actor"]["id"] == "a:t2"


def test_api_network_chains_and_a_chain_in_a_region(client: tuple[TestClient, dict]) -> None:
    c, _ = client
    chains = c.get("/api/v1/network/chains", params={"lang": "zh"}).json()["items"]
    assert {"smart_vehicles", "integrated_circuits"} <= {ch["id"] for ch in chains}
    view = c.get("/api/v1/network/chains/smart_vehicles/CN-CQ").json()
    vehicles = next(ch for ch in chains if ch["id"] == "smart_vehicles")
    assert view["gaps"] and len(view["segments"]) == len(vehicles["segments"])
    assert c.get("/api/v1/network/chains/none/CN-CQ").status_code == 404


def test_api_editor_places_an_actor_and_corrects_a_type(client: tuple[TestClient, dict]) -> None:
    c, tokens = client
    params = {"segment": "vehicle", "actor": "a:u"}
    assert c.post("/api/v1/network/chains/smart_vehicles/placements", params=params).status_code == 401
    assert c.post("/api/v1/network/chains/smart_vehicles/placements", params=params,
                  headers=tokens["viewer"]).status_code == 403
    done = c.post("/api/v1/network/chains/smart_vehicles/placements", params=params, headers=tokens["editor"])
    assert done.status_code == 200 and done.json()["placed"] is True
    view = c.get("/api/v1/network/chains/smart_vehicles/CN-CQ").json()
    seg = next(s for s in view["segments"] if s["id"] == "vehicle")
    assert any(x["actor"] == "a:u" and "placed by editor" in " ".join(x["evidence"]) for x in seg["local"])
    bad = c.post("/api/v1/network/chains/smart_vehicles/placements", params={**params, "segment": "nowhere"},
                 headers=tokens["editor"])
    assert bad.status_code == 404 and "batteries" in bad.text  # names the chain's segments
    assert c.post("/api/v1/actors/a:e/type", params={"type": "spaceship"}, headers=tokens["editor"]).status_code == 400
    assert c.post("/api/v1/actors/a:e/type", params={"type": "investor"}, headers=tokens["editor"]).json() == {
        "actor": "a:e", "type": "investor"}
    one = c.get("/api/v1/actors/a:e").json()
    assert one["actor"]["type"] == "investor"
    assert any(s["quote"] == "type corrected to investor" and s["source"] == "editor editor" for s in one["sources"])
