"""`riso user add|token|list|remove` and `riso serve --help` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app
from riso.services import accounts
from riso.store import open_store

runner = CliRunner()


def test_users_cli_add_token_list_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "riso.duckdb")
    added = runner.invoke(app, ["--db", db, "user", "add", "ana", "--role", "editor", "--password-stdin"],
                          input="a long password\n")
    assert added.exit_code == 0, added.output
    token = runner.invoke(app, ["--db", db, "user", "token", "ana"]).stdout.strip()
    assert token.startswith("riso_")
    listed = json.loads(runner.invoke(app, ["--db", db, "user", "list", "--format", "json"]).stdout)
    assert [(u["name"], u["role"]) for u in listed] == [("ana", "editor")]
    store = open_store(db)
    try:
        assert accounts.authenticate_token(store, token).role == "editor"
        assert "riso_" not in json.dumps(store.query("SELECT * FROM api_tokens"), default=str)  # only hashes stored
        hashed = store.get_user("ana")
        assert hashed is not None and hashed.password_hash and hashed.password_hash.startswith("$argon2")
        assert {a["action"] for a in store.list_audit()} >= {"user.add", "user.token"}
    finally:
        store.close()
    removed = runner.invoke(app, ["--db", db, "user", "remove", "ana"])
    assert removed.exit_code == 0
    store = open_store(db)
    try:
        assert store.user_for_token(token) is None and store.count_users() == 0
    finally:
        store.close()


def test_users_cli_refuses_bad_role_and_short_password(tmp_path: Path) -> None:
    db = str(tmp_path / "riso.duckdb")
    bad_role = runner.invoke(app, ["--db", db, "user", "add", "bob", "--role", "boss", "--password-stdin"],
                             input="a long password\n")
    assert bad_role.exit_code != 0
    short = runner.invoke(app, ["--db", db, "user", "add", "bob", "--role", "viewer", "--password-stdin"], input="x\n")
    assert short.exit_code != 0


def test_serve_cli_documents_its_options() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--public", "--max-upload-mb"):
        assert option in result.stdout
