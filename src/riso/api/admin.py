"""/api/v1/me, /api/v1/search, /api/v1/data, /api/v1/settings and /api/v1/audit."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from riso.api._auth import admin, current_user, editor, reader, store_of
from riso.api._render import Paging, next_url, page, paging, respond
from riso.api.documents import read_upload
from riso.services import accounts, jobs
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter()


class SettingsBody(BaseModel):
    """Instance settings an admin may change."""

    public: bool


@router.get("/me", tags=["accounts"], summary="Who the request is authenticated as")
def me(request: Request, user: Account | None = Depends(current_user)) -> dict[str, object]:
    """The user name and role, or null for anonymous; and whether the instance is public."""
    return {
        "user": None if user is None else {"name": user.name, "role": user.role},
        "public": accounts.is_public(store_of(request)),
    }


@router.get("/search", tags=["search"], summary="Search documents and facts in any language")
async def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=200, description="Text to find (any language, CJK too)."),
    paged: Paging = Depends(paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Documents and facts whose text contains q (case-insensitive)."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        facts = store.search_facts(q, limit=paged.limit, offset=paged.offset)
        body = page(request, [f.to_json() for f in facts], paged.offset + len(facts), paged)
        body["documents"] = [dict(r) for r in store.search_documents(q, limit=20)]
        if len(facts) == paged.limit:
            body["next"] = next_url(request, offset=paged.offset + paged.limit, limit=paged.limit)
        return body

    return await respond(request, compute)


@router.post("/data", tags=["data"], status_code=202, summary="Upload a data file (editors); imported by the worker")
async def upload_data(
    request: Request,
    file: UploadFile = File(..., description="A .csv, .tsv, .xlsx or .json data file."),
    wait: float = Query(0.0, ge=0.0, le=120.0, description="Seconds to wait for the worker (0: answer at once)."),
    user: Account = Depends(editor),
) -> JSONResponse:
    """Check and queue a data file: 202 with the job; with ``wait``, 201 with the import report once
    imported, or the import's error (bad rows with their lines)."""
    from riso.api.uploads import answer_job

    data = await read_upload(request, file)
    job = await run_in_threadpool(
        jobs.enqueue, store_of(request), "data", file.filename or "upload", data,
        actor=user.name, max_bytes=request.app.state.max_upload,
    )
    request.app.state.jobs.wake()
    return await answer_job(request, job, wait)


@router.get("/settings", tags=["accounts"], summary="Instance settings (admins)")
def get_settings(request: Request, _: Account = Depends(admin)) -> dict[str, object]:
    """Whether anonymous read access is on."""
    return {"public": accounts.is_public(store_of(request))}


@router.put("/settings", tags=["accounts"], summary="Change instance settings (admins)")
def put_settings(request: Request, body: SettingsBody, user: Account = Depends(admin)) -> dict[str, object]:
    """Switch anonymous read access on or off."""
    accounts.set_public(store_of(request), body.public, actor=user.name)
    request.app.state.public_checked_at = 0.0
    request.app.state.cache.clear()
    return {"public": body.public}


@router.get("/audit", tags=["accounts"], summary="The audit log (admins)")
async def audit_log(request: Request, paged: Paging = Depends(paging), _: Account = Depends(admin)) -> Response:
    """Every write with who did it, newest first."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        rows = store.list_audit(limit=paged.offset + paged.limit)
        return page(request, rows[paged.offset :], paged.offset + len(rows[paged.offset :]), paged)

    return await respond(request, compute)
