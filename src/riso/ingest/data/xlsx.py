"""The first sheet of an .xlsx workbook as rows, bounded: the zip's members are checked before opening.

A workbook is a zip archive; one that unpacks to far more than it weighs (a zip bomb) or holds more
rows than a spreadsheet can is refused with a clear reason before it can exhaust memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from riso.errors import DataImportError

__all__ = ["MAX_RATIO", "MAX_ROWS", "MAX_UNPACKED", "check_zip", "xlsx_rows"]

MAX_UNPACKED = 512 * 1024 * 1024  # bytes all members unpack to
MAX_RATIO = 200  # unpacked / packed, for members over 8 MiB (real sheets compress 5-30x)
MAX_ROWS = 1_048_576  # Excel's own limit per sheet
_BIG_MEMBER = 8 * 1024 * 1024
_HINT = "Save the sheet as CSV and import that; CSV files are read in bounded memory."


def check_zip(path: Path) -> None:
    """Refuse a workbook whose members unpack past MAX_UNPACKED or compress suspiciously well.

    zipfile never unpacks a member past its declared size, so checking the declared sizes bounds the work.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise DataImportError(f"{path.name}: cannot open as .xlsx (not a zip archive)",
                              hint="Check that the file is a real .xlsx workbook.") from err
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise DataImportError(
            f"{path.name}: the workbook unpacks to {total / 2**20:.0f} MiB, more than the "
            f"{MAX_UNPACKED / 2**20:.0f} MiB riso reads from an .xlsx", hint=_HINT)
    for member in members:
        if member.file_size > _BIG_MEMBER and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise DataImportError(
                f"{path.name}: member {member.filename[:80]} unpacks {member.file_size // max(member.compress_size, 1)}"
                f" times its packed size (a zip bomb?); nothing was imported", hint=_HINT)


def xlsx_rows(path: Path) -> tuple[list[str], list[list[object]], list[int]]:
    """Header, data rows and their sheet row numbers of the first sheet (header found in the first 50 rows)."""
    import openpyxl

    check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a broken file
        raise DataImportError(f"{path.name}: cannot open as .xlsx ({type(err).__name__})") from err
    try:
        sheet = book.worksheets[0]
        head: list[tuple[int, list[object]]] = []
        rows: list[list[object]] = []
        lines: list[int] = []
        header: list[str] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise DataImportError(f"{path.name}: more than {MAX_ROWS:,} rows on the first sheet", hint=_HINT)
            row = list(values)
            if header is None:
                head.append((number, row))
                if len(head) <= 51:
                    found = _header_in(head)
                    if found is not None:
                        header = found
                continue
            rows.append(row)
            lines.append(number)
    finally:
        book.close()
    if header is None:
        raise DataImportError(
            f"{path.name}: no header row with region/period/value or year columns on the first sheet",
            hint="Name the columns region, indicator, period, value (see docs/data.md).")
    return header, rows, lines


def _header_in(head: list[tuple[int, list[object]]]) -> list[str] | None:
    """The header when the last row read is it."""
    from riso.ingest.data.readers import is_header

    cells = [str(c) if c is not None else "" for c in head[-1][1]]
    return cells if is_header(cells) else None
