"""Issue 16 item 3 and 17 item 8 through the CLI: `riso user password|unlock|token --revoke/--expires-days/--list`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from riso.cli import app
from riso.services import accounts
from riso.store import open_store

runner = CliRunner()


def test_issue16_user_password_unlock_and_tokens(tmp_path: Path) -> None:
    db = str(tmp_path / "riso.duckdb")
    added = runner.invoke(app, ["--db", db, "user", "add", "ana", "--role", "editor", "--password-stdin"],
                          input="a long password\n")
    assert added.exit_code == 0, added.output
    store = open_store(db)
    try:
        session_id, _ = accounts.login(store, "ana", "a long password")
        for _ in range(accounts.LOCK_AFTER):
            store.add_login_failure("user", "ana", now=1.0, lock_after=accounts.LOCK_AFTER)
    finally:
        store.close()
    changed = runner.invoke(app, ["--db", db, "user", "password", "ana", "--password-stdin"], input="a new secret!\n")
    assert changed.exit_code == 0, changed.output
    unlocked = runner.invoke(app, ["--db", db, "user", "unlock", "ana"])
    assert unlocked.exit_code == 0, unlocked.output
    token = runner.invoke(app, ["--db", db, "user", "token", "ana", "--label", "ci", "--expires-days", "7"]).stdout
    listed = json.loads(runner.invoke(app, ["--db", db, "user", "token", "ana", "--list", "--format", "json"]).stdout)
    assert [(t["label"], t["expires_at"] is not None) for t in listed] == [("ci", True)]
    store = open_store(db)
    try:
        assert accounts.session_for(store, session_id) is None  # the password change ended the session
        assert accounts.login(store, "ana", "a new secret!")[1].user.name == "ana"
        assert accounts.authenticate_token(store, token.strip()).name == "ana"
    finally:
        store.close()
    revoked = runner.invoke(app, ["--db", db, "user", "token", "ana", "--revoke", listed[0]["id"]])
    assert revoked.exit_code == 0, revoked.output
    again = runner.invoke(app, ["--db", db, "user", "token", "ana", "--revoke", token.strip()])
    assert again.exit_code != 0 and "no such token" in str(again.exception)
    store = open_store(db)
    try:
        assert store.list_tokens("ana") == []
        actions = {a["action"] for a in store.list_audit()}
        assert {"user.password", "user.unlock", "user.token_revoke"} <= actions
    finally:
        store.close()
