"""Security headers on every response, and the request's scheme and client address as a trusted proxy
reports them.

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

__all__ = ["CSP", "add_security_headers", "apply_forwarded_scheme", "forwarded_client", "trusted_proxies"]

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


def _is_trusted(address: str, trusted: frozenset[str]) -> bool:
    return "*" in trusted or address in trusted


def forwarded_client(peer: str, forwarded_for: list[str], trusted: frozenset[str]) -> str:
    """The client's address: the socket peer, or, when the peer is a trusted proxy, the nearest address in
    X-Forwarded-For (read from the right) that is not itself a trusted proxy. Addresses a client wrote
    itself (left of the first untrusted hop) are never believed."""
    if not _is_trusted(peer, trusted):
        return peer
    hops = [h.strip() for value in forwarded_for for h in value.split(",") if h.strip()]
    address = peer
    for hop in reversed(hops):
        if not _is_valid_address(hop):
            break  # a garbled hop: keep the last address a trusted proxy vouched for
        address = hop
        if not _is_trusted(hop, trusted):
            break
    return address


def _is_valid_address(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def apply_forwarded_scheme(scope: Scope, trusted: frozenset[str]) -> None:
    """Behind a trusted proxy: the scope's scheme from X-Forwarded-Proto and its client address from
    X-Forwarded-For (so the login throttle, the audit log and everything reading ``request.client`` see
    the real client, not the proxy)."""
    client = scope.get("client")
    if not trusted or not client or not _is_trusted(client[0], trusted):
        return
    forwarded: list[str] = []
    seen_proto = False
    for name, value in scope.get("headers", ()):
        if name == b"x-forwarded-proto" and not seen_proto:
            seen_proto = True
            proto = value.decode("latin-1").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto
        elif name == b"x-forwarded-for":
            forwarded.append(value.decode("latin-1"))
    if forwarded:
        address = forwarded_client(client[0], forwarded, trusted)
        if address != client[0]:
            scope["client"] = (address, 0)


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
