"""Accounts for a shared instance: password hashing (argon2), API tokens, web sessions, public access,
and the login throttle (growing delays per account and per address, lockout an admin lifts)."""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from riso.errors import AccountLocked, BadRequest, NotAuthenticated, NotFound, ServerBusy, TooManyAttempts
from riso.store import Store
from riso.store.users import ROLES, Account, LoginFailures, Role, Session, TokenInfo

__all__ = [
    "ADDRESS_FREE_FAILURES",
    "HASH_SLOTS",
    "LOCK_AFTER",
    "SESSION_SECONDS",
    "USER_FREE_FAILURES",
    "add_user",
    "authenticate_token",
    "end_session",
    "hash_slot",
    "is_public",
    "issue_token",
    "list_tokens",
    "list_users",
    "locked_accounts",
    "login",
    "login_delay",
    "remove_user",
    "revoke_token",
    "session_for",
    "set_password",
    "set_public",
    "unlock_user",
]

SESSION_SECONDS = 12 * 3600
MIN_PASSWORD = 8
USER_FREE_FAILURES = 3  # failed logins in a row on one account before each next try must wait
ADDRESS_FREE_FAILURES = 10  # the same from one client address (over every account it tries)
LOCK_AFTER = 10  # failed logins in a row that lock an account until an admin unlocks it
MAX_DELAY_SECONDS = 900.0
FORGET_AFTER_SECONDS = 3600.0  # a counter not locked and quiet this long starts again from zero
# argon2id with argon2-cffi's defaults needs 64 MiB per hash: at most HASH_SLOTS run at once, the
# other logins wait their turn for up to HASH_WAIT_SECONDS and are then refused (503), not queued on.
HASH_SLOTS = 2
HASH_WAIT_SECONDS = 10.0
_HASHER = PasswordHasher()
_SLOTS = threading.BoundedSemaphore(HASH_SLOTS)
# A hash to verify against when the user does not exist, so a login takes as long either way.
_DUMMY_HASH = _HASHER.hash("riso-no-such-user")


def _now() -> float:
    """The wall clock (epoch seconds); one seam, so the throttle's tests can move time."""
    return time.time()


@contextmanager
def hash_slot(*, wait: float | None = None) -> Iterator[None]:
    """One of the HASH_SLOTS places to compute a password hash; raises ServerBusy after ``wait`` seconds
    (default HASH_WAIT_SECONDS)."""
    if not _SLOTS.acquire(timeout=HASH_WAIT_SECONDS if wait is None else wait):
        raise ServerBusy(
            "too many logins at the same moment; the server checks a few passwords at a time",
            hint="Try again in a few seconds.",
        )
    try:
        yield
    finally:
        _SLOTS.release()


def login_delay(failures: int, free: int) -> float:
    """Seconds the next try must wait after ``failures`` failed logins in a row: none for the first
    ``free`` - 1, then 1, 2, 4, 8 … seconds, at most MAX_DELAY_SECONDS."""
    if failures < free:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failures - free))


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
    hashed = None
    if password is not None:
        with hash_slot():
            hashed = _HASHER.hash(password)
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


def issue_token(
    store: Store, name: str, *, label: str | None = None, expires_days: float | None = None, actor: str = "cli"
) -> str:
    """A new API token for a user, valid for ``expires_days`` days (None: until revoked); only its hash is
    stored, so show it once."""
    if expires_days is not None and not (0 < expires_days <= 3650):
        raise BadRequest(f"invalid token lifetime {expires_days!r} days", hint="Give a number of days from 1 to 3650.")
    token = "riso_" + secrets.token_urlsafe(32)
    expires_at = _now() + expires_days * 86400 if expires_days is not None else None
    with store.transaction():
        store.add_token(_digest(token), name, label, expires_at=expires_at)
        store.audit(actor, "user.token", name, {"label": label, "expires_days": expires_days})
    return token


def list_tokens(store: Store, name: str) -> list[TokenInfo]:
    """A user's API tokens by short id (the token itself is never stored)."""
    return store.list_tokens(name)


def revoke_token(store: Store, name: str, token: str, *, actor: str = "cli") -> None:
    """Revoke one of a user's API tokens, given the token or its short id from ``list_tokens`` (audited).

    Raises NotFound when the user has no such token.
    """
    token = token.strip()
    with store.transaction():
        if token.startswith("riso_"):
            removed = store.remove_token(name, _digest(token))
        elif len(token) >= 6 and all(c in "0123456789abcdef" for c in token):
            removed = store.remove_token(name, short_id=token)
        else:
            removed = 0
        if not removed:
            raise NotFound(
                f"the user {name!r} has no such token", hint=f"List its tokens with `riso user token {name} --list`."
            )
        store.audit(actor, "user.token_revoke", name)


def authenticate_token(store: Store, token: str) -> Account:
    """The account of a bearer token; raises NotAuthenticated (unknown, revoked or expired)."""
    account = store.user_for_token(_digest(token), now=_now()) if token else None
    if account is None:
        raise NotAuthenticated(
            "the API token is not valid (unknown, revoked or expired)",
            hint="Create a token with `riso user token NAME`.",
        )
    return account


def login(store: Store, name: str, password: str, *, address: str | None = None) -> tuple[str, Session]:
    """Check a password and open a web session: (session id for the cookie, session).

    Raises NotAuthenticated for a wrong name or password, TooManyAttempts while the account or the
    ``address`` must wait after failed logins, AccountLocked after LOCK_AFTER failures in a row, and
    ServerBusy when every hashing slot stays taken. Failed, throttled and locked logins are audited.
    """
    subject = name if name and name.isprintable() and len(name) <= 64 else "?"
    with hash_slot():  # the throttle is read inside the slot, so parallel guesses see each other's failures
        now = _now()
        _check_throttle(store, subject, address, now)
        account = store.get_user(name) if subject != "?" else None
        stored = account.password_hash if account else None
        try:
            _HASHER.verify(stored or _DUMMY_HASH, password)
            ok = account is not None and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or account is None:
            _count_failure(store, subject, address, now)
            raise NotAuthenticated("wrong user name or password", hint="Check both, or ask an admin to reset them.")
    session_id = secrets.token_urlsafe(32)
    session = Session(Account(account.name, account.role), secrets.token_urlsafe(24), _now() + SESSION_SECONDS)
    with store.transaction():
        store.clear_login_failures("user", account.name)
        store.add_session(_digest(session_id), account.name, session.csrf, session.expires_at)
        store.audit(account.name, "session.login", account.name, {"address": address})
    return session_id, session


def _counters(store: Store, subject: str, address: str | None) -> list[tuple[LoginFailures, int]]:
    found = []
    for scope, key, free in (("user", subject, USER_FREE_FAILURES), ("address", address, ADDRESS_FREE_FAILURES)):
        record = store.login_failures(scope, key) if key else None
        if record is not None:
            found.append((record, free))
    return found


def _check_throttle(store: Store, subject: str, address: str | None, now: float) -> None:
    for record, free in _counters(store, subject, address):
        if record.locked:
            store.audit(subject, "session.login_locked", subject, {"address": address})
            raise AccountLocked(f"the account {subject!r} is locked after {record.failures} failed logins in a row")
        if now - record.last_failed_at > FORGET_AFTER_SECONDS:
            continue
        wait = record.last_failed_at + login_delay(record.failures, free) - now
        if wait > 0:
            what = "account" if record.scope == "user" else "address"
            store.audit(subject, "session.login_throttled", subject, {"address": address, "wait": round(wait, 1)})
            raise TooManyAttempts(
                f"too many failed logins for this {what}; try again in {math.ceil(wait)} s", retry_after=wait
            )


def _count_failure(store: Store, subject: str, address: str | None, now: float) -> None:
    with store.transaction():
        forget = now - FORGET_AFTER_SECONDS
        user = store.add_login_failure("user", subject, now=now, lock_after=LOCK_AFTER, forget_before=forget)
        if address:
            store.add_login_failure("address", address, now=now, forget_before=forget)
        store.audit(subject, "session.login_failed", subject, {"address": address, "failures": user.failures})
        if user.locked and user.failures == LOCK_AFTER:
            store.audit(subject, "session.locked", subject, {"address": address, "failures": user.failures})


def unlock_user(store: Store, name: str, *, actor: str = "cli") -> None:
    """Lift an account's lockout and forget its failed logins (audited); raises NotFound."""
    with store.transaction():
        had = store.clear_login_failures("user", name)
        if not had and store.get_user(name) is None:
            raise NotFound(f"no user named {name!r}", hint="List the users with `riso user list`.")
        store.audit(actor, "user.unlock", name)


def locked_accounts(store: Store) -> list[LoginFailures]:
    """Accounts locked after failed logins."""
    return store.locked_accounts()


def set_password(store: Store, name: str, password: str, *, actor: str = "cli") -> None:
    """Give an account a new password; ends its web sessions and lifts a lockout (audited)."""
    if len(password) < MIN_PASSWORD:
        raise BadRequest("the password is too short", hint=f"Use at least {MIN_PASSWORD} characters.")
    store.require_user(name)
    with hash_slot():
        hashed = _HASHER.hash(password)
    with store.transaction():
        store.set_password_hash(name, hashed)
        store.end_sessions_of(name)
        store.clear_login_failures("user", name)
        store.audit(actor, "user.password", name)


def session_for(store: Store, session_id: str) -> Session | None:
    """The live session behind a cookie value, or None."""
    if not session_id or len(session_id) > 128:
        return None
    return store.get_session(_digest(session_id), now=_now())


def end_session(store: Store, session_id: str) -> None:
    """Log out: delete the session and expired ones."""
    store.delete_session(_digest(session_id), now=_now())


def is_public(store: Store) -> bool:
    """Whether anonymous visitors may read this instance."""
    return store.get_setting("public", "0") == "1"


def set_public(store: Store, public: bool, *, actor: str = "cli") -> None:
    """Switch anonymous read access on or off (audited)."""
    with store.transaction():
        store.set_setting("public", "1" if public else "0")
        store.audit(actor, "settings.public", None, {"public": public})
