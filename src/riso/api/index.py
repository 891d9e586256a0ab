"""/api/v1/index: composite-index results with their uncertainty."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from riso.api._auth import reader, store_of
from riso.api._render import Paging, page, paging, respond
from riso.services import overview
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["index"])


@router.get("/index", summary="Composite-index results")
async def list_index(
    request: Request,
    name: str | None = Query(None, description="A saved index result's name (default: all)."),
    paged: Paging = Depends(paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Scores and ranks per region with uncertainty intervals, when the index stage has run."""

    def compute() -> dict[str, object]:
        items, available = overview.index_results(store_of(request), name=name)
        body = page(request, items[paged.offset : paged.offset + paged.limit], len(items), paged)
        if not available:
            body["available"] = False
        return body

    return await respond(request, compute)
