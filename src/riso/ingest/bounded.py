"""Bounded readers for formats that can blow up: zip-based .docx, PDF and HTML.

Each checks the file against the limits in ``riso.ingest.limits`` before (or while) doing the work,
and either refuses it with a message naming the setting or reads it with a note of what was cut.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from riso.errors import DocumentTooLarge, UnreadableDocument
from riso.ingest.files import iter_chunks
from riso.ingest.limits import Limits

__all__ = ["check_zip", "html_blocks", "pdf_pages", "strip_attributes"]

# A tag whose attributes run over 2 KB without another '<' or '>': the only place attribute floods hide.
# [^<>] keeps the scan linear (each byte is looked at from one '<' at most).
_LONG_TAG = re.compile(rb"<([A-Za-z][\w:.-]{0,63})([^<>]{2048,})>")
_ATTRIBUTE = re.compile(rb"=")
_BLOCKS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "caption",
        "figcaption",
        "blockquote",
        "pre",
        "title",
        "address",
        "summary",
    ]
)
_SKIP = frozenset(["script", "style", "noscript", "template", "svg", "head"])


def _mb(value: int) -> str:
    return f"{value / 1024 / 1024:g} MB"


def check_zip(handle: BinaryIO, limits: Limits) -> None:
    """Refuse a zip (a .docx) with too many members or that decompresses past the limit.

    Sizes in the zip's directory can lie, so every member is decompressed and counted, in chunks.
    """
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UnreadableDocument(
            f"the .docx file is damaged or not a Word document ({type(err).__name__})",
            hint="Open and re-save it in a word processor, then ingest again.",
        ) from err
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise DocumentTooLarge(
            f"the .docx holds {len(members)} parts, more than the {limits.max_zip_members} allowed",
            hint="A Word document has a few dozen parts; check the file, or raise RISO_MAX_ZIP_MEMBERS.",
        )
    declared = sum(m.file_size for m in members)
    limit = limits.max_unzipped_bytes
    bomb = DocumentTooLarge(
        f"the .docx decompresses to more than the {_mb(limit)} allowed (a zip bomb or a huge embedded file)",
        hint="Check the file, or raise RISO_MAX_UNZIPPED_MB.",
    )
    if declared > limit:
        raise bomb
    total = 0
    try:
        for member in members:
            with archive.open(member) as stream:
                for chunk in iter(lambda s=stream: s.read(1024 * 1024), b""):  # type: ignore[misc]
                    total += len(chunk)
                    if total > limit:
                        raise bomb
    except DocumentTooLarge:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise UnreadableDocument(
            f"the .docx file is damaged ({type(err).__name__})",
            hint="Open and re-save it in a word processor, then ingest again.",
        ) from err
    handle.seek(0)


def strip_attributes(data: bytes, limits: Limits, notes: list[str]) -> bytes:
    """The page with the attributes of over-long tags dropped (attributes hold no text; parsers are
    quadratic in one element's attributes)."""
    dropped = 0

    def bare(match: re.Match[bytes]) -> bytes:
        nonlocal dropped
        if len(_ATTRIBUTE.findall(match.group(2))) <= limits.max_html_attributes:
            return match.group(0)
        dropped += 1
        return b"<" + match.group(1) + b">"

    out = _LONG_TAG.sub(bare, data)
    if dropped:
        notes.append(
            f"the attributes of {dropped} element(s) with more than {limits.max_html_attributes} attributes "
            "were dropped before reading"
        )
    return out


def html_blocks(handle: BinaryIO, limits: Limits, notes: list[str]) -> Iterator[str]:
    """The text of a page's blocks (paragraphs, headings, list items, cells), read streaming.

    Used for pages too large or too many-noded for the main-text extractor; no boilerplate removal.
    Raises DocumentTooLarge past RISO_MAX_HTML_NODES elements.
    """
    from lxml import etree

    parser = etree.HTMLPullParser(events=("end",), recover=True, no_network=True)
    nodes = 0
    notes.append("a large page: read block by block, without removing navigation or boilerplate")
    tail = b""
    chunks: Iterator[bytes | None] = itertools.chain(iter_chunks(handle, limits.max_document_bytes), [None])
    for chunk in chunks:
        if chunk is None:
            data, tail = tail, b""
        else:
            buffer = tail + chunk
            cut = buffer.rfind(b">") + 1  # feed whole tags, so a long tag is seen whole
            if cut == 0 and len(buffer) < 8 * 1024 * 1024:
                tail = buffer
                continue
            data, tail = (buffer[:cut], buffer[cut:]) if cut else (buffer, b"")
        parser.feed(strip_attributes(data, limits, notes))
        for _, element in parser.read_events():
            nodes += 1
            if nodes > limits.max_html_nodes:
                raise DocumentTooLarge(
                    f"the page has more than {limits.max_html_nodes} elements",
                    hint="Save the article text alone, or raise RISO_MAX_HTML_NODES.",
                )
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag in _BLOCKS:
                text = " ".join("".join(element.itertext()).split())
                if text:
                    yield text + "\n\n"
            if tag in _BLOCKS or tag in _SKIP:
                element.clear(keep_tail=True)
                previous = element.getprevious()
                while previous is not None and previous.tag in _BLOCKS | _SKIP:
                    parent = previous.getparent()
                    if parent is None:
                        break
                    parent.remove(previous)
                    previous = element.getprevious()
    parser.close()


def pdf_pages(handle: BinaryIO, limits: Limits, notes: list[str]) -> tuple[str | None, Iterator[str]]:
    """A PDF's title and the text of its pages, one page at a time; refuses PDFs past the page/object limits."""
    from pypdf import PdfReader

    reader = PdfReader(handle, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableDocument("the PDF is password-protected", hint="Remove the password and ingest it again.")
    objects = int(reader.trailer.get("/Size", 0) or 0)
    if objects > limits.max_pdf_objects:
        raise DocumentTooLarge(
            f"the PDF has {objects} objects, more than the {limits.max_pdf_objects} allowed",
            hint="Check the file, or raise RISO_MAX_PDF_OBJECTS.",
        )
    count = len(reader.pages)
    if count > limits.max_pdf_pages:
        raise DocumentTooLarge(
            f"the PDF has {count} pages, more than the {limits.max_pdf_pages} allowed",
            hint="Split the PDF, or raise RISO_MAX_PDF_PAGES.",
        )
    title = reader.metadata.title if reader.metadata else None

    def pages() -> Iterator[str]:
        for page in reader.pages:
            text = (page.extract_text() or "").strip()
            if text:
                yield text + "\n\n"

    return title or None, pages()
