"""Throughput of riso.extract.extract on synthetic documents made from the Chongqing corpus.

Usage: .venv/bin/python benchmarks/extract.py [--docs N]   (default 1,000; the issue's figure uses --docs 10000)

Each synthetic document is a corpus document with its digits rotated (same length, so the ingest
segmentation is reused; different numbers and ids). Prints documents/s, MB/s on one core and peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import time
from pathlib import Path

from riso.extract import extract
from riso.ingest import read_document
from riso.model import Document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "chongqing"
_ROTATE = str.maketrans("0123456789", "1234567890")


def _variants(base: list[Document], n: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        doc = base[i % len(base)]
        text = doc.text
        for _ in range(rng.randrange(1, 10)):  # same length: the ingest segmentation stays valid
            text = text.translate(_ROTATE)
        digest = hashlib.sha256(f"{i}|{text}".encode()).hexdigest()
        out.append(doc.model_copy(update={"text": text, "id": f"sha256:{digest}"}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    base = [read_document(p) for p in sorted(CORPUS.glob("*.txt"))]
    for doc in base:  # warm up: load the catalog and compile each language's patterns once
        extract(doc)
    docs = _variants(base, args.docs, args.seed)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    started, cpu_started = time.perf_counter(), time.process_time()
    facts = sum(len(extract(d)) for d in docs)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # the machine is shared: CPU time is the per-core figure
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents          {len(docs):>10,}")
    print(f"text               {size / 1e6:>10.1f} MB")
    print(f"facts              {facts:>10,}")
    print(f"wall seconds       {elapsed:>10.2f}")
    print(f"cpu seconds        {cpu:>10.2f}")
    print(f"documents/s (cpu)  {len(docs) / cpu:>10.1f}")
    print(f"MB/s per core      {size / 1e6 / cpu:>10.3f}")
    print(f"peak memory        {peak_mib:>10.0f} MiB")


if __name__ == "__main__":
    main()
