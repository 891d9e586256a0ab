"""Shared by the load benchmarks (hostile.py --load, dashboard.py): a seeded store, a real `riso serve`
process on it, and concurrent clients that record each request's latency and status.

The store is seeded through the CLI: `riso ingest` of the example corpus (and the shared Chongqing corpus
when $RISO_SHARED has it), `riso data load-shipped`, an editor and a viewer with API tokens.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CODE = "from riso.cli import main; main()"
PASSWORD = "benchmark password 1"


def riso(*args: str, env: dict[str, str], stdin: str | None = None) -> str:
    """Run one riso command; its stdout (raises with its stderr on failure)."""
    out = subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True, env=env,
                         input=stdin, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"riso {' '.join(args)} failed: {out.stderr[-1000:]}")
    return out.stdout


def seed(db: str) -> tuple[dict[str, str], dict[str, str]]:
    """Seed the store at ``db``; the editor's and the viewer's auth headers."""
    env = {**os.environ, "RISO_DB": db}
    folders = [str(ROOT / "examples" / "corpus")]
    shared = Path(os.environ.get("RISO_SHARED", ROOT.parent / "shared")) / "corpus" / "chongqing"
    if shared.is_dir():
        folders.append(str(shared))
    riso("ingest", *folders, env=env)
    riso("data", "load-shipped", env=env)
    headers = []
    for name, role in (("ed", "editor"), ("vi", "viewer")):
        riso("user", "add", name, "--role", role, "--password-stdin", env=env, stdin=PASSWORD + "\n")
        token = riso("user", "token", name, env=env).strip().split()[-1]
        headers.append({"Authorization": f"Bearer {token}"})
    return headers[0], headers[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SERVER_PID: list[int] = []  # the PID of the running `riso serve` (for its CPU time)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process (and its waited-for children) used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / ticks


@contextmanager
def served(db: str, *extra: str) -> Iterator[str]:
    """`riso serve` on ``db`` as its own process; yields its base URL (its PID in SERVER_PID)."""
    port = _free_port()
    env = {**os.environ, "RISO_DB": db}
    proc = subprocess.Popen([sys.executable, "-c", CODE, "serve", "--port", str(port), "--no-public", *extra],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/login", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"riso serve did not start: {proc.communicate()[1][-2000:]!r}")
        time.sleep(0.2)
    SERVER_PID[:] = [proc.pid]
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Samples:
    """Latencies (seconds) and outcomes of one kind of request."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, seconds: float, status: int | None) -> None:
        """Record one request (status None: a connection error or timeout)."""
        self.latencies.append(seconds)
        if status is None or status >= 400:
            self.errors += 1
        if status is not None:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def summary(self) -> dict[str, object]:
        """Count, error rate, p50/p95/p99/max in milliseconds."""
        if not self.latencies:
            return {"requests": 0}
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

        return {"requests": len(ordered), "error_rate": round(self.errors / len(ordered), 4), "p50_ms": pct(0.50),
                "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(ordered[-1] * 1000, 1),
                "mean_ms": round(statistics.fmean(ordered) * 1000, 1), "statuses": self.statuses}


async def timed(client: httpx.AsyncClient, samples: Samples, method: str, url: str, **kwargs: object) -> int | None:
    """One request, recorded in ``samples``; its status (None on a connection error)."""
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
        status: int | None = response.status_code
    except httpx.HTTPError:
        status = None
    samples.add(time.perf_counter() - start, status)
    return status


async def readers(
    base: str, headers: dict[str, str], paths: list[str], *, clients: int, until: Callable[[], bool],
    samples: Samples, per_client: int | None = None,
) -> None:
    """``clients`` concurrent readers, each cycling through ``paths`` until ``until()`` (or per_client)."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120, limits=limits) as client:

        async def one(index: int) -> None:
            done = 0
            while not until() and (per_client is None or done < per_client):
                await timed(client, samples, "GET", paths[(index + done) % len(paths)])
                done += 1

        await asyncio.gather(*(one(i) for i in range(clients)))


def run(coro: Awaitable[object]) -> object:
    """Run a coroutine to completion."""
    return asyncio.run(coro)  # type: ignore[arg-type]
