"""Physical line numbers of a CSV file's rows when the fast parsers skip blank lines.

pyarrow's and DuckDB's CSV readers drop empty lines without counting them, so "the n-th row after the header"
is not "line header + 1 + n" once a blank line sits between rows. ``scan_lines`` finds the blank lines in one
pass over the bytes (a search for ``\\n\\n`` and ``\\n\\r\\n``: numpy only on the blocks that hold one), and
``LineMap.lines`` turns row positions into the lines a user sees in an editor (the block reader). The DuckDB
path only counts the line ends (``count_lines``) and leaves a file with fewer rows than lines to the block
reader. Blank lines at the end of the file are dropped: no row follows them. A row spanning lines (a quoted
line break) is refused by the block reader, so the first such row is still numbered right.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["LineMap", "count_lines", "scan_lines"]

_BLOCK = 1 << 24


class LineMap:
    """Row position (0-based, from the first data row) -> physical line, given the blank lines among the rows."""

    def __init__(self, first_line: int, blanks: np.ndarray, *, quoted: bool) -> None:
        self.first_line = first_line
        #: how many rows come before each blank line (non-decreasing)
        self.rows_before = blanks - first_line - np.arange(len(blanks), dtype=np.int64)
        self.quoted = quoted  # whether the file holds a quote character at all (a cell may span lines)

    @property
    def is_identity(self) -> bool:
        """Whether row n is on line ``first_line + n`` for every row (no blank line between rows)."""
        return not len(self.rows_before)

    def lines(self, start: int, count: int) -> np.ndarray:
        """The physical lines of rows ``start`` .. ``start + count - 1``."""
        rows = np.arange(start, start + count, dtype=np.int64)
        if self.is_identity:
            return rows + self.first_line
        return rows + self.first_line + np.searchsorted(self.rows_before, rows, side="right")

    def line(self, row: int) -> int:
        """The physical line of one row."""
        return int(self.lines(row, 1)[0])


def count_lines(path: Path) -> int:
    """The number of lines of a file, without the blank lines at its end (one fast pass: count the line ends).

    When a reader that skips blank lines gives as many rows as there are lines after the header, no blank
    line sits between the rows and no row spans lines, so row n is on line header + 1 + n."""
    newlines = 0
    last = b""
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            newlines += block.count(b"\n")
            last = block
        size = fh.tell()
        fh.seek(max(0, size - (1 << 16)))
        end = fh.read()
    if not size:
        return 0
    total = newlines + (not last.endswith(b"\n"))
    trailing = len(end) - len(end.rstrip(b"\r\n"))
    if trailing == len(end):  # the end is all line ends: a blank file, or let the caller's counts disagree
        return 0 if len(end) == size else total
    blank = end[len(end) - trailing:].count(b"\n") - 1  # the first line end closes the last row
    return total - max(blank, 0)


def scan_lines(path: Path, first_line: int) -> LineMap:
    """The blank lines of a file from 1-based line ``first_line`` on (blank: empty or a lone ``\\r``)."""
    found: list[np.ndarray] = []
    quoted = False
    newlines = 0  # line ends read before the current block
    tail = b""
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            quoted = quoted or b'"' in block
            data = tail + block
            if b"\n\n" in data or (b"\r" in data and b"\n\r\n" in data):
                found.append(_blank_ends(data, len(tail), newlines - tail.count(b"\n")))
            newlines += block.count(b"\n")
            tail = data[-2:]
    blanks = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    # the last line is a line without an end when the file does not end with one; a run of blank lines at the
    # end of the file is followed by no row
    last = newlines if tail.endswith(b"\n") else newlines + 1
    keep = len(blanks)
    while keep and blanks[keep - 1] == last:
        keep -= 1
        last -= 1
    blanks = blanks[:keep]
    return LineMap(first_line, blanks[blanks >= first_line], quoted=quoted)


def _blank_ends(data: bytes, start: int, newlines_before: int) -> np.ndarray:
    """1-based line numbers of the blank lines whose line end lies in ``data[start:]``; ``newlines_before``
    counts the line ends before ``data[0]``."""
    arr = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(arr == 10)
    number = newlines_before + 1 + np.arange(len(ends), dtype=np.int64)  # the line each end closes
    prev = np.full(len(ends), -1, dtype=np.int16)
    prev2 = np.full(len(ends), -1, dtype=np.int16)
    ok = ends >= 1
    prev[ok] = arr[ends[ok] - 1]
    ok2 = ends >= 2
    prev2[ok2] = arr[ends[ok2] - 2]
    blank = (prev == 10) | ((prev == 13) & (prev2 == 10))
    kept: np.ndarray = number[blank & (ends >= start)]
    return kept
