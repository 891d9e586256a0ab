"""/api/v1/stories: documents that are versions of one story."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from riso.api._auth import reader, store_of
from riso.api._render import Paging, page, paging, respond
from riso.services import overview
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["stories"])


@router.get("/stories", summary="Stories and their document versions")
async def list_stories(
    request: Request, paged: Paging = Depends(paging), _: Account | None = Depends(reader)
) -> Response:
    """Stories: id, title, languages and document ids."""

    def compute() -> dict[str, object]:
        items = overview.stories(store_of(request))
        return page(request, items[paged.offset : paged.offset + paged.limit], len(items), paged)

    return await respond(request, compute)


@router.get("/stories/{story_id}", summary="One story")
async def get_story(request: Request, story_id: str, _: Account | None = Depends(reader)) -> Response:
    """A story with its documents' ids and languages."""

    return await respond(request, lambda: overview.story(store_of(request), story_id))
