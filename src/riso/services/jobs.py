"""Uploads off the request path (issue 16 item 2): a job table both backends share, and the worker.

An upload is checked (size, type, first bytes) and queued with its bytes in ``upload_jobs``; the request
answers at once. A worker (a thread inside `riso serve`, or `riso worker`) claims the oldest queued job,
reads and extracts a document in a child process (so a heavy file neither holds the server's GIL nor
grows the server's memory, and a time limit can stop it), then stores the document, its facts, the audit
entry and the job's "done" in one transaction, and links it into a story. Data files are imported by
the worker itself (the importer writes through the store).

Restarts: a job still "running" whose worker is gone (the same host and that process no longer alive,
or its heartbeat older than STALE_SECONDS) is queued again, at most MAX_ATTEMPTS times; since the job's
result is written with its "done", a retried job never half-stores.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from riso.errors import NotAvailable, RisoError, StoreBusy, WorkerStopped
from riso.model import Document, Fact
from riso.services.overview import find_function
from riso.services.uploads import DATA_SUFFIXES, DOCUMENT_SUFFIXES, check_upload, clean_name
from riso.store import Store
from riso.store.jobs import Job

__all__ = [
    "HEARTBEAT_SECONDS",
    "JOB_SECONDS",
    "MAX_ATTEMPTS",
    "STALE_SECONDS",
    "Extractor",
    "UploadWorker",
    "enqueue",
    "job_json",
    "process_next",
    "recover",
    "worker_id",
]

log = logging.getLogger("riso.jobs")

MAX_ATTEMPTS = 3  # a job whose worker died this many times fails (the file itself may be the cause)
STALE_SECONDS = 60.0  # a running job without a heartbeat this long belongs to a dead worker
HEARTBEAT_SECONDS = 5.0
JOB_SECONDS = float(os.environ.get("RISO_JOB_SECONDS", "600"))  # the longest read+extract of one document
_TOKEN = secrets.token_hex(4)  # tells this process from an earlier one with the same PID (containers)


def worker_id() -> str:
    """This process as a worker: host, PID and a per-process token."""
    return f"{socket.gethostname()}:{os.getpid()}:{_TOKEN}"


def _dead(worker: str | None) -> bool:
    """Whether a worker id names a process on this host that no longer runs."""
    if not worker:
        return True
    host, _, rest = worker.partition(":")
    pid_text, _, token = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another machine: only its heartbeat tells
    pid = int(pid_text)
    if pid == os.getpid():
        return token != _TOKEN  # an earlier process that had our PID
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def enqueue(store: Store, kind: str, filename: str, data: bytes, *, actor: str, max_bytes: int) -> Job:
    """Check an upload (raises DocumentTooLarge / UnsupportedFormat at once) and queue it (audited)."""
    allowed = DOCUMENT_SUFFIXES if kind == "document" else DATA_SUFFIXES
    fmt = check_upload(filename, data, allowed=allowed, max_bytes=max_bytes)
    name = clean_name(filename)
    job_id = "up_" + secrets.token_hex(8)
    with store.transaction():
        job = store.add_job(job_id, kind=kind, filename=name, fmt=fmt, payload=data, actor=actor, now=time.time())
        store.audit(actor, "upload.queued", job_id, {"file": name, "kind": kind, "size": len(data)})
    return job


def job_json(store: Store, job: Job) -> dict[str, Any]:
    """A job's JSON form, with where to poll it and, once done, the document it stored."""
    links = {"self": f"/api/v1/uploads/{job.id}", "page": f"/upload/jobs/{job.id}"}
    if job.document:
        links["document"] = f"/api/v1/documents/{job.document}"
    body: dict[str, Any] = {
        "id": job.id, "kind": job.kind, "file": job.filename, "size": job.size, "status": job.status,
        "attempts": job.attempts, "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at, "document": job.document, "result": job.result, "error": job.error,
        "links": links,
    }
    if job.status == "queued":
        body["queue_position"] = store.queue_position(job)
    return body


def recover(store: Store, *, now: float | None = None) -> list[str]:
    """Queue again (or fail, after MAX_ATTEMPTS) every running job whose worker is gone; their ids."""
    now = time.time() if now is None else now
    moved = []
    for job in store.running_jobs():
        stale = (job.heartbeat_at or job.started_at or 0.0) < now - STALE_SECONDS
        if job.worker != worker_id() and (_dead(job.worker) or stale):
            status = store.requeue_job(job.id, job.worker, max_attempts=MAX_ATTEMPTS, now=now)
            if status is not None:
                log.warning("upload job %s (%s) was interrupted; %s", job.id, job.filename, status)
                moved.append(job.id)
    return moved


# -- reading a document in a child process --------------------------------------------------------------

def _read_and_extract(data: bytes, source: str, fmt: str) -> tuple[Document, list[Fact]]:
    """The CPU-heavy part of an upload, run in the worker's child process."""
    read_bytes = find_function("riso.ingest", "read_bytes")
    extract = find_function("riso.extract", "extract")
    if read_bytes is None or extract is None:
        raise NotAvailable("document ingestion is not installed in this riso yet")
    document: Document = read_bytes(data, source=source, fmt=fmt)
    return document, list(extract(document))


def _child_start() -> None:
    """A child reading uploads: lowest CPU priority, so the server's answers go first."""
    with contextlib.suppress(OSError):
        os.nice(10)


class Extractor:
    """Reads and extracts documents in one child process (spawned on first use, replaced if it dies or
    runs past ``seconds``). ``in_process`` runs them in the calling thread instead (tests of the queue)."""

    def __init__(self, *, seconds: float = JOB_SECONDS, in_process: bool = False) -> None:
        self.seconds = seconds
        self.in_process = in_process
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_child_start
            )
        return self._pool

    def run(
        self, data: bytes, *, source: str, fmt: str, beat: Callable[[], None] = lambda: None
    ) -> tuple[Document, list[Fact]]:
        """The document and its facts; raises the reader's RisoError, or WorkerStopped."""
        if self.in_process:
            return _read_and_extract(data, source, fmt)
        future: Future[tuple[Document, list[Fact]]] = self._executor().submit(_read_and_extract, data, source, fmt)
        deadline = time.monotonic() + self.seconds
        while True:
            try:
                return future.result(timeout=min(HEARTBEAT_SECONDS, max(0.01, deadline - time.monotonic())))
            except FutureTimeout:
                if time.monotonic() >= deadline:
                    self.reset()
                    raise WorkerStopped(f"reading the file took longer than {self.seconds:.0f} s") from None
                beat()
            except BrokenProcessPool:
                self.reset()
                raise WorkerStopped("the process reading the file stopped (out of memory or killed)") from None

    def reset(self) -> None:
        """Stop the child (a new one starts with the next job)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the child process."""
        self.reset()


# -- one job ----------------------------------------------------------------------------------------------

def _store_retrying(action: Callable[[], Any], tries: int = 20) -> Any:
    """Run a store write, waiting while a CLI command holds the DuckDB file (StoreBusy)."""
    for attempt in range(tries):
        try:
            return action()
        except StoreBusy:
            if attempt == tries - 1:
                raise
            time.sleep(1.0)
    return None


def _run_document(store: Store, job: Job, worker: str, data: bytes, extractor: Extractor) -> None:
    source = f"upload:{job.filename}"
    fmt = "html" if job.format == "htm" else job.format
    started = time.monotonic()
    document, facts = extractor.run(
        data, source=source, fmt=fmt, beat=lambda: store.heartbeat_job(job.id, worker, now=time.time())
    )
    read_seconds = time.monotonic() - started

    def save() -> None:
        with store.transaction():
            begun = time.monotonic()
            created = store.add_document(document, facts)
            count = len(facts) if created else store.count_facts(document=document.id)
            result = {"created": created, "facts": count, "title": document.title, "language": document.language,
                      "seconds": {"read": round(read_seconds, 2), "store": round(time.monotonic() - begun, 2)}}
            if not store.finish_job(job.id, worker, now=time.time(), document=document.id, result=result):
                raise _Lost(job.id)
            store.audit(job.actor, "document.upload", document.id,
                        {"file": job.filename, "facts": count, "created": created, "job": job.id})

    _store_retrying(save)
    from riso.pipeline import link_leftovers  # the pipeline's linking, shared with `riso ingest`

    begun = time.monotonic()
    link_leftovers(store)
    log.info("upload job %s: read %.1f s, linked %.1f s", job.id, read_seconds, time.monotonic() - begun)


def _run_data(store: Store, job: Job, worker: str, data: bytes) -> None:
    importer = find_function("riso.services.data", "import_file")
    if importer is None:
        raise NotAvailable("data import is not installed in this riso yet")
    with tempfile.TemporaryDirectory(prefix="riso-upload-") as folder:
        path = Path(folder) / job.filename
        path.write_bytes(data)

        def save() -> None:
            with store.transaction():
                report = importer(store, path, source=f"upload:{job.filename}")
                body: dict[str, Any] = report.to_json() if hasattr(report, "to_json") else dict(vars(report))
                body["path"] = job.filename
                if not store.finish_job(job.id, worker, now=time.time(), result=body):
                    raise _Lost(job.id)
                store.audit(job.actor, "data.upload", job.filename,
                            {"stored": body.get("stored"), "skipped": body.get("skipped"), "job": job.id})

        _store_retrying(save)


class _Lost(Exception):
    """The job was taken from this worker meanwhile (presumed dead): its work is rolled back."""


def process_next(store: Store, extractor: Extractor, *, worker: str | None = None) -> Job | None:
    """Claim and process the oldest queued job; the finished job, or None when the queue is empty."""
    worker = worker or worker_id()
    job = store.claim_job(worker, now=time.time())
    if job is None:
        return None
    data = store.job_payload(job.id)
    try:
        if data is None:
            raise WorkerStopped("the uploaded bytes of this job are missing", hint="Upload the file again.")
        if job.kind == "data":
            _run_data(store, job, worker, data)
        else:
            _run_document(store, job, worker, data, extractor)
    except _Lost:
        log.warning("upload job %s was given to another worker meanwhile; this worker's result is dropped", job.id)
    except RisoError as err:
        store.finish_job(job.id, worker, now=time.time(), error=(err.code, str(err), err.hint))
    except Exception as err:  # a bug or a driver error: the job says so, the worker goes on
        log.exception("upload job %s failed", job.id)
        store.finish_job(job.id, worker, now=time.time(), error=(
            "R000", f"the server failed to process this file ({type(err).__name__})",
            "Try again; report it to the admin if it persists.",
        ))
    return store.get_job(job.id)


class UploadWorker:
    """The worker thread of `riso serve` (and the loop of `riso worker`).

    It processes jobs until the queue is empty, then waits for ``wake()`` (an upload to this server) or
    ``poll`` seconds (None: only when woken, so a DuckDB file is not reopened while idle). On start and
    then at most every RECOVER_SECONDS it queues again the jobs of dead workers. ``after`` runs after each
    job (the server drops its read cache), ``idle`` when the queue is empty (the server lets go of an idle
    DuckDB file).
    """

    RECOVER_SECONDS = 30.0

    def __init__(
        self,
        store: Store,
        *,
        poll: float | None = None,
        after: Callable[[Job], None] | None = None,
        idle: Callable[[], None] | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        self.store = store
        self.poll = poll
        self.after = after
        self.idle = idle
        self.extractor = extractor or Extractor()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started_lock = threading.Lock()

    def start(self) -> None:
        """Start the thread (once); it first resumes what an earlier run left."""
        with self._started_lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, name="riso-upload-worker", daemon=True)
                self._thread.start()
        self._wake.set()

    def wake(self) -> None:
        """A job was queued: look now (starting the thread if needed)."""
        self.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current job (a document still being read is abandoned and retried next start)."""
        self._stop.set()
        self._wake.set()
        self.extractor.close()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        last_recover = -self.RECOVER_SECONDS
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if time.monotonic() - last_recover >= self.RECOVER_SECONDS:
                    recover(self.store)
                    last_recover = time.monotonic()
                while not self._stop.is_set():
                    job = process_next(self.store, self.extractor)
                    if job is None:
                        break
                    if self.after is not None:
                        self.after(job)
                if self.idle is not None:
                    self.idle()
            except StoreBusy:
                self._stop.wait(2.0)
                continue
            except Exception:  # never let the worker die on one bad moment
                if self._stop.is_set():
                    return
                log.exception("the upload worker failed; it tries again shortly")
                self._stop.wait(2.0)
                continue
            self._wake.wait(self.poll if self.poll is not None else self.RECOVER_SECONDS)
            if self.poll is None and not self._wake.is_set():
                last_recover = time.monotonic()  # a DuckDB file: not reopened just to look when nobody uploads
