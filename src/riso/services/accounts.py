"""Accounts for a shared instance: password hashing (argon2), API tokens, web sessions, public access."""

from __future__ import annotations

import hashlib
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from riso.errors import BadRequest, NotAuthenticated
from riso.store import Store
from riso.store.users import ROLES, Account, Role, Session

__all__ = [
    "SESSION_SECONDS",
    "add_user",
    "authenticate_token",
    "end_session",
    "is_public",
    "issue_token",
    "list_users",
    "login",
    "remove_user",
    "session_for",
    "set_public",
]

SESSION_SECONDS = 12 * 3600
MIN_PASSWORD = 8
_HASHER = PasswordHasher()
# A hash to verify against when the user does not exist, so a login takes as long either way.
_DUMMY_HASH = _HASHER.hash("riso-no-such-user")


def _digest(secret: str) -> str:
    """Tokens and session ids are 256-bit random strings: a plain SHA-256 is enough to store them."""
    return hashlib.sha256(secret.encode()).hexdigest()


def add_user(store: Store, name: str, role: str, password: str | None = None, *, actor: str = "cli") -> Account:
    """Create an account with an argon2-hashed password (or none: token-only)."""
    if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise BadRequest(f"invalid user name {name!r}", hint="Use 1-64 letters, digits, '-', '_' or '.'.")
    if role not in ROLES:
        raise BadRequest(f"unknown role {role!r}", hint=f"Use one of: {', '.join(ROLES)}.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise BadRequest("the password is too short", hint=f"Use at least {MIN_PASSWORD} characters.")
    hashed = _HASHER.hash(password) if password is not None else None
    with store.transaction():
        account = store.add_user(name, _role(role), hashed)
        store.audit(actor, "user.add", name, {"role": role})
    return account


def _role(role: str) -> Role:
    for known in ROLES:
        if known == role:
            return known
    raise BadRequest(f"unknown role {role!r}", hint=f"Use one of: {', '.join(ROLES)}.")


def remove_user(store: Store, name: str, *, actor: str = "cli") -> None:
    """Delete an account, its tokens and sessions."""
    with store.transaction():
        store.remove_user(name)
        store.audit(actor, "user.remove", name)


def list_users(store: Store) -> list[Account]:
    """Every account (without password hashes)."""
    return store.list_users()


def issue_token(store: Store, name: str, *, label: str | None = None, actor: str = "cli") -> str:
    """A new API token for a user; only its hash is stored, so show it once."""
    token = "riso_" + secrets.token_urlsafe(32)
    with store.transaction():
        store.add_token(_digest(token), name, label)
        store.audit(actor, "user.token", name, {"label": label})
    return token


def authenticate_token(store: Store, token: str) -> Account:
    """The account of a bearer token; raises NotAuthenticated."""
    account = store.user_for_token(_digest(token)) if token else None
    if account is None:
        raise NotAuthenticated("the API token is not valid", hint="Create a token with `riso user token NAME`.")
    return account


def login(store: Store, name: str, password: str) -> tuple[str, Session]:
    """Check a password and open a web session: (session id for the cookie, session)."""
    account = store.get_user(name) if name.isprintable() else None
    stored = account.password_hash if account else None
    try:
        _HASHER.verify(stored or _DUMMY_HASH, password)
        ok = account is not None and stored is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None:
        raise NotAuthenticated("wrong user name or password", hint="Check both, or ask an admin to reset them.")
    session_id = secrets.token_urlsafe(32)
    session = Session(Account(account.name, account.role), secrets.token_urlsafe(24), time.time() + SESSION_SECONDS)
    with store.transaction():
        store.add_session(_digest(session_id), account.name, session.csrf, session.expires_at)
        store.audit(account.name, "session.login", account.name)
    return session_id, session


def session_for(store: Store, session_id: str) -> Session | None:
    """The live session behind a cookie value, or None."""
    if not session_id or len(session_id) > 128:
        return None
    return store.get_session(_digest(session_id), now=time.time())


def end_session(store: Store, session_id: str) -> None:
    """Log out: delete the session and expired ones."""
    store.delete_session(_digest(session_id), now=time.time())


def is_public(store: Store) -> bool:
    """Whether anonymous visitors may read this instance."""
    return store.get_setting("public", "0") == "1"


def set_public(store: Store, public: bool, *, actor: str = "cli") -> None:
    """Switch anonymous read access on or off (audited)."""
    with store.transaction():
        store.set_setting("public", "1" if public else "0")
        store.audit(actor, "settings.public", None, {"public": public})
