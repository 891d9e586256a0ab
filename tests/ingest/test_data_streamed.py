"""`riso data import` of a long CSV into DuckDB streams in blocks (issue 11 item 6): the result is the whole-file
import's, bad rows keep their lines across blocks, repeats and contradictions are found across blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.errors import BadRows
from riso.services import data
from riso.store import Store


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("region,indicator,period,value,unit\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _rows() -> list[str]:
    rows = [f"CN-CQ,rd_intensity,{1900 + i},{i / 10},%" for i in range(120)]
    rows += [f"DE-BY,rd_intensity,{2000 + i},{i},%" for i in range(20)]
    return rows


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "STREAM_BLOCK", 256)  # a few rows per block: every check crosses blocks


def test_blocks_give_the_whole_file_result(duck_store: Store, tmp_path: Path, small_blocks: None) -> None:
    rows = _rows()
    report = data.import_file(duck_store, _write(tmp_path / "a.csv", rows))
    assert report.rows_read == len(rows) and report.stored == len(rows) and not report.bad_rows
    stored = duck_store.list_observations(region="CN-CQ")
    assert [o.period for o in stored] == [str(1900 + i) for i in range(120)]
    assert stored[5].source_row == "a.csv:7" and stored[5].value == pytest.approx(0.5)


def test_bad_rows_in_late_blocks_keep_their_lines_and_nothing_is_stored(
    duck_store: Store, tmp_path: Path, small_blocks: None
) -> None:
    rows = _rows()
    rows[3] = "CN-CQ,rd_intensity,19x4,1,%"  # line 5
    rows[100] = "Atlantis,rd_intensity,2001,1,%"  # line 102
    rows[130] = "DE-BY,rd_intensity,2010,not a number,%"  # line 132
    rows.append("DE-BY,rd_intensity,2003,99,%")  # line 142: contradicts line 125 (DE-BY 2003 = 3)
    rows.append("CN-CQ,rd_intensity,1901,0.1,%")  # line 143: repeats line 3 with the same value: kept once
    path = _write(tmp_path / "b.csv", rows)
    with pytest.raises(BadRows) as caught:
        data.import_file(duck_store, path)
    lines = [line for line, _ in caught.value.rows]
    assert lines == [5, 102, 132, 142]
    assert duck_store.count_observations() == 0
    report = data.import_file(duck_store, path, skip_bad_rows=True)
    assert [line for line, _ in report.bad_rows] == [5, 102, 132, 142]
    assert "conflicts with line 125" in dict(report.bad_rows)[142]
    assert report.duplicates == 1
    assert report.stored == len(rows) - 4 - 1 == duck_store.count_observations()
    assert duck_store.list_observations(region="DE-BY", indicator="rd_intensity", source="b.csv")[3].value == 3


def test_a_source_stored_before_goes_through_the_anti_join(duck_store: Store, tmp_path: Path,
                                                           small_blocks: None) -> None:
    rows = _rows()
    data.import_file(duck_store, _write(tmp_path / "c.csv", rows), source="same")
    again = data.import_file(duck_store, _write(tmp_path / "d.csv", [*rows, "CN-SC,rd_intensity,2020,1,%"]),
                             source="same")
    assert again.stored == 1 and again.duplicates == len(rows)
    assert duck_store.count_observations() == len(rows) + 1
