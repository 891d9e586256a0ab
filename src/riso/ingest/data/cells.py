"""Cells that riso writes to CSV (and spreadsheet) files, made safe to open in a spreadsheet.

A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return, which some
spreadsheets skip before looking) is read as a formula by Excel, LibreOffice and Google Sheets;
such cells get a leading apostrophe, which spreadsheets show as text. Text that is a plain number
("-3.5") is left alone: a number is never a formula.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_START", "safe_cell"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value: object) -> object:
    """The value, or for formula-like text the text with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value
