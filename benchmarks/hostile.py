"""Hostile inputs: each file of the hostile corpus read and extracted in a child process; CPU time and peak RSS.

Builds the shapes of issue 16 (zip bomb, HTML floods, digit lines, percentage floods, one huge line, 200k
one-line paragraphs) at the given scale and runs ``riso.pipeline.process_file`` on each in its own process.

    .venv/bin/python benchmarks/hostile.py            # the test-suite scale
    .venv/bin/python benchmarks/hostile.py --scale 5  # five times larger (what the audit used)
    .venv/bin/python benchmarks/hostile.py --load     # 50 readers while 5 clients upload heavy pages

``--load`` serves a seeded DuckDB file (or ``--db postgresql://...``) with a real `riso serve`; 50
concurrent readers cycle through API and dashboard reads while 5 clients each upload heavy HTML pages
(8,000 paragraphs, distinct per upload) and wait for their jobs; it prints the reads' p50/p95/p99 and
error rate, the same reads with no upload running (the baseline), and how long the uploads took.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from riso.pipeline import process_file
start = time.process_time()
results = list(process_file(sys.argv[1]))
print(json.dumps({"cpu": time.process_time() - start,
  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
  "documents": sum(r.document is not None for r in results), "facts": sum(len(r.facts) for r in results),
  "refused": [f.code for r in results if (f := r.failure) is not None]}))
"""


def _bomb(path: Path, scale: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(300 * scale):
                member.write(b"\0" * (1024 * 1024))


def shapes(scale: int) -> dict[str, Callable[[Path], object]]:
    """The hostile files at ``scale``, by name."""
    return {
        "zip_bomb.docx": lambda p: _bomb(p, scale),
        "many_attributes.html": lambda p: p.write_text(
            "<html><body><div " + " ".join(f'a{i}="v"' for i in range(50_000 * scale)) + "><p>x</p></div></body></html>"
        ),
        "paragraphs_8000.html": lambda p: p.write_text(
            "<html><body>" + "".join(f"<p>Paragraph {i} with 3 % growth.</p>" for i in range(8000)) + "</body></html>"
        ),
        "mostly_tags.html": lambda p: p.write_text(
            "<html><body><div>" + "<span><b></b></span>" * (250_000 * scale) + "<p>Some text.</p></div></body></html>"
        ),
        "digits.txt": lambda p: p.write_text("7" * (2_000_000 * scale)),
        "percentages.txt": lambda p: p.write_text(" ".join(f"{i % 97}%" for i in range(40_000 * scale))),
        "one_line.txt": lambda p: p.write_text("word " * (1_000_000 * scale)),
        "one_line_paragraphs.txt": lambda p: p.write_text(
            "".join(f"item {chr(97 + i % 26)}x\n" for i in range(200_000 * scale))
        ),
    }


READ_PATHS = ["/api/v1/documents?limit=20", "/api/v1/facts?limit=20", "/", "/api/v1/targets?limit=20",
              "/api/v1/regions", "/search?q=Chongqing"]


def heavy_page(seed: int, paragraphs: int = 8000) -> bytes:
    """The audit's 8,000-paragraph page, made distinct by ``seed`` (so no upload is a duplicate)."""
    body = "".join(f"<p>Paragraph {i} of plan {seed} with {i % 7 + 1} % growth.</p>" for i in range(paragraphs))
    return f"<html><body>{body}</body></html>".encode()


async def _load(
    base: str, editor: dict[str, str], viewer: dict[str, str], args: argparse.Namespace
) -> dict[str, object]:
    import httpx
    from serving import Samples, readers

    baseline = Samples()
    await readers(base, viewer, READ_PATHS, clients=args.readers, until=lambda: False, samples=baseline,
                  per_client=args.baseline_reads)
    during = Samples()
    uploads = Samples()
    finished = {"n": 0}
    total = args.uploaders * args.uploads

    async def uploader(index: int, client: httpx.AsyncClient) -> None:
        for k in range(args.uploads):
            data = heavy_page(index * 1000 + k, args.paragraphs)
            start = time.perf_counter()
            response = await client.post("/api/v1/documents", files={"file": (f"heavy_{index}_{k}.html", data)})
            status = response.status_code
            if status == 202:
                job = response.json()["job"]
                while job["status"] not in ("done", "failed"):
                    job = (await client.get(f"/api/v1/uploads/{job['id']}?wait=20")).json()["job"]
                status = 201 if job["status"] == "done" else 500
            uploads.add(time.perf_counter() - start, status)
            finished["n"] += 1

    limits = httpx.Limits(max_connections=args.uploaders)
    async with httpx.AsyncClient(base_url=base, headers=editor, timeout=600, limits=limits) as client:
        started = time.perf_counter()
        marks: dict[str, float] = {}

        async def read_phase() -> None:
            await readers(base, viewer, READ_PATHS, clients=args.readers, samples=during,
                          until=lambda: finished["n"] >= total or time.perf_counter() - started > args.max_seconds)
            marks["read_s"] = round(time.perf_counter() - started, 1)
            marks["uploads_done_while_reading"] = finished["n"]

        await asyncio.gather(read_phase(), *(uploader(i, client) for i in range(args.uploaders)))
        wall = time.perf_counter() - started
    return {"readers": args.readers, "uploaders": args.uploaders, "uploads": total, "wall_s": round(wall, 1),
            **marks,
            "reads_baseline": baseline.summary(), "reads_during_uploads": during.summary(),
            "uploads_to_done": uploads.summary()}


def load(args: argparse.Namespace) -> None:
    """Serve a seeded store and measure reads while heavy uploads run; prints one JSON object."""
    from serving import seed, served

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "riso.duckdb")
        editor, viewer = seed(db)
        with served(db, "--max-upload-mb", "10") as base:
            print(json.dumps(asyncio.run(_load(base, editor, viewer, args))), flush=True)


def main() -> None:
    """Run the hostile corpus and print one JSON line per file (or, with --load, the load figures)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--load", action="store_true", help="readers while heavy uploads run, over riso serve")
    parser.add_argument("--db", help="with --load: a postgresql://...?schema=NAME store (default: a new DuckDB file)")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--uploaders", type=int, default=5)
    parser.add_argument("--uploads", type=int, default=1, help="heavy pages per uploader")
    parser.add_argument("--paragraphs", type=int, default=8000)
    parser.add_argument("--baseline-reads", type=int, default=10, help="reads per reader before the uploads")
    parser.add_argument("--max-seconds", type=float, default=180.0,
                        help="stop reading after this long even if uploads are still running (they finish)")
    args = parser.parse_args()
    if args.load:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        load(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in shapes(args.scale).items():
            path = Path(tmp, name)
            make(path)
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=os.environ, check=False
            )
            text = out.stdout.strip()
            line = text.splitlines()[-1] if text else json.dumps({"error": out.stderr[-300:]})
            print(json.dumps({"file": name, "mb": round(path.stat().st_size / 1e6, 2), **json.loads(line)}), flush=True)


if __name__ == "__main__":
    main()
