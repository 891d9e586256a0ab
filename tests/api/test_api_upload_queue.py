"""Issue 16 item 2: uploads are queued and read by a worker off the request path, on both backends.

A real `riso serve` process: an oversized or anonymous POST is refused from its headers (raw socket, no
body byte sent, nothing spooled); a heavy upload leaves reads answering while it is still being read;
queued jobs resume and an interrupted job is retried after a restart, nothing half-stored.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from riso.services import accounts, jobs
from riso.store import Store, open_store

CODE = "from riso.cli import main; main()"
PASSWORD = "uploader password 1"


def heavy_html(paragraphs: int = 8_000) -> bytes:
    """The audit's page: many short paragraphs, each with a number (seconds of extraction)."""
    body = "".join(f"<p>Paragraph {i} with 3 % growth.</p>" for i in range(paragraphs))
    return f"<html><body>{body}</body></html>".encode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`riso serve` as its own process (so it can be killed and restarted) with its own TMPDIR."""

    def __init__(self, db: str, tmp: Path) -> None:
        self.db = db
        self.spool = tmp / "spool"
        self.spool.mkdir(exist_ok=True)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "RISO_DB": self.db, "TMPDIR": str(self.spool)}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CODE, "serve", "--port", str(self.port), "--no-public", "--cache-seconds", "0",
             "--max-upload-mb", "10"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{self.base}/login", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"riso serve did not start: {self.proc.communicate()[1][-2000:]!r}")
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as a crash or an OOM kill."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)


@pytest.fixture
def setup(store: Store, tmp_path: Path) -> Iterator[tuple[Server, dict[str, str], dict[str, str]]]:
    """A served store (closed here, so the server process owns a DuckDB file) with an editor and a viewer."""
    accounts.add_user(store, "ed", "editor", PASSWORD, actor="test")
    accounts.add_user(store, "vi", "viewer", PASSWORD, actor="test")
    editor = {"Authorization": f"Bearer {accounts.issue_token(store, 'ed', actor='test')}"}
    viewer = {"Authorization": f"Bearer {accounts.issue_token(store, 'vi', actor='test')}"}
    url = store.url if store.dialect == "postgres" else str(tmp_path / "riso.duckdb")
    if store.dialect == "duckdb":
        store.release()
    server = Server(url, tmp_path)
    server.start()
    try:
        yield server, editor, viewer
    finally:
        server.stop()


def _opened(server: Server) -> Store:
    return open_store(server.db)


def _upload(server: Server, headers: dict[str, str], name: str, data: bytes) -> dict[str, object]:
    response = httpx.post(f"{server.base}/api/v1/documents", files={"file": (name, data)}, headers=headers,
                          timeout=60)
    assert response.status_code == 202, response.text
    assert response.headers["location"].startswith("/api/v1/uploads/up_")
    job: dict[str, object] = response.json()["job"]
    return job


def _job(server: Server, headers: dict[str, str], job_id: object, wait: float = 0) -> dict[str, object]:
    response = httpx.get(f"{server.base}/api/v1/uploads/{job_id}?wait={wait}", headers=headers, timeout=wait + 60)
    assert response.status_code == 200, response.text
    job: dict[str, object] = response.json()["job"]
    return job


def _finished(server: Server, headers: dict[str, str], job_id: object, seconds: float = 300) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(server, headers, job_id, wait=20)
        if job["status"] in ("done", "failed"):
            return job
    raise AssertionError(f"job {job_id} did not finish in {seconds} s")


def _raw_post(server: Server, path: str, length: int, headers: dict[str, str]) -> bytes:
    """Send only the headers of a POST announcing a body of ``length`` bytes, and read the answer: any
    answer that comes back was given before a single byte of the body was sent."""
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}",
             "Content-Type: multipart/form-data; boundary=----riso", f"Content-Length: {length}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        sock.settimeout(30)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        length_line = [ln for ln in head.split(b"\r\n") if ln.lower().startswith(b"content-length:")]
        want = int(length_line[0].split(b":")[1]) if length_line else 0
        while len(body) < want:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body


def _spooled(server: Server) -> list[Path]:
    """Files in the server's TMPDIR (multiprocessing's own pymp-* folders aside)."""
    return [p for p in server.spool.rglob("*")
            if p.is_file() and not any(part.startswith("pymp-") for part in p.relative_to(server.spool).parts)]


def test_issue16_oversized_or_anonymous_posts_are_refused_before_the_body(
    setup: tuple[Server, dict[str, str], dict[str, str]],
) -> None:
    server, editor, viewer = setup
    before = _spooled(server)
    # the audit's case: an anonymous 300 MB multipart POST
    answer = _raw_post(server, "/api/v1/documents", 300_000_000, {})
    assert answer.split(b"\r\n")[0].split(b" ")[1] in (b"401", b"413"), answer[:300]
    # under the size limit but anonymous: 401 from the headers alone
    answer = _raw_post(server, "/api/v1/documents", 5_000_000, {})
    assert answer.startswith(b"HTTP/1.1 401"), answer[:300]
    answer = _raw_post(server, "/upload", 5_000_000, {})
    assert answer.startswith(b"HTTP/1.1 401"), answer[:300]
    # an account that may not upload: 403; an editor with a file over the limit: 413
    answer = _raw_post(server, "/api/v1/documents", 5_000_000, viewer)
    assert answer.startswith(b"HTTP/1.1 403"), answer[:300]
    answer = _raw_post(server, "/api/v1/documents", 300_000_000, editor)
    assert answer.startswith(b"HTTP/1.1 413") and b"more than the 10 MB" in answer, answer[:300]
    answer = _raw_post(server, "/api/v1/documents", 5_000_000, {"Authorization": "Bearer riso_forged"})
    assert answer.startswith(b"HTTP/1.1 401"), answer[:300]
    assert _spooled(server) == before  # before the fix: 270 MB written to disk before the 401
    # an editor's upload under the limit still goes through
    job = _upload(server, editor, "ok.txt", b"Bis 2030 sollen in Chongqing 5 neue Labore entstehen.")
    assert _finished(server, editor, job["id"])["status"] == "done"


def test_issue16_a_heavy_upload_leaves_reads_answering_while_it_is_read(
    setup: tuple[Server, dict[str, str], dict[str, str]],
) -> None:
    server, editor, viewer = setup
    job = _upload(server, editor, "paragraphs_8000.html", heavy_html())
    assert job["status"] in ("queued", "running")
    for _ in range(3):  # API and dashboard reads answer while the job waits or is being read
        assert httpx.get(f"{server.base}/api/v1/documents", headers=viewer, timeout=30).status_code == 200
        assert httpx.get(f"{server.base}/", headers=viewer, timeout=30).status_code == 200
        assert httpx.get(f"{server.base}/api/v1/facts?limit=5", headers=viewer, timeout=30).status_code == 200
    # the reads above completed before the worker finished: the job is still queued or running now
    assert _job(server, editor, job["id"])["status"] in ("queued", "running")
    # the uploader sees it on the dashboard too
    page = httpx.get(f"{server.base}/upload/jobs/{job['id']}", headers=editor, timeout=30)
    assert page.status_code == 200 and ('http-equiv="refresh"' in page.text or "Done." in page.text)
    done = _finished(server, editor, job["id"])
    assert done["status"] == "done", done
    result = done["result"]
    assert isinstance(result, dict) and result["created"] and result["facts"] > 1000
    answer = httpx.get(f"{server.base}/api/v1{'/documents/'}{done['document']}", headers=viewer, timeout=30)
    assert answer.status_code == 200 and answer.json()["facts"] == result["facts"]
    listed = httpx.get(f"{server.base}/upload", headers=editor, timeout=30)
    assert "paragraphs_8000.html" in listed.text


def test_issue16_jobs_survive_a_restart(setup: tuple[Server, dict[str, str], dict[str, str]]) -> None:
    server, editor, _ = setup
    job = _upload(server, editor, "paragraphs_2000.html", heavy_html(2_000))
    deadline = time.monotonic() + 120
    while _job(server, editor, job["id"])["status"] != "running":  # kill it mid-ingest
        assert time.monotonic() < deadline, "the worker never started the job"
        time.sleep(0.1)
    server.kill()
    store = _opened(server)
    try:
        interrupted = store.get_job(str(job["id"]))
        assert interrupted.status == "running" and interrupted.document is None
        assert store.count_documents() == 0  # nothing half-stored
        # a job queued while no server runs (as a crashed server's queue)
        queued = jobs.enqueue(store, "document", "queued.txt", b"Bis 2028 plant Chengdu 20 neue Zentren.",
                              actor="ed", max_bytes=10_000_000)
    finally:
        store.close()
    server.start()
    again = _finished(server, editor, job["id"])
    assert again["status"] == "done" and again["attempts"] == 2, again  # retried once, from the start
    resumed = _finished(server, editor, queued.id)
    assert resumed["status"] == "done" and resumed["attempts"] == 1
    server.stop()
    store = _opened(server)
    try:
        assert store.count_documents() == 2
        assert store.count_facts(document=str(again["document"])) == again["result"]["facts"]  # type: ignore[index]
        assert store.job_payload(str(job["id"])) is None  # the bytes are dropped once stored
    finally:
        store.close()


def test_issue16_queue_claims_once_and_requeues_dead_workers(store: Store) -> None:
    data = b"Bis 2030 sollen in Chongqing 5 neue Labore entstehen."
    first = jobs.enqueue(store, "document", "a.txt", data, actor="ed", max_bytes=1_000_000)
    second = jobs.enqueue(store, "document", "b.txt", data + b" Mehr.", actor="ed", max_bytes=1_000_000)
    now = time.time()
    taken = store.claim_job("host:1:a", now=now)
    assert taken is not None and taken.id == first.id and taken.attempts == 1
    other = store.claim_job("host:2:b", now=now)
    assert other is not None and other.id == second.id  # never the same job twice
    assert store.claim_job("host:3:c", now=now) is None
    # a worker on another host whose heartbeat stopped: its job is queued again, then failed after 3 tries
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        assert jobs.recover(store, now=now + jobs.STALE_SECONDS * attempt * 2)
        state = store.get_job(first.id)
        if attempt < jobs.MAX_ATTEMPTS:
            assert state.status == "queued"
            claimed = store.claim_job("host:1:a", now=now + jobs.STALE_SECONDS * attempt * 2)
            assert claimed is not None and claimed.id in (first.id, second.id)
            if claimed.id != first.id:
                claimed = store.claim_job("host:1:a", now=now + jobs.STALE_SECONDS * attempt * 2)
                assert claimed is not None and claimed.id == first.id
        else:
            assert state.status == "failed" and state.error and state.error["code"] == "R970"
    # the presumed-dead worker's late result is refused: nothing is finished twice
    assert not store.finish_job(first.id, "host:1:a", now=time.time(), result={"late": True})
    # the in-process worker reads and stores a queued job, in one transaction with its "done"
    third = jobs.enqueue(store, "document", "c.txt", b"Chengdu plant bis 2028 20 neue Zentren.", actor="ed",
                         max_bytes=1_000_000)
    extractor = jobs.Extractor(in_process=True)
    while (done := jobs.process_next(store, extractor)) is not None and done.id != third.id:
        pass
    assert done is not None and done.status == "done" and done.document and store.has_document(done.document)
    refused = jobs.enqueue(store, "document", "fake.pdf", b"%PDF-1.4 broken", actor="ed", max_bytes=1_000_000)
    failed = jobs.process_next(store, extractor)
    assert failed is not None and failed.id == refused.id and failed.status == "failed"
    assert failed.error and failed.error["message"] and failed.error["hint"]
