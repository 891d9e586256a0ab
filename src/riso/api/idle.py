"""Share one DuckDB file with the CLI: the server holds the file only while it serves requests.

DuckDB lets one process at a time open a file for writing. `riso serve` wraps its app in
`ReleaseWhenIdle`: before a request the file is (re)opened off the event loop, waiting up to
$RISO_LOCK_WAIT seconds while another riso process (an `ingest`, a `report`) holds it; once no request
has run for `idle` seconds the connection is closed, so CLI commands on the same file go ahead and the
next page shows what they wrote. A request that cannot get the file in time gets a 503 naming the
process that holds it.
"""

from __future__ import annotations

import asyncio

import anyio.to_thread
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from riso.errors import StoreBusy
from riso.store.duckdb import DuckDBBackend

__all__ = ["ReleaseWhenIdle", "shares_file"]


def shares_file(store: object) -> bool:
    """Whether a store is a DuckDB file (one the server should let go of when idle)."""
    return isinstance(store, DuckDBBackend) and store.url != ":memory:"


class ReleaseWhenIdle:
    """ASGI wrapper: (re)open the DuckDB file for each request, release it after `idle` seconds without one."""

    def __init__(self, app: ASGIApp, store: DuckDBBackend, *, idle: float = 0.5) -> None:
        self.app = app
        self.store = store
        self.idle = idle
        self.active = 0
        self._timer: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.active += 1
        self._loop = asyncio.get_running_loop()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        try:
            if not self.store.is_open:
                try:
                    await anyio.to_thread.run_sync(self.store.ensure_open)
                except StoreBusy as err:
                    await _busy_response(scope, err)(scope, receive, send)
                    return
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
            if self.active == 0:
                self._schedule()

    def release_soon(self) -> None:
        """From any thread (the upload worker, its queue empty): let go of the file once no request runs."""
        loop = self._loop
        if loop is None:
            self.store.release()
            return

        def schedule() -> None:
            if self.active == 0 and self._timer is None:
                self._schedule()

        loop.call_soon_threadsafe(schedule)

    def _schedule(self) -> None:
        self._timer = asyncio.get_running_loop().call_later(self.idle, self._release)

    def _release(self) -> None:
        self._timer = None
        if self.active == 0 and not self.store.release() and self.store.is_open:
            self._schedule()  # a statement was still running in a worker thread: try again later


def _busy_response(scope: Scope, err: StoreBusy) -> Response:
    headers = {"Retry-After": "5"}
    path = str(scope.get("path", ""))
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    if path.startswith("/api/") or "application/json" in accept:
        body = {"error": {"code": err.code, "message": str(err), "hint": err.hint}}
        return JSONResponse(body, status_code=err.status, headers=headers)
    from html import escape

    page = (f"<!doctype html><meta charset=utf-8><title>riso: busy</title><h1>The store is busy</h1>"
            f"<p>{escape(str(err))}</p><p>{escape(err.hint)}</p>")
    return HTMLResponse(page, status_code=err.status, headers=headers)
