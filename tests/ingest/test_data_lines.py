"""Bad rows and stored rows of `riso data import` name the physical line of the file, as an editor shows it,
when blank lines sit between the rows (the fast parsers skip them without counting them) and when a quoted
cell runs over a line end (refused, naming the line the row starts on) — on both backends (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riso.errors import BadRows, DataImportError
from riso.ingest.data import lines as lines_mod
from riso.ingest.data.lines import count_lines, scan_lines
from riso.services import data
from riso.store import Store

HEADER = "region,indicator,period,value,unit,note"
ROWS = [
    "CN-CQ,rd_intensity,2020,2.1,%,",
    "XX-YY,rd_intensity,2020,1,%,",  # unknown region
    "CN-CQ,rd_intensity,2021,2.2,%,",
    "CN-CQ,nope,2020,1,%,",  # unknown indicator
    "CN-CQ,rd_intensity,2022,lots,%,",  # no number
    "CN-CQ,rd_intensity,2020,9.9,%,",  # contradicts the first row
    "CN-CQ,rd_intensity,2023,2.3,%,",
    "CN-CQ,rd_intensity,2026,1,kg,",  # a unit that cannot be converted
    "DE-BY,rd_intensity,2020,3.5,%,",
]
BAD = {1: "unknown region", 3: "unknown indicator", 4: "not a number", 5: "conflicts with line", 7: "kg"}


def _write(path: Path, gaps: list[int], *, before: int = 0, newline: str = "\n") -> list[int]:
    """Write HEADER and ROWS with ``gaps[i]`` blank lines before row i (``gaps[-1]``: after the last row) and
    ``before`` blank lines before the header; the physical line of each row."""
    out = [""] * before + [HEADER]
    where = []
    for i, row in enumerate(ROWS):
        out += [""] * gaps[i]
        out.append(row)
        where.append(len(out))
    out += [""] * gaps[len(ROWS)]
    path.write_bytes((newline.join(out) + newline).encode())
    return where


def _expected(where: list[int]) -> list[tuple[int, str]]:
    return [(where[i], BAD[i]) for i in sorted(BAD)]


def _check(rows: list[tuple[int, str]], where: list[int]) -> None:
    assert [(line, next(v for v in BAD.values() if v in why)) for line, why in rows] == _expected(where)
    conflict = next(why for line, why in rows if "conflicts" in why)
    assert re.search(rf"conflicts with line {where[0]} ", conflict), conflict  # the line it contradicts, too


GAPS = st.lists(st.sampled_from([0, 0, 0, 1, 2]), min_size=len(ROWS) + 1, max_size=len(ROWS) + 1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gaps=GAPS, before=st.integers(0, 2), crlf=st.booleans(), small_blocks=st.booleans())
def test_bad_rows_name_physical_lines_with_blank_lines_anywhere(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gaps: list[int], before: int, crlf: bool,
    small_blocks: bool,
) -> None:
    path = tmp_path / "gaps.csv"
    where = _write(path, gaps, before=before, newline="\r\n" if crlf else "\n")
    with monkeypatch.context() as patch:
        if small_blocks:  # several parser blocks and several scan blocks per file
            patch.setattr(data, "STREAM_BLOCK", 96)
            patch.setattr(lines_mod, "_BLOCK", 7)
        with pytest.raises(BadRows) as err:
            data.import_file(store, path)
    _check(err.value.rows, where)
    assert store.count_observations() == 0 and not store.list_imports()


def test_stored_rows_keep_their_physical_lines(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "kept.csv"
    where = _write(path, [1, 0, 2, 0, 0, 1, 0, 3, 0, 2])
    report = data.import_file(store, path, skip_bad_rows=True)
    _check(report.bad_rows, where)
    stored = sorted((o.period, o.source_row) for o in store.list_observations() if o.region == "CN-CQ")
    assert stored == [("2020", f"kept.csv:{where[0]}"), ("2021", f"kept.csv:{where[2]}"),
                      ("2023", f"kept.csv:{where[6]}")]


def test_the_fast_path_still_takes_files_without_blank_lines(duck_store: Store, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from riso.services import sql_import

    taken: list[bool] = []
    real = sql_import.import_csv_sql

    def spy(*args: object, **kwargs: object) -> object:
        try:
            done = real(*args, **kwargs)  # type: ignore[arg-type]
        except BadRows:
            taken.append(True)  # the fast path took the file and found its bad rows
            raise
        taken.append(done is not None)
        return done

    monkeypatch.setattr(sql_import, "import_csv_sql", spy)
    path = tmp_path / "plain.csv"
    where = _write(path, [0] * len(ROWS) + [2])  # blank lines after the last row change no row's line
    with pytest.raises(BadRows) as err:
        data.import_file(duck_store, path)
    _check(err.value.rows, where)
    path = tmp_path / "blank.csv"
    where = _write(path, [0, 0, 1] + [0] * (len(ROWS) - 2))
    with pytest.raises(BadRows) as err:
        data.import_file(duck_store, path)
    _check(err.value.rows, where)
    assert taken == [True, False]  # the file with a blank line between rows went to the block reader


@pytest.mark.parametrize("blank", [True, False])
@pytest.mark.parametrize("column", ["note", "region"])
def test_a_cell_over_two_lines_is_refused_at_the_line_its_row_starts(
    store: Store, tmp_path: Path, column: str, blank: bool
) -> None:
    path = tmp_path / "quoted.csv"
    cell = '"two\nlines"'
    row = f"CN-CQ,rd_intensity,2024,1,%,{cell}" if column == "note" else f"{cell},rd_intensity,2024,1,%,"
    gap = "\n" if blank else ""
    path.write_text(f"{HEADER}\n{gap}{ROWS[0]}\n{gap * 2}{row}\n{ROWS[2]}\n", encoding="utf-8")
    with pytest.raises(DataImportError) as err:  # DuckDB reads the note; its rowid no longer gives the line
        data.import_file(store, path)
    assert f"line {6 if blank else 3}: a quoted cell" in str(err.value), err.value
    assert store.count_observations() == 0


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["a", ",", "\n", "\r\n", "\r"]), max_size=60).map("".join),
       block=st.integers(1, 9), first=st.integers(2, 4))
def test_the_scan_finds_every_blank_line(text: str, block: int, first: int) -> None:
    path = Path(f"/tmp/riso-scan-{block}-{first}.txt")
    path.write_bytes(text.encode())
    physical = text.split("\n")  # a line is what lies between line ends; a lone \r ends no line
    blanks = [i + 1 for i, line in enumerate(physical) if line in ("", "\r")]
    if physical and physical[-1] == "":
        physical.pop()  # the file's last line end closes the last line
        blanks = [b for b in blanks if b <= len(physical)]
    while blanks and blanks[-1] == len(physical):  # blank lines at the end precede no row
        blanks.pop()
        physical.pop()
    keep = [b for b in blanks if b >= first]
    old = lines_mod._BLOCK
    lines_mod._BLOCK = block
    try:
        found = scan_lines(path, first)
    finally:
        lines_mod._BLOCK = old
        path.unlink()
    rows = [i + 1 for i in range(first - 1, len(physical)) if i + 1 not in keep]
    assert found.lines(0, len(rows)).tolist() == rows
    if "\r" not in text.replace("\r\n", ""):  # the count the DuckDB path compares its rows with
        path.write_bytes(text.encode())
        try:
            assert count_lines(path) == len(physical)
        finally:
            path.unlink()
