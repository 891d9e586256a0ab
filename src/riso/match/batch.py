"""Matching many queries at once: batches of ``MatchIndex.match_many``, run in worker processes that share
the one built index.

The workers are forked after the index is built, so they read it from the parent's memory (copy-on-write;
``gc.freeze`` keeps the collector from touching, and so copying, its objects) instead of each building or
unpickling it. Only the batch bounds go to a worker and only the ranked matches come back, in query order.
Every batch is the same ``match_many`` call whichever process runs it, so the matches are the same as one
process's (the batch size is a multiple of the embedding block, so even hybrid similarity blocks line up).
Where ``fork`` does not exist (Windows, or a caller asking for one worker) the batches run in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from riso.errors import BadRequest
from riso.match.engine import _SIM_BLOCK, Item, MatchIndex, Mode, Scored

__all__ = ["BATCH", "default_workers", "iter_matches", "match_all"]

BATCH = 4 * _SIM_BLOCK  # queries per task: large enough to amortise the round trip, small enough to balance

# what the forked workers read: set by ``match_all`` just before forking, cleared after
_shared: tuple[MatchIndex, Sequence[Item], dict[str, object]] | None = None


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _batch(bounds: tuple[int, int]) -> list[list[Scored]]:
    assert _shared is not None, "match_all sets the shared index before forking"
    index, queries, options = _shared
    start, end = bounds
    vectors = options["vectors"]
    exclude = options["exclude"]
    return index.match_many(
        queries[start:end], k=options["k"], mode=options["mode"],  # type: ignore[arg-type]
        vectors=None if vectors is None else vectors[start:end],  # type: ignore[index]
        weights=options["weights"], exclude=exclude[start:end] if exclude else (),  # type: ignore[arg-type, index]
    )


def iter_matches(index: MatchIndex, queries: Sequence[Item], *, k: int = 10, mode: Mode = "lexical",
                 vectors: np.ndarray | None = None, weights: Mapping[str, float] | None = None,
                 exclude: Sequence[Sequence[str]] = (), workers: int | None = None,
                 batch: int = BATCH) -> Iterator[list[Scored]]:
    """Each query's top ``k`` (as ``index.match_many`` gives it), in query order, computed in ``workers``
    processes (all CPUs when None) that share the index; yields as batches complete."""
    global _shared
    if batch < 1 or batch % _SIM_BLOCK:
        raise BadRequest(f"batch size {batch} is not a multiple of {_SIM_BLOCK}",
                         hint=f"Use a multiple of {_SIM_BLOCK} so that similarity blocks line up.")
    if vectors is not None and len(vectors) != len(queries):
        raise BadRequest(f"{len(vectors)} vectors for {len(queries)} queries", hint="Give one vector per query.")
    bounds = [(start, min(start + batch, len(queries))) for start in range(0, len(queries), batch)]
    workers = min(default_workers() if workers is None else workers, len(bounds))
    options: dict[str, object] = {"k": k, "mode": mode, "vectors": vectors, "weights": weights,
                                  "exclude": list(exclude)}
    if _shared is not None:
        raise BadRequest("match_all is already running in this process", hint="Run one match-all at a time.")
    _shared = (index, queries, options)
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for bound in bounds:
                yield from _batch(bound)
            return
        gc.collect()
        gc.freeze()  # the index's objects move to a generation the workers' collector leaves alone
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for results in pool.imap(_batch, bounds):
                    yield from results
                pool.close()
                pool.join()  # the workers end here (and their CPU time is counted as this process's children's)
        finally:
            gc.unfreeze()
    finally:
        _shared = None


def match_all(index: MatchIndex, queries: Sequence[Item], *, k: int = 10, mode: Mode = "lexical",
              vectors: np.ndarray | None = None, weights: Mapping[str, float] | None = None,
              exclude: Sequence[Sequence[str]] = (), workers: int | None = None,
              batch: int = BATCH) -> list[list[Scored]]:
    """Every query's top ``k`` as a list (see ``iter_matches``)."""
    return list(iter_matches(index, queries, k=k, mode=mode, vectors=vectors, weights=weights, exclude=exclude,
                             workers=workers, batch=batch))
