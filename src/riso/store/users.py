"""Store methods: accounts, roles, API tokens, web sessions, instance settings and the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from riso.errors import BadRequest, NotFound
from riso.store.base import SQLBackend

__all__ = ["ROLES", "Account", "LoginFailures", "Role", "Session", "TokenInfo", "UsersMixin"]

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


@dataclass(frozen=True)
class LoginFailures:
    """Failed logins in a row for an account (scope "user") or an address (scope "address")."""

    scope: str
    subject: str
    failures: int
    last_failed_at: float
    locked: bool


@dataclass(frozen=True)
class TokenInfo:
    """An API token as listed: a short id (the start of its hash), never the token itself."""

    id: str
    user: str
    label: str | None
    created_at: str
    expires_at: float | None


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
            self._run("DELETE FROM login_failures WHERE scope = 'user' AND subject = ?", (name,))
            self._run("DELETE FROM users WHERE name = ?", (name,))

    # -- API tokens (only their hashes are stored) --------------------------------
    def add_token(
        self, token_hash: str, user: str, label: str | None = None, *, expires_at: float | None = None
    ) -> None:
        """Store the hash of a new API token for a user (valid until ``expires_at``, epoch seconds, if given)."""
        with self.transaction():
            self.require_user(user)
            self._run(
                "INSERT INTO api_tokens (token_hash, user_name, label, expires_at) VALUES (?, ?, ?, ?)",
                (token_hash, user, label, expires_at),
            )

    def user_for_token(self, token_hash: str, *, now: float | None = None) -> Account | None:
        """The account an API token hash belongs to, or None (also when it expired before ``now``)."""
        row = self.query_one(
            "SELECT u.name, u.role, t.expires_at FROM api_tokens t JOIN users u ON u.name = t.user_name "
            "WHERE t.token_hash = ?",
            (token_hash,),
        )
        if row is None or (now is not None and row["expires_at"] is not None and row["expires_at"] <= now):
            return None
        return Account(row["name"], row["role"])

    def list_tokens(self, user: str) -> list[TokenInfo]:
        """A user's API tokens, oldest first, by their short ids."""
        self.require_user(user)
        rows = self.query(
            "SELECT token_hash, user_name, label, created_at, expires_at FROM api_tokens WHERE user_name = ? "
            "ORDER BY created_at, token_hash",
            (user,),
        )
        return [
            TokenInfo(r["token_hash"][:12], r["user_name"], r["label"], str(r["created_at"]), r["expires_at"])
            for r in rows
        ]

    def remove_token(self, user: str, token_hash: str | None = None, *, short_id: str | None = None) -> int:
        """Delete one of a user's tokens by its hash or its short id; how many were deleted (0 or 1).

        Raises BadRequest when the short id names several tokens."""
        with self.transaction():
            self.require_user(user)
            if token_hash is not None:
                where, param = "token_hash = ?", token_hash
            elif short_id:
                where, param = "token_hash LIKE ?", short_id + "%"
            else:
                return 0
            row = self.query_one(f"SELECT count(*) AS n FROM api_tokens WHERE user_name = ? AND {where}", (user, param))
            found = int(row["n"]) if row else 0
            if found > 1:
                raise BadRequest(
                    f"the id {short_id!r} names {found} tokens", hint="Give more characters, or the token itself."
                )
            self._run(f"DELETE FROM api_tokens WHERE user_name = ? AND {where}", (user, param))
            return found

    # -- failed logins ------------------------------------------------------------
    def login_failures(self, scope: str, subject: str) -> LoginFailures | None:
        """The failed-login counter of an account or address, or None when it has none."""
        row = self.query_one(
            "SELECT scope, subject, failures, last_failed_at, locked FROM login_failures "
            "WHERE scope = ? AND subject = ?",
            (scope, subject),
        )
        if row is None:
            return None
        return LoginFailures(
            row["scope"], row["subject"], int(row["failures"]), float(row["last_failed_at"]), bool(row["locked"])
        )

    def add_login_failure(
        self, scope: str, subject: str, *, now: float, lock_after: int | None = None, forget_before: float = 0.0
    ) -> LoginFailures:
        """Count one more failed login (from 1 again when the last one was before ``forget_before`` and the
        counter is not locked; locking it at ``lock_after`` failures); the new counter."""
        with self.transaction():
            self._run(
                "INSERT INTO login_failures (scope, subject, failures, last_failed_at) VALUES (?, ?, 1, ?) "
                "ON CONFLICT (scope, subject) DO UPDATE SET failures = CASE WHEN login_failures.locked = 0 "
                "AND login_failures.last_failed_at < ? THEN 1 ELSE login_failures.failures + 1 END, "
                "last_failed_at = excluded.last_failed_at",
                (scope, subject, now, forget_before),
            )
            if lock_after is not None:
                self._run(
                    "UPDATE login_failures SET locked = 1 WHERE scope = ? AND subject = ? AND failures >= ?",
                    (scope, subject, lock_after),
                )
            found = self.login_failures(scope, subject)
        assert found is not None
        return found

    def clear_login_failures(self, scope: str, subject: str) -> bool:
        """Forget the failed logins of an account or address (unlocking it); whether there were any."""
        with self.transaction():
            had = self.login_failures(scope, subject) is not None
            self._run("DELETE FROM login_failures WHERE scope = ? AND subject = ?", (scope, subject))
        return had

    def locked_accounts(self) -> list[LoginFailures]:
        """Accounts locked after failed logins, by name."""
        rows = self.query(
            "SELECT scope, subject, failures, last_failed_at, locked FROM login_failures "
            "WHERE scope = 'user' AND locked = 1 ORDER BY subject"
        )
        return [
            LoginFailures(r["scope"], r["subject"], int(r["failures"]), float(r["last_failed_at"]), True) for r in rows
        ]

    def end_sessions_of(self, user: str) -> None:
        """Delete every web session of a user (after a password change)."""
        self.execute("DELETE FROM sessions WHERE user_name = ?", (user,))

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
