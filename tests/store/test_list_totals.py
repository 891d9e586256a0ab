"""Issue 11 item 6: list totals over millions of rows are counted once per change (PostgreSQL), and a total is never
kept stale: not after a write from another connection, not when it was counted while that write was uncommitted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from riso.model import Document, Fact, Observation, Subject
from riso.store import Store, open_store


@pytest.fixture()
def other(store: Store) -> Iterator[Store]:
    """A second connection to the same store (another process, on PostgreSQL)."""
    if store.dialect != "postgres":
        pytest.skip("one DuckDB file has one writer process")
    second = open_store(store.url)
    yield second
    second.close()


def _observations(source: str, n: int) -> list[Observation]:
    return [Observation(region="CN-CQ", indicator="rd_intensity", period=str(2000 + i), value=float(i), unit="%",
                        source=source) for i in range(n)]


def _document(i: int) -> tuple[Document, list[Fact]]:
    text = f"By 2030 the city aims at {i} percent."
    doc = Document(id=f"sha256:{i:064d}", source=f"{i}.txt", text=text, language="en")
    fact = Fact(document=doc.id, kind="target", metric="rd_intensity", value=float(i), unit="%",
                comparator="at_least", deadline=2030, subject=Subject(id="CN-CQ", name="Chongqing"), quote=text,
                start=0, end=len(text), language="en", confidence=0.9)
    return doc, [fact]


def test_list_totals_follow_every_write(store: Store) -> None:
    assert store.count_observations() == 0 and store.count_facts() == 0
    store.add_observations(_observations("a", 3))
    assert store.count_observations() == 3
    assert store.count_observations(indicator="rd_intensity") == 3
    store.add_observations(_observations("b", 2))
    assert store.count_observations() == 5
    store.delete_observations(source="a")
    assert store.count_observations() == 2 and store.count_observations(indicator="rd_intensity") == 2
    store.add_document(*_document(1))
    assert store.count_facts() == 1 and store.count_facts(kind="target") == 1
    store.add_document(*_document(2))
    assert store.count_facts() == 2 and store.count_facts(kind="target", metric="rd_intensity") == 2


def test_list_totals_see_another_connections_writes(store: Store, other: Store) -> None:
    assert other.count_observations() == 0 and other.count_facts() == 0
    store.add_observations(_observations("a", 3))
    store.add_document(*_document(1))
    assert other.count_observations() == 3 and other.count_facts() == 1
    store.execute("DELETE FROM observations WHERE period = '2000'")  # any statement, not only the store's methods
    assert other.count_observations() == 2


def test_list_totals_counted_during_an_uncommitted_write_are_counted_again(store: Store, other: Store) -> None:
    assert other.count_observations() == 0 and other.count_facts() == 0
    with store.transaction():
        store.add_observations(_observations("a", 3))
        store.add_document(*_document(1))
        # the other connection counts now: the sequences have advanced, the rows are not committed
        assert other.count_observations() == 0 and other.count_facts() == 0
    assert other.count_observations() == 3 and other.count_facts() == 1


def test_list_totals_of_targets_follow_their_assessments(store: Store, other: Store) -> None:
    from riso.services.assessments import refresh_assessments
    from riso.services.progress import add_target

    assert other.count_assessments() == 0 and other.count_targets(origin="manual") == 0
    add_target(store, region="CN-CQ", indicator="rd_intensity", value=3.0, deadline=2030)
    refresh_assessments(store)
    assert other.count_targets(origin="manual") == 1 and other.count_assessments() == 1
    assert [k[0] for k in other.assessment_page(limit=10)] == ["CN-CQ"]


def test_list_totals_follow_a_streamed_data_import(store: Store, other: Store, tmp_path: Path) -> None:
    from riso.services import data

    path = tmp_path / "m.csv"
    path.write_text("region,indicator,period,value,unit,source\n"
                    "CN-CQ,rd_intensity,2020,2.1,%,\nCN-CQ,rd_intensity,2021,2.2,%,\n", encoding="utf-8")
    assert other.count_observations() == 0 and store.count_observations() == 0
    assert data.import_file(store, path).stored == 2  # PostgreSQL: COPY through the cursor (services.pg_import)
    assert other.count_observations() == 2 and store.count_observations() == 2
