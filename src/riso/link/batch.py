"""Linking a whole corpus at once: pair keys in one array, LSH buckets by sorting, union-find.

Pure. Gives the same stories as feeding the documents one by one to ``link_document`` (the same
candidates, scores and story ids) but keeps per-document state to a feature record and a row of
pair keys, which is what lets a million documents fit in a few gigabytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

import numpy as np

from riso.link.features import PAIR_KEYS, StoryFeatures, pair_hashes
from riso.link.stories import BUCKET_LIMIT, is_same_story, story_id_for

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
    """An (n, PAIR_KEYS) array of each document's pair keys (``pair_hashes``), padded with all-ones.

    ``mapper(func, items)`` runs the hashing elsewhere (``riso.scale.ray_map``); default: in process.
    """
    out = np.full((len(features), PAIR_KEYS), _EMPTY, dtype=np.uint64)
    sets = [f.anchors for f in features]
    results = mapper(pair_hashes, sets) if mapper else map(pair_hashes, sets)
    for i, row in enumerate(results):
        out[i, : row.size] = row
    return out


def candidate_pairs(sigs: np.ndarray, *, limit: int = BUCKET_LIMIT) -> np.ndarray:
    """Pairs (earlier, later) of row indices sharing a pair key, sorted and unique.

    As in incremental linking, a row meets at most ``limit`` earlier members of one bucket (the
    most recent ones), so a pair of figures that appears everywhere costs ``limit`` comparisons.
    Returns an (m, 2) int64 array.
    """
    n = sigs.shape[0]
    mask = sigs != _EMPTY
    keys = sigs[mask]
    rows = np.nonzero(mask)[0].astype(np.int64)  # row-major: rows ascending
    del mask
    order = np.argsort(keys, kind="stable")  # stable keeps rows ascending within one key
    keys, rows = keys[order], rows[order]
    del order
    found: list[np.ndarray] = []
    for offset in range(1, limit + 1):
        same = keys[offset:] == keys[:-offset]
        if not same.any():
            break
        found.append(rows[:-offset][same] * n + rows[offset:][same])
    del keys, rows
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
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
