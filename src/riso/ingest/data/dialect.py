"""How a CSV file is written: its encoding, delimiter and decimal mark, sniffed from its first bytes.

Encodings are detected as documents' are (``riso.ingest.encoding.decode``: byte-order marks, UTF-16
without a mark, strict UTF-8, GB18030/GBK, CP1252/Latin-1). The delimiter is the one of ``,`` ``;``
tab ``|`` that splits the first lines into the most columns consistently; a file delimited by
something other than ``,`` whose values hold more ``,`` decimals than ``.`` ones uses the decimal comma
(``3,5``), as European statistics offices publish.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from riso.errors import DataImportError, UnreadableDocument
from riso.ingest.encoding import decode

__all__ = ["DECIMAL_COMMA", "Dialect", "comma_decimals", "open_text", "sniff_dialect"]

_SAMPLE = 1 << 18
_DELIMITERS = (",", ";", "\t", "|")
# A number written with a decimal comma: digits, optional '.' or space thousands groups, optional ,digits.
DECIMAL_COMMA = r"^[+-]?(\d{1,3}([. " "\u00a0" r"]\d{3})+|\d+)(,\d+)?([eE][+-]?\d+)?$"
_POINT_DECIMAL = re.compile(r"^[+-]?\d*\.\d+([eE][+-]?\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")


@dataclass(frozen=True)
class Dialect:
    """A CSV file's encoding (a Python codec name), delimiter and decimal mark."""

    encoding: str = "utf-8"
    delimiter: str = ","
    decimal: str = "."

    @property
    def is_utf8(self) -> bool:
        """Whether pyarrow can read the bytes as they are (UTF-8, with or without a mark)."""
        return self.encoding in ("utf-8", "utf-8-sig")


def _encoding(head: bytes) -> str:
    """The codec of a file, from its first bytes (cut at a line end so no character is split)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        sample = head[: len(head) - len(head) % 4]
    else:
        cut = head.rfind(b"\n")
        sample = head[: cut + 1] if cut > 0 else head
    try:
        _, encoding = decode(sample)
    except UnreadableDocument as err:
        raise DataImportError(f"the file is not text: {err.message}", hint="Save the data as CSV (UTF-8).") from err
    if encoding.startswith("utf-16") and head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the codec reads (and drops) the mark
    return encoding


def _delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines into the most columns, the same number on most lines."""
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        consistent = sum(1 for c in counts if c == widest)
        score = widest * consistent
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _decimal(lines: list[str], delimiter: str) -> str:
    """',' when more cells hold comma decimals than point decimals (never for comma-delimited files)."""
    if delimiter == ",":
        return "."
    commas = points = 0
    for row in csv.reader(lines[1:], delimiter=delimiter):
        for cell in row:
            cell = cell.strip()
            commas += bool(_COMMA_DECIMAL.match(cell))
            points += bool(_POINT_DECIMAL.match(cell))
    return "," if commas > points else "."


def sniff_dialect(path: Path) -> Dialect:
    """The encoding, delimiter and decimal mark of a CSV file, from its first 256 KiB."""
    with path.open("rb") as fh:
        head = fh.read(_SAMPLE)
    encoding = _encoding(head)
    text = head.decode(encoding, errors="ignore")
    lines = text.splitlines()[:60]
    if len(head) == _SAMPLE and len(lines) > 1:
        lines = lines[:-1]  # the last line of the sample may be cut
    delimiter = _delimiter(lines)
    return Dialect(encoding=encoding, delimiter=delimiter, decimal=_decimal(lines, delimiter))


def open_text(path: Path, dialect: Dialect) -> io.TextIOWrapper:
    """The file as text in its own encoding, for the csv module."""
    return open(path, encoding=dialect.encoding, newline="", errors="strict")


def comma_decimals(values: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """Decimal-comma strings as point-decimal strings, and a mask of the cells that are not such numbers."""
    text = pc.utf8_trim_whitespace(values)
    good = pc.match_substring_regex(text, DECIMAL_COMMA)
    plain = pc.replace_substring_regex(text, "[. \u00a0]", "")
    converted = pc.replace_substring(plain, ",", ".")
    return converted, pc.invert(pc.fill_null(good, False))
