"""Linking a whole corpus at once: signatures in one array, LSH buckets by sorting, union-find.

Pure. Gives the same stories as feeding the documents one by one to ``link_document`` (the same
candidates, scores and story ids) but keeps per-document state to a feature record and a signature
row, which is what lets a million documents fit in a few gigabytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

import numpy as np

from riso.link.features import BANDS, NUM_PERM, ROWS, StoryFeatures, signature
from riso.link.stories import BUCKET_LIMIT, MIN_BAND_HITS, is_same_story, story_id_for

__all__ = ["candidate_pairs", "link_batch", "signatures"]

T = TypeVar("T")
R = TypeVar("R")

_EMPTY = np.iinfo(np.uint64).max


def signatures(
    features: Sequence[StoryFeatures],
    *,
    mapper: Callable[[Callable[[frozenset[str]], np.ndarray], Iterable[frozenset[str]]], Iterator[np.ndarray]]
    | None = None,
) -> np.ndarray:
    """An (n, NUM_PERM) array of MinHash signatures; rows of documents without anchors are all-max.

    ``mapper(func, items)`` runs the hashing elsewhere (``riso.scale.ray_map``); default: in process.
    """
    out = np.full((len(features), NUM_PERM), _EMPTY, dtype=np.uint64)
    sets = [f.anchors for f in features]
    results = mapper(_signature_or_empty, sets) if mapper else map(_signature_or_empty, sets)
    for i, row in enumerate(results):
        out[i] = row
    return out


def _signature_or_empty(anchors: frozenset[str]) -> np.ndarray:
    if not anchors:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint64)
    return signature(anchors)


def candidate_pairs(sigs: np.ndarray, *, limit: int = BUCKET_LIMIT, min_hits: int = MIN_BAND_HITS) -> np.ndarray:
    """Pairs (earlier, later) of row indices sharing at least ``min_hits`` LSH bands, sorted.

    As in incremental linking, a row meets at most ``limit`` earlier members of one bucket.
    Returns an (m, 2) int64 array.
    """
    n = sigs.shape[0]
    valid = np.flatnonzero(sigs[:, 0] != _EMPTY)
    found: list[np.ndarray] = []
    for band in range(BANDS):
        chunk = sigs[valid, band * ROWS : (band + 1) * ROWS]
        key = chunk[:, 0].copy()
        for col in range(1, ROWS):
            key = key * np.uint64(0x9E3779B97F4A7C15) + chunk[:, col]
        order = np.lexsort((valid, key))
        keys_sorted, rows = key[order], valid[order]
        for offset in range(1, limit + 1):
            same = keys_sorted[offset:] == keys_sorted[:-offset]
            if not same.any():
                break
            found.append(rows[:-offset][same] * n + rows[offset:][same])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes, counts = np.unique(np.concatenate(found), return_counts=True)
    codes = codes[counts >= min_hits]
    return np.stack([codes // n, codes % n], axis=1)


def link_batch(
    features: Sequence[StoryFeatures],
    *,
    sigs: np.ndarray | None = None,
) -> dict[str, str]:
    """Document id -> story id for a corpus, linking each document to earlier ones it matches."""
    if sigs is None:
        sigs = signatures(features)
    parent = list(range(len(features)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked_earlier = [False] * len(features)
    for i, j in candidate_pairs(sigs).tolist():
        ri, rj = find(i), find(j)
        if ri == rj and linked_earlier[j]:
            continue
        if is_same_story(features[i], features[j]):
            linked_earlier[j] = True
            parent[max(ri, rj)] = min(ri, rj)
    # a document that links to nothing earlier founds a story; a merged story keeps the smallest id,
    # exactly as incremental linking does
    best: dict[int, str] = {}
    for i, item in enumerate(features):
        if linked_earlier[i]:
            continue
        sid = story_id_for(item.document)
        root = find(i)
        if root not in best or sid < best[root]:
            best[root] = sid
    return {item.document: best[find(i)] for i, item in enumerate(features)}
