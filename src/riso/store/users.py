"""Store methods: accounts, roles, API tokens, web sessions, instance settings and the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from riso.errors import BadRequest, NotFound
from riso.store.base import SQLBackend

__all__ = ["ROLES", "Account", "Role", "Session", "UsersMixin"]

Role = Literal["admin", "editor", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "editor", "viewer")


@dataclass(frozen=True)
class Account:
    """A user of a shared instance and the role it holds."""

    name: str
    role: Role
    password_hash: str | None = None
    created_at: str | None = None


@dataclass(frozen=True)
class Session:
    """A web session: whose it is, its CSRF token and when it ends (epoch seconds)."""

    user: Account
    csrf: str
    expires_at: float


class UsersMixin(SQLBackend):
    """Accounts, roles, API tokens, sessions, settings and the audit log."""

    # -- accounts -----------------------------------------------------------------
    def add_user(self, name: str, role: Role, password_hash: str | None = None) -> Account:
        """Create an account; raises BadRequest when the name is taken or the role unknown."""
        if role not in ROLES:
            raise BadRequest(f"unknown role {role!r}", hint=f"Use one of: {', '.join(ROLES)}.")
        with self.transaction():
            if self.get_user(name) is not None:
                raise BadRequest(f"a user named {name!r} exists", hint="Pick another name or remove that user first.")
            self._run("INSERT INTO users (name, role, password_hash) VALUES (?, ?, ?)", (name, role, password_hash))
        return Account(name=name, role=role, password_hash=password_hash)

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace a user's password hash."""
        self.require_user(name)
        self.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name))

    def get_user(self, name: str) -> Account | None:
        """The account with this name, or None."""
        row = self.query_one("SELECT name, role, password_hash, created_at FROM users WHERE name = ?", (name,))
        if row is None:
            return None
        return Account(row["name"], row["role"], row["password_hash"], str(row["created_at"]))

    def require_user(self, name: str) -> Account:
        """The account with this name; raises NotFound."""
        account = self.get_user(name)
        if account is None:
            raise NotFound(f"no user named {name!r}", hint="List the users with `riso user list`.")
        return account

    def list_users(self) -> list[Account]:
        """Every account, by name (without password hashes)."""
        rows = self.query("SELECT name, role, created_at FROM users ORDER BY name")
        return [Account(r["name"], r["role"], None, str(r["created_at"])) for r in rows]

    def count_users(self) -> int:
        """How many accounts exist."""
        row = self.query_one("SELECT count(*) AS n FROM users")
        return int(row["n"]) if row else 0

    def remove_user(self, name: str) -> None:
        """Delete an account with its tokens and sessions; raises NotFound."""
        with self.transaction():
            self.require_user(name)
            self._run("DELETE FROM api_tokens WHERE user_name = ?", (name,))
            self._run("DELETE FROM sessions WHERE user_name = ?", (name,))
            self._run("DELETE FROM users WHERE name = ?", (name,))

    # -- API tokens (only their hashes are stored) --------------------------------
    def add_token(self, token_hash: str, user: str, label: str | None = None) -> None:
        """Store the hash of a new API token for a user."""
        with self.transaction():
            self.require_user(user)
            self._run(
                "INSERT INTO api_tokens (token_hash, user_name, label) VALUES (?, ?, ?)", (token_hash, user, label)
            )

    def user_for_token(self, token_hash: str) -> Account | None:
        """The account an API token hash belongs to, or None."""
        row = self.query_one(
            "SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?",
            (token_hash,),
        )
        return Account(row["name"], row["role"]) if row else None

    # -- sessions -----------------------------------------------------------------
    def add_session(self, id_hash: str, user: str, csrf: str, expires_at: float) -> None:
        """Store a new web session (by the hash of its id)."""
        self.execute(
            "INSERT INTO sessions (id_hash, user_name, csrf, expires_at) VALUES (?, ?, ?, ?)",
            (id_hash, user, csrf, expires_at),
        )

    def get_session(self, id_hash: str, *, now: float) -> Session | None:
        """The live session with this id hash, or None when absent or expired."""
        row = self.query_one(
            "SELECT s.csrf, s.expires_at, u.name, u.role FROM sessions s JOIN users u ON u.name = s.user_name "
            "WHERE s.id_hash = ? AND s.expires_at > ?",
            (id_hash, now),
        )
        if row is None:
            return None
        return Session(Account(row["name"], row["role"]), row["csrf"], float(row["expires_at"]))

    def delete_session(self, id_hash: str, *, now: float | None = None) -> None:
        """End a session (and drop expired ones when ``now`` is given)."""
        with self.transaction():
            self._run("DELETE FROM sessions WHERE id_hash = ?", (id_hash,))
            if now is not None:
                self._run("DELETE FROM sessions WHERE expires_at <= ?", (now,))

    # -- settings -----------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """An instance setting's value, or ``default``."""
        row = self.query_one("SELECT value FROM settings WHERE name = ?", (key,))
        return str(row["value"]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Set an instance setting."""
        with self.transaction():
            self._run("DELETE FROM settings WHERE name = ?", (key,))
            self._run("INSERT INTO settings (name, value) VALUES (?, ?)", (key, value))

    # -- audit log ----------------------------------------------------------------
    def audit(self, actor: str, action: str, target: str | None = None, detail: object = None) -> None:
        """Record who did which write."""
        text = None if detail is None else json.dumps(detail, ensure_ascii=False, default=str)
        self.execute(
            "INSERT INTO audit_log (actor, action, target, detail) VALUES (?, ?, ?, ?)", (actor, action, target, text)
        )

    def list_audit(self, *, limit: int = 100) -> list[dict[str, object]]:
        """The newest audit entries first."""
        rows = self.query(
            "SELECT logged_at, actor, action, target, detail FROM audit_log ORDER BY logged_at DESC LIMIT ?", (limit,)
        )
        return [{**r, "logged_at": str(r["logged_at"])} for r in rows]
