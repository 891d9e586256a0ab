"""/api/v1/documents: list, read, upload."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from riso.api._auth import editor, reader, store_of
from riso.api._render import Paging, keyset_paging, page, respond
from riso.errors import DocumentTooLarge
from riso.model import Document
from riso.services import jobs
from riso.store.users import Account

__all__ = ["document_json", "read_upload", "router"]

router = APIRouter(tags=["documents"])


def document_json(doc: Document, *, with_text: bool = False) -> dict[str, object]:
    """A document's JSON form (without its text in lists)."""
    data = doc.model_dump(mode="json", exclude={"paragraphs", "sentences"} | (set() if with_text else {"text"}))
    return data


@router.get("/documents", summary="List documents, newest first")
async def list_documents(
    request: Request,
    language: str | None = None,
    story: str | None = None,
    paged: Paging = Depends(keyset_paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Documents without their text; filter by language or story."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        after = paged.after(str, str)
        docs = store.list_documents(language=language, story=story, limit=paged.limit + 1, offset=paged.offset,
                                    after=after)
        more, docs = len(docs) > paged.limit, docs[: paged.limit]
        last = (docs[-1].ingested_at, docs[-1].id) if more else None
        if story is None:
            total = store.count_documents(language=language)
        else:
            total = len(store.list_documents(language=language, story=story, limit=100_000))
        return page(request, [document_json(d) for d in docs], total, paged, keyset=True, last_key=last)

    return await respond(request, compute)


@router.get("/documents/{document_id}", summary="One document with its text")
async def get_document(request: Request, document_id: str, _: Account | None = Depends(reader)) -> Response:
    """The document (a unique id prefix works) with its text and fact count."""
    store = store_of(request)

    def compute() -> dict[str, object]:
        doc = store.get_document(document_id)
        return {**document_json(doc, with_text=True), "facts": store.count_facts(document=doc.id)}

    return await respond(request, compute)


async def read_upload(request: Request, file: UploadFile) -> bytes:
    """The uploaded bytes, refusing files over the server's limit without reading them whole."""
    limit: int = request.app.state.max_upload
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise DocumentTooLarge(
            f"the file is larger than the {limit / 1e6:.0f} MB this server accepts",
            hint="Split the file, or ask the admin to raise the limit (riso serve --max-upload-mb).",
        )
    return data


@router.post("/documents", status_code=202, summary="Upload a document (editors); it is read by the worker")
async def upload_document(
    request: Request, file: UploadFile = File(..., description="A .txt, .md, .html, .pdf or .docx file."),
    wait: float = Query(0.0, ge=0.0, le=120.0, description="Seconds to wait for the worker (0: answer at once)."),
    user: Account = Depends(editor),
) -> JSONResponse:
    """Check and queue one document: 202 with the job (poll /api/v1/uploads/ID); with ``wait``, 201 with its
    facts once read (200 when it was already stored), or the reader's error."""
    from riso.api.uploads import answer_job

    data = await read_upload(request, file)
    job = await run_in_threadpool(
        jobs.enqueue, store_of(request), "document", file.filename or "upload", data,
        actor=user.name, max_bytes=request.app.state.max_upload,
    )
    request.app.state.jobs.wake()
    return await answer_job(request, job, wait)
