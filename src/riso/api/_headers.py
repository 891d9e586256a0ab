"""Security headers on every response, and the request's scheme as a trusted proxy reports it.

The dashboard's templates hold no inline script or style, so the policy allows only the server's own
files; Swagger UI (``/api/v1/docs``) sets style attributes from its script, so that page alone may use
inline styles. HSTS is sent only when the request came over HTTPS (directly, or through a proxy listed
in ``RISO_TRUSTED_PROXIES`` that says so in ``X-Forwarded-Proto``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import Scope

__all__ = ["CSP", "add_security_headers", "apply_forwarded_scheme", "trusted_proxies"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
_PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)"
HSTS = "max-age=31536000; includeSubDomains"


def trusted_proxies(given: Iterable[str] | None = None) -> frozenset[str]:
    """The proxy addresses whose X-Forwarded-Proto is believed: ``given``, else $RISO_TRUSTED_PROXIES."""
    raw = list(given) if given is not None else os.environ.get("RISO_TRUSTED_PROXIES", "").split(",")
    return frozenset(a.strip() for a in raw if a.strip())


def apply_forwarded_scheme(scope: Scope, trusted: frozenset[str]) -> None:
    """Set the scope's scheme to https when a trusted proxy forwarded an HTTPS request."""
    client = scope.get("client")
    if not trusted or not client or (client[0] not in trusted and "*" not in trusted):
        return
    for name, value in scope.get("headers", ()):
        if name == b"x-forwarded-proto":
            proto = value.decode("latin-1").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto
            return


def add_security_headers(headers: MutableHeaders, *, path: str, https: bool, docs_prefix: str) -> None:
    """The security headers of every response (a route's own values win)."""
    headers.setdefault("Content-Security-Policy", _DOCS_CSP if path.startswith(docs_prefix) else CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", _PERMISSIONS)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    if https:
        headers.setdefault("Strict-Transport-Security", HSTS)
