"""The dashboard's forms: log in, log out, language switch, uploads for editors (all POSTs carry a CSRF token)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from riso.api._auth import SESSION_COOKIE, admin, check_csrf, cookie_secure, current_user, editor, store_of
from riso.api.documents import read_upload
from riso.errors import RisoError, TooManyAttempts
from riso.services import accounts, jobs
from riso.services.accounts import SESSION_SECONDS
from riso.store.users import Account
from riso.web._render import LANG_COOKIE, render
from riso.web.i18n import available_languages

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _local(path: str | None) -> str:
    """Only same-site paths are followed after a form, never another host."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


@router.get("/lang/{code}")
def switch_language(request: Request, code: str, next: str = "/") -> Response:
    """Remember the UI language in a cookie and go back."""
    response = RedirectResponse(_local(next), status_code=303)
    if code in available_languages():
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="lax", secure=cookie_secure(request))
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    """The login form; on an instance without any account, how to create the first admin."""
    first_run = not accounts.list_users(store_of(request))
    return render(request, "login.html", next=_local(next), failed=None, first_run=first_run)


@router.post("/login")
def login_submit(
    request: Request,
    name: str = Form(..., max_length=64),
    password: str = Form(..., max_length=1024),
    csrf: str = Form(""),
    next: str = Form("/"),
) -> Response:
    """Check the password, start a session (HttpOnly, SameSite=Strict cookie) and go on."""
    check_csrf(request, csrf)
    address = request.client.host if request.client else None
    try:
        session_id, _ = accounts.login(store_of(request), name, password, address=address)
    except RisoError as err:
        page = render(request, "login.html", status=err.status, next=_local(next), failed=err)
        if isinstance(err, TooManyAttempts):
            page.headers["Retry-After"] = str(math.ceil(err.retry_after))
        return page
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=cookie_secure(request),
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    """End the session."""
    check_csrf(request, csrf)
    cookie = request.cookies.get(SESSION_COOKIE, "")
    if cookie:
        accounts.end_session(store_of(request), cookie)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _when(epoch: float | None) -> str:
    """An epoch time as the page shows it (UTC)."""
    if epoch is None:
        return ""
    return datetime.fromtimestamp(float(epoch), tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, user: Account | None = Depends(current_user)) -> HTMLResponse:
    """The upload forms (editors) with their recent uploads, or a note saying who may upload."""
    can = user is not None and user.role in ("editor", "admin")
    stored = request.query_params.get("stored")
    recent = store_of(request).list_jobs(actor=user.name, limit=20) if can and user is not None else []
    return render(
        request, "upload.html", can_upload=can, mb=request.app.state.max_upload / 1e6, error=None,
        stored=int(stored) if stored and stored.isdigit() else None,
        jobs=[{"job": j, "created": _when(j.created_at)} for j in recent],
    )


@router.post("/upload")
async def upload_submit(
    request: Request,
    file: UploadFile = File(...),
    what: str = Form("document"),
    csrf: str = Form(""),
    user: Account = Depends(editor),
) -> Response:
    """Check and queue the uploaded document (or data file), then show its job's page."""
    check_csrf(request, csrf)
    store = store_of(request)
    mb = request.app.state.max_upload / 1e6
    kind = "data" if what == "data" else "document"
    try:
        data = await read_upload(request, file)
        job = await run_in_threadpool(
            jobs.enqueue, store, kind, file.filename or "upload", data,
            actor=user.name, max_bytes=request.app.state.max_upload,
        )
    except RisoError as err:
        return render(request, "upload.html", status=err.status, can_upload=True, mb=mb, error=err, stored=None,
                      jobs=[])
    request.app.state.jobs.wake()
    return RedirectResponse(f"/upload/jobs/{job.id}?follow=1", status_code=303)


@router.get("/upload/jobs/{job_id}", response_class=HTMLResponse)
def upload_job(request: Request, job_id: str, follow: int = 0, user: Account = Depends(editor)) -> Response:
    """One upload's status; the page refreshes itself until the worker is done with it. Right after an
    upload (``follow``) a stored document's page follows at once."""
    from riso.api.uploads import visible_job

    store = store_of(request)
    job = visible_job(store, job_id, user)
    if follow and job.status == "done" and job.document:
        flag = "new" if job.result and job.result.get("created") else "old"
        return RedirectResponse(f"/documents/{job.document}?uploaded={flag}", status_code=303)
    if follow and job.status == "done" and job.kind == "data":
        stored = int((job.result or {}).get("stored") or 0)
        return RedirectResponse(f"/upload?stored={stored}", status_code=303)
    times = {"created": _when(job.created_at), "started": _when(job.started_at), "finished": _when(job.finished_at)}
    position = store.queue_position(job) if job.status == "queued" else 0
    return render(request, "upload_job.html", job=job, times=times, position=position, follow=bool(follow))


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, user: Account = Depends(admin)) -> HTMLResponse:
    """Accounts, the public-access switch and the audit log (admins)."""
    store = store_of(request)
    return render(
        request, "admin.html", users=accounts.list_users(store), audit=store.list_audit(limit=100),
        is_public=accounts.is_public(store), locked=accounts.locked_accounts(store),
    )


@router.post("/admin/unlock")
def admin_unlock(
    request: Request, name: str = Form(..., max_length=64), csrf: str = Form(""), user: Account = Depends(admin)
) -> Response:
    """Lift an account's lockout after failed logins (audited)."""
    check_csrf(request, csrf)
    accounts.unlock_user(store_of(request), name, actor=user.name)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/public")
def admin_public(
    request: Request, public: str = Form("0"), csrf: str = Form(""), user: Account = Depends(admin)
) -> Response:
    """Switch anonymous read access (audited)."""
    check_csrf(request, csrf)
    accounts.set_public(store_of(request), public == "1", actor=user.name)
    request.app.state.public_checked_at = 0.0
    request.app.state.cache.clear()
    return RedirectResponse("/admin", status_code=303)
