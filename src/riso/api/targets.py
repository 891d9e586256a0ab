"""/api/v1/targets (with progress) and /api/v1/observations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from riso.api._auth import editor, reader, store_of
from riso.api._render import Paging, check_filters, keyset_paging, page, respond
from riso.errors import NotAvailable, NotFound
from riso.model import Comparator
from riso.services import overview
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["targets"])


@router.get("/targets", summary="Targets with their progress")
async def list_targets(
    request: Request,
    region: str | None = Query(None, description="Region id, e.g. CN-CQ."),
    indicator: str | None = None,
    paged: Paging = Depends(keyset_paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Each target as {target, status, latest, actual_cagr, required_cagr, ratio, projection, sources}."""
    check_filters(region=region, indicator=indicator)
    store = store_of(request)

    def compute() -> dict[str, object]:
        from riso.services.assessments import refresh_assessments, stored_records
        from riso.services.progress import sync_targets

        sync_targets(store)
        refresh_assessments(store, region=region)
        # the page's keys from the stored assessments (an index walk), then only their records (not every target's)
        after = paged.after(str, int, str, str)
        keys = store.assessment_page(region=region, indicator=indicator, limit=paged.limit + 1,
                                     offset=paged.offset if after is None else 0, after=after)
        more, wanted = len(keys) > paged.limit, keys[: paged.limit]
        shown = sorted(stored_records(store, region=region, ids=[k[3] for k in wanted]), key=_target_key)
        last = _target_key(shown[-1]) if shown and more else None
        total = store.count_assessments(region=region, indicator=indicator)
        return page(request, shown, total, paged, keyset=True, last_key=last)

    return await respond(request, compute)


def _target_key(item: dict[str, Any]) -> tuple[str, int, str, str]:
    """The order of the targets list and its keyset: region, deadline, indicator, id."""
    target = item["target"]
    return (str(target["region"]), int(target["deadline"]), str(target["indicator"] or ""), str(item["id"]))


@router.get("/targets/{target_id}", summary="One target with its progress")
async def get_target(request: Request, target_id: str, _: Account | None = Depends(reader)) -> Response:
    """The target, its progress and its source quotes."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        from riso.services.assessments import target_record

        try:
            return target_record(store, target_id)  # its region's stored assessments, not all of them
        except NotFound:
            raise NotFound(f"no target with id {target_id!r}", hint="List the targets at /api/v1/targets.") from None

    return await respond(request, compute)


class TargetBody(BaseModel):
    """A manual target: region and indicator by catalog id or name, value and deadline."""

    region: str = Field(min_length=1, max_length=100)
    indicator: str = Field(min_length=1, max_length=200)
    value: float = Field(allow_inf_nan=False)
    deadline: int = Field(ge=1900, le=2200)
    comparator: Comparator = "at_least"
    baseline_period: str | None = Field(None, max_length=20)
    baseline_value: float | None = Field(None, allow_inf_nan=False)


def _progress_function(name: str) -> Callable[..., Any]:
    found = overview.find_function("riso.services.progress", name)
    if found is None:
        raise NotAvailable("target editing needs the progress stage, which is not installed")
    return found


@router.post("/targets", status_code=201, summary="Add a manual target (editors)")
def add_target(request: Request, body: TargetBody, user: Account = Depends(editor)) -> JSONResponse:
    """Add a target stated outside the documents (audited)."""
    store = store_of(request)
    with store.transaction():
        target = _progress_function("add_target")(store, **body.model_dump())
        store.audit(user.name, "target.add", target.id, body.model_dump())
    request.app.state.cache.clear()
    return JSONResponse(target.model_dump(mode="json"), status_code=201)


@router.delete("/targets/{target_id}", summary="Remove a target (editors)")
def remove_target(request: Request, target_id: str, user: Account = Depends(editor)) -> dict[str, object]:
    """Remove a target by id (audited); targets from documents come back when the facts are re-synced."""
    store = store_of(request)
    with store.transaction():
        target = _progress_function("remove_target")(store, target_id)
        store.audit(user.name, "target.remove", target_id, None)
    request.app.state.cache.clear()
    return {"removed": target.model_dump(mode="json")}


@router.get("/observations", summary="Observations by region and indicator")
async def list_observations(
    request: Request,
    region: str | None = None,
    indicator: str | None = None,
    paged: Paging = Depends(keyset_paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Observed values with their source (dataset row or fact)."""
    check_filters(region=region, indicator=indicator)
    store = store_of(request)

    def compute() -> dict[str, object]:
        listed = getattr(store, "list_observations", None)
        if listed is None:
            body = page(request, [], 0, paged)
            body["available"] = False
            return body
        after = paged.after(str, str, str, str)
        rows = listed(region=region, indicator=indicator, limit=paged.limit + 1, offset=paged.offset, after=after)
        more, rows = len(rows) > paged.limit, rows[: paged.limit]
        counter = getattr(store, "count_observations", None)
        total = counter(region=region, indicator=indicator) if counter else paged.offset + len(rows)
        items = [o.model_dump(mode="json") if hasattr(o, "model_dump") else dict(o) for o in rows]
        last = [items[-1][k] for k in ("region", "indicator", "period", "source")] if more else None
        return page(request, items, int(total), paged, keyset=True, last_key=last)

    return await respond(request, compute)
