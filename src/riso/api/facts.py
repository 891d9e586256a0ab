"""/api/v1/facts: filter facts; one fact with its evidence."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from riso.api._auth import reader, store_of
from riso.api._render import Paging, check_filters, keyset_paging, page, respond
from riso.model import FactKind
from riso.services.overview import fact_view
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["facts"])


@router.get("/facts", summary="List facts by region, indicator, kind, language, story or document")
async def list_facts(
    request: Request,
    region: str | None = Query(None, description="Region id, e.g. CN-CQ."),
    indicator: str | None = Query(None, description="Catalog indicator id, e.g. rd_intensity."),
    kind: FactKind | None = None,
    language: str | None = Query(None, description="ISO 639-1 code."),
    story: str | None = None,
    document: str | None = None,
    paged: Paging = Depends(keyset_paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Facts in the Fact JSON contract, ordered by document and position; follow `next` (a keyset cursor) for the
    next page."""
    check_filters(region=region, indicator=indicator)
    store = store_of(request)
    filters: dict[str, Any] = {
        "region": region,
        "metric": indicator,
        "kind": kind,
        "language": language,
        "story": story,
        "document": document,
    }

    def compute() -> dict[str, object]:
        after = paged.after(str, int, str)
        facts = store.list_facts(**filters, limit=paged.limit + 1, offset=paged.offset, after=after)
        more, facts = len(facts) > paged.limit, facts[: paged.limit]
        last = (facts[-1].document, facts[-1].start, facts[-1].id) if more else None
        return page(request, [f.to_json() for f in facts], store.count_facts(**filters), paged,
                    keyset=True, last_key=last)

    return await respond(request, compute)


@router.get("/facts/{fact_id}", summary="One fact with its evidence")
async def get_fact(request: Request, fact_id: str, _: Account | None = Depends(reader)) -> Response:
    """The fact plus its evidence: passage, document, language and story."""
    store = store_of(request)
    return await respond(request, lambda: fact_view(store, store.get_fact(fact_id)))
