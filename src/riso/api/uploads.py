"""/api/v1/uploads: the status of queued uploads (issue 16 item 2), and the answer an upload gets.

POST /api/v1/documents and POST /api/v1/data queue the file and answer 202 with the job and where to poll
it (``Location``). With ``?wait=SECONDS`` the request waits up to that long (without holding a thread)
for the worker and then answers as the job ended: 201/200 with the document and its facts, the import
report, or the job's error with its status.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from riso.api._auth import editor, store_of
from riso.errors import NotFound, RisoError
from riso.services import jobs
from riso.store import Store
from riso.store.jobs import JOB_STATUSES, Job
from riso.store.users import Account

__all__ = ["answer_job", "error_status", "router", "visible_job"]

router = APIRouter(tags=["uploads"])
MAX_WAIT = 120.0


def error_status(code: str) -> int:
    """The HTTP status of a riso error code (500 for an unknown one)."""
    stack: list[type[RisoError]] = [RisoError]
    while stack:
        cls = stack.pop()
        if cls.code == code:
            return cls.status
        stack.extend(cls.__subclasses__())
    return 500


def visible_job(store: Store, job_id: str, user: Account) -> Job:
    """The job, if this user uploaded it or is an admin; NotFound otherwise (other uploads stay private)."""
    job = store.get_job(job_id)
    if job.actor != user.name and user.role != "admin":
        raise NotFound(f"no upload job {job_id!r}", hint="List your uploads at /api/v1/uploads.")
    return job


async def _wait(store: Store, job: Job, wait: float) -> Job:
    """The job once finished, or as it is after ``wait`` seconds (polling the store, no thread held)."""
    deadline = time.monotonic() + min(max(wait, 0.0), MAX_WAIT)
    pause = 0.05
    while not job.finished and time.monotonic() < deadline:
        await asyncio.sleep(pause)
        pause = min(pause * 1.5, 0.5)
        job = await run_in_threadpool(store.get_job, job.id)
    return job


async def answer_job(request: Request, job: Job, wait: float) -> JSONResponse:
    """The answer to an upload: 202 and the job while it is not finished after ``wait`` seconds."""
    store = store_of(request)
    job = await _wait(store, job, wait)
    body: dict[str, Any] = {"job": await run_in_threadpool(jobs.job_json, store, job)}
    if not job.finished:
        location = body["job"]["links"]["self"]
        return JSONResponse(body, status_code=202, headers={"Location": location})
    if job.status == "failed" and job.error:
        body["error"] = job.error
        return JSONResponse(body, status_code=error_status(job.error["code"]))
    result = job.result or {}
    if job.kind == "data":
        return JSONResponse({**body, "report": result}, status_code=201)

    def document_body() -> dict[str, Any]:
        from riso.api.documents import document_json

        assert job.document is not None
        document = store.get_document(job.document)
        facts = store.list_facts(document=document.id, limit=100_000)
        return {"document": document_json(document), "created": bool(result.get("created")),
                "facts": [f.to_json() for f in facts]}

    body.update(await run_in_threadpool(document_body))
    return JSONResponse(body, status_code=201 if body["created"] else 200)


@router.get("/uploads", summary="Your uploads and their status (editors; admins see all)")
async def list_uploads(
    request: Request,
    status: str | None = Query(None, description=f"One of {', '.join(JOB_STATUSES)}."),
    limit: int = Query(50, ge=1, le=500),
    user: Account = Depends(editor),
) -> JSONResponse:
    """The newest uploads first, with their status (queued, running, done, failed)."""
    if status is not None and status not in JOB_STATUSES:
        from riso.errors import BadRequest

        raise BadRequest(f"unknown status {status!r}", hint=f"Use one of: {', '.join(JOB_STATUSES)}.")
    store = store_of(request)

    def compute() -> dict[str, Any]:
        actor = None if user.role == "admin" else user.name
        found = store.list_jobs(actor=actor, status=status, limit=limit)
        return {"items": [jobs.job_json(store, j) for j in found]}

    return JSONResponse(await run_in_threadpool(compute))


@router.get("/uploads/{job_id}", summary="One upload's status (its uploader or an admin)")
async def get_upload(
    request: Request, job_id: str, wait: float = Query(0.0, ge=0.0, le=MAX_WAIT), user: Account = Depends(editor)
) -> JSONResponse:
    """The job (200): status, attempts, times, the stored document or the error; with ``wait``, after
    waiting up to that many seconds for it to finish."""
    store = store_of(request)
    job = await run_in_threadpool(visible_job, store, job_id, user)
    job = await _wait(store, job, wait)
    return JSONResponse({"job": await run_in_threadpool(jobs.job_json, store, job)})
