"""/api/v1/review: the queue of facts to review, editors' decisions (confirm, correct, reject), gold export."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from riso.api._auth import editor, reader, store_of
from riso.api._render import Paging, page, paging, respond
from riso.services import review
from riso.services.overview import fact_view
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["review"])


class Corrections(BaseModel):
    """Fields an editor corrects (omitted ones stay as they are)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["target", "milestone", "measurement", "rank"] | None = None
    value: float | None = None
    unit: str | None = Field(default=None, max_length=40)
    comparator: Literal["at_least", "at_most", "exactly", "about"] | None = None
    deadline: int | None = Field(default=None, ge=1900, le=2200)
    period: str | None = Field(default=None, max_length=20)
    subject: str | None = Field(default=None, max_length=200, description="A region id or name in any language.")
    metric: str | None = Field(default=None, max_length=200, description="A catalog indicator id or label.")
    metric_text: str | None = Field(default=None, max_length=200)


class Decision(BaseModel):
    """An editor's decision on one fact."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["confirmed", "corrected", "rejected", "confirm", "correct", "reject"]
    fields: Corrections = Corrections()
    note: str | None = Field(default=None, max_length=1000)


@router.get("/review/queue", summary="Facts to review: unreviewed and below the confidence threshold")
async def queue(
    request: Request,
    everything: bool = Query(False, alias="all", description="Every unreviewed fact, not only the unsure ones."),
    threshold: float | None = Query(None, ge=0.0, le=1.0, description="Default: the instance's threshold."),
    document: str | None = None,
    paged: Paging = Depends(paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Unreviewed facts, least sure first, with the threshold used."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        facts = review.to_review(store, threshold=threshold, everything=everything, document=document)
        body = page(request, [f.to_json() for f in facts[paged.offset : paged.offset + paged.limit]], len(facts), paged)
        body["threshold"] = review.review_threshold(store) if threshold is None else threshold
        return body

    return await respond(request, compute)


@router.get("/reviews", summary="Editors' decisions, newest first (editors)")
async def decisions(
    request: Request, document: str | None = None, paged: Paging = Depends(paging), _: Account = Depends(editor)
) -> Response:
    """Who decided what about which fact, when, and what the extractor had read."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        rows = [r.to_json() for r in review.decisions(store, document=document)]
        return page(request, rows[paged.offset : paged.offset + paged.limit], len(rows), paged)

    return await respond(request, compute)


@router.get("/reviews/export", summary="The reviewed facts in the real-text gold format, as JSON lines (editors)")
async def export(request: Request, _: Account = Depends(editor)) -> Response:
    """One passage per paragraph holding a decision; `riso eval` scores the extractor against it."""
    import json

    passages = await run_in_threadpool(review.export_gold, store_of(request))
    body = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages)
    return Response(body, media_type="application/x-ndjson")


@router.post("/facts/{fact_id}/review", summary="Confirm, correct or reject a fact (editors)")
async def decide(request: Request, fact_id: str, body: Decision, user: Account = Depends(editor)) -> dict[str, object]:
    """Store the decision (who and when, audited); the fact as it now reads everywhere."""
    store = store_of(request)
    changes = body.fields.model_dump(exclude_none=True)
    fact = await run_in_threadpool(
        review.decide, store, fact_id, body.decision, reviewer=user.name, changes=changes, note=body.note
    )
    request.app.state.cache.clear()
    return fact_view(store, fact)


@router.delete("/facts/{fact_id}/review", summary="Withdraw the decision on a fact (editors)")
async def withdraw(request: Request, fact_id: str, user: Account = Depends(editor)) -> dict[str, object]:
    """The fact reads as extracted again."""
    store = store_of(request)
    fact = await run_in_threadpool(review.undo, store, fact_id, actor=user.name)
    request.app.state.cache.clear()
    return fact_view(store, fact)
