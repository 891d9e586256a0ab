"""CSV and XLSX downloads of the ecosystem tables (actors, relations) and of a chain's leaders and gaps."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import openpyxl
import pytest
from fastapi.testclient import TestClient

from riso.api import create_app
from riso.model import Actor, Provenance, Relation
from riso.store import Store


def _prov(row: int) -> Provenance:
    return Provenance(source="test register", row=f"reg.csv:{row}")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    store.add_actors([
        Actor(id="a:u", name="重庆大学", type="university", region="CN-CQ", sources=(_prov(2),)),
        Actor(id="a:l", name="机械传动国家重点实验室", type="laboratory", lab_level="state_key", region="CN-CQ",
              field="工程", sources=(_prov(3),)),
        Actor(id="a:e", name="=HYPERLINK(\"x\") 汽车", type="enterprise", region="CN-CQ", sources=(_prov(4),)),
        Actor(id="a:t", name="清华大学", type="university", region="CN-BJ", sources=(_prov(5),)),
    ])
    store.add_relations([
        Relation(id="r:1", source="a:u", target="a:l", type="hosting", provenance=_prov(3)),
        Relation(id="r:2", source="a:e", target="a:u", type="cooperation", period="2019", provenance=_prov(7)),
        Relation(id="r:3", source="a:t", target="a:e", type="cooperation", provenance=_prov(8)),
    ])
    store.set_placement("smart_vehicles", "vehicle", "a:e", by="edith")
    store.set_placement("smart_vehicles", "batteries", "a:t", by="edith")
    yield TestClient(create_app(store, public=True, cache_seconds=0), base_url="https://testserver")


def _csv(c: TestClient, path: str) -> list[dict[str, str]]:
    got = c.get(path)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(got.text)))


def _xlsx(c: TestClient, path: str) -> list[list[object]]:
    got = c.get(path)
    assert got.status_code == 200 and "spreadsheetml" in got.headers["content-type"]
    sheet = openpyxl.load_workbook(io.BytesIO(got.content)).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_ecosystem_actor_and_relation_tables(client: TestClient) -> None:
    actors = _csv(client, "/downloads/regions/CN-CQ/ecosystem-actors.csv")
    assert sorted(a["actor_id"] for a in actors) == ["a:e", "a:l", "a:u"]  # local actors only
    uni = next(a for a in actors if a["actor_id"] == "a:u")
    assert uni["partners"] == "2" and uni["sources"] == "test register reg.csv:2"
    rels = _csv(client, "/downloads/regions/CN-CQ/ecosystem-relations.csv")
    assert {(r["source_name"], r["target_name"], r["evidence_row"]) for r in rels} >= {
        ("重庆大学", "机械传动国家重点实验室", "reg.csv:3"), ("清华大学", '=HYPERLINK("x") 汽车', "reg.csv:8")}
    only = _csv(client, "/downloads/regions/CN-CQ/ecosystem-relations.csv?relation_type=hosting")
    assert [r["relation_id"] for r in only] == ["r:1"]  # the page's filter applies
    sheet = _xlsx(client, "/downloads/regions/CN-CQ/ecosystem-actors.xlsx?actor_type=laboratory")
    assert sheet[0][0] == "actor_id" and [r[0] for r in sheet[1:]] == ["a:l"]
    names = [r[1] for r in _xlsx(client, "/downloads/regions/CN-CQ/ecosystem-actors.xlsx")[1:]]
    assert '=HYPERLINK("x") 汽车' in names  # text stays text, never a formula
    assert client.get("/downloads/regions/CN-CQ/ecosystem-actors.pdf").status_code == 404
    assert client.get("/downloads/regions/XX-NOPE/ecosystem-actors.csv").status_code == 404


def test_chain_leaders_and_gaps_tables(client: TestClient) -> None:
    leaders = _csv(client, "/downloads/regions/CN-CQ/chains/smart_vehicles/leaders.csv")
    assert leaders and leaders[0]["rank"] == "1" and leaders[0]["actor_id"] == "a:e"
    assert leaders[0]["own_segments"] == "Vehicle design, integration and testing"
    gaps = _csv(client, "/downloads/regions/CN-CQ/chains/smart_vehicles/gaps.csv")
    segments = {g["segment"] for g in gaps}
    assert "vehicle" not in segments and "batteries" in segments  # covered locally vs a gap
    battery = [g for g in gaps if g["segment"] == "batteries"]
    assert [(g["partner_region"], g["partner_actors"]) for g in battery] == [("CN-BJ", "1")]
    assert battery[0]["partner_examples"] == "清华大学"
    rows = _xlsx(client, "/downloads/regions/CN-CQ/chains/smart_vehicles/gaps.xlsx")
    assert rows[0][:3] == ["segment", "segment_name", "status"]
    assert len(rows) == len(gaps) + 1
    assert client.get("/downloads/regions/CN-CQ/chains/nochain/gaps.csv").status_code == 404
