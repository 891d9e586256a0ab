"""Ingest throughput and memory: documents/s, MB/s and peak RSS on one core at several corpus sizes.

Builds a corpus by perturbing examples/corpus/ (or the shared Chongqing corpus when it is absent),
writes it to a temporary folder, then stream-ingests it into a fresh DuckDB file in a child process
pinned to one core. Each size runs in its own process so that peak memory can be compared.

    .venv/bin/python benchmarks/ingest.py                  # quick: 1,000 and 3,000 documents
    .venv/bin/python benchmarks/ingest.py --full           # 2,000 and 10,000 documents
    .venv/bin/python benchmarks/ingest.py --no-extract --no-link   # reading + analysis + store only
    .venv/bin/python benchmarks/ingest.py --base ../shared/corpus/chongqing   # other base documents
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "corpus" / "chongqing"]
_NUMBER = re.compile(r"\d+")
_SUFFIXES = {".txt", ".md", ".html", ".htm"}


def _base_files() -> list[Path]:
    """The base documents: $RISO_BENCH_BASE, else examples/corpus, else the shared Chongqing corpus."""
    chosen = os.environ.get("RISO_BENCH_BASE")
    for folder in [Path(chosen)] if chosen else SOURCES:
        files = sorted(p for p in folder.glob("*") if p.suffix.lower() in _SUFFIXES) if folder.is_dir() else []
        if files:
            return files
    raise SystemExit("no base corpus found (examples/corpus or ../shared/corpus/chongqing)")


def _base_texts() -> list[tuple[str, str]]:
    """(suffix, text) of each base document."""
    return [(p.suffix.lower(), p.read_text(encoding="utf-8", errors="replace")) for p in _base_files()]


def _perturb(text: str, suffix: str, rng: random.Random, n: int) -> str:
    """A variant: numbers changed, paragraph order partly shuffled, a unique line added."""
    text = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)) if len(m.group()) < 6 else m.group(), text)
    if suffix not in (".html", ".htm"):
        paragraphs = text.split("\n")
        head, body = paragraphs[:1], paragraphs[1:]
        if len(body) > 3:
            i = rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        text = "\n".join(head + body) + f"\nRef. {n}-{rng.randint(0, 10**9)}"
    else:
        text = text.replace("</body>", f"<p>Ref. {n}-{rng.randint(0, 10**9)}</p></body>")
    return text


def _write_corpus(folder: Path, size: int, seed: int = 7) -> int:
    """Write ``size`` perturbed documents; returns their total size in bytes."""
    rng = random.Random(seed)
    bases = _base_texts()
    total = 0
    for n in range(size):
        suffix, text = bases[n % len(bases)]
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = _perturb(text, suffix, rng, n).encode("utf-8")
        (sub / f"doc_{n:06d}{suffix}").write_bytes(data)
        total += len(data)
    return total


def _child(size: int, extract: bool, link: bool) -> dict[str, float]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    sys.path.insert(0, str(ROOT / "src"))
    import riso.extract
    import riso.pipeline
    from riso.pipeline import ingest, process_path
    from riso.store import open_store

    if not extract:
        riso.extract.extract = lambda document: []  # type: ignore[assignment]
    if not link:
        riso.pipeline.link_stories = lambda store, ids, **kw: None  # type: ignore[assignment]
        riso.pipeline.story_features = lambda document, facts: None  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="riso-bench-") as tmp:
        corpus = Path(tmp, "corpus")
        corpus.mkdir()
        total = _write_corpus(corpus, size)
        store = open_store(Path(tmp, "bench.duckdb"))
        store.execute("SET threads = 1")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start, cpu_start = time.perf_counter(), time.process_time()
        report = ingest([corpus], store)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        row = store.query_one("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()")
        duckdb_mb = float(row["b"] or 0) / 1e6 if row else 0.0
        store.close()
        # the reading stage alone (read, decode, analyse; extraction as configured), nothing stored
        sample = sorted(str(p) for p in corpus.rglob("doc_*"))[:2000]
        sample_mb = sum(os.path.getsize(p) for p in sample) / 1e6
        cpu_start = time.process_time()
        for path in sample:
            process_path(path)
        read_mb_per_cpu_s = sample_mb / (time.process_time() - cpu_start)
    return {
        "documents": size,
        "ingested": len(report.ingested),
        "failed": len(report.failed),
        "facts": report.facts,
        "mb": total / 1e6,
        "seconds": seconds,
        "docs_per_s": size / seconds,
        "mb_per_s": total / 1e6 / seconds,
        "cpu_seconds": cpu,
        "mb_per_cpu_s": total / 1e6 / cpu,
        "read_mb_per_cpu_s": read_mb_per_cpu_s,
        "rss_before_mb": rss_before / 1024,
        "duckdb_buffer_mb": duckdb_mb,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _runs(sizes: list[int], extract: bool, link: bool) -> Iterator[dict[str, float]]:
    env = dict(os.environ, RAYON_NUM_THREADS="1", OMP_NUM_THREADS="1")
    for size in sizes:
        args = [sys.executable, __file__, "--child", str(size)]
        args += ([] if extract else ["--no-extract"]) + ([] if link else ["--no-link"])
        out = subprocess.run(args, check=True, capture_output=True, text=True, env=env).stdout
        yield json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Parse flags; run each size in a child process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--full", action="store_true", help="2,000 and 10,000 documents")
    parser.add_argument("--no-extract", action="store_true", help="skip fact extraction (reading and storing only)")
    parser.add_argument("--no-link", action="store_true", help="skip story linking after each committed group")
    parser.add_argument("--base", help="folder of base documents to perturb (default examples/corpus)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.base:
        os.environ["RISO_BENCH_BASE"] = str(Path(args.base).resolve())
    if args.child:
        print(json.dumps(_child(args.child, not args.no_extract, not args.no_link)))
        return
    sizes = [2000, 10000] if args.full else args.sizes
    stages = ["read + analyse", "" if args.no_extract else "extract", "store", "" if args.no_link else "link"]
    mode = " + ".join(s for s in stages if s)
    base = _base_files()
    print(f"ingest benchmark ({mode}), one core, fresh DuckDB; {len(base)} base documents in {base[0].parent}")
    print("wall-clock figures depend on other load; CPU figures are this process's own time on its core")
    print(
        f"{'docs':>7} {'MB':>6} {'wall s':>7} {'docs/s':>7} {'MB/s':>5} {'CPU s':>6} {'MB/CPU-s':>8} "
        f"{'facts':>7} {'failed':>6} {'peak RSS MB':>11} {'DuckDB MB':>9} {'reading only MB/CPU-s':>21}"
    )
    for r in _runs(sizes, not args.no_extract, not args.no_link):
        print(
            f"{r['documents']:>7.0f} {r['mb']:>6.1f} {r['seconds']:>7.1f} {r['docs_per_s']:>7.0f} "
            f"{r['mb_per_s']:>5.2f} {r['cpu_seconds']:>6.1f} {r['mb_per_cpu_s']:>8.2f} "
            f"{r['facts']:>7.0f} {r['failed']:>6.0f} {r['peak_rss_mb']:>11.0f} {r['duckdb_buffer_mb']:>9.0f} "
            f"{r['read_mb_per_cpu_s']:>21.2f}"
        )


if __name__ == "__main__":
    main()
