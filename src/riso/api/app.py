"""The FastAPI application: /api/v1 resources, the dashboard, one error shape, the CSRF cookie."""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from riso.api import admin, catalog, documents, facts, index, match, network, review, stories, targets, uploads
from riso.api._auth import CSRF_COOKIE, cookie_secure, reader, user_from_headers
from riso.api._headers import add_security_headers, apply_forwarded_scheme, trusted_proxies
from riso.api._render import FiniteJSONResponse, ReadCache
from riso.api.docs import install_docs
from riso.api.gate import BodyGate
from riso.errors import BadRequest, NotAuthenticated, NotFound, RisoError, TooManyAttempts
from riso.services import accounts
from riso.store import Store, open_store

__all__ = ["API_PREFIX", "create_app", "error_body"]

API_PREFIX = "/api/v1"
log = logging.getLogger("riso.api")


def error_body(code: str, message: str, hint: str) -> dict[str, dict[str, str]]:
    """The one error shape of every API error."""
    return {"error": {"code": code, "message": message, "hint": hint}}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or "application/json" in request.headers.get("accept", "")


def _error_response(request: Request, err: RisoError) -> Response:
    if not _is_api(request):
        if isinstance(err, NotAuthenticated) and request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        render = getattr(request.app.state, "render_error", None)
        if render is not None:
            return render(request, err)  # type: ignore[no-any-return]
    body = error_body(err.code, str(err), err.hint)
    headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
    if isinstance(err, TooManyAttempts):
        headers = {"Retry-After": str(math.ceil(err.retry_after))}
    return JSONResponse(body, status_code=err.status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(RisoError)
    async def riso_error(request: Request, exc: RisoError) -> Response:
        if exc.status >= 500:
            log.error("server error on %s: %r", request.url.path, exc, exc_info=exc)
        return _error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, BadRequest(_validation_message(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error_response(request, NotFound(f"no page at {request.url.path[:200]}"))
        err = BadRequest(str(exc.detail))
        err.status, err.code = exc.status_code, f"R{exc.status_code}"
        return _error_response(request, err)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        body = error_body("R000", "the server failed to answer this request", "Try again; report it if it persists.")
        return JSONResponse(body, status_code=500)


class _Guard:
    """Pure ASGI middleware: refuses NUL characters, hands out the CSRF cookie, adds safety headers."""

    def __init__(self, app: ASGIApp, trusted: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        apply_forwarded_scheme(scope, self.trusted)
        request = Request(scope)
        existing = request.cookies.get(CSRF_COOKIE, "")
        token = existing if 20 <= len(existing) <= 64 else secrets.token_urlsafe(24)
        request.state.csrf_cookie = token
        request.state.user = None
        cookie = None
        if token != existing and not request.url.path.startswith(API_PREFIX):
            holder = Response()
            holder.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=cookie_secure(request))
            cookie = holder.headers["set-cookie"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                add_security_headers(
                    headers, path=scope["path"], https=scope.get("scheme") == "https", docs_prefix=f"{API_PREFIX}/docs"
                )
                if cookie is not None:
                    headers.append("set-cookie", cookie)
            await send(message)

        params = request.query_params.multi_items()
        if not request.url.path.isprintable() or not all(k.isprintable() and v.isprintable() for k, v in params):
            err = BadRequest(
                "the URL contains a control character (such as NUL, a tab or a line break)",
                hint="Remove the control characters (%00-%1F, %7F-%9F) from the path and parameters.",
            )
            await _error_response(request, err)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def create_app(
    store: str | Store | None = None,
    *,
    public: bool | None = None,
    max_upload_mb: float = 10.0,
    cache_seconds: float = 5.0,
    dashboard: bool = True,
    proxies: Iterable[str] | None = None,
    worker: bool = True,
) -> FastAPI:
    """Build the riso server over a store (a URL, a path, or an open Store).

    ``public`` switches anonymous read access on or off and stores the choice; None keeps the stored one.
    ``proxies`` are the addresses whose X-Forwarded-Proto/-For are believed (default: $RISO_TRUSTED_PROXIES).
    ``worker`` runs the upload worker in this process (started with the app, or by the first upload);
    without it uploads wait in the queue for `riso worker`.
    """
    owned = store is None or isinstance(store, str)
    opened: Store = open_store(store) if store is None or isinstance(store, str) else store

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if worker:
            app.state.jobs.start()  # resumes what an earlier run left queued or interrupted
        yield
        app.state.jobs.stop()
        if owned:
            opened.close()

    app = FastAPI(
        title="riso",
        version="1",
        summary="Regional Innovation System Observatory: facts, targets and progress with their evidence.",
        openapi_url=None,  # served by _install_schema, to readers only: a closed instance hides its schema
        docs_url=None,  # served from the package by riso.api.docs (offline, no inline script)
        redoc_url=None,
        lifespan=lifespan,
        default_response_class=FiniteJSONResponse,
    )
    app.state.store = opened
    app.state.cache = ReadCache(cache_seconds)
    app.state.max_upload = int(max_upload_mb * 1_000_000)
    app.state.public_checked_at = 0.0
    app.state.public = False
    app.state.token_cache = {}
    app.state.jobs = _worker(app, opened) if worker else _NoWorker()
    if public is not None and public != accounts.is_public(opened):
        accounts.set_public(opened, public, actor="serve")
    _install_handlers(app)

    app.add_middleware(
        BodyGate, limit=lambda: int(app.state.max_upload), who=user_from_headers, refuse=_error_response
    )  # inside _Guard: its refusals get the security headers too
    app.add_middleware(_Guard, trusted=trusted_proxies(proxies))
    for module in (documents, facts, catalog, stories, targets, index, admin, uploads):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(review.router, prefix=API_PREFIX)  # review by people (issue 10)
    app.include_router(network.router, prefix=API_PREFIX)  # the innovation ecosystem (issue 13)
    app.include_router(match.router, prefix=API_PREFIX)  # technology-transfer matching (issue 14)
    install_docs(app, API_PREFIX)
    _install_schema(app)
    if dashboard:
        from riso.web import install

        install(app)
    return app


class _NoWorker:
    """Uploads stay queued for `riso worker` (create_app(worker=False))."""

    def start(self) -> None:
        """Nothing to start."""

    def wake(self) -> None:
        """Nothing to wake."""

    def stop(self) -> None:
        """Nothing to stop."""


def _worker(app: FastAPI, store: Store) -> object:
    """The upload worker of this server: a new job drops the read cache; PostgreSQL is polled for jobs
    other servers queued, a DuckDB file only looked at when an upload arrives (or on start)."""
    from riso.services.jobs import UploadWorker

    poll = 2.0 if store.dialect == "postgres" else None
    return UploadWorker(store, poll=poll, after=lambda job: app.state.cache.clear())


def _install_schema(app: FastAPI) -> None:
    """/api/v1/openapi.json for whoever may read this instance (the docs page fetches it with the
    reader's cookie, so on a closed instance an anonymous visitor sees the page but not the schema)."""

    @app.get(f"{API_PREFIX}/openapi.json", include_in_schema=False, dependencies=[Depends(reader)])
    async def openapi_schema() -> JSONResponse:
        return JSONResponse(app.openapi())


