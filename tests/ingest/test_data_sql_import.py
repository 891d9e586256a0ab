"""`riso data import` of a long CSV: DuckDB reads the file itself (read_csv, resolved by joins, one INSERT ...
SELECT) and PostgreSQL streams it by COPY; both give the whole-file reader's bad rows (same lines, same reasons,
same order), the same stored rows with their file lines, and a re-import stays a no-op (issue 11 item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.catalog import load_catalog
from riso.errors import BadRows
from riso.ingest.data import read_data
from riso.services import data, sql_import
from riso.store import Store, open_store

HEADER = "region,indicator,period,value,unit,note\n"
MESSY = [
    "Chongqing,R&D intensity,2020,2.1,%,by name",  # names resolved by the catalog
    "CN-CQ,rd_intensity,2021,2.2,,",
    "XX-YY,rd_intensity,2020,1,%,",  # unknown region
    "CN-CQ,nope,2020,1,%,",  # unknown indicator
    "CN-CQ,rd_intensity,20-20,1,%,",  # bad period
    "CN-CQ,rd_intensity,2022,lots,%,",  # no number
    "CN-CQ,rd_intensity,2023,,%,",  # missing value
    ",rd_intensity,2024,1,%,",  # missing region
    "CN-CQ,rd_intensity,2025,inf,%,",  # not finite
    "CN-CQ,rd_intensity,2026,1,kg,",  # a unit that cannot be converted
    "CN-CQ,rd_intensity,2020,9.9,%,",  # contradicts line 2
    "CN-CQ,rd_intensity,2021,2.2,%,",  # repeats line 3 with the same value
    " DE-BY , rd_intensity , 2020 , 3.5 ,%, spaced ",
]


def _file(tmp_path: Path, rows: list[str], name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def block_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "_import_sql", lambda *a, **k: None)


def _stored(store: Store) -> list[tuple[object, ...]]:
    return [(o.region, o.indicator, o.period, o.value, o.unit, o.source, o.source_row, o.note)
            for o in store.list_observations()]


def test_bad_rows_are_the_whole_file_readers(store: Store, tmp_path: Path) -> None:
    path = _file(tmp_path, MESSY)
    expected = list(read_data(path, catalog=load_catalog()).bad_rows)
    assert [line for line, _ in expected] == [4, 5, 6, 7, 8, 9, 10, 11, 12]
    with pytest.raises(BadRows) as err:
        data.import_file(store, path)
    assert err.value.rows == expected
    assert store.count_observations() == 0 and not store.list_imports()  # nothing was imported
    report = data.import_file(store, path, skip_bad_rows=True)
    assert report.bad_rows == expected and report.skipped == len(expected)
    assert report.rows_read == len(MESSY) and report.stored == 3 and report.duplicates == 1
    assert _stored(store) == [
        ("CN-CQ", "rd_intensity", "2020", 2.1, "%", "m.csv", "m.csv:2", "by name"),
        ("CN-CQ", "rd_intensity", "2021", 2.2, "%", "m.csv", "m.csv:3", None),
        ("DE-BY", "rd_intensity", "2020", 3.5, "%", "m.csv", "m.csv:14", "spaced"),
    ]
    assert data.import_file(store, path, skip_bad_rows=True).already_imported


def test_duckdb_reads_the_file_itself_and_matches_the_block_reader(
    duck_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    real = sql_import.import_csv_sql

    def spy(*args: object, **kwargs: object) -> object:
        done = real(*args, **kwargs)  # type: ignore[arg-type]
        taken.append(done is not None)
        return done

    monkeypatch.setattr(sql_import, "import_csv_sql", spy)
    rows = [f"CN-CQ,rd_intensity,{1900 + i},{i / 10},%," for i in range(300)] + MESSY
    data.import_file(duck_store, _file(tmp_path, rows), skip_bad_rows=True)
    assert taken == [True]
    by_sql = _stored(duck_store)
    monkeypatch.setattr(data, "_import_sql", lambda *a, **k: None)
    other = open_store(tmp_path / "blocks.duckdb")
    try:
        data.import_file(other, _file(tmp_path, rows), skip_bad_rows=True)
        assert _stored(other) == by_sql
    finally:
        other.close()


def test_codes_as_names_take_the_join_free_insert(duck_store: Store, tmp_path: Path) -> None:
    rows = [f"CN-CQ,rd_intensity,{1900 + i},{i},%," for i in range(50)] + ["CN-CQ,rd_intensity,1910,99,%,"]
    with pytest.raises(BadRows) as err:  # a contradiction found on the staged rows' hashes
        data.import_file(duck_store, _file(tmp_path, rows))
    assert err.value.rows == [(52, "conflicts with line 12 (same region CN-CQ, indicator rd_intensity, period "
                                    "1910): value 10 there, 99 here")]
    assert duck_store.count_observations() == 0


def test_the_block_reader_still_gives_the_same_bad_rows(duck_store: Store, tmp_path: Path,
                                                        block_reader: None) -> None:
    path = _file(tmp_path, MESSY)
    with pytest.raises(BadRows) as err:
        data.import_file(duck_store, path)
    assert err.value.rows == list(read_data(path, catalog=load_catalog()).bad_rows)
