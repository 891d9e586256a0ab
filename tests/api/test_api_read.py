"""Reading through /api/v1 on both backends: pagination, filters, evidence, ETag, CSV, error shape."""

from __future__ import annotations

import csv
import io

import pytest
from api_helpers import Api


def test_api_documents_paginate_with_next_link_and_total(api: Api) -> None:
    first = api.client.get("/api/v1/documents?limit=2", headers=api.auth("viewer"))
    assert first.status_code == 200
    body = first.json()
    assert body["total"] == 5 and len(body["items"]) == 2 and body["offset"] == 0
    assert "text" not in body["items"][0]
    seen = {d["id"] for d in body["items"]}
    nxt = body["next"]
    while nxt:
        page = api.client.get(nxt, headers=api.auth("viewer")).json()
        seen |= {d["id"] for d in page["items"]}
        nxt = page["next"]
    assert len(seen) == 5


def test_api_document_by_id_has_text_and_fact_count(api: Api) -> None:
    doc_id = api.client.get("/api/v1/documents?language=fr", headers=api.auth("viewer")).json()["items"][0]["id"]
    doc = api.client.get(f"/api/v1/documents/{doc_id}", headers=api.auth("viewer")).json()
    assert doc["language"] == "fr" and "20 000 entreprises" in doc["text"] and doc["facts"] == 3


def test_api_facts_filter_by_region_kind_language_indicator_story(api: Api) -> None:
    h = api.auth("viewer")
    targets = api.client.get("/api/v1/facts?region=CN-CQ&kind=target", headers=h).json()
    assert targets["total"] == 9
    italian = api.client.get("/api/v1/facts?kind=target&language=it", headers=h).json()
    assert {f["language"] for f in italian["items"]} == {"it"} and italian["total"] == 3
    rd = api.client.get("/api/v1/facts?indicator=rd_intensity", headers=h).json()
    assert rd["total"] == 3 and all(f["value"] == 3.0 and f["deadline"] == 2027 for f in rd["items"])
    story = api.client.get("/api/v1/facts?story=s:chongqing-innovation&kind=target", headers=h).json()
    assert story["total"] == 9


def test_api_fact_has_its_evidence(api: Api) -> None:
    h = api.auth("viewer")
    fact = api.client.get("/api/v1/facts?indicator=high_tech_enterprises&language=de", headers=h).json()["items"][0]
    full = api.client.get(f"/api/v1/facts/{fact['id']}", headers=h).json()
    assert full["evidence"]["language"] == "de"
    assert full["evidence"]["story"] == "s:chongqing-innovation"
    assert "20.000" in full["evidence"]["passage"]
    doc = api.client.get(f"/api/v1/documents/{full['document']}", headers=h).json()
    assert doc["text"][full["start"] : full["end"]] == full["quote"]


def test_api_targets_carry_sources_in_three_languages(api: Api) -> None:
    body = api.client.get("/api/v1/targets?region=CN-CQ", headers=api.auth("viewer")).json()
    assert body["total"] == 3
    by_metric = {t["target"]["indicator"]: t for t in body["items"]}
    assert by_metric["high_tech_enterprises"]["target"]["value"] == 20000
    assert {s["language"] for s in by_metric["rd_intensity"]["sources"]} == {"de", "it", "fr"}
    assert set(by_metric["rd_intensity"]) >= {"status", "latest", "actual_cagr", "required_cagr", "ratio", "projection"}
    for item in body["items"]:  # one target reads its region's stored assessments only, the same record
        one = api.client.get(f"/api/v1/targets/{item['id']}", headers=api.auth("viewer"))
        assert one.status_code == 200 and one.json() == item
    assert api.client.get(f"/api/v1/targets/{body['items'][0]['id'][:-1]}", headers=api.auth("viewer")).status_code \
        == 404  # an exact id: a prefix names no target here


def test_api_read_sends_etag_and_answers_304(api: Api) -> None:
    h = api.auth("viewer")
    first = api.client.get("/api/v1/facts?kind=target", headers=h)
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = api.client.get("/api/v1/facts?kind=target", headers={**h, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = api.client.get("/api/v1/facts?kind=rank", headers={**h, "If-None-Match": etag})
    assert other.status_code == 200


def test_api_csv_by_query_and_by_accept_header(api: Api) -> None:
    h = api.auth("viewer")
    by_query = api.client.get("/api/v1/facts?kind=target&format=csv", headers=h)
    assert by_query.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(by_query.text)))
    assert len(rows) == 9 and {"id", "quote", "language", "value", "subject.id"} <= set(rows[0])
    assert not any(cell.startswith(("{", "[")) for row in rows for cell in row.values())  # one value per cell
    by_accept = api.client.get("/api/v1/facts?kind=target", headers={**h, "Accept": "text/csv"})
    assert by_accept.text == by_query.text


def test_api_errors_share_one_shape(api: Api) -> None:
    h = api.auth("viewer")
    for url, status in [
        ("/api/v1/facts/f:nope", 404),
        ("/api/v1/documents/sha256:nope", 404),
        ("/api/v1/facts?limit=0", 400),
        ("/api/v1/facts?kind=bogus", 400),
        ("/api/v1/facts?format=xml", 400),
        ("/api/v1/no-such-thing", 404),
    ]:
        response = api.client.get(url, headers=h)
        assert response.status_code == status, url
        error = response.json()["error"]
        assert set(error) == {"code", "message", "hint"} and error["message"] and error["hint"]


def test_api_other_resources_answer(api: Api) -> None:
    h = api.auth("viewer")
    stories = api.client.get("/api/v1/stories", headers=h).json()
    assert stories["items"][0]["id"] == "s:chongqing-innovation"
    assert set(stories["items"][0]["languages"]) == {"de", "fr", "it"}
    story = api.client.get("/api/v1/stories/s:chongqing-innovation", headers=h).json()
    assert len(story["documents"]) == 3
    regions = api.client.get("/api/v1/regions", headers=h).json()
    assert "CN-CQ" in {r["id"] for r in regions["items"]}
    for path in ("/api/v1/indicators", "/api/v1/observations", "/api/v1/index", "/api/v1/regions/CN-CQ"):
        assert api.client.get(path, headers=h).status_code == 200, path


def test_api_search_finds_quotes_in_any_language(api: Api) -> None:
    h = api.auth("viewer")
    body = api.client.get("/api/v1/search?q=haute technologie", headers=h).json()
    assert body["items"] and all(f["language"] == "fr" for f in body["items"])
    wildcard = api.client.get("/api/v1/search?q=%25", headers=h).json()  # a literal %, not "everything"
    assert wildcard["items"] == [] or all("%" in f["quote"] for f in wildcard["items"])


def test_api_index_results_with_rank_intervals_and_compare_page(api: Api) -> None:
    assert api.client.get("/api/v1/index", headers=api.auth("viewer")).json()["available"] is False
    api.store.save_index_result(
        "rii", spec={}, top="Index",
        scores=[{"uCode": "CN-CQ", "Index": 61.5, "Rank": 2}, {"uCode": "CN-SC", "Index": 58.0, "Rank": 3},
                {"uCode": "CN-GD", "Index": 80.2, "Rank": 1}],
        uncertainty=[{"uCode": "CN-GD", "nominal": 1, "mean": 1.1, "median": 1, "q5": 1, "q95": 2},
                     {"uCode": "CN-CQ", "nominal": 2, "mean": 2.4, "median": 2, "q5": 1, "q95": 3},
                     {"uCode": "CN-SC", "nominal": 3, "mean": 2.6, "median": 3, "q5": 2, "q95": 3}],
    )
    body = api.client.get("/api/v1/index?name=rii", headers=api.auth("viewer")).json()
    assert "available" not in body and body["total"] == 3
    cq = next(r for r in body["items"] if r["region"] == "CN-CQ")
    assert (cq["rank"], cq["rank_low"], cq["rank_high"], cq["score"]) == (2, 1, 3, 61.5)
    page = api.client.get("/compare", headers=api.auth("viewer"))
    assert page.status_code == 200
    assert "Greater Bay Area" in page.text and page.text.count('class="interval"') >= 3


@pytest.mark.parametrize("path", ["/api/v1/facts", "/api/v1/targets", "/api/v1/observations"])
@pytest.mark.parametrize("param", [{"region": "XX-YY"}, {"indicator": "no_such_indicator"}])
def test_api_unknown_filter_value_is_a_400_with_the_error_body(api: Api, path: str, param: dict[str, str]) -> None:
    response = api.client.get(path, params=param, headers=api.auth("viewer"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "R900" and next(iter(param.values())) in error["message"] and "/api/v1/" in error["hint"]
