"""The dashboard's `/` under 50 concurrent clients (issue 17 item 8: p50 was 7.1 s, no cache).

Seeds a DuckDB file (example corpus, the shared Chongqing corpus when present, shipped datasets), serves it
with a real `riso serve` (default read cache, 5 s) and lets ``--clients`` concurrent clients each load `/`
``--requests`` times, in English and in Chinese (the cache is per UI language). Prints the cold first
load and the p50/p95/p99 under load, one JSON object.

    .venv/bin/python benchmarks/dashboard.py                  # 50 clients x 20 requests
    .venv/bin/python benchmarks/dashboard.py --cache-seconds 0  # every request computes the page
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from serving import SERVER_PID, Samples, cpu_seconds, seed, served


async def _measure(base: str, viewer: dict[str, str], clients: int, requests: int) -> dict[str, object]:
    async with httpx.AsyncClient(base_url=base, headers=viewer, timeout=120) as client:
        start = time.perf_counter()
        first = await client.get("/")
        cold_ms = round((time.perf_counter() - start) * 1000, 1)
        assert first.status_code == 200, first.text[:300]
    samples = Samples()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers=viewer, timeout=120, limits=limits) as client:

        async def one(index: int) -> None:
            for k in range(requests):
                lang = "zh" if (index + k) % 2 else "en"
                start = time.perf_counter()
                try:
                    response = await client.get("/", cookies={"riso_lang": lang})
                    status: int | None = response.status_code
                except httpx.HTTPError:
                    status = None
                samples.add(time.perf_counter() - start, status)

        started = time.perf_counter()
        cpu = cpu_seconds(SERVER_PID[0])
        await asyncio.gather(*(one(i) for i in range(clients)))
        cpu = cpu_seconds(SERVER_PID[0]) - cpu
        wall = time.perf_counter() - started
    summary = samples.summary()
    return {"clients": clients, "requests_each": requests, "cold_first_ms": cold_ms, "wall_s": round(wall, 1),
            "server_cpu_ms_per_request": round(cpu * 1000 / max(1, clients * requests), 1),
            "req_per_s": round(int(summary["requests"]) / wall, 1), "dashboard_root": summary}  # type: ignore[call-overload]


def main() -> None:
    """Seed, serve, measure; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="loads of / per client")
    parser.add_argument("--cache-seconds", default="5", help="riso serve --cache-seconds (0: no read cache)")
    parser.add_argument("--db", help="a postgresql://...?schema=NAME store (default: a new DuckDB file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "riso.duckdb")
        _, viewer = seed(db)
        with served(db, "--cache-seconds", args.cache_seconds) as base:
            figures = asyncio.run(_measure(base, viewer, args.clients, args.requests))
    print(json.dumps({"cache_seconds": float(args.cache_seconds), **figures}), flush=True)


if __name__ == "__main__":
    main()
