"""Issues 16 and 17 on the API: uploads linked into stories, login throttling, tokens, JSON, cache, schema."""

from __future__ import annotations

import json
import math
import re
import time
from typing import Any

import pytest
from api_helpers import PASSWORD, Api
from fastapi.testclient import TestClient

from riso.api import create_app
from riso.cli._util import render
from riso.model import Fact
from riso.services import accounts


def test_issue17_web_upload_is_linked_into_a_story(api: Api) -> None:
    text = "Chengdu: by 2030 the city plans 40 new hydrogen laboratories and a fund for young companies.\n"
    response = api.client.post(
        "/api/v1/documents?wait=120", files={"file": ("labs.txt", text.encode(), "text/plain")},
        headers=api.auth("editor"),
    )
    if response.status_code == 202:  # a loaded machine may need longer than one wait: poll the job
        job = response.json()["job"]
        for _ in range(5):
            job = api.client.get(job["links"]["self"] + "?wait=120", headers=api.auth("editor")).json()["job"]
            if job["status"] not in ("queued", "running"):
                break
        assert job["status"] == "done", job
        document_id = job["document"]
    else:
        assert response.status_code == 201, response.text
        document_id = response.json()["document"]["id"]
    for _ in range(600):  # the worker links the document into a story right after storing it
        document = api.store.get_document(document_id)
        if document.story is not None:
            break
        time.sleep(0.1)
    assert document.story is not None  # before the fix: 0 of 249 uploads were linked
    assert api.store.documents_without_story() == []


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"invalid JSON constant {constant} in the response")

    return json.loads(text, parse_constant=refuse)


def test_issue17_non_finite_values_are_served_as_null(api: Api) -> None:
    document = api.store.list_documents(limit=1)[0]
    stored = api.store.get_document(document.id)
    s = stored.sentences[0]
    quote = stored.text[s.start : s.end]
    for value in (math.inf, -math.inf):
        fact = Fact(document=stored.id, kind="measurement", quote=quote, start=s.start, end=s.end, value=value,
                    metric_text=f"odd {value}")
        api.store.replace_facts(stored.id, [*api.store.list_facts(document=stored.id), fact])
    response = api.client.get(f"/api/v1/facts?document={stored.id}&limit=1000", headers=api.auth("viewer"))
    assert response.status_code == 200
    assert "Infinity" not in response.text  # before the fix: "value":Infinity, which JSON parsers refuse
    values = {f["metric_text"]: f["value"] for f in _strict_json(response.text)["items"]}
    assert values["odd inf"] is None and values["odd -inf"] is None


def test_issue17_cli_json_never_writes_infinity(capsys: pytest.CaptureFixture[str]) -> None:
    render([{"value": math.inf}, {"value": -math.inf}, {"value": 1.5}], "json")
    assert _strict_json(capsys.readouterr().out) == [{"value": None}, {"value": None}, {"value": 1.5}]


def test_issue17_extra_query_parameters_do_not_bypass_the_read_cache(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = api.store.list_facts

    def counted(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(api.store, "list_facts", counted)
    client = TestClient(create_app(api.store, cache_seconds=60), base_url="https://testserver")
    for query in ("limit=2", "limit=2&x=1", "x=2&limit=2", "limit=2&cachebuster=3&y="):
        response = client.get(f"/api/v1/facts?{query}", headers=api.auth("viewer"))
        assert response.status_code == 200
        assert "cachebuster" not in response.text and "x=" not in (response.json()["next"] or "")
    assert len(calls) == 1  # before the fix: one computation per spelling of the URL
    client.get("/api/v1/facts?limit=3", headers=api.auth("viewer"))
    assert len(calls) == 2  # a parameter the route reads is a different answer


def test_issue17_dashboard_overview_is_cached(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from riso.services import targets_table
    from riso.web import pages

    calls: list[object] = []
    real = targets_table.table_page  # the function the overview calls (patched where it is looked up)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "table_page", counted)
    client = TestClient(create_app(api.store, cache_seconds=60), base_url="https://testserver")
    for query in ("", "?x=1", "?status=all", "?sort=deadline&junk=%20", "?junk=1&sort=deadline"):
        response = client.get(f"/{query}", headers=api.auth("viewer"))
        assert response.status_code == 200
    # before the fix: the whole overview was computed for every request; now once per filter set and page
    # (the store pages the table), and a parameter the page does not read changes nothing
    assert len(calls) == 3


def test_issue17_openapi_schema_needs_a_reader_on_a_closed_instance(api: Api) -> None:
    anonymous = api.client.get("/api/v1/openapi.json")
    assert anonymous.status_code == 401  # before the fix: the whole schema, to anyone
    allowed = api.client.get("/api/v1/openapi.json", headers=api.auth("viewer"))
    assert allowed.status_code == 200 and "/api/v1/facts" in allowed.json()["paths"]
    api.client.put("/api/v1/settings", json={"public": True}, headers=api.auth("admin"))
    assert api.client.get("/api/v1/openapi.json").status_code == 200


def _login(api: Api, name: str, password: str) -> Any:
    form = api.client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    return api.client.post(
        "/login", data={"name": name, "password": password, "csrf": token.group(1)}, follow_redirects=False
    )


def test_issue16_web_login_is_throttled_audited_and_unlocked_by_an_admin(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "LOCK_AFTER", accounts.USER_FREE_FAILURES + 1)
    monkeypatch.setattr(accounts, "login_delay", lambda failures, free: 0.0 if failures < free else 30.0)
    for _ in range(accounts.USER_FREE_FAILURES):
        assert _login(api, "viewer", "wrong password").status_code == 401
    throttled = _login(api, "viewer", PASSWORD)
    assert throttled.status_code == 429 and 20 <= int(throttled.headers["retry-after"]) <= 30
    monkeypatch.setattr(accounts, "login_delay", lambda failures, free: 0.0)
    assert _login(api, "viewer", "wrong again").status_code == 401  # the LOCK_AFTER-th failure locks it
    assert _login(api, "viewer", PASSWORD).status_code == 423
    audit = api.client.get("/api/v1/audit?limit=100", headers=api.auth("admin")).json()["items"]
    actions = [a["action"] for a in audit]
    assert {"session.login_failed", "session.login_throttled", "session.locked", "session.login_locked"} <= set(
        actions
    )
    admin_page = api.client.get("/admin", headers=api.auth("admin"))
    assert 'action="/admin/unlock"' in admin_page.text and ">viewer<" in admin_page.text
    assert _login(api, "admin", PASSWORD).status_code == 303  # an admin's session, with its CSRF token
    page = api.client.get("/admin").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    unlocked = api.client.post("/admin/unlock", data={"name": "viewer", "csrf": csrf.group(1)}, follow_redirects=False)
    assert unlocked.status_code == 303 and api.store.locked_accounts() == []
    assert _login(api, "viewer", PASSWORD).status_code == 303


def test_issue16_revoked_and_expired_tokens_are_refused(api: Api) -> None:
    token = accounts.issue_token(api.store, "viewer", label="short", expires_days=1)
    client = TestClient(create_app(api.store, cache_seconds=0), base_url="https://testserver")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()["user"]["name"] == "viewer"
    accounts.revoke_token(api.store, "viewer", token, actor="test")
    fresh = TestClient(create_app(api.store, cache_seconds=0), base_url="https://testserver")  # no token cache
    assert fresh.get("/api/v1/facts", headers={"Authorization": f"Bearer {token}"}).status_code == 401
