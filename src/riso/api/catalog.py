"""/api/v1/regions and /api/v1/indicators: the gazetteer and the indicator catalog."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from riso.api._auth import reader, store_of
from riso.api._render import Paging, page, paging, respond
from riso.errors import NotFound
from riso.services import overview
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["catalog"])


@router.get("/regions", summary="Regions in the gazetteer or named by facts")
async def list_regions(
    request: Request, paged: Paging = Depends(paging), _: Account | None = Depends(reader)
) -> Response:
    """Regions with their names, level and how many facts of each kind are about them."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        items = overview.regions(store)
        return page(request, items[paged.offset : paged.offset + paged.limit], len(items), paged)

    return await respond(request, compute)


@router.get("/regions/{region_id}", summary="One region")
async def get_region(request: Request, region_id: str, _: Account | None = Depends(reader)) -> Response:
    """The region with its fact counts."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        for region in overview.regions(store):
            if region["id"] == region_id:
                return region
        raise NotFound(f"no region with id {region_id!r}", hint="List the regions at /api/v1/regions.")

    return await respond(request, compute)


@router.get("/indicators", summary="Catalog indicators")
async def list_indicators(
    request: Request, paged: Paging = Depends(paging), _: Account | None = Depends(reader)
) -> Response:
    """Indicators with labels per language, unit, direction and definition source."""

    def compute() -> dict[str, object]:
        items, available = overview.indicators(store_of(request))
        body = page(request, items[paged.offset : paged.offset + paged.limit], len(items), paged)
        if not available:
            body["available"] = False
        return body

    return await respond(request, compute)
