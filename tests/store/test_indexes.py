"""Saved composite-index results on both backends."""

from __future__ import annotations

import pytest

from riso.errors import NotFound
from riso.store import Store


def test_index_results_round_trip(store: Store) -> None:
    rows = [{"uCode": "A", "Index": 61.5, "Rank": 1}, {"uCode": "B", "Index": 40.25, "Rank": 2}]
    store.save_index_result("demo", spec={"winmax": 5, "range": [0, 100]}, top="Index", scores=rows,
                            datasets={"levels": {"1": ["x"]}})
    saved = store.load_index_result("demo")
    assert saved["scores"] == rows and saved["spec"]["range"] == [0, 100] and saved["uncertainty"] is None
    store.set_index_uncertainty("demo", [{"uCode": "A", "q5": 1, "q95": 2}])
    assert store.load_index_result("demo")["uncertainty"][0]["q95"] == 2
    store.save_index_result("demo", spec={}, top="Index", scores=rows[:1])  # replace
    assert len(store.load_index_result("demo")["scores"]) == 1
    assert [r["name"] for r in store.list_index_results()] == ["demo"]
    store.delete_index_result("demo")
    with pytest.raises(NotFound):
        store.load_index_result("demo")
