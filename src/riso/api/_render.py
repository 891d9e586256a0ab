"""How API reads are answered: one list envelope with pagination, JSON or CSV, ETag and a short read cache."""

from __future__ import annotations

import asyncio
import base64
import binascii
import csv
import hashlib
import io
import json
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from riso.errors import BadRequest

__all__ = [
    "FiniteJSONResponse",
    "Paging",
    "ReadCache",
    "decode_cursor",
    "dumps",
    "encode_cursor",
    "finite",
    "keyset_paging",
    "next_url",
    "page",
    "paging",
    "relevant_query",
    "respond",
    "to_csv",
    "wants_csv",
]

T = TypeVar("T")

JSONValue = Any  # JSON-ready data (dicts, lists, str, numbers)


@dataclass(frozen=True)
class Paging:
    """limit, keyset cursor and (deprecated) offset of a list request."""

    limit: int
    offset: int
    cursor: str | None = None

    def after(self, *types: type) -> list[Any] | None:
        """The sort key of the last item of the previous page (one value of each type, str ones may be null
        where the list allows), or None on a first page."""
        return None if self.cursor is None else decode_cursor(self.cursor, types)


def paging(
    limit: int = Query(50, ge=1, le=1000, description="Items per page (1-1000)."),
    offset: int = Query(0, ge=0, le=1_000_000_000, description="Items to skip."),
) -> Paging:
    """The paging parameters of a list paged by position (short lists)."""
    return Paging(limit, offset)


def keyset_paging(
    limit: int = Query(50, ge=1, le=1000, description="Items per page (1-1000)."),
    cursor: str | None = Query(
        None, max_length=2000,
        description="Where the page starts: the `cursor` of the previous page (its `next` link carries it)."),
    offset: int = Query(
        0, ge=0, le=1_000_000_000, deprecated=True,
        description="Deprecated: items to skip. Still works, but costs a scan of every skipped item; follow the "
                    "`next` link (a keyset cursor) instead. Ignored together with `cursor`."),
) -> Paging:
    """The paging parameters of the big lists (facts, observations, documents, targets): a keyset cursor."""
    return Paging(limit, 0 if cursor is not None else offset, cursor)


def encode_cursor(key: Sequence[JSONValue]) -> str:
    """An opaque cursor for the sort key of a page's last item (URL-safe base64 of its JSON)."""
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, types: Sequence[type]) -> list[Any]:
    """The sort key a cursor carries; a cursor this server did not give for this list is a 400."""
    bad = BadRequest("the cursor is not one this list gave",
                     hint="Follow the `next` link of the previous page, or start again without `cursor`.")
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(key, list) or len(key) != len(types):
        raise bad
    for value, kind in zip(key, types, strict=True):
        if isinstance(value, bool) or not (isinstance(value, kind) or (value is None and kind is str)):
            raise bad
    return key


def finite(value: JSONValue) -> JSONValue:
    """JSON-ready data with every non-finite float (inf, -inf, nan) as None: JSON has no such numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps(data: JSONValue, **options: Any) -> str:
    """``json.dumps`` that never writes ``Infinity`` or ``NaN`` (invalid JSON): they become null."""
    try:
        return json.dumps(data, allow_nan=False, **options)
    except ValueError:  # a non-finite float somewhere: only then walk the data
        return json.dumps(finite(data), allow_nan=False, **options)


class FiniteJSONResponse(JSONResponse):
    """A JSON response whose non-finite floats are null (Starlette's would fail with a 500)."""

    def render(self, content: Any) -> bytes:
        """Serialise as strict JSON."""
        return dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_QUERY_NAMES: dict[int, frozenset[str]] = {}


def _query_names(request: Request) -> frozenset[str] | None:
    """The query parameters the request's route reads (its own and its dependencies'), with ``format``."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return None
    names = _QUERY_NAMES.get(id(route))
    if names is None:
        found = {"format"}
        stack = [dependant]
        while stack:
            current = stack.pop()
            found.update(str(p.alias) for p in current.query_params)
            stack.extend(current.dependencies)
        names = _QUERY_NAMES[id(route)] = frozenset(found)
    return names


def relevant_query(request: Request) -> list[tuple[str, str]]:
    """The request's query parameters that its route reads, sorted: extra parameters change nothing, so
    they neither bypass the read cache nor end up in the links of a cached answer."""
    names = _query_names(request)
    items = request.query_params.multi_items()
    return sorted((k, v) for k, v in items if names is None or k in names)


def next_url(request: Request, drop: Sequence[str] = (), **params: int | str) -> str:
    """The request's URL with its relevant parameters, ``params`` replacing theirs and ``drop`` left out."""
    kept = [(k, v) for k, v in relevant_query(request) if k not in params and k not in drop]
    return str(request.url.replace(query=urlencode(kept + [(k, str(v)) for k, v in params.items()])))


def page(
    request: Request, items: Sequence[JSONValue], total: int | None, paging: Paging,
    *, keyset: bool = False, last_key: Sequence[JSONValue] | None = None,
) -> dict[str, JSONValue]:
    """The list envelope: items, total, limit, offset, the next page's cursor and URL (both null on the last page).

    A ``keyset`` list passes ``last_key``, the sort key of the last item, when more items follow: the next link
    then carries ``cursor`` instead of ``offset``. Other lists (paged by position) link the next offset.
    """
    nxt = cursor = None
    if keyset:
        if last_key is not None:
            cursor = encode_cursor(last_key)
            nxt = next_url(request, drop=("offset",), cursor=cursor, limit=paging.limit)
    elif total is not None and paging.offset + len(items) < total:
        nxt = next_url(request, offset=paging.offset + paging.limit, limit=paging.limit)
    return {"items": list(items), "total": total, "limit": paging.limit, "offset": paging.offset,
            "cursor": cursor, "next": nxt}


class ReadCache:
    """Rendered read responses kept for a few seconds, dropped on every write through this server."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._data: dict[str, tuple[float, bytes, str, str]] = {}
        self._values: dict[str, tuple[float, Any]] = {}
        self._computing: dict[str, threading.Lock] = {}
        self._inflight: dict[str, asyncio.Future[tuple[bytes, str, str]]] = {}
        self._lock = threading.Lock()

    def remember(self, key: str, compute: Callable[[], T]) -> T:
        """A value computed at most once per ``seconds`` (from a worker thread, e.g. a page's data):
        concurrent callers of a missing key wait for the one computing it."""
        if self.seconds <= 0:
            return compute()
        with self._lock:
            hit = self._values.get(key)
            if hit is not None and hit[0] >= time.monotonic():
                return hit[1]  # type: ignore[no-any-return]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                hit = self._values.get(key)
            if hit is not None and hit[0] >= time.monotonic():
                return hit[1]  # type: ignore[no-any-return]
            value = compute()
            with self._lock:
                if len(self._values) > 1000:
                    self._values.clear()
                self._values[key] = (time.monotonic() + self.seconds, value)
        return value

    def get(self, key: str) -> tuple[bytes, str, str] | None:
        """The cached (body, media type, etag), or None."""
        if self.seconds <= 0:
            return None
        with self._lock:
            hit = self._data.get(key)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1], hit[2], hit[3]

    def put(self, key: str, body: bytes, media: str, etag: str) -> None:
        """Keep a rendered response."""
        if self.seconds <= 0:
            return
        with self._lock:
            if len(self._data) > 5000:
                self._data.clear()
            self._data[key] = (time.monotonic() + self.seconds, body, media, etag)

    async def compute_once(self, key: str, render: Callable[[], tuple[bytes, str, str]]) -> tuple[bytes, str, str]:
        """Render a missing entry in a worker thread; concurrent requests for the same key wait for that one run."""
        if self.seconds <= 0:  # no cache: every request does its own work
            return await run_in_threadpool(render)
        running = self._inflight.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[tuple[bytes, str, str]] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await run_in_threadpool(render)  # store queries block: keep them off the event loop
        except BaseException as err:
            future.set_exception(err)
            future.exception()  # mark retrieved: waiters re-raise it, nobody else needs to
            raise
        finally:
            self._inflight.pop(key, None)
        future.set_result(result)
        self.put(key, *result)
        return result

    def clear(self) -> None:
        """Forget everything (after a write)."""
        with self._lock:
            self._data.clear()
            self._values.clear()


def _render(compute: Callable[[], JSONValue], as_csv: bool) -> tuple[bytes, str, str]:
    """Compute a read and serialise it: (body, media type, etag)."""
    data = compute()
    if as_csv:
        body, media = to_csv(data), "text/csv; charset=utf-8"
    else:
        body = dumps(data, ensure_ascii=False, default=str, separators=(",", ":")).encode("utf-8")
        media = "application/json"
    return body, media, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def wants_csv(request: Request) -> bool:
    """CSV when ?format=csv or the Accept header prefers text/csv."""
    fmt = request.query_params.get("format")
    if fmt is not None:
        if fmt not in ("json", "csv"):
            raise BadRequest(f"unknown format {fmt[:20]!r}", hint="Use format=json or format=csv.")
        return fmt == "csv"
    return "text/csv" in request.headers.get("accept", "")


def _cell(value: JSONValue) -> str:
    from riso.ingest.data.cells import safe_cell  # formula-like text is written as text

    if value is None:
        return ""
    return str(safe_cell(value))


def _flat(row: Mapping[str, JSONValue], prefix: str = "") -> dict[str, JSONValue]:
    """One value per cell: nested objects become dotted columns (``subject.id``), lists of plain values one
    column per position (``interval.1``), lists of objects their count (``sources.count``)."""
    out: dict[str, JSONValue] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flat(value, name + "."))
        elif isinstance(value, (list, tuple)):
            if any(isinstance(v, (Mapping, list, tuple)) for v in value):
                out[name + ".count"] = len(value)
            else:
                out.update({f"{name}.{i + 1}": v for i, v in enumerate(value)})
        else:
            out[name] = value
    return out


def to_csv(data: JSONValue) -> bytes:
    """A list envelope's items (or one object) as CSV, one value per cell (see ``_flat``)."""
    rows = data["items"] if isinstance(data, Mapping) and "items" in data else [data]
    rows = [_flat(r) if isinstance(r, Mapping) else {"value": r} for r in rows]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8")


async def respond(request: Request, compute: Callable[[], JSONValue]) -> Response:
    """Answer a read: from the cache or ``compute()``, as JSON or CSV, with ETag and 304 on If-None-Match."""
    as_csv = wants_csv(request)
    key = f"{request.url.path}?{urlencode(relevant_query(request))}|{'csv' if as_csv else 'json'}"
    cache: ReadCache = request.app.state.cache
    hit = cache.get(key)
    if hit is None:
        hit = await cache.compute_once(key, lambda: _render(compute, as_csv))
    body, media, etag = hit
    headers = {
        "ETag": etag,
        "Cache-Control": ("public" if request.state.user is None else "private") + ", max-age=0, must-revalidate",
        "Vary": "Accept, Authorization, Cookie",
    }
    match = request.headers.get("if-none-match", "")
    if etag in (tag.strip().removeprefix("W/") for tag in match.split(",")):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media, headers=headers)


def check_filters(*, region: str | None = None, indicator: str | None = None) -> None:
    """A filter naming a region or indicator the catalog does not know is a 400, not an empty list."""
    from riso.catalog import load_catalog

    catalog = load_catalog()
    if region is not None and region not in catalog.regions:
        raise BadRequest(f"unknown region {region[:40]!r}",
                         hint="Use a gazetteer id such as CN-CQ, DE or EU; GET /api/v1/regions lists them.")
    if indicator is not None and indicator not in catalog.indicators:
        raise BadRequest(f"unknown indicator {indicator[:40]!r}",
                         hint="Use a catalog id such as rd_intensity; GET /api/v1/indicators lists them.")
