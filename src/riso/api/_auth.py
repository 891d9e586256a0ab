"""Who is asking: bearer tokens for scripts, session cookies for the web, roles, CSRF and public access."""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Awaitable, Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from riso.errors import NotAuthenticated, PermissionDenied
from riso.services import accounts
from riso.store import Store
from riso.store.users import Account, Session

__all__ = [
    "CSRF_COOKIE",
    "SESSION_COOKIE",
    "admin",
    "check_csrf",
    "cookie_secure",
    "current_user",
    "editor",
    "reader",
    "require_role",
    "user_from_headers",
]

SESSION_COOKIE = "riso_session"
CSRF_COOKIE = "riso_csrf"
TOKEN_CACHE_SECONDS = 5.0
_RANK = {"viewer": 1, "editor": 2, "admin": 3}
_bearer = HTTPBearer(auto_error=False, description="An API token from `riso user token NAME`.")


def store_of(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store  # type: ignore[no-any-return]


def public_access(request: Request) -> bool:
    """Whether anonymous reads are allowed (the store setting, re-read every few seconds)."""
    state = request.app.state
    now = time.monotonic()
    if state.public_checked_at + 2.0 < now:
        state.public = accounts.is_public(store_of(request))
        state.public_checked_at = now
    return bool(state.public)


def web_session(request: Request) -> Session | None:
    """The live web session of the request's cookie, if any (looked up once per request)."""
    if not hasattr(request.state, "session"):
        cookie = request.cookies.get(SESSION_COOKIE, "")
        request.state.session = accounts.session_for(store_of(request), cookie) if cookie else None
    return request.state.session  # type: ignore[no-any-return]


def _token_user(request: Request, token: str) -> Account:
    """The account of a bearer token, remembered for a few seconds so reads do not query it every time."""
    known: dict[str, tuple[float, Account]] = request.app.state.token_cache
    now = time.monotonic()
    hit = known.get(token)
    if hit is not None and hit[0] > now:
        return hit[1]
    user = accounts.authenticate_token(store_of(request), token)
    if len(known) > 10_000:
        known.clear()
    known[token] = (now + TOKEN_CACHE_SECONDS, user)
    return user


def user_from_headers(request: Request) -> Account | None:
    """The account of the request's bearer token or session cookie, from the headers alone (the body gate
    runs before any route); raises NotAuthenticated for a token that is unknown, revoked or expired."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return _token_user(request, token.strip())
    if request.cookies.get(SESSION_COOKIE):
        session = web_session(request)
        return session.user if session else None
    return None


async def current_user(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Account | None:
    """The account behind the bearer token or the session cookie; None for anonymous visitors."""
    if credentials is not None:
        hit = request.app.state.token_cache.get(credentials.credentials)
        if hit is not None and hit[0] > time.monotonic():
            user: Account | None = hit[1]
        else:
            user = await run_in_threadpool(_token_user, request, credentials.credentials)
        request.state.via = "token"
    else:
        session = None
        if request.cookies.get(SESSION_COOKIE):
            session = await run_in_threadpool(web_session, request)
        else:
            request.state.session = None
        user = session.user if session else None
        request.state.via = "session" if session else None
    request.state.user = user
    return user


async def reader(request: Request, user: Account | None = Depends(current_user)) -> Account | None:
    """Anyone with an account, or anyone at all on a public instance."""
    if request.app.state.public_checked_at + 2.0 < time.monotonic():
        await run_in_threadpool(public_access, request)
    if user is None and not request.app.state.public:
        raise NotAuthenticated(
            "this instance is not public; log in or send an API token",
            hint="Pass `Authorization: Bearer TOKEN` (from `riso user token NAME`) or log in at /login.",
        )
    return user


def require_role(role: str) -> Callable[..., Awaitable[Account]]:
    """A dependency that admits users holding ``role`` or a higher one."""

    async def check(request: Request, user: Account | None = Depends(current_user)) -> Account:
        if user is None:
            raise NotAuthenticated("this action needs an account", hint="Log in, or send an API token.")
        if _RANK.get(user.role, 0) < _RANK[role]:
            raise PermissionDenied(f"the {user.role} role cannot do this; it needs {role}")
        api_write = request.url.path.startswith("/api/") and request.method not in ("GET", "HEAD")
        if api_write and request.state.via == "session":
            check_csrf(request, request.headers.get("x-csrf-token", ""))
        return user

    return check


editor = require_role("editor")
admin = require_role("admin")


def csrf_token(request: Request) -> str:
    """The CSRF token forms must carry: the session's, else the anonymous double-submit cookie's."""
    session = web_session(request)
    if session is not None:
        return session.csrf
    return str(request.state.csrf_cookie)


def check_csrf(request: Request, sent: str) -> None:
    """Refuse a state-changing request whose CSRF token does not match."""
    expected = csrf_token(request)
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise PermissionDenied(
            "the form's security token is missing or stale", hint="Reload the page and submit the form again."
        )


def cookie_secure(request: Request) -> bool:
    """Secure cookies everywhere except plain HTTP on a loopback address (local use and tests)."""
    if request.url.scheme == "https":
        return True
    host = request.url.hostname or ""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True
