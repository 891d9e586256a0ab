"""Benchmark: catalog load time and find_regions / find_indicators throughput (MB/s of text, one core).

.venv/bin/python benchmarks/catalog.py            # quick: ~2 MB of text
.venv/bin/python benchmarks/catalog.py --mb 20    # larger corpus
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from riso.catalog import _load, catalog_dirs, load_catalog

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "chongqing"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if not texts:
        texts = ["Bis 2027 strebt Chongqing eine F&E-Quote von 3 % an; Westchina und 成渝地区双城经济圈 wachsen. " * 50]
    zh = "到2027年，重庆市全社会研发经费投入强度达到3%，高新技术企业达到2万家，位居西部地区第一。"
    return [*texts, zh * 100]


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of text to scan")
    args = parser.parse_args()
    start = time.perf_counter()
    _load.cache_clear()
    catalog = _load(catalog_dirs())
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    catalog.find_regions("")
    catalog.find_indicators("")
    catalog.find_indicators("", "de")
    compiled = time.perf_counter() - start
    texts = _texts()
    unit = sum(len(t.encode("utf-8")) for t in texts)
    repeat = max(1, int(args.mb * 1e6 / unit))
    corpus = texts * repeat
    size_mb = unit * repeat / 1e6
    print(f"catalog: {len(catalog.indicators)} indicators, {len(catalog.regions)} regions")
    print(f"load (read + validate + index): {loaded * 1000:.0f} ms; matchers compiled: {compiled * 1000:.0f} ms")
    for label, find in (
        ("find_regions", catalog.find_regions),
        ("find_indicators (all languages)", catalog.find_indicators),
        ("find_indicators (de)", lambda t: catalog.find_indicators(t, "de")),
    ):
        start = time.perf_counter()
        hits = sum(len(find(t)) for t in corpus)
        seconds = time.perf_counter() - start
        print(f"{label}: {size_mb / seconds:.2f} MB/s ({size_mb:.1f} MB, {len(corpus)} texts, {hits} mentions)")
    dense = "EU, Bayern; 欧盟 Chongqing. " * 10_000  # 40,000 mentions in one text, three matchers overlapping
    start = time.process_time()
    hits = len(catalog.find_regions(dense))
    seconds = time.process_time() - start
    print(f"find_regions, one dense text: {seconds:.2f} CPU-s ({len(dense) / 1e3:.0f} K chars, {hits} mentions)")
    phrases = [
        "Zahl der High-Tech-Unternehmen",
        "Patente für Erfindungen pro 10.000 Einwohner",
        "高新技术企业数量",
    ] * 300
    start = time.perf_counter()
    for phrase in phrases:
        catalog.match_indicator(phrase, None)
    per = (time.perf_counter() - start) / len(phrases) * 1e6
    print(f"match_indicator: {per:.0f} µs per phrase")
    assert load_catalog() is not None


if __name__ == "__main__":
    main()
