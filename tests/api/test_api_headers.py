"""Issue 16 item 5: security headers on every page, HSTS and Secure cookies only over HTTPS (trusted proxy)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from api_helpers import Api
from fastapi.testclient import TestClient

from riso.api import create_app

PAGES = ["/", "/login", "/search?q=R%26D", "/compare", "/api/v1/documents", "/api/v1/docs", "/no/such/page"]
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "riso" / "web" / "templates"


@pytest.mark.parametrize("path", PAGES)
def test_headers_on_every_page(api: Api, path: str) -> None:
    response = api.client.get(path)
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("style-src")[0]  # never for scripts
    if not path.startswith("/api/v1/docs"):
        assert "'unsafe-inline'" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["strict-transport-security"].startswith("max-age=")  # the test client speaks HTTPS


def test_templates_hold_no_inline_script_or_style() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert "<style" not in text and " style=" not in text, template.name
        assert not re.search(r"\son[a-z]+=", text), template.name  # no inline event handlers


def test_https_through_a_trusted_proxy_gets_hsts_and_secure_cookies(api: Api) -> None:
    trusted = TestClient(create_app(api.store, proxies=["testclient"]), base_url="http://riso.example")
    response = trusted.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert "secure" in response.headers["set-cookie"].lower()
    untrusted = TestClient(create_app(api.store), base_url="http://127.0.0.1")
    response = untrusted.get("/login", headers={"X-Forwarded-Proto": "https"})  # anyone can send the header
    assert "strict-transport-security" not in response.headers
    assert "secure" not in response.headers["set-cookie"].lower()
