"""Store methods: the upload job queue both backends share (migration 012).

A job is claimed by one worker with a conditional UPDATE (``... WHERE id = ? AND status = 'queued'``):
on PostgreSQL two workers racing for the same row see it change under them and only one UPDATE matches;
a DuckDB file has one process. Finishing is conditional on the worker too, so a job queued again after
its worker was presumed dead is never finished twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from riso.errors import NotFound
from riso.store.base import Row, SQLBackend

__all__ = ["JOB_STATUSES", "Job", "JobsMixin"]

JOB_STATUSES = ("queued", "running", "done", "failed")
_COLUMNS = (
    "id, kind, filename, format, size, actor, status, attempts, worker, document, result, error_code, "
    "error_message, error_hint, created_at, started_at, heartbeat_at, finished_at"
)


@dataclass(frozen=True)
class Job:
    """One upload waiting for, in, or after the worker."""

    id: str
    kind: str  # "document" or "data"
    filename: str
    format: str
    size: int
    actor: str
    status: str
    attempts: int
    worker: str | None
    document: str | None
    result: dict[str, Any] | None
    error: dict[str, str] | None
    created_at: float
    started_at: float | None
    heartbeat_at: float | None
    finished_at: float | None

    @property
    def finished(self) -> bool:
        """Whether the worker is done with it (done or failed)."""
        return self.status in ("done", "failed")


def _job(row: Row) -> Job:
    error = None
    if row["error_code"]:
        error = {"code": row["error_code"], "message": row["error_message"] or "", "hint": row["error_hint"] or ""}
    return Job(
        id=row["id"], kind=row["kind"], filename=row["filename"], format=row["format"], size=int(row["size"]),
        actor=row["actor"], status=row["status"], attempts=int(row["attempts"]), worker=row["worker"],
        document=row["document"], result=json.loads(row["result"]) if row["result"] else None, error=error,
        created_at=float(row["created_at"]), started_at=row["started_at"], heartbeat_at=row["heartbeat_at"],
        finished_at=row["finished_at"],
    )


class JobsMixin(SQLBackend):
    """The upload queue: add, claim, heartbeat, finish, re-queue, list."""

    def add_job(
        self, job_id: str, *, kind: str, filename: str, fmt: str, payload: bytes, actor: str, now: float
    ) -> Job:
        """Queue an upload with its bytes."""
        self.execute(
            "INSERT INTO upload_jobs (id, kind, filename, format, size, actor, status, attempts, payload, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)",
            (job_id, kind, filename, fmt, len(payload), actor, payload, now),
        )
        return self.get_job(job_id)

    def get_job(self, job_id: str) -> Job:
        """The job with this id; raises NotFound."""
        row = self.query_one(f"SELECT {_COLUMNS} FROM upload_jobs WHERE id = ?", (job_id,))
        if row is None:
            raise NotFound(f"no upload job {job_id!r}", hint="List your uploads at /api/v1/uploads or on /upload.")
        return _job(row)

    def job_payload(self, job_id: str) -> bytes | None:
        """The uploaded bytes of a job not done yet (None once it is done)."""
        row = self.query_one("SELECT payload FROM upload_jobs WHERE id = ?", (job_id,))
        if row is None or row["payload"] is None:
            return None
        return bytes(row["payload"])

    def list_jobs(self, *, actor: str | None = None, status: str | None = None, limit: int = 50) -> list[Job]:
        """Jobs newest first, of one uploader and/or in one status."""
        where, params = [], []
        if actor is not None:
            where.append("actor = ?")
            params.append(actor)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.query(
            f"SELECT {_COLUMNS} FROM upload_jobs{clause} ORDER BY created_at DESC, id DESC LIMIT ?", (*params, limit)
        )
        return [_job(r) for r in rows]

    def queue_position(self, job: Job) -> int:
        """How many queued jobs are ahead of this one."""
        row = self.query_one(
            "SELECT count(*) AS n FROM upload_jobs WHERE status = 'queued' AND (created_at < ? OR "
            "(created_at = ? AND id < ?))",
            (job.created_at, job.created_at, job.id),
        )
        return int(row["n"]) if row else 0

    def claim_job(self, worker: str, *, now: float) -> Job | None:
        """Take the oldest queued job for ``worker`` (status running, one more attempt), or None."""
        candidates = self.query(
            "SELECT id FROM upload_jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 5"
        )
        for row in candidates:
            with self.transaction():
                taken = self._run(
                    "UPDATE upload_jobs SET status = 'running', worker = ?, attempts = attempts + 1, started_at = ?, "
                    "heartbeat_at = ? WHERE id = ? AND status = 'queued' RETURNING id",
                    (worker, now, now, row["id"]),
                )
            if taken:
                return self.get_job(row["id"])
        return None

    def heartbeat_job(self, job_id: str, worker: str, *, now: float) -> None:
        """Say the worker is still on the job."""
        self.execute(
            "UPDATE upload_jobs SET heartbeat_at = ? WHERE id = ? AND worker = ? AND status = 'running'",
            (now, job_id, worker),
        )

    def finish_job(
        self,
        job_id: str,
        worker: str,
        *,
        now: float,
        document: str | None = None,
        result: dict[str, Any] | None = None,
        error: tuple[str, str, str] | None = None,
    ) -> bool:
        """Mark a running job done (``result``) or failed (``error`` = code, message, hint) and drop its
        bytes; False when the job is no longer this worker's. Call inside the transaction that stored
        the job's work, so both happen or neither."""
        status = "failed" if error else "done"
        code, message, hint = error or (None, None, None)
        with self.transaction():
            changed = self._run(
                "UPDATE upload_jobs SET status = ?, document = ?, result = ?, error_code = ?, error_message = ?, "
                "error_hint = ?, finished_at = ?, heartbeat_at = ?, payload = NULL "
                "WHERE id = ? AND worker = ? AND status = 'running' RETURNING id",
                (status, document, json.dumps(result, ensure_ascii=False, default=str) if result is not None else None,
                 code, message, hint, now, now, job_id, worker),
            )
        return bool(changed)

    def running_jobs(self) -> list[Job]:
        """Every job some worker holds now."""
        rows = self.query(f"SELECT {_COLUMNS} FROM upload_jobs WHERE status = 'running' ORDER BY started_at")
        return [_job(r) for r in rows]

    def requeue_job(self, job_id: str, worker: str | None, *, max_attempts: int, now: float) -> str | None:
        """Put a running job whose worker is gone back in the queue (or fail it after ``max_attempts``);
        returns the new status, or None when the job changed meanwhile."""
        job = self.get_job(job_id)
        if job.status != "running" or job.worker != worker:
            return None
        if job.attempts >= max_attempts:
            message = f"the worker stopped {job.attempts} times while reading this file"
            failed = self.finish_job(job_id, worker or "", now=now, error=(
                "R970", message, "The file may be too heavy to read; split it, or ask the admin to look at the log."
            ))
            return "failed" if failed else None
        with self.transaction():
            changed = self._run(
                "UPDATE upload_jobs SET status = 'queued', worker = NULL, heartbeat_at = NULL "
                "WHERE id = ? AND worker = ? AND status = 'running' RETURNING id",
                (job_id, worker),
            )
        return "queued" if changed else None
