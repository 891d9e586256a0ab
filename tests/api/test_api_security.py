"""Roles, public access, tokens, CSRF, hostile parameters and uploads, on both backends."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from api_helpers import PASSWORD, Api

HOSTILE = [
    "' OR '1'='1",
    "CN-CQ'; DROP TABLE facts; --",
    "1) UNION SELECT password_hash FROM users --",
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "\\x00",
    "%' ESCAPE '",
    "创新'--",
    "a" * 5000,
    "\U000803ec¬!0\U00063b79D\x99\"bB·\U00068001\x1e«n\x86\U000cb67f",  # found by schemathesis (DuckDB)
    "line\nbreak",
]
FACT_PARAMS = ["region", "indicator", "kind", "language", "story", "document", "limit", "offset", "cursor", "format"]


def _counts(api: Api) -> tuple[int, int, int]:
    return api.store.count_documents(), api.store.count_facts(), api.store.count_users()


def test_api_anonymous_cannot_read_when_public_is_off(api: Api) -> None:
    for path in ("/api/v1/facts", "/api/v1/documents", "/api/v1/targets", "/api/v1/search?q=x"):
        response = api.client.get(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "R801"
    assert api.client.get("/", follow_redirects=False).status_code == 303  # the dashboard sends to /login


def test_api_admin_switches_public_access_and_it_is_audited(api: Api) -> None:
    assert api.client.put("/api/v1/settings", json={"public": True}, headers=api.auth("editor")).status_code == 403
    assert api.client.put("/api/v1/settings", json={"public": True}, headers=api.auth("admin")).status_code == 200
    assert api.client.get("/api/v1/facts").status_code == 200
    assert api.client.post("/api/v1/documents", files={"file": ("a.txt", b"x")}).status_code == 401
    audit = api.client.get("/api/v1/audit", headers=api.auth("admin")).json()["items"]
    assert any(a["actor"] == "admin" and a["action"] == "settings.public" for a in audit)


def test_api_viewer_cannot_write(api: Api) -> None:
    before = _counts(api)
    doc = api.client.post(
        "/api/v1/documents", files={"file": ("new.txt", b"Bis 2030 sollen 5 Labore entstehen.")},
        headers=api.auth("viewer"),
    )
    assert doc.status_code == 403 and doc.json()["error"]["code"] == "R802"
    data = api.client.post("/api/v1/data", files={"file": ("d.csv", b"a,b\n1,2\n")}, headers=api.auth("viewer"))
    assert data.status_code == 403
    assert api.client.get("/api/v1/audit", headers=api.auth("viewer")).status_code == 403
    assert _counts(api) == before


def test_api_bad_token_is_refused(api: Api) -> None:
    response = api.client.get("/api/v1/facts", headers={"Authorization": "Bearer riso_forged"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_api_editor_upload_runs_ingest_and_is_audited(api: Api) -> None:
    text = "Chongqing: Bis 2030 sollen 40 neue Labore für Wasserstoff entstehen.\n\n重庆将建设创新中心。\n"
    response = api.client.post(
        "/api/v1/documents?wait=120", files={"file": ("labs.txt", text.encode(), "text/plain")},
        headers=api.auth("editor"),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] and body["document"]["id"].startswith("sha256:")
    assert api.store.has_document(body["document"]["id"])
    files = {"file": ("labs.txt", text.encode())}
    again = api.client.post("/api/v1/documents?wait=120", files=files, headers=api.auth("editor"))
    assert again.status_code == 200 and not again.json()["created"]
    found = api.client.get("/api/v1/search?q=创新中心", headers=api.auth("viewer")).json()
    assert body["document"]["id"] in {d["id"] for d in found["documents"]}
    audit = api.store.list_audit()
    assert any(a["actor"] == "editor" and a["action"] == "document.upload" for a in audit)


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("big.txt", b"a" * 1_100_000, 413, "MB"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, 415, "does not look like"),
        ("tool.exe", b"MZ\x90\x00", 415, ".exe"),
        ("fake.pdf", b"hello, not a pdf", 415, "does not look like"),
        ("fake.docx", b"plain text", 415, "does not look like"),
        ("../../etc/passwd", b"root:x:0:0", 415, "not accepted"),
    ],
)
def test_api_bad_uploads_are_refused_with_a_clear_message(
    api: Api, name: str, data: bytes, status: int, words: str
) -> None:
    before = _counts(api)
    response = api.client.post("/api/v1/documents", files={"file": (name, data)}, headers=api.auth("editor"))
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert words in error["message"] and error["hint"]
    assert _counts(api) == before


def test_api_hostile_parameters_fail_cleanly(api: Api) -> None:
    before = _counts(api)
    h = api.auth("viewer")
    for value in HOSTILE:
        for param in FACT_PARAMS:
            response = api.client.get("/api/v1/facts", params={param: value}, headers=h)
            assert response.status_code in (200, 400), (param, value, response.status_code)
            if response.status_code == 200:
                assert response.json()["items"] == []
        segment = quote(value, safe="/%")  # keep "../" and pre-encoded forms as they are; encode control characters
        for path in ("facts", "documents", "stories", "targets", "regions"):
            response = api.client.get(f"/api/v1/{path}/{segment}", headers=h)
            assert response.status_code in (400, 404), (path, value, response.status_code)
            if response.request.url.path.startswith("/api/"):  # "../" may normalise out of the API
                assert "error" in response.json()
        assert api.client.get("/api/v1/search", params={"q": value[:200]}, headers=h).status_code in (200, 400)
        for path in ("/facts/", "/regions/", "/stories/", "/documents/"):
            assert api.client.get(path + segment, headers=h).status_code in (400, 404)
    assert api.client.get("/static/../../../../etc/passwd").status_code == 404
    assert _counts(api) == before
    assert api.store.count_facts(kind="target") == 9


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_web_login_needs_csrf_and_sets_hardened_cookie(api: Api) -> None:
    form = api.client.get("/login")
    assert form.status_code == 200
    refused = api.client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": "forged"})
    assert refused.status_code == 403
    wrong = api.client.post("/login", data={"name": "editor", "password": "nope", "csrf": _csrf(form.text)})
    assert wrong.status_code == 401
    ok = api.client.post(
        "/login", data={"name": "editor", "password": PASSWORD, "csrf": _csrf(form.text)}, follow_redirects=False
    )
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
    me = api.client.get("/api/v1/me").json()
    assert me["user"] == {"name": "editor", "role": "editor"}
    # a cookie-authenticated API write needs the session's CSRF token in a header
    files = {"file": ("x.txt", b"Chongqing baut 3 Zentren.")}
    assert api.client.post("/api/v1/documents", files=files).status_code == 403
    page = api.client.get("/upload")
    token = _csrf(page.text)
    queued = api.client.post("/api/v1/documents", files=files, headers={"X-CSRF-Token": token})
    assert queued.status_code == 202 and api.wait_job(queued.json()["job"]["id"])["status"] == "done"
    assert api.client.post("/logout", data={"csrf": "forged"}).status_code == 403
    assert api.client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert api.client.get("/api/v1/me").json()["user"] is None


def test_api_editor_edits_targets_viewer_cannot(api: Api) -> None:
    body = {"region": "CN-CQ", "indicator": "rd_intensity", "value": 3.2, "deadline": 2030}
    assert api.client.post("/api/v1/targets", json=body, headers=api.auth("viewer")).status_code == 403
    created = api.client.post("/api/v1/targets", json=body, headers=api.auth("editor"))
    assert created.status_code == 201, created.text
    target_id = created.json()["id"]
    listed = api.client.get("/api/v1/targets?region=CN-CQ", headers=api.auth("viewer")).json()
    assert target_id in {t["id"] for t in listed["items"]}
    bad = api.client.post("/api/v1/targets", json={**body, "deadline": 99999}, headers=api.auth("editor"))
    assert bad.status_code == 400 and "deadline" in bad.json()["error"]["message"]
    assert api.client.delete(f"/api/v1/targets/{target_id}", headers=api.auth("viewer")).status_code == 403
    assert api.client.delete(f"/api/v1/targets/{target_id}", headers=api.auth("editor")).status_code == 200
    actions = [(a["actor"], a["action"]) for a in api.store.list_audit()]
    assert ("editor", "target.add") in actions and ("editor", "target.remove") in actions


def test_web_upload_form_refuses_wrong_type_and_imports_data(api: Api) -> None:
    form = api.client.get("/login")
    api.client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": _csrf(form.text)})
    token = _csrf(api.client.get("/upload").text)
    refused = api.client.post(
        "/upload", data={"csrf": token, "what": "document"}, files={"file": ("x.pdf", b"not a pdf at all")}
    )
    assert refused.status_code == 415 and "does not look like .pdf" in refused.text
    forged = api.client.post("/upload", data={"csrf": "forged"}, files={"file": ("a.txt", b"text")})
    assert forged.status_code == 403
    csv = b"region,indicator,period,value,source\nCN-CQ,rd_intensity,2024,2.6,test ministry table\n"
    queued = api.client.post(
        "/upload", data={"csrf": token, "what": "data"}, files={"file": ("obs.csv", csv)}, follow_redirects=False
    )
    assert queued.status_code == 303 and queued.headers["location"].startswith("/upload/jobs/up_")
    job_id = queued.headers["location"].split("/")[-1].split("?")[0]
    assert api.wait_job(job_id)["status"] == "done"
    done = api.client.get(queued.headers["location"], follow_redirects=True)
    assert done.status_code == 200 and "1 observations stored" in done.text, done.text[-500:]
    assert api.store.count_observations(region="CN-CQ", indicator="rd_intensity") >= 1
    assert any(a["action"] == "data.upload" and a["actor"] == "editor" for a in api.store.list_audit())


def test_web_admin_page_switches_public_access(api: Api) -> None:
    form = api.client.get("/login")
    api.client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf": _csrf(form.text)})
    assert api.client.get("/admin").status_code == 403
    api.client.post("/logout", data={"csrf": _csrf(api.client.get("/").text)})
    form = api.client.get("/login")
    api.client.post("/login", data={"name": "admin", "password": PASSWORD, "csrf": _csrf(form.text)})
    page = api.client.get("/admin")
    assert page.status_code == 200 and "editor" in page.text and "session.login" in page.text
    assert api.client.post("/admin/public", data={"public": "1", "csrf": "forged"}).status_code == 403
    api.client.post("/admin/public", data={"public": "1", "csrf": _csrf(page.text)})
    api.client.cookies.clear()
    assert api.client.get("/api/v1/facts").status_code == 200  # anonymous reads now allowed
