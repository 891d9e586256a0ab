"""Refuse request bodies from their headers, before a byte of them is read (issue 16 item 2).

Starlette's form parser spools a multipart body to disk before any route (and so any permission
check) runs: an anonymous 300 MB POST used to be refused only after it had been written out. This
ASGI wrapper looks at the headers first:

- a body larger than the server's upload limit (plus room for the form's own fields) is refused with 413;
- a body without Content-Length (chunked) is refused with 411, since its size cannot be checked first;
- a body larger than ANONYMOUS_BODY bytes needs an account (401 without a valid token or session cookie),
  and on the upload paths an editor (403 for others).

The response is sent without reading the body; the server then closes the connection, so the client
stops sending.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from riso.errors import DocumentTooLarge, LengthRequired, NotAuthenticated, PermissionDenied, RisoError
from riso.store.users import Account

__all__ = ["ANONYMOUS_BODY", "FORM_SLACK", "UPLOAD_PATHS", "BodyGate"]

ANONYMOUS_BODY = 64 * 1024  # the login form and other anonymous posts are far smaller
FORM_SLACK = 64 * 1024  # multipart boundaries and the form's other fields, beyond the file itself
UPLOAD_PATHS = ("/api/v1/documents", "/api/v1/data", "/upload")
_RANK = {"viewer": 1, "editor": 2, "admin": 3}


class BodyGate:
    """ASGI wrapper: size and permission checks on a request's headers before its body is read."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: Callable[[], int],
        who: Callable[[Request], Account | None],
        refuse: Callable[[Request, RisoError], Response],
    ) -> None:
        self.app = app
        self.limit = limit
        self.who = who
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        err = await self._check(scope)
        if err is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self.refuse(request, err)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)

    async def _check(self, scope: Scope) -> RisoError | None:
        length: int | None = None
        chunked = False
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return LengthRequired("the Content-Length header is not a number")
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if length is None:
            if chunked:
                return LengthRequired("the request body has no Content-Length, so its size cannot be checked first")
            return None
        limit = self.limit()
        if length > limit + FORM_SLACK:
            return DocumentTooLarge(
                f"the request body is {length / 1e6:.1f} MB, more than the {limit / 1e6:.0f} MB this server accepts",
                hint="Split the file, or ask the admin to raise the limit (riso serve --max-upload-mb).",
            )
        if length <= ANONYMOUS_BODY:
            return None
        request = Request(scope)
        try:
            user = await run_in_threadpool(self.who, request)
        except RisoError as err:  # an unknown, revoked or expired token
            return err
        if user is None:
            return NotAuthenticated(
                "a request body this large needs an account: log in or send an API token",
                hint="Pass `Authorization: Bearer TOKEN` (from `riso user token NAME`) or log in at /login.",
            )
        path = str(scope.get("path", ""))
        if path.rstrip("/") in UPLOAD_PATHS and _RANK.get(user.role, 0) < _RANK["editor"]:
            return PermissionDenied(f"the {user.role} role cannot upload; it needs editor")
        return None
