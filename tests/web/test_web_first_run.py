"""First run: an instance with no account says on its login page how to create the first admin."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from riso.api import create_app
from riso.services import accounts
from riso.store import open_store


def test_web_login_page_explains_the_first_admin(tmp_path: Path) -> None:
    store = open_store(tmp_path / "riso.duckdb")
    client = TestClient(create_app(store, public=False, cache_seconds=0))
    page = client.get("/login")
    assert page.status_code == 200 and "riso user add NAME --role admin" in page.text
    assert "尚无任何账户" in client.get("/login?lang=zh").text
    accounts.add_user(store, "ada", "admin", "a long password 1", actor="test")
    assert "riso user add" not in client.get("/login").text
    store.close()
