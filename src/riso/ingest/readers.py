"""Readers for .txt .md .html .htm .pdf .docx behind one ``read_document(path)`` and ``read_bytes(data)``.

This is the only module of riso that reads document files.
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from riso.errors import EmptyDocument, IngestError, UnreadableDocument, UnsupportedFormat
from riso.ingest.analysis import build_document
from riso.ingest.bounded import check_zip, html_blocks, pdf_pages, strip_attributes
from riso.ingest.encoding import decode
from riso.ingest.files import iter_chunks, open_regular, too_large
from riso.ingest.limits import Limits, current_limits
from riso.ingest.parts import decode_stream, split_parts
from riso.model import Document

__all__ = ["SUPPORTED_SUFFIXES", "format_of", "max_document_bytes", "read_bytes", "read_document", "read_parts"]

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
_TREE_TAGS = 60_000  # tags above which a page is read block by block (the main-text extractor is superlinear)


@dataclass(frozen=True)
class _Raw:
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


def max_document_bytes() -> int:
    """The size limit: $RISO_MAX_DOCUMENT_MB megabytes, else 512 MB."""
    return current_limits().max_document_bytes


def format_of(path: str | os.PathLike[str]) -> str:
    """The reader format for a file name; raises UnsupportedFormat."""
    suffix = Path(path).suffix.lower()
    fmt = SUPPORTED_SUFFIXES.get(suffix)
    if fmt is None:
        raise UnsupportedFormat(f"riso does not read {suffix or 'files without a suffix'}")
    return fmt


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


def _read_docx(handle: BinaryIO, limits: Limits) -> _Raw:
    import docx
    from docx.table import Table

    check_zip(handle, limits)
    try:
        document = docx.Document(handle)
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


def _check_pdf(handle: BinaryIO, size: int) -> None:
    if handle.read(1024).lstrip()[:5] != b"%PDF-":
        raise UnreadableDocument("the file is not a PDF (no %PDF header)", hint="Check the file and its suffix.")
    handle.seek(max(0, size - 2048))
    if b"%%EOF" not in handle.read(2048):
        raise UnreadableDocument(
            "the PDF is truncated: it has no end-of-file marker",
            hint="The download or copy was cut short; fetch or export the PDF again.",
        )
    handle.seek(0)


def _pdf_texts(handle: BinaryIO, size: int, limits: Limits, notes: list[str]) -> tuple[_Raw, Iterator[str]]:
    _check_pdf(handle, size)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        title, pages = pdf_pages(handle, limits, notes)
        first = list(itertools.islice(pages, 1))  # damaged files fail here, inside the guard
    except IngestError:
        raise
    except Exception as err:  # pypdf raises many kinds on damaged files
        raise UnreadableDocument(
            f"the PDF is damaged ({type(err).__name__})", hint="Open and re-save it in a PDF viewer, then ingest again."
        ) from err

    def guarded() -> Iterator[str]:
        yield from first
        try:
            yield from pages
        except Exception as err:  # a damaged page later in the file
            raise UnreadableDocument(
                f"a page of the PDF is damaged ({type(err).__name__})",
                hint="Open and re-save it in a PDF viewer, then ingest again.",
            ) from err

    return _Raw("", title=title), guarded()


def _texts(
    handle: BinaryIO, size: int, fmt: str, limits: Limits, notes: list[str]
) -> tuple[_Raw, Iterable[str]]:
    """What a reader found (title, date, outlet) and the text, as a stream of pieces."""
    if fmt in ("txt", "md"):
        return _Raw(""), decode_stream(iter_chunks(handle, limits.max_document_bytes), notes)
    if fmt == "pdf":
        return _pdf_texts(handle, size, limits, notes)
    if fmt == "docx":
        raw = _read_docx(handle, limits)
        return raw, [raw.text]
    if size > limits.html_stream_bytes:
        return _Raw(""), html_blocks(handle, limits, notes)
    data = strip_attributes(b"".join(iter_chunks(handle, limits.max_document_bytes)), limits, notes)
    if data.count(b"<") > _TREE_TAGS:
        handle = io.BytesIO(data)
        return _Raw(""), html_blocks(handle, limits, notes)
    raw = _read_html(data)
    return raw, [raw.text]


def _documents(handle: BinaryIO, *, size: int, source: str, fmt: str, limits: Limits) -> Iterator[Document]:
    notes: list[str] = []
    if size > limits.max_document_bytes:
        raise too_large(size, limits.max_document_bytes)
    if size == 0:
        raise EmptyDocument("the file is empty")
    raw, texts = _texts(handle, size, fmt, limits, notes)
    parts = split_parts(texts, limits.part_chars, limits.part_lines)
    first = next(parts, None)
    second = next(parts, None)
    if first is None or (not first.strip() and second is None):
        raise EmptyDocument("the file is empty")
    if second is None:
        yield build_document(
            first, source=source, fmt=fmt, title=raw.title, published=raw.published, outlet=raw.outlet,
            notes=tuple(dict.fromkeys(notes)), limits=limits,
        )
        return
    for number, part in enumerate(itertools.chain([first, second], parts), start=1):
        if not part.strip():
            continue
        note = (
            f"part {number} of {source}: characters {part.offset}-{part.offset + len(part)} of its text "
            f"(a text longer than {limits.part_chars} characters is stored in parts)"
        )
        yield build_document(
            part, source=f"{source}#part-{number}", fmt=fmt, title=raw.title, published=raw.published,
            outlet=raw.outlet, notes=(note, *dict.fromkeys(notes)), limits=limits,
        )


def _whole(limits: Limits, max_bytes: int | None) -> Limits:
    """The limits for reading into one document: no parts, the caller's byte limit."""
    return replace(
        limits,
        part_chars=sys.maxsize,
        part_lines=sys.maxsize,
        max_document_bytes=limits.max_document_bytes if max_bytes is None else max_bytes,
    )


def read_bytes(data: bytes, *, source: str, fmt: str, max_bytes: int | None = None) -> Document:
    """A Document from a file's bytes (an upload); raises an IngestError subclass with a hint."""
    limits = _whole(current_limits(), max_bytes)
    if fmt not in _FORMATS:
        raise UnsupportedFormat(f"riso does not read the format {fmt!r}", source=source)
    try:
        if not data.strip():
            raise EmptyDocument("the file is empty")
        return next(_documents(io.BytesIO(data), size=len(data), source=source, fmt=fmt, limits=limits))
    except IngestError as err:
        err.with_source(source)
        raise


def _checked(path: Path) -> str:
    """The path's format after the checks that need no reading; raises UnreadableDocument or UnsupportedFormat."""
    if path.is_symlink() and not path.exists():
        raise UnreadableDocument(
            f"broken symbolic link (it points to {os.readlink(path)}, which does not exist)",
            hint="Fix the link or remove it from the input.",
        )
    if not path.exists():
        raise UnreadableDocument("the file does not exist", hint="Check the path.")
    if path.is_dir():
        raise UnreadableDocument("this is a folder, not a file", hint="Pass folders to `riso ingest`.")
    return format_of(path)


def read_parts(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Generator[Document, None, None]:
    """Read a file as one document, or as parts (``source#part-N``) when its text is longer than a part.

    Memory stays bounded by the part size whatever the file's size (text, large HTML, PDF page by page).
    Only regular files are read; raises an IngestError subclass whose hint says what to do.
    """
    path = Path(path)
    source = str(path)
    bounds = limits or current_limits()
    try:
        fmt = _checked(path)
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            yield from _documents(handle, size=size, source=source, fmt=fmt, limits=bounds)
    except IngestError as err:
        if err.source is None:
            err.with_source(source)
        raise


def read_document(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Document:
    """Read one document file whole (no parts); raises an IngestError subclass whose hint says what to do."""
    parts = read_parts(path, limits=_whole(current_limits(), max_bytes))
    try:
        return next(parts)
    finally:
        parts.close()
