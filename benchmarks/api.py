"""API read latency and throughput on loopback: synthetic facts and observations in DuckDB or PostgreSQL, uvicorn
in a subprocess.

    .venv/bin/python benchmarks/api.py            # 100k facts, 1M observations, 8 s per endpoint
    .venv/bin/python benchmarks/api.py --full     # 1M facts, 10M observations
    .venv/bin/python benchmarks/api.py --full --only pages --modes uncached   # the dashboard pages
    .venv/bin/python benchmarks/api.py --full --backend postgres --modes uncached   # the same store in PostgreSQL

The synthetic DuckDB store is built once per size into benchmarks/.cache (about 50 s at full size) and copied for
each run, so reruns start at once. ``--backend postgres`` builds the same rows with INSERT ... SELECT over
generate_series into a database of its own on the server of ``--pg`` (riso_bench_<facts>_<observations>_v<N>),
kept for the next run unless ``--drop``.

Prints p50/p95/p99 latency and requests/s per endpoint, for cached reads (the server's read cache on)
and uncached reads (cache off: every request queries the store), and the server process's CPU time per
request (a figure that holds when other jobs share the machine: 1000 / (CPU ms/req) is the req/s one core serves);
on PostgreSQL also the CPU time of the database's server processes per request ("PG ms/req").
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from riso.store import open_store

ROOT = Path(__file__).resolve().parents[1]


BUILD_VERSION = 4  # bump when build_store changes: the cached store is rebuilt
SYNTHETIC_REGIONS = 10_000  # catalog regions first, then synthetic ids (XS-00001 ...)
SYNTHETIC_INDICATORS = 50  # catalog indicators first, then synthetic ids
YEARS = 20


def _ids(conn: object, name: str, ids: list[str], total: int, prefix: str) -> None:
    """A lookup table (n, id): the catalog's ids first, then synthetic ones up to ``total``."""
    full = (ids + [f"{prefix}{i:05d}" for i in range(total - len(ids))])[:total]
    conn.execute(f"CREATE TEMP TABLE {name} (n INTEGER, id VARCHAR)")  # type: ignore[attr-defined]
    conn.executemany(f"INSERT INTO {name} VALUES (?, ?)", list(enumerate(full)))  # type: ignore[attr-defined]


def build_store(path: Path, *, facts: int, observations: int) -> None:
    """Bulk-insert synthetic documents, facts, targets and observations with DuckDB SQL (seconds, not minutes).

    Regions and indicators are the catalog's (so API filters accept them) plus synthetic ones: observations
    are 10,000 regions x 50 indicators x 20 years at 10M (the shape of benchmarks/progress.py), facts spread
    over the same regions, a quarter of them targets that repeat per region and indicator (as a target stated
    in several documents and languages does), reconciled into the targets table as `riso ingest` leaves it.
    """
    from riso.catalog import load_catalog

    catalog = load_catalog()
    store = open_store(path)
    conn = store.conn  # type: ignore[union-attr]
    _ids(conn, "reg", list(catalog.regions), SYNTHETIC_REGIONS, "XS-")
    _ids(conn, "ind", list(catalog.indicators), SYNTHETIC_INDICATORS, "xs_indicator_")
    n_docs = max(facts // 100, 1)
    conn.execute(
        "INSERT INTO documents (id, source, title, language, text, size_chars, ingested_at) "
        "SELECT 'sha256:' || sha256(i::VARCHAR), 'synthetic/' || i || '.txt', 'Document ' || i, "
        "['de','fr','it','en','zh'][1 + i % 5], repeat('Innovation ', 100), 1100, "
        "TIMESTAMP '2026-01-01' + INTERVAL (i) MINUTE FROM range(?) t(i)",
        [n_docs],
    )
    # fact i: document i // 100 (hash ids, so documents are in no order), region by a stride over all regions
    conn.execute(
        "INSERT INTO facts (id, document, kind, metric, metric_text, value, unit, comparator, deadline, subject_id, "
        "subject_name, quote, start_char, end_char, language, confidence, payload) "
        "SELECT 'f:' || substr(sha256('f' || i::VARCHAR), 1, 20), 'sha256:' || sha256((i // 100)::VARCHAR), "
        "k.kind, ind.id, 'metric ' || ind.n, "
        "CASE WHEN k.kind = 'target' THEN 10 + (reg.n + ind.n) % 90 ELSE (i % 1000) END::DOUBLE, '%', "
        "'at_least', CASE WHEN k.kind = 'target' THEN 2030 ELSE 2025 + i % 6 END, reg.id, 'Region ' || reg.n, "
        "'By 2030 the region aims at ' || (i % 1000) || ' percent of something measurable.', "
        "(i % 100) * 10, (i % 100) * 10 + 60, ['de','fr','it','en','zh'][1 + i % 5], 0.8, '{}' "
        "FROM range(?) t(i), "
        "LATERAL (SELECT ['target','measurement','rank','entity'][1 + i % 4] AS kind) k "
        "JOIN reg ON reg.n = ((i // 4) * 7919) % ? "
        "JOIN ind ON ind.n = CASE WHEN k.kind = 'target' THEN ((i // 4) // ?) % 5 ELSE i % ? END",
        [facts, SYNTHETIC_REGIONS, SYNTHETIC_REGIONS, SYNTHETIC_INDICATORS],
    )
    # one target per (region, indicator) stated by target facts, with its facts, as sync_targets stores them
    conn.execute(
        "INSERT INTO targets (id, region, indicator, value, comparator, deadline, unit, facts, origin, metric_text, "
        "confidence) SELECT 't:' || substr(sha256(subject_id || metric), 1, 16), subject_id, metric, min(value), "
        "'at_least', 2030, '%', to_json(list(id ORDER BY id))::VARCHAR, 'document', min(metric_text), 0.8 "
        "FROM facts WHERE kind = 'target' GROUP BY subject_id, metric"
    )
    per_region = SYNTHETIC_INDICATORS * YEARS
    conn.execute(
        "INSERT INTO observations (region, indicator, period, value, unit, source, origin, file, line) "
        "SELECT reg.id, ind.id, (2005 + i % ?)::VARCHAR, 10 + (i % ?) + random() * 5, '%', "
        "'synthetic-' || (i // (? * ?)), 'dataset', 'synthetic.csv', i + 2 FROM range(?) t(i) "
        "JOIN reg ON reg.n = (i // ?) % ? JOIN ind ON ind.n = (i // ?) % ?",
        [YEARS, YEARS, per_region, SYNTHETIC_REGIONS, observations, per_region, SYNTHETIC_REGIONS, YEARS,
         SYNTHETIC_INDICATORS],
    )
    _assess(store)  # the targets above are the facts' targets, every one assessed and stored
    conn.execute("CHECKPOINT")
    store.close()


def _pg_ids(cur: object, name: str, ids: list[str], total: int, prefix: str) -> None:
    full = (ids + [f"{prefix}{i:05d}" for i in range(total - len(ids))])[:total]
    cur.execute(f"CREATE TEMP TABLE {name} (n INTEGER PRIMARY KEY, id TEXT)")  # type: ignore[attr-defined]
    with cur.copy(f"COPY {name} (n, id) FROM STDIN") as copy:  # type: ignore[attr-defined]
        for row in enumerate(full):
            copy.write_row(row)


def build_postgres(url: str, *, facts: int, observations: int) -> None:
    """The rows of ``build_store`` in PostgreSQL, with INSERT ... SELECT over generate_series (no row-by-row).

    The secondary indexes of facts and observations are dropped during the bulk insert and built again after it
    (with the definitions the migrations gave them), then the tables are vacuumed and analysed.
    """
    from riso.catalog import load_catalog

    catalog = load_catalog()
    store = open_store(url)
    conn = store.conn  # type: ignore[union-attr]
    cur = conn.cursor()
    _pg_ids(cur, "reg", list(catalog.regions), SYNTHETIC_REGIONS, "XS-")
    _pg_ids(cur, "ind", list(catalog.indicators), SYNTHETIC_INDICATORS, "xs_indicator_")
    cur.execute("SET maintenance_work_mem = '1GB'")
    indexes = [r["indexdef"] for r in cur.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename IN ('facts', 'observations', 'documents') AND indexname NOT LIKE '%_pkey'").fetchall()]
    for definition in indexes:
        cur.execute("DROP INDEX " + definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0])
    began = time.perf_counter()
    n_docs = max(facts // 100, 1)
    cur.execute(
        "INSERT INTO documents (id, source, title, language, text, size_chars, ingested_at) "
        "SELECT 'sha256:' || encode(sha256(i::text::bytea), 'hex'), 'synthetic/' || i || '.txt', 'Document ' || i, "
        "(ARRAY['de','fr','it','en','zh'])[1 + i %% 5], repeat('Innovation ', 100), 1100, "
        "TIMESTAMP '2026-01-01' + i * INTERVAL '1 minute' FROM generate_series(0, %s - 1) t(i)",
        [n_docs],
    )
    cur.execute(
        "INSERT INTO facts (id, document, kind, metric, metric_text, value, unit, comparator, deadline, subject_id, "
        "subject_name, quote, start_char, end_char, language, confidence, payload) "
        "SELECT 'f:' || substr(encode(sha256(('f' || i)::bytea), 'hex'), 1, 20), "
        "'sha256:' || encode(sha256((i / 100)::text::bytea), 'hex'), "
        "k.kind, ind.id, 'metric ' || ind.n, "
        "(CASE WHEN k.kind = 'target' THEN 10 + (reg.n + ind.n) %% 90 ELSE (i %% 1000) END)::float8, '%%', "
        "'at_least', CASE WHEN k.kind = 'target' THEN 2030 ELSE 2025 + i %% 6 END, reg.id, 'Region ' || reg.n, "
        "'By 2030 the region aims at ' || (i %% 1000) || ' percent of something measurable.', "
        "(i %% 100) * 10, (i %% 100) * 10 + 60, (ARRAY['de','fr','it','en','zh'])[1 + i %% 5], 0.8, '{}' "
        "FROM generate_series(0::bigint, %s - 1) t(i) "
        "CROSS JOIN LATERAL (SELECT (ARRAY['target','measurement','rank','entity'])[1 + i %% 4] AS kind) k "
        "JOIN reg ON reg.n = ((i / 4) * 7919) %% %s "
        "JOIN ind ON ind.n = CASE WHEN k.kind = 'target' THEN ((i / 4) / %s) %% 5 ELSE i %% %s END",
        [facts, SYNTHETIC_REGIONS, SYNTHETIC_REGIONS, SYNTHETIC_INDICATORS],
    )
    cur.execute(
        "INSERT INTO targets (id, region, indicator, value, comparator, deadline, unit, facts, origin, metric_text, "
        "confidence) SELECT 't:' || substr(encode(sha256((subject_id || metric)::bytea), 'hex'), 1, 16), subject_id, "
        "metric, min(value), 'at_least', 2030, '%', json_agg(id ORDER BY id)::text, 'document', min(metric_text), 0.8 "
        "FROM facts WHERE kind = 'target' GROUP BY subject_id, metric"
    )
    per_region = SYNTHETIC_INDICATORS * YEARS
    cur.execute(  # grouped by region, as an import of a file sorted by region leaves them
        "INSERT INTO observations (region, indicator, period, value, unit, source, origin, file, line) "
        "SELECT reg.id, ind.id, (2005 + i %% %s)::text, 10 + (i %% %s) + random() * 5, '%%', "
        "'synthetic-' || (i / (%s::bigint * %s)), 'dataset', 'synthetic.csv', i + 2 "
        "FROM generate_series(0::bigint, %s - 1) t(i) "
        "JOIN reg ON reg.n = (i / %s) %% %s JOIN ind ON ind.n = (i / %s) %% %s ORDER BY i",
        [YEARS, YEARS, per_region, SYNTHETIC_REGIONS, observations, per_region, SYNTHETIC_REGIONS, YEARS,
         SYNTHETIC_INDICATORS],
    )
    print(f"store: rows inserted in {time.perf_counter() - began:.1f} s", flush=True)
    began = time.perf_counter()
    for definition in indexes:
        cur.execute(definition)
    print(f"store: {len(indexes)} indexes built in {time.perf_counter() - began:.1f} s", flush=True)
    for table in ("documents", "facts", "targets", "observations"):
        cur.execute(f"VACUUM (ANALYZE) {table}")
    cur.close()
    _assess(store)
    store.close()


def _assess(store: object) -> None:
    from riso.services.assessments import refresh_assessments
    from riso.services.progress import SYNCED_SETTING

    store.set_setting(SYNCED_SETTING, str(store.fact_changes()))  # type: ignore[attr-defined]
    began = time.perf_counter()
    assessed = refresh_assessments(store)  # type: ignore[arg-type]  # as an import leaves the store
    print(f"store: {assessed:,} targets assessed and stored in {time.perf_counter() - began:.1f} s", flush=True)


def _admin(pg: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(pg, autocommit=True) as conn:
        cur = conn.execute(sql)
        return list(cur.fetchall()) if cur.description else []


def postgres_store(pg: str, *, facts: int, observations: int) -> tuple[str, float | None]:
    """The synthetic store in database riso_bench_<sizes>_v<N> of the server ``pg`` (built when missing)."""
    name = f"riso_bench_{facts}_{observations}_v{BUILD_VERSION}"
    url = urlunsplit(urlsplit(pg)._replace(path="/" + name))
    partial = name + "_partial"
    if _admin(pg, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        return url, None
    _admin(pg, f"DROP DATABASE IF EXISTS {partial}")
    _admin(pg, f"CREATE DATABASE {partial}")
    began = time.perf_counter()
    build_postgres(urlunsplit(urlsplit(pg)._replace(path="/" + partial)), facts=facts, observations=observations)
    _admin(pg, f"ALTER DATABASE {partial} RENAME TO {name}")
    return url, time.perf_counter() - began


def cached_store(folder: Path, *, facts: int, observations: int) -> tuple[Path, float | None]:
    """The synthetic store for these sizes, built once into ``folder`` and reused: (path, build seconds or None)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"api-{facts}-{observations}-v{BUILD_VERSION}.duckdb"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    began = time.perf_counter()
    build_store(partial, facts=facts, observations=observations)
    partial.rename(path)
    return path, time.perf_counter() - began


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path | str, port: int, cache_seconds: float) -> subprocess.Popen[bytes]:
    """uvicorn over the store in its own process (one worker), public reads on."""
    code = (
        "import uvicorn; from riso.api import create_app; "
        f"uvicorn.run(create_app({str(db)!r}, public=True, cache_seconds={cache_seconds}), "
        f"host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ})
    deadline = time.monotonic() + 600  # a first start may migrate (build indexes)
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
    ("facts next page", "next:/api/v1/facts?limit=50"),
    ("facts by region+kind", "/api/v1/facts?region=CN-CQ&kind=target&limit=50"),
    ("one fact + evidence", "fact:"),
    ("documents page", "/api/v1/documents?limit=50"),
    ("documents next page", "next:/api/v1/documents?limit=50"),
    ("observations series", "/api/v1/observations?region=CN-CQ&indicator=rd_intensity&limit=100"),
    ("observations page", "/api/v1/observations?limit=100"),
    ("observations next", "next:/api/v1/observations?limit=100"),
    ("targets of a region", "/api/v1/targets?region=CN-CQ&limit=50"),
    ("targets, all regions", "/api/v1/targets?limit=50"),
    ("facts as CSV", "/api/v1/facts?kind=rank&limit=100&format=csv"),
]
PAGES = [
    ("overview page", "/"),
    ("region page", "/regions/CN-CQ"),
    ("targets table filtered", "/?region=CN-CQ&deadline=2030"),
]


def resolve(base: str, path: str) -> str:
    """The URL to load: ``next:`` the next page of a list (its cursor link), ``fact:`` one stored fact."""
    if path.startswith("next:"):
        return str(httpx.get(base + path[5:], timeout=600).json()["next"])
    if path == "fact:":
        first = httpx.get(base + "/api/v1/facts?limit=1&kind=target", timeout=600).json()["items"][0]
        return f"{base}/api/v1/facts/{first['id']}"
    return base + path


def _backend_cpu(pids: list[int]) -> float:
    """CPU seconds of PostgreSQL server processes so far (those that have exited count 0)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):  # a process that has exited
            total += cpu_seconds(pid)
    return total


def measure(url: str, *, clients: int, seconds: float, use_wrk: bool, script: Path, pid: int,
            backends: list[int] | None = None) -> str:
    """Load one URL and return the printed figures (requests, req/s, p50/p95/p99, CPU ms per request, PostgreSQL
    CPU ms per request when ``backends`` names its server processes, errors)."""
    cpu = cpu_seconds(pid)
    pg = _backend_cpu(backends or [])
    if use_wrk:
        n, rate, p50, p95, p99, errors = load_wrk(url, clients=clients, seconds=seconds, script=script)
    else:
        lat, errors, elapsed = asyncio.run(load(url, clients=clients, seconds=seconds))
        n, rate = len(lat), len(lat) / elapsed
        p50, p95, p99 = _pct(lat, 50), _pct(lat, 95), _pct(lat, 99)
    per_request = (cpu_seconds(pid) - cpu) / max(n, 1) * 1000
    pg_part = f" {(_backend_cpu(backends) - pg) / max(n, 1) * 1000:>9.2f}" if backends else ""
    return f"{n:>8} {rate:>7.0f} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f} {per_request:>10.2f}{pg_part} {errors}"


def main() -> None:
    """Build (or reuse) the store, then measure every endpoint and page cached and uncached."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="1M facts and 10M observations")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients of the cached runs")
    parser.add_argument("--uncached-clients", type=int, default=1,
                        help="concurrent clients of the uncached runs (1: the latency of one reader; more: "
                             "requests queue behind each other on the 2 cores)")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--only", choices=("api", "pages", "all"), default="all")
    parser.add_argument("--modes", default="cached,uncached", help="cached, uncached or both (comma-separated)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "benchmarks" / ".cache",
                        help="where the synthetic store is built once and reused (delete it to rebuild)")
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto",
                        help="load generator: wrk when installed (auto), else Python httpx")
    parser.add_argument("--backend", choices=("duckdb", "postgres"), default="duckdb",
                        help="the store the server reads (postgres: a database of its own on the --pg server)")
    parser.add_argument("--pg", default="postgresql://127.0.0.1:5432/postgres",
                        help="a PostgreSQL URL to create the benchmark's database from (--backend postgres)")
    parser.add_argument("--drop", action="store_true", help="drop the PostgreSQL benchmark database at the end")
    args = parser.parse_args()
    facts, observations = (1_000_000, 10_000_000) if args.full else (100_000, 1_000_000)
    db: Path | str
    if args.backend == "postgres":
        db, built = postgres_store(args.pg, facts=facts, observations=observations)
        how = f"built in {built:.1f} s" if built is not None else f"reused from {db}"
    else:
        cached, built = cached_store(args.cache_dir, facts=facts, observations=observations)
        how = f"built in {built:.1f} s" if built is not None else f"reused from {cached}"
    print(f"store: {args.backend}, {facts:,} facts, {observations:,} observations, {how}", flush=True)
    targets = (ENDPOINTS if args.only in ("api", "all") else []) + (PAGES if args.only in ("pages", "all") else [])
    try:
        with tempfile.TemporaryDirectory(prefix="riso-bench-") as folder:
            if args.backend == "duckdb":
                db = Path(folder) / "bench.duckdb"
                shutil.copy(cached, db)  # the server migrates and writes (settings, synced targets): a copy per run
            else:
                began = time.perf_counter()
                open_store(db).close()  # migrations new since the build (their indexes) before the clock starts
                print(f"store: migrated in {time.perf_counter() - began:.1f} s", flush=True)
            run(args, db, targets, Path(folder))
    finally:
        if args.backend == "postgres" and args.drop:
            _admin(args.pg, f"DROP DATABASE IF EXISTS {urlsplit(str(db)).path.lstrip('/')} WITH (FORCE)")


def run(args: argparse.Namespace, db: Path | str, targets: list[tuple[str, str]], folder: Path) -> None:
    """Start the server cached and uncached and measure every URL of ``targets``."""
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk") is not None)
    script = folder / "riso.lua"
    script.write_text(_WRK_SCRIPT)
    print(f"load: {'wrk' if use_wrk else 'httpx'}, {args.seconds:g} s per URL, uvicorn 1 worker, loopback; "
          f"cached {args.clients} clients, uncached {args.uncached_clients}")
    head = ["mode", "endpoint", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req"]
    pg = isinstance(db, str)
    print(("{:<9} {:<24} {:>8} {:>7} {:>7} {:>7} {:>7} {:>10}" + (" {:>9}" if pg else "") + " errors").format(
        *head, *(["PG ms/req"] if pg else [])))
    for mode, cache in (("cached", 5.0), ("uncached", 0.0)):
        if mode not in args.modes.split(","):
            continue
        port = _free_port()
        began = time.perf_counter()
        server = start_server(db, port, cache)
        print(f"{mode}: server up in {time.perf_counter() - began:.1f} s (migrations included); "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        clients = args.clients if mode == "cached" else args.uncached_clients
        try:
            for name, path in targets:
                first = time.perf_counter()
                url = resolve(f"http://127.0.0.1:{port}", path)
                httpx.get(url, timeout=600)  # warm up (and fill the cache)
                warm = (time.perf_counter() - first) * 1000
                backends = _pg_backends(args.pg, str(db)) if pg else None
                figures = measure(url, clients=clients, seconds=args.seconds, use_wrk=use_wrk, script=script,
                                  pid=server.pid, backends=backends)
                print(f"{mode:<9} {name:<24} {figures}   (first request {warm:.0f} ms, "
                      f"load {os.getloadavg()[0]:.1f})", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)


def _pg_backends(pg: str, url: str) -> list[int]:
    """The PostgreSQL server processes connected to the benchmark's database (the API server's connections)."""
    name = urlsplit(url).path.lstrip("/")
    return [int(str(r[0])) for r in _admin(pg, f"SELECT pid FROM pg_stat_activity WHERE datname = '{name}'")]


if __name__ == "__main__":
    main()
