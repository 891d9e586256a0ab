"""/api/v1/match: ranked offers for a need; only editors of the owning organisation edit a need (403)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from riso.api import create_app
from riso.services import accounts
from riso.services import match as match_service
from riso.store import open_store

PASSWORD = "correct horse battery"


def test_api_match_need_edit_rights_and_matches(tmp_path: Path) -> None:
    store = open_store(tmp_path / "m.duckdb")
    try:
        match_service.import_offers(store, "nkrdp")
        tokens = {}
        for name, role in (("ed", "editor"), ("other", "editor"), ("view", "viewer")):
            accounts.add_user(store, name, role, PASSWORD, actor="test")
            tokens[name] = {"Authorization": f"Bearer {accounts.issue_token(store, name, actor='test')}"}
        store.add_member("acme", "ed")
        store.add_member("acme", "view")
        store.add_member("globex", "other")
        client = TestClient(create_app(store, cache_seconds=0), base_url="https://testserver")
        body = {"title": "Batterie-Wärmemanagement für Antriebsbatterien", "language": "de", "owner": "acme",
                "region": "Chongqing"}
        assert client.put("/api/v1/match/needs/n:acme:1", json=body, headers=tokens["other"]).status_code == 403
        assert client.put("/api/v1/match/needs/n:acme:1", json=body, headers=tokens["view"]).status_code == 403
        assert client.put("/api/v1/match/needs/n:acme:1", json=body).status_code == 401
        ok = client.put("/api/v1/match/needs/n:acme:1", json=body, headers=tokens["ed"])
        assert ok.status_code == 200, ok.text
        assert ok.json()["region"] == "CN-CQ"
        changed = {**body, "title": "changed by another firm"}
        assert client.put("/api/v1/match/needs/n:acme:1", json=changed, headers=tokens["other"]).status_code == 403
        res = client.get("/api/v1/match/needs/n:acme:1/matches?k=3", headers=tokens["view"])
        assert res.status_code == 200, res.text
        data = res.json()
        assert data["mode"] in ("lexical", "hybrid") and len(data["matches"]) == 3
        first = data["matches"][0]
        assert "power_battery" in first["explanation"]["concepts"]
        decision = {"need": "n:acme:1", "offer": first["offer"], "decision": "contact"}
        assert client.post("/api/v1/match/decisions", json=decision, headers=tokens["other"]).status_code == 403
        assert client.post("/api/v1/match/decisions", json=decision, headers=tokens["ed"]).status_code == 201
        offers = client.get(f"/api/v1/match/offers/{first['offer']}/needs", headers=tokens["view"]).json()
        assert offers["matches"][0]["need"] == "n:acme:1"
        for who, status in (("other", 403), ("view", 403), (None, 401)):
            refused = client.delete("/api/v1/match/needs/n:acme:1", headers=tokens[who] if who else {})
            assert refused.status_code == status, who
        assert store.list_decisions(need="n:acme:1")
        removed = client.delete("/api/v1/match/needs/n:acme:1", headers=tokens["ed"])
        assert removed.status_code == 200, removed.text
        assert removed.json()["removed"]["title"] == body["title"]
        assert not store.list_decisions(need="n:acme:1") and "n:acme:1" not in {n.id for n in store.list_needs()}
        audit = [a for a in store.list_audit(limit=10) if a["action"] == "match.need.delete"]
        assert audit and audit[0]["actor"] == "ed" and audit[0]["target"] == "n:acme:1"
        assert client.delete("/api/v1/match/needs/n:acme:1", headers=tokens["ed"]).status_code == 404
    finally:
        store.close()
