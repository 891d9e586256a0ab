"""API read latency and throughput on loopback: synthetic facts and observations in DuckDB, uvicorn in a subprocess.

    .venv/bin/python benchmarks/api.py            # 100k facts, 1M observations, 8 s per endpoint
    .venv/bin/python benchmarks/api.py --full     # 1M facts, 10M observations

Prints p50/p95/p99 latency and requests/s per endpoint, for cached reads (the server's read cache on)
and uncached reads (cache off: every request queries the store), and the server process's CPU time per
request (a figure that holds when other jobs share the machine: 1000 / (CPU ms/req) is the req/s one core serves).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from riso.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def build_store(path: Path, *, facts: int, observations: int) -> None:
    """Bulk-insert synthetic documents, facts and observations with DuckDB SQL (seconds, not minutes)."""
    store = open_store(path)
    conn = store.conn  # type: ignore[union-attr]
    regions = 300
    conn.execute(
        "INSERT INTO documents (id, source, title, language, text, size_chars) "
        "SELECT 'sha256:' || lpad(i::VARCHAR, 8, '0'), 'synthetic/' || i || '.txt', 'Document ' || i, "
        "['de','fr','it','en','zh'][1 + i % 5], repeat('Innovation ', 100), 1100 FROM range(?) t(i)",
        [max(facts // 100, 1)],
    )
    conn.execute(
        "INSERT INTO facts (id, document, kind, metric, metric_text, value, unit, comparator, deadline, subject_id, "
        "subject_name, quote, start_char, end_char, language, confidence, payload) "
        "SELECT 'f:' || lpad(i::VARCHAR, 20, '0'), 'sha256:' || lpad((i // 100)::VARCHAR, 8, '0'), "
        "['target','measurement','rank','entity'][1 + i % 4], 'indicator_' || (i % 40), 'metric ' || (i % 40), "
        "(i % 1000)::DOUBLE, '%', 'at_least', 2025 + i % 6, 'R-' || (i % ?), 'Region ' || (i % ?), "
        "'By 2027 the region aims at ' || (i % 1000) || ' percent of something measurable.', "
        "(i % 100) * 10, (i % 100) * 10 + 60, ['de','fr','it','en','zh'][1 + i % 5], 0.8, '{}' FROM range(?) t(i)",
        [regions, regions, facts],
    )
    conn.execute(
        "INSERT INTO observations (region, indicator, period, value, unit, source, origin) "
        "SELECT 'R-' || (i % ?), 'indicator_' || ((i // ?) % 40), (1990 + (i // (? * 40)) % 35)::VARCHAR, "
        "random() * 100, '%', 'synthetic-' || (i // (? * 40 * 35)), 'dataset' FROM range(?) t(i)",
        [regions, regions, regions, regions, observations],
    )
    conn.execute("CHECKPOINT")
    store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, cache_seconds: float) -> subprocess.Popen[bytes]:
    """uvicorn over the store in its own process (one worker), public reads on."""
    code = (
        "import uvicorn; from riso.api import create_app; "
        f"uvicorn.run(create_app({str(db)!r}, public=True, cache_seconds={cache_seconds}), "
        f"host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/me", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


async def load(url: str, *, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Hit one URL from ``clients`` concurrent connections for ``seconds``: latencies, errors, elapsed."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                start = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return latencies, errors, time.perf_counter() - began


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RISO %d %d %d %f %f %f\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def load_wrk(url: str, *, clients: int, seconds: float, script: Path) -> tuple[int, float, float, float, float, int]:
    """wrk (C, two threads) against one URL: requests, req/s, p50, p95, p99 (ms), errors."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{seconds:g}s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("RISO "))
    n, micros, errors, p50, p95, p99 = line.split()[1:]
    return int(n), int(n) / (int(micros) / 1e6), float(p50), float(p95), float(p99), int(errors)


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000 if len(values) > 1 else values[0] * 1000


ENDPOINTS = [
    ("facts page", "/api/v1/facts?limit=50"),
    ("facts by region+kind", "/api/v1/facts?region=R-7&kind=target&limit=50"),
    ("one fact + evidence", "/api/v1/facts/f:00000000000000012345"),
    ("documents page", "/api/v1/documents?limit=50"),
    ("observations series", "/api/v1/observations?region=R-7&indicator=indicator_3&limit=100"),
    ("facts as CSV", "/api/v1/facts?kind=rank&limit=100&format=csv"),
]


def main() -> None:
    """Build the store, then measure every endpoint cached and uncached."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="1M facts and 10M observations")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto",
                        help="load generator: wrk when installed (auto), else Python httpx")
    args = parser.parse_args()
    facts, observations = (1_000_000, 10_000_000) if args.full else (100_000, 1_000_000)
    with tempfile.TemporaryDirectory(prefix="riso-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        began = time.perf_counter()
        build_store(db, facts=facts, observations=observations)
        print(f"store: {facts:,} facts, {observations:,} observations, built in {time.perf_counter() - began:.1f} s")
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk") is not None)
        script = Path(folder) / "riso.lua"
        script.write_text(_WRK_SCRIPT)
        print(
            f"load: {args.clients} concurrent clients ({'wrk' if use_wrk else 'httpx'}), "
            f"{args.seconds:g} s per endpoint, uvicorn 1 worker, loopback"
        )
        head = ("mode", "endpoint", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req")
        print("{:<9} {:<22} {:>8} {:>7} {:>7} {:>7} {:>7} {:>10} errors".format(*head))
        for mode, cache in (("cached", 5.0), ("uncached", 0.0)):
            port = _free_port()
            server = start_server(db, port, cache)
            try:
                for name, path in ENDPOINTS:
                    url = f"http://127.0.0.1:{port}{path}"
                    httpx.get(url, timeout=60)  # warm up (and fill the cache)
                    cpu = cpu_seconds(server.pid)
                    if use_wrk:
                        n, rate, p50, p95, p99, errors = load_wrk(
                            url, clients=args.clients, seconds=args.seconds, script=script
                        )
                    else:
                        lat, errors, elapsed = asyncio.run(load(url, clients=args.clients, seconds=args.seconds))
                        n, rate = len(lat), len(lat) / elapsed
                        p50, p95, p99 = _pct(lat, 50), _pct(lat, 95), _pct(lat, 99)
                    per_request = (cpu_seconds(server.pid) - cpu) / max(n, 1) * 1000
                    print(
                        f"{mode:<9} {name:<22} {n:>8} {rate:>7.0f} {p50:>7.1f} "
                        f"{p95:>7.1f} {p99:>7.1f} {per_request:>10.2f} {errors}"
                    )
            finally:
                server.terminate()
                server.wait(timeout=20)


if __name__ == "__main__":
    main()
