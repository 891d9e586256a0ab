"""Data files into observations: long/wide CSV, .xlsx, SDMX-CSV and Frictionless data packages.

``read_data(path, catalog=...)`` reads, checks and resolves a file; the caller stores the result.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from riso.catalog import Catalog
from riso.errors import DataImportError
from riso.ingest.data.cells import safe_cell
from riso.ingest.data.readers import FORMATS, detect_format, read_raw
from riso.ingest.data.table import (
    OBSERVATION_COLUMNS,
    STORED_COLUMNS,
    DataFile,
    observation_schema,
    raw_table,
    resolve,
    with_source_row,
)

__all__ = [
    "FORMATS",
    "OBSERVATION_COLUMNS",
    "STORED_COLUMNS",
    "DataFile",
    "detect_format",
    "file_checksum",
    "import_key",
    "observation_schema",
    "raw_table",
    "read_data",
    "resolve",
    "safe_cell",
    "with_source_row",
]


def file_checksum(path: Path, *, extra: str = "") -> str:
    """sha256 of a file's bytes (and of ``extra``, the options that change what is read)."""
    digest = hashlib.sha256(extra.encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def import_key(path: str | Path, *, source: str | None = None, indicator: str | None = None,
               unit: str | None = None) -> tuple[str, str]:
    """(dataset name, checksum) of a file read with these options: the same key means the same import."""
    file = Path(path)
    if not file.is_file():
        raise DataImportError(f"no data file at {file}", hint="Check the path.")
    name = source or file.name
    return name, file_checksum(file, extra=f"{name}|{indicator or ''}|{unit or ''}")


def read_data(
    path: str | Path,
    *,
    catalog: Catalog,
    source: str | None = None,
    indicator: str | None = None,
    unit: str | None = None,
    key: tuple[str, str] | None = None,
) -> DataFile:
    """Read a data file and resolve its regions, indicators and units; bad rows are returned, not raised.

    ``source`` names the dataset (default: the file name); ``indicator`` and ``unit`` apply to
    every row of a file that has no such column (a WDI download, an SDMX flow); ``key`` is the file's
    ``import_key`` when the caller has it already (a big file is then hashed once, not twice).
    Raises DataImportError when the file cannot be read at all.
    """
    file = Path(path)
    name, checksum = key or import_key(file, source=source, indicator=indicator, unit=unit)
    fmt = detect_format(file)
    raw = read_raw(file, fmt=fmt, source=name, indicator=indicator, unit=unit)
    table, bad = resolve(raw, catalog)
    return DataFile(
        path=str(file), format=fmt, source=name, checksum=checksum, rows=table, bad_rows=tuple(bad),
        rows_read=raw.num_rows,
    )
