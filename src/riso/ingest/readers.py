"""Readers for .txt .md .html .htm .pdf .docx behind one ``read_document(path)`` and ``read_bytes(data)``.

This is the only module of riso that reads document files.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from riso.errors import DocumentTooLarge, EmptyDocument, IngestError, UnreadableDocument, UnsupportedFormat
from riso.ingest.analysis import build_document
from riso.ingest.encoding import decode
from riso.model import Document

__all__ = ["DEFAULT_MAX_MB", "SUPPORTED_SUFFIXES", "format_of", "max_document_bytes", "read_bytes", "read_document"]

DEFAULT_MAX_MB = 32.0
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_FORMATS = frozenset(SUPPORTED_SUFFIXES.values())
_FAST_ENOUGH = 200  # characters of main text below which HTML is read again with trafilatura's fallbacks


@dataclass(frozen=True)
class _Raw:
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


def max_document_bytes() -> int:
    """The size limit: $RISO_MAX_DOCUMENT_MB megabytes, else 32 MB."""
    raw = os.environ.get("RISO_MAX_DOCUMENT_MB", "")
    try:
        megabytes = float(raw) if raw.strip() else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def format_of(path: str | os.PathLike[str]) -> str:
    """The reader format for a file name; raises UnsupportedFormat."""
    suffix = Path(path).suffix.lower()
    fmt = SUPPORTED_SUFFIXES.get(suffix)
    if fmt is None:
        raise UnsupportedFormat(f"riso does not read {suffix or 'files without a suffix'}")
    return fmt


def _too_large(size: int, limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"the document is {size / 1024 / 1024:.1f} MB, over the {limit / 1024 / 1024:g} MB limit",
        hint=f"Split the file, or raise the limit, e.g. RISO_MAX_DOCUMENT_MB={int(size / 1024 / 1024) + 1}.",
    )


def _read_text(data: bytes) -> _Raw:
    return _Raw(decode(data)[0])


def _trafilatura(html: str, *, fast: bool) -> _Raw | None:
    import trafilatura
    from trafilatura.settings import set_date_params

    found = trafilatura.bare_extraction(
        html,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        # htmldate's extensive search falls back to dateparser, which takes seconds on odd dates
        date_extraction_params=set_date_params(False),
    )
    if found is None or isinstance(found, dict):
        return None
    text = found.text or ""
    return _Raw(text, title=found.title, published=found.date, outlet=found.sitename)


def _read_html(data: bytes) -> _Raw:
    html = decode(data)[0]
    raw = _trafilatura(html, fast=True)
    if raw is None or len(raw.text.strip()) < _FAST_ENOUGH:
        raw = _trafilatura(html, fast=False)  # with the fallback extractors
    if raw is None or not raw.text.strip():
        raise EmptyDocument(
            "the HTML page has no main text (only scripts, styles or navigation)",
            hint="Save the article itself, or a print/reader view of it, and ingest that.",
        )
    return raw


def _read_pdf(data: bytes) -> _Raw:
    from pypdf import PdfReader

    if data.lstrip()[:5] != b"%PDF-":
        raise UnreadableDocument("the file is not a PDF (no %PDF header)", hint="Check the file and its suffix.")
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument(
            "the PDF is truncated: it has no end-of-file marker",
            hint="The download or copy was cut short; fetch or export the PDF again.",
        )
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("the PDF is password-protected", hint="Remove the password and ingest it again.")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except IngestError:
        raise
    except Exception as err:  # pypdf raises many kinds on damaged files
        raise UnreadableDocument(
            f"the PDF is damaged ({type(err).__name__})", hint="Open and re-save it in a PDF viewer, then ingest again."
        ) from err
    return _Raw("\n\n".join(p.strip() for p in pages if p.strip()), title=title or None)


def _read_docx(data: bytes) -> _Raw:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zip, XML and value errors on damaged files
        raise UnreadableDocument(
            f"the .docx file is damaged or not a Word document ({type(err).__name__})",
            hint="Open and re-save it in a word processor, then ingest again.",
        ) from err
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = ["\t".join(cell.text.strip() for cell in row.cells) for row in item.rows]
            blocks.append("\n".join(rows))
        elif item.text.strip():
            blocks.append(item.text.strip())
    return _Raw("\n\n".join(blocks), title=document.core_properties.title or None)


_READERS = {"txt": _read_text, "md": _read_text, "html": _read_html, "pdf": _read_pdf, "docx": _read_docx}


def read_bytes(data: bytes, *, source: str, fmt: str, max_bytes: int | None = None) -> Document:
    """A Document from a file's bytes (an upload); raises an IngestError subclass with a hint."""
    limit = max_document_bytes() if max_bytes is None else max_bytes
    if fmt not in _FORMATS:
        raise UnsupportedFormat(f"riso does not read the format {fmt!r}", source=source)
    try:
        if len(data) > limit:
            raise _too_large(len(data), limit)
        if not data.strip():
            raise EmptyDocument("the file is empty")
        raw = _READERS[fmt](data)
        return build_document(
            raw.text, source=source, fmt=fmt, title=raw.title, published=raw.published, outlet=raw.outlet
        )
    except IngestError as err:
        err.with_source(source)
        raise


def read_document(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Document:
    """Read one document file; raises an IngestError subclass whose hint says what to do."""
    path = Path(path)
    source = str(path)
    limit = max_document_bytes() if max_bytes is None else max_bytes
    if path.is_symlink() and not path.exists():
        raise UnreadableDocument(
            f"broken symbolic link (it points to {os.readlink(path)}, which does not exist)",
            hint="Fix the link or remove it from the input.",
            source=source,
        )
    if not path.exists():
        raise UnreadableDocument("the file does not exist", hint="Check the path.", source=source)
    if path.is_dir():
        raise UnreadableDocument("this is a folder, not a file", hint="Pass folders to `riso ingest`.", source=source)
    try:
        fmt = format_of(path)
    except UnsupportedFormat as err:
        err.with_source(source)
        raise
    size = path.stat().st_size
    if size > limit:
        raise _too_large(size, limit).with_source(source)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableDocument(
            f"the file cannot be read ({err.strerror or type(err).__name__})",
            hint="Check the file's permissions.",
            source=source,
        ) from err
    return read_bytes(data, source=source, fmt=fmt, max_bytes=limit)
