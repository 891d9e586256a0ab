"""The catalog mirrored into the store, on DuckDB and PostgreSQL."""

from __future__ import annotations

from riso.catalog import load_catalog
from riso.store import Store


def test_store_sync_catalog_is_idempotent(store: Store) -> None:
    catalog = load_catalog()
    first = store.sync_catalog(catalog)
    second = store.sync_catalog(catalog)
    assert first == second == {"regions": len(catalog.regions), "indicators": len(catalog.indicators)}
    assert len(store.list_regions()) == len(catalog.regions)
    assert len(store.list_indicators()) == len(catalog.indicators)


def test_store_catalog_round_trips_records(store: Store) -> None:
    catalog = load_catalog()
    store.sync_catalog(catalog)
    assert store.get_region("cn-yrd") == catalog.regions["cn-yrd"]
    assert store.get_indicator("innovation_index_rank") == catalog.indicators["innovation_index_rank"]
    assert store.get_region("nowhere") is None and store.get_indicator("nothing") is None
    clusters = store.list_regions(level="cluster")
    assert "cn-chengdu-chongqing-circle" in [r.id for r in clusters]
    assert all(r.level == "cluster" for r in clusters)
    assert {r.id for r in store.list_regions(parent="EU")} == set(catalog.regions["EU"].members)
    ranks = sorted(i.id for i in catalog.indicators.values() if i.kind == "rank")
    assert [i.id for i in store.list_indicators(kind="rank")] == ranks
