"""Throughput of riso.extract.extract on synthetic documents made from the Chongqing corpus.

Usage: .venv/bin/python benchmarks/extract.py [--docs N]   (default 1,000; the issue's figure uses --docs 10000)
       .venv/bin/python benchmarks/extract.py --real [--mb 5]   (real public passages, ../shared/extraction)

Each synthetic document is a corpus document with its digits rotated (same length, so the ingest
segmentation is reused; different numbers and ids). With ``--real`` the documents are the 60 real-text
passages of ``real-dev.jsonl`` (six languages, news, statistics offices, strategies), repeated with rotated
digits until the text reaches ``--mb`` megabytes; they are segmented by extraction itself, as a new user's
text is. Prints documents/s, MB/s on one core and peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sys
import time
from pathlib import Path

from riso.extract import extract
from riso.ingest import read_document
from riso.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "chongqing"
REAL_DEV = SHARED / "extraction" / "real-dev.jsonl"
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


def _real_documents(megabytes: float, seed: int) -> tuple[list[Document], list[Document]]:
    """The real-text passages, and copies with rotated digits up to ``megabytes`` of text."""
    if not REAL_DEV.is_file():
        sys.exit(f"real-text passages not found at {REAL_DEV}")
    passages = [json.loads(line) for line in REAL_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = [
        Document(id=f"real:{p['id']}", source=str(p["id"]), text=str(p["text"]), language=str(p["language"]))
        for p in passages
    ]
    per_round = sum(len(d.text.encode("utf-8")) for d in base)
    n = max(len(base), int(megabytes * 1e6 / per_round * len(base)))
    return base, _variants(base, n, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--real", action="store_true", help="the real-text passages instead of the corpus")
    parser.add_argument("--mb", type=float, default=5.0, help="with --real: megabytes of text")
    args = parser.parse_args()
    if args.real:
        base, docs = _real_documents(args.mb, args.seed)
    else:
        if not CORPUS.is_dir():
            sys.exit(f"corpus not found at {CORPUS}")
        base = [read_document(p) for p in sorted(CORPUS.glob("*.txt"))]
        docs = _variants(base, args.docs, args.seed)
    for doc in base:  # warm up: load the catalog and compile each language's patterns once
        extract(doc)
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
