"""Overlap resolution among many mentions: the same choice as the pairwise rule, in O(n log n) steps."""

from __future__ import annotations

import math
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from riso.catalog import load_catalog
from riso.catalog._matcher import Mention, _KeptSpans, _non_overlapping


def _pairwise(mentions: list[Mention]) -> list[Mention]:
    """The rule as first written: longest first, then leftmost; keep what overlaps nothing kept."""
    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=40)


@settings(max_examples=400, deadline=None)
@given(SPANS)
def test_non_overlapping_matches_the_pairwise_rule(spans: list[tuple[int, int]]) -> None:
    mentions = [Mention(a, a + n, f"r{i}", "x" * n) for i, (a, n) in enumerate(spans)]
    assert _non_overlapping(mentions) == _pairwise(mentions)


def test_non_overlapping_steps_grow_as_n_log_n() -> None:
    # 200,000 chained overlapping mentions: the pairwise rule needs ~10^10 comparisons (hours)
    n = 200_000
    mentions = [Mention(3 * i + i % 2, 3 * i + i % 2 + 2 + i % 5, "r", "x") for i in range(n)]
    kept = _KeptSpans(sorted({m.start for m in mentions}))
    chosen = _non_overlapping(mentions, kept)
    assert all(a.end <= b.start for a, b in pairwise(chosen))
    assert len(chosen) > n // 4
    assert kept.steps <= 4 * n * math.ceil(math.log2(n))


def test_find_regions_on_a_long_text_of_mentions() -> None:
    catalog = load_catalog()
    text = "EU Lombardia, Chongqing; 欧盟 Bayern, China. " * 4000  # 24,000 mentions, several matchers
    mentions = catalog.find_regions(text)
    assert len(mentions) == 24_000
    assert all(a.end <= b.start for a, b in pairwise(mentions))
