"""/api/v1 review resources on both backends: editors decide, viewers get 403, anonymous visitors 401."""

from __future__ import annotations

import json
import re

from api_helpers import PASSWORD, Api


def _target_fact(api: Api) -> dict[str, object]:
    facts = api.client.get("/api/v1/facts?kind=target&region=CN-CQ", headers=api.auth("viewer")).json()["items"]
    return next(f for f in facts if f["value"] == 3.0 and f["metric"] == "rd_intensity")


def test_api_only_editors_and_admins_review(api: Api) -> None:
    fact = _target_fact(api)
    path = f"/api/v1/facts/{fact['id']}/review"
    body = {"decision": "correct", "fields": {"value": 3.3, "deadline": 2028}, "note": "the plan says 3.3"}
    assert api.client.post(path, json=body).status_code == 401
    refused = api.client.post(path, json=body, headers=api.auth("viewer"))
    assert refused.status_code == 403 and refused.json()["error"]["code"]
    assert api.client.get("/api/v1/reviews", headers=api.auth("viewer")).status_code == 403
    assert api.client.get("/api/v1/reviews/export", headers=api.auth("viewer")).status_code == 403
    assert api.client.delete(path, headers=api.auth("viewer")).status_code == 403
    assert api.store.list_reviews() == []

    done = api.client.post(path, json=body, headers=api.auth("editor"))
    assert done.status_code == 200, done.text
    assert (done.json()["value"], done.json()["deadline"], done.json()["review"]) == (3.3, 2028, "corrected")
    again = api.client.get(f"/api/v1/facts/{fact['id']}", headers=api.auth("viewer")).json()
    assert again["value"] == 3.3 and again["review"] == "corrected"
    targets = api.client.get("/api/v1/targets?region=CN-CQ", headers=api.auth("viewer")).json()["items"]
    mine = [t for t in targets if fact["id"] in {s.get("fact") for s in t["sources"]}]
    assert mine and all((t["target"]["value"], t["target"]["deadline"]) == (3.3, 2028) for t in mine)

    log = api.client.get("/api/v1/reviews", headers=api.auth("editor")).json()["items"]
    assert [(r["fact"], r["decision"], r["reviewer"], r["note"]) for r in log] == [
        (fact["id"], "corrected", "editor", "the plan says 3.3")
    ]
    assert log[0]["extracted"]["value"] == 3.0 and log[0]["reviewed_at"]
    assert ("editor", "review.correct", fact["id"]) in [(a["actor"], a["action"], a["target"])
                                                        for a in api.store.list_audit()]  # fmt: skip
    export = api.client.get("/api/v1/reviews/export", headers=api.auth("admin"))
    assert export.status_code == 200
    passages = [json.loads(line) for line in export.text.splitlines()]
    assert any(f["value"] == 3.3 and not f.get("optional") for p in passages for f in p["facts"])

    rejected = api.client.post(path, json={"decision": "reject"}, headers=api.auth("admin"))
    assert rejected.status_code == 200 and rejected.json()["review"] == "rejected"
    listed = api.client.get("/api/v1/facts?kind=target&region=CN-CQ", headers=api.auth("viewer")).json()["items"]
    assert fact["id"] not in {f["id"] for f in listed}
    undone = api.client.delete(path, headers=api.auth("editor"))
    assert undone.status_code == 200 and undone.json()["review"] is None and undone.json()["value"] == 3.0


def test_api_review_refuses_bad_decisions(api: Api) -> None:
    fact = _target_fact(api)
    path = f"/api/v1/facts/{fact['id']}/review"
    bodies = [
        {"decision": "approve"}, {"decision": "correct", "fields": {"colour": "red"}},
        {"decision": "correct", "fields": {"deadline": 99999}}, {"decision": "confirm", "fields": {"value": 1}},
        {"decision": "correct", "fields": {"metric": "no such indicator"}},
    ]  # fmt: skip
    for body in bodies:
        response = api.client.post(path, json=body, headers=api.auth("editor"))
        assert response.status_code == 400, (body, response.text)
        assert response.json()["error"]["hint"]
    assert api.client.post("/api/v1/facts/f:nope/review", json={"decision": "confirm"},
                           headers=api.auth("editor")).status_code == 404  # fmt: skip
    assert api.store.list_reviews() == []


def test_api_review_queue(api: Api) -> None:
    queue = api.client.get("/api/v1/review/queue?threshold=1", headers=api.auth("viewer")).json()
    assert queue["threshold"] == 1 and queue["total"] >= 1
    assert all(f["review"] is None and f["confidence"] < 1 for f in queue["items"])
    first = queue["items"][0]
    api.client.post(f"/api/v1/facts/{first['id']}/review", json={"decision": "confirm"}, headers=api.auth("editor"))
    after = api.client.get("/api/v1/review/queue?threshold=1", headers=api.auth("viewer")).json()
    assert after["total"] == queue["total"] - 1 and first["id"] not in {f["id"] for f in after["items"]}
    assert api.client.get("/api/v1/review/queue").status_code == 401


def test_api_review_with_a_session_needs_the_csrf_header(api: Api) -> None:
    form = api.client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    api.client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": csrf.group(1)})
    fact = _target_fact(api)
    path = f"/api/v1/facts/{fact['id']}/review"
    assert api.client.post(path, json={"decision": "confirm"}).status_code == 403
    token = re.search(r'name="csrf" value="([^"]+)"', api.client.get("/upload").text)
    assert token is not None
    ok = api.client.post(path, json={"decision": "confirm"}, headers={"X-CSRF-Token": token.group(1)})
    assert ok.status_code == 200 and ok.json()["review"] == "confirmed"


def _login(api: Api, name: str) -> str:
    form = api.client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    api.client.post("/login", data={"name": name, "password": PASSWORD, "csrf": csrf.group(1)})
    page = api.client.get("/upload")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    return token.group(1)


def test_web_review_form_needs_an_editor_and_the_csrf_token(api: Api) -> None:
    fact = _target_fact(api)
    path = f"/facts/{fact['id']}/review"
    form = {"decision": "correct", "value": "3.4", "csrf": "x"}
    assert api.client.post(path, data=form, follow_redirects=False).status_code == 401
    viewer_token = _login(api, "viewer")
    assert api.client.post(path, data={**form, "csrf": viewer_token}, follow_redirects=False).status_code == 403
    page = api.client.get(f"/facts/{fact['id']}")
    assert page.status_code == 200 and "review-form" not in page.text  # viewers see no form
    api.client.post("/logout", data={"csrf": viewer_token})
    token = _login(api, "editor")
    assert "review-form" in api.client.get(f"/facts/{fact['id']}").text
    assert api.client.post(path, data={**form, "csrf": "forged"}, follow_redirects=False).status_code == 403
    assert api.store.list_reviews() == []
    done = api.client.post(path, data={**form, "csrf": token}, follow_redirects=False)
    assert done.status_code == 303 and "reviewed=corrected" in done.headers["location"]
    assert api.store.get_fact(str(fact["id"])).value == 3.4
    bad = api.client.post(path, data={"decision": "correct", "deadline": "soon", "csrf": token})
    assert bad.status_code == 400 and "deadline" in bad.text  # the evidence page again, with the message
    undone = api.client.post(f"{path}/undo", data={"csrf": token}, follow_redirects=False)
    assert undone.status_code == 303 and api.store.get_fact(str(fact["id"])).value == 3.0
    document = api.client.get(f"/documents/{fact['document']}")
    assert document.status_code == 200
