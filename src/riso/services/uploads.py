"""Uploads from the API and the dashboard: size and type checks, then the real ingest and extract stages.

The server queues uploads (riso.services.jobs) and its worker does the reading; ``ingest_upload`` and
``import_data`` do the same work in the caller's thread (scripts and tests)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from riso.errors import DocumentTooLarge, NotAvailable, UnsupportedFormat
from riso.model import Document, Fact
from riso.services.overview import find_function
from riso.store import Store

__all__ = [
    "DATA_SUFFIXES", "DOCUMENT_SUFFIXES", "UploadResult", "check_upload", "clean_name", "import_data", "ingest_upload"
]

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
DATA_SUFFIXES = (".csv", ".tsv", ".xlsx", ".json")
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class UploadResult:
    """What an upload added: the document (or None when it was already stored) and its facts."""

    document: Document
    facts: list[Fact]
    created: bool


def clean_name(filename: str) -> str:
    """The file's own name, without folders or control characters."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:200] or "upload"


def _suffix(filename: str) -> str:
    return PurePosixPath(filename.replace("\\", "/")).suffix.lower()


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head or head.startswith((b"%PDF", _ZIP, b"\x7fELF", b"MZ", b"\x89PNG", b"\xff\xd8", b"GIF8")):
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 4:  # a multi-byte character cut by the 4 KiB window
            return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control < len(head) // 100 + 1


def check_upload(filename: str, data: bytes, *, allowed: tuple[str, ...], max_bytes: int) -> str:
    """The upload's format, by its suffix AND its first bytes; raises DocumentTooLarge or UnsupportedFormat."""
    if len(data) > max_bytes:
        raise DocumentTooLarge(
            f"the file is {len(data) / 1e6:.1f} MB, more than the {max_bytes / 1e6:.0f} MB this server accepts",
            hint="Split the file, or ask the admin to raise the limit (riso serve --max-upload-mb).",
        )
    suffix = _suffix(filename)
    if suffix not in allowed:
        raise UnsupportedFormat(
            f"files of type {suffix or '(no suffix)'!r} are not accepted here",
            hint=f"Upload one of: {', '.join(allowed)}.",
        )
    if not data:
        raise UnsupportedFormat("the file is empty", hint="Choose a file with content.")
    if suffix == ".pdf":
        ok = data.startswith(b"%PDF-")
    elif suffix in (".docx", ".xlsx"):
        ok = data.startswith(_ZIP)
    else:
        ok = _looks_like_text(data)
    if not ok:
        raise UnsupportedFormat(
            f"the content of the file does not look like {suffix}",
            hint="Check that the file is what its name says; rename or convert it.",
        )
    return suffix.lstrip(".")


def ingest_upload(
    store: Store, filename: str, data: bytes, *, actor: str, max_bytes: int = 10_000_000
) -> UploadResult:
    """Check, read, extract and store one uploaded document in one transaction (audited)."""
    fmt = check_upload(filename, data, allowed=DOCUMENT_SUFFIXES, max_bytes=max_bytes)
    read_bytes = find_function("riso.ingest", "read_bytes")
    extract = find_function("riso.extract", "extract")
    if read_bytes is None or extract is None:
        raise NotAvailable("document ingestion is not installed in this riso yet")
    name = clean_name(filename)
    document: Document = read_bytes(data, source=f"upload:{name}", fmt="html" if fmt == "htm" else fmt)
    facts: list[Fact] = list(extract(document))
    with store.transaction():
        created = store.add_document(document, facts)
        store.audit(actor, "document.upload", document.id, {"file": name, "facts": len(facts), "created": created})
    _link_uploaded(store)
    if not created:
        facts = store.list_facts(document=document.id)
    return UploadResult(document, facts, created)


def _link_uploaded(store: Store) -> None:
    """Link the uploaded document (and any other stored one not linked yet) into stories; on failure the
    documents stay marked unlinked (no linking features) and the next ingest or upload links them."""
    from riso.pipeline import link_leftovers  # the pipeline's linking, shared with `riso ingest`

    link_leftovers(store)


def import_data(
    store: Store, filename: str, data: bytes, *, actor: str, max_bytes: int = 10_000_000
) -> dict[str, Any]:
    """Check and import an uploaded data file through the data stage (audited); returns its import report."""
    check_upload(filename, data, allowed=DATA_SUFFIXES, max_bytes=max_bytes)
    importer = find_function("riso.services.data", "import_file")
    if importer is None:
        raise NotAvailable("data import is not installed in this riso yet")
    name = clean_name(filename)
    with tempfile.TemporaryDirectory(prefix="riso-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with store.transaction():
            report = importer(store, path, source=f"upload:{name}")
            body: dict[str, Any] = report.to_json() if hasattr(report, "to_json") else dict(vars(report))
            body["path"] = name
            store.audit(actor, "data.upload", name, {"stored": body.get("stored"), "skipped": body.get("skipped")})
    return body
