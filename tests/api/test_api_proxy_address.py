"""Issue 17: the login throttle counts the client address as the trusted proxy reports it (RISO_TRUSTED_PROXIES)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from api_helpers import Api
from fastapi.testclient import TestClient

from riso.api import create_app
from riso.api._headers import forwarded_client
from riso.services import accounts


def _login(client: TestClient, name: str, forwarded_for: str | None) -> Any:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    form = client.get("/login", headers=headers).text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    return client.post("/login", data={"name": name, "password": "wrong password", "csrf": token.group(1)},
                       headers=headers, follow_redirects=False)


def _failed_addresses(api: Api) -> set[str]:
    entries = api.store.list_audit(limit=50)
    return {json.loads(str(a["detail"]))["address"] for a in entries if a["action"] == "session.login_failed"}


@pytest.fixture
def strict_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the per-address throttle acts: 2 free failures per address, then a 30 s wait."""
    monkeypatch.setattr(accounts, "ADDRESS_FREE_FAILURES", 2)
    monkeypatch.setattr(accounts, "USER_FREE_FAILURES", 1000)
    monkeypatch.setattr(accounts, "LOCK_AFTER", 10_000)
    monkeypatch.setattr(accounts, "login_delay", lambda failures, free: 0.0 if failures < free else 30.0)


def test_issue17_throttle_counts_the_address_a_trusted_proxy_reports(api: Api, strict_address: None) -> None:
    behind = TestClient(create_app(api.store, cache_seconds=0, proxies=["testclient"]), base_url="https://riso.example")
    for i in range(2):
        assert _login(behind, f"nobody{i}", "203.0.113.7").status_code == 401
    assert _login(behind, "nobody9", "203.0.113.7").status_code == 429  # that client's address waits
    # another client behind the same proxy is not punished for the first one's failures
    assert _login(behind, "nobody0", "198.51.100.4").status_code == 401
    assert _failed_addresses(api) == {"203.0.113.7", "198.51.100.4"}


def test_issue17_an_untrusted_peer_cannot_escape_the_throttle_with_forged_headers(
    api: Api, strict_address: None
) -> None:
    direct = TestClient(create_app(api.store, cache_seconds=0), base_url="https://riso.example")  # no proxies
    assert _login(direct, "a", "203.0.113.1").status_code == 401
    assert _login(direct, "b", "203.0.113.2").status_code == 401
    # every forged X-Forwarded-For is ignored: the peer's own address was counted twice and now waits
    assert _login(direct, "c", "203.0.113.3").status_code == 429
    assert _failed_addresses(api) == {"testclient"}


def test_forwarded_client_reads_the_chain_from_the_right() -> None:
    proxies = frozenset({"10.0.0.1", "10.0.0.2"})
    assert forwarded_client("10.0.0.1", ["198.51.100.9, 203.0.113.5, 10.0.0.2"], proxies) == "203.0.113.5"
    assert forwarded_client("10.0.0.1", ["203.0.113.5", "10.0.0.2"], proxies) == "203.0.113.5"  # repeated header
    assert forwarded_client("192.0.2.8", ["203.0.113.5"], proxies) == "192.0.2.8"  # the peer is no proxy
    assert forwarded_client("10.0.0.1", ["not-an-address"], proxies) == "10.0.0.1"
    assert forwarded_client("10.0.0.1", ["10.0.0.2"], proxies) == "10.0.0.2"  # only proxies: the farthest one
    assert forwarded_client("10.0.0.1", [], proxies) == "10.0.0.1"
