"""Keyset pagination of the big API lists (issue 11 item 6), on both backends: following `next` from the first
page visits every item once, in the list's order, whatever the page size and filter; offset still works."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from riso.api import create_app
from riso.api._render import encode_cursor
from riso.model import Document, Fact, Observation, Subject
from riso.store import Store

KINDS = ("target", "measurement", "rank", "entity")
REGIONS = ("CN-CQ", "CN-SC", "DE-BY")


def _seed(store: Store) -> None:
    """30 documents (more than a DuckDB page walks one by one) holding 0-9 facts each, ties on start included;
    a sparse kind (rank) only in the last documents; some facts rejected; observations over 3 x 2 series."""
    rng = random.Random(11)
    items = []
    for d in range(30):
        text = f"Document {d}: " + "words " * 40
        doc = Document(id=f"sha256:{rng.getrandbits(64):016x}", source=f"d{d}.txt", text=text,
                       language=("de", "en", "zh")[d % 3])
        facts = []
        for j in range(rng.randrange(0, 10)):
            start = rng.randrange(0, 5)  # repeated starts: the id breaks the tie
            kind = "rank" if d >= 26 and j % 2 else KINDS[rng.randrange(0, 2) * 2 + (j % 2 if d % 2 else 0)]
            facts.append(Fact(document=doc.id, kind=kind, quote=text[start : start + 8], start=start, end=start + 8,
                              metric=("rd_intensity", "high_tech_enterprises")[j % 2], value=float(j), deadline=2030,
                              subject=Subject(id=REGIONS[(d + j) % 3], name="r"), language=doc.language,
                              metric_text=f"m{j}"))
        items.append((doc, facts))
    store.add_documents(items)
    rejected = [f.id for _, fs in items for f in fs][::7]
    for fact_id in rejected:
        store.execute("UPDATE facts SET review = 'rejected' WHERE id = ?", (fact_id,))
    store.add_observations(
        Observation(region=r, indicator=i, period=str(2000 + y), value=float(y), unit="%", source=s)
        for r in REGIONS for i in ("rd_intensity", "high_tech_enterprises") for y in range(9) for s in ("a", "b")
    )


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    _seed(store)
    with TestClient(create_app(store, public=True, cache_seconds=0)) as client:
        yield client


def _walk(client: TestClient, url: str) -> tuple[list[dict[str, Any]], int]:
    """Every item reached by following `next` from ``url``, and how many pages that took."""
    items: list[dict[str, Any]] = []
    pages, nxt = 0, url
    while nxt is not None:
        body = client.get(nxt).json()
        items += body["items"]
        pages += 1
        assert (body["cursor"] is None) == (body["next"] is None)
        assert "offset=" not in (body["next"] or "")
        nxt = body["next"]
        assert pages < 500
    return items, pages


@pytest.mark.parametrize("limit", [1, 3, 50])
@pytest.mark.parametrize("query", ["", "kind=rank", "kind=target&language=de", "region=CN-CQ",
                                   "region=CN-SC&kind=measurement", "indicator=high_tech_enterprises", "language=zh"])
def test_facts_pages_cover_the_list_once_in_order(client: TestClient, store: Store, query: str, limit: int) -> None:
    params = dict(p.split("=") for p in query.split("&") if p)
    filters = {{"region": "region", "indicator": "metric"}.get(k, k): v for k, v in params.items()}
    expected = [f.id for f in store.list_facts(**filters)]
    assert expected or query == "kind=target&language=de"
    items, pages = _walk(client, f"/api/v1/facts?limit={limit}&{query}")
    assert [f["id"] for f in items] == expected
    assert pages == max(1, -(-len(expected) // limit))
    first = client.get(f"/api/v1/facts?limit={limit}&{query}").json()
    assert first["total"] == len(expected)


def test_facts_offset_still_works_and_its_next_link_is_a_cursor(client: TestClient, store: Store) -> None:
    expected = [f.id for f in store.list_facts()]
    body = client.get("/api/v1/facts?limit=5&offset=10").json()
    assert [f["id"] for f in body["items"]] == expected[10:15]
    assert body["offset"] == 10
    rest, _ = _walk(client, body["next"])
    assert [f["id"] for f in rest] == expected[15:]


@pytest.mark.parametrize("limit", [1, 4, 50])
def test_documents_and_observations_pages(client: TestClient, store: Store, limit: int) -> None:
    docs, _ = _walk(client, f"/api/v1/documents?limit={limit}")
    assert [d["id"] for d in docs] == [d.id for d in store.list_documents(limit=1000)]
    assert len(docs) == 30
    for query in ("", "region=CN-CQ", "region=DE-BY&indicator=high_tech_enterprises"):
        params = dict(p.split("=") for p in query.split("&") if p)
        expected = [(o.region, o.indicator, o.period, o.source) for o in store.list_observations(**params)]
        got, _ = _walk(client, f"/api/v1/observations?limit={limit}&{query}")
        assert [(o["region"], o["indicator"], o["period"], o["source"]) for o in got] == expected


def test_documents_with_the_same_time_page_by_id(client: TestClient, store: Store) -> None:
    store.execute("UPDATE documents SET ingested_at = CAST('2026-01-01 10:00:00' AS TIMESTAMP)")
    docs, pages = _walk(client, "/api/v1/documents?limit=4")
    assert [d["id"] for d in docs] == sorted(d.id for d in store.list_documents(limit=1000))
    assert pages == 8


@pytest.mark.parametrize("limit", [1, 3])
def test_targets_pages(client: TestClient, limit: int) -> None:
    everything = client.get("/api/v1/targets?limit=1000").json()
    keys = [(t["target"]["region"], t["target"]["deadline"], t["target"]["indicator"] or "", t["id"])
            for t in everything["items"]]
    assert keys == sorted(keys) and len(keys) == everything["total"]
    got, _ = _walk(client, f"/api/v1/targets?limit={limit}")
    assert [t["id"] for t in got] == [k[3] for k in keys]


@pytest.mark.parametrize("cursor", ["not-base64!!", encode_cursor(["a", "b"]), encode_cursor(["a", "1", "b"]),
                                    encode_cursor({"a": 1}), encode_cursor([True, 1, "x"])])  # type: ignore[arg-type]
def test_a_foreign_cursor_is_a_400_with_what_to_do(client: TestClient, cursor: str) -> None:
    response = client.get(f"/api/v1/facts?cursor={cursor}")
    assert response.status_code == 400
    assert "next" in response.json()["error"]["hint"]
