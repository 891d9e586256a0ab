"""Frictionless ``datapackage.json``: its local resources, which must lie inside the package's own folder.

A resource path that is absolute, climbs out with ``..`` or resolves (through a link) outside the
package folder is refused before anything is opened, with one message whatever is or is not there,
so a package cannot read server files nor tell which exist. Errors name the resource as the package
wrote it and never quote a file's contents.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

import pyarrow as pa

from riso.errors import DataImportError
from riso.ingest.data.dialect import open_text, sniff_dialect

__all__ = ["read_datapackage", "resource_file"]

_READABLE = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
_OUTSIDE_HINT = "Give resource paths relative to datapackage.json, inside its folder (no '..', no absolute paths)."


def _shown(path: str) -> str:
    """A resource path for a message: as written, cut short, without control characters."""
    return "".join(ch for ch in path if ch.isprintable())[:120]


def resource_file(package: Path, res_path: str) -> Path:
    """The file a resource path names, inside the package's folder; raises DataImportError otherwise."""
    folder = package.parent.resolve()
    posix, windows = PurePosixPath(res_path), PureWindowsPath(res_path)
    outside = DataImportError(f"{package.name}: resource path {_shown(res_path)!r} is outside the package folder",
                              hint=_OUTSIDE_HINT)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or "\x00" in res_path:
        raise outside
    if ".." in posix.parts or ".." in windows.parts:
        raise outside
    file = (folder / posix).resolve()
    if not file.is_relative_to(folder) or file == package.resolve():
        raise outside
    if file.suffix.lower() not in _READABLE:
        raise DataImportError(f"{package.name}: resource {_shown(res_path)!r} is not a .csv, .tsv or .xlsx file",
                              hint="A data package's resources must be CSV or .xlsx tables.")
    if not file.is_file():
        raise DataImportError(f"{package.name}: resource file {_shown(res_path)!r} not found next to it",
                              hint="Put the resource files in the package's folder (upload a single CSV instead).")
    return file


def read_datapackage(path: Path, *, source: str, indicator: str | None, unit: str | None) -> pa.Table:
    """Every resource of a data package as one raw table (see ``readers.read_raw``)."""
    from riso.ingest.data.readers import detect_format, read_raw

    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataImportError(f"{path.name}: not a readable datapackage.json (invalid JSON)",
                              hint="Check the file with a JSON validator.") from err
    if not isinstance(package, dict):
        raise DataImportError(f"{path.name}: a datapackage.json must hold a JSON object")
    tables = []
    title = source
    if package.get("sources") and isinstance(package["sources"], list):
        title = "; ".join(str(s.get("title") or s.get("path") or "") for s in package["sources"]
                          if isinstance(s, dict)) or source
    resources = package.get("resources", [])
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        res_path = resource.get("path")
        if isinstance(res_path, list):
            res_path = res_path[0] if res_path else None
        if not isinstance(res_path, str) or not res_path or res_path.startswith(("http://", "https://")):
            raise DataImportError(f"{path.name}: resource {_shown(str(resource.get('name')))!r} has no local path",
                                  hint="riso reads local resources only; download the files next to datapackage.json.")
        file = resource_file(path, res_path)
        schema = resource.get("schema") or {}
        fields = [str(f.get("name", "")) for f in schema.get("fields", []) if isinstance(f, dict)]
        fmt = "xlsx" if file.suffix.lower() in (".xlsx", ".xlsm") else detect_format(file)
        if fields and fmt == "csv":
            _check_fields(file, fields)
        tables.append(read_raw(file, fmt=fmt, source=title, indicator=indicator, unit=unit))
    if not tables:
        raise DataImportError(f"{path.name}: the data package lists no resources")
    decimal = {(t.schema.metadata or {}).get(b"decimal", b".") for t in tables}
    merged = pa.concat_tables([t.replace_schema_metadata(None) for t in tables])
    if len(decimal) > 1:
        raise DataImportError(f"{path.name}: its resources mix decimal points and decimal commas",
                              hint="Write every resource with the same decimal mark.")
    return merged.replace_schema_metadata({b"decimal": decimal.pop()})


def _check_fields(file: Path, fields: Sequence[str]) -> None:
    dialect = sniff_dialect(file)
    with open_text(file, dialect) as fh:
        header = next(csv.reader(fh, delimiter=dialect.delimiter), [])
    if [h.strip().lstrip("\ufeff") for h in header] != [f.strip() for f in fields]:
        raise DataImportError(
            f"{file.name}: its header does not match the schema's {len(fields)} fields {list(fields)[:20]}",
            hint="Make the CSV header list the schema's fields in order.",
        )
