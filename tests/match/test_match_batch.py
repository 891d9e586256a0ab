"""Match-all in worker processes gives the matches one process gives, query by query."""

from __future__ import annotations

import numpy as np
import pytest

from riso.errors import BadRequest
from riso.match import MatchIndex, Offer, build_index, item_of_offer
from riso.match.batch import iter_matches, match_all
from riso.match.engine import Item
from riso.match.evaluate import load_eval_set

_REGIONS = [None, "CN-CQ", "CN-SC", "CN-BJ", "CN-GD"]


def _queries() -> list[Item]:
    """The evaluation needs three times over, in other regions each time (more than two batches of 256)."""
    needs = load_eval_set()
    return [Item(id=f"{n.id}#{round_}", text=n.text, language=n.language, region=_REGIONS[(i + round_) % 5])
            for round_ in range(3) for i, n in enumerate(needs)]


def test_batch_workers_give_what_one_need_at_a_time_gives(nkrdp_index: MatchIndex) -> None:
    queries = _queries()
    assert len(queries) > 2 * 256
    exclude = [["o:nkrdp:2018YFB0104000"] if i % 3 == 0 else [] for i in range(len(queries))]
    got = match_all(nkrdp_index, queries, k=10, exclude=exclude, workers=2, batch=256)
    assert len(got) == len(queries) and sum(map(bool, got)) > 500
    for query, skip, ranked in zip(queries, exclude, got, strict=True):
        assert ranked == nkrdp_index.match(query, k=10, exclude=skip), query.id


def test_batch_hybrid_workers_give_what_one_process_gives(nkrdp_offers: list[Offer]) -> None:
    rng = np.random.default_rng(5)
    items = [item_of_offer(o) for o in nkrdp_offers]
    index = build_index(items, vectors=rng.standard_normal((len(items), 16)).astype(np.float32))
    queries = _queries()
    qv = rng.standard_normal((len(queries), 16)).astype(np.float32)
    forked = match_all(index, queries, mode="hybrid", vectors=qv, workers=2, batch=256)
    alone = match_all(index, queries, mode="hybrid", vectors=qv, workers=1, batch=256)
    direct = [r for s in range(0, len(queries), 256)
              for r in index.match_many(queries[s : s + 256], mode="hybrid", vectors=qv[s : s + 256])]
    assert forked == alone == direct


def test_batch_streams_in_query_order_and_checks_its_arguments(nkrdp_index: MatchIndex) -> None:
    queries = _queries()[:300]
    assert [[s.id for s in r] for r in iter_matches(nkrdp_index, queries, k=1, workers=2, batch=256)] == [
        [s.id for s in r] for r in nkrdp_index.match_many(queries, k=1)]
    with pytest.raises(BadRequest, match="multiple of 256"):
        match_all(nkrdp_index, queries, batch=100)
    with pytest.raises(BadRequest, match="vectors"):
        match_all(nkrdp_index, queries, mode="hybrid", vectors=np.zeros((2, 4), dtype=np.float32))
    assert match_all(nkrdp_index, []) == []
