"""The limits that keep the work on one document bounded, read once from the environment.

Every limit is a setting (an environment variable); a document over one is refused with a message
naming the setting, or read with a note in its record saying what was cut or split.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Limits", "current_limits"]

_MB = 1024 * 1024


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Limits:
    """Bounds on reading and segmenting one file; the defaults fit a 2 GB machine."""

    max_document_bytes: int = 512 * _MB  # RISO_MAX_DOCUMENT_MB: a file's size, enforced while reading
    part_chars: int = 1_000_000  # RISO_PART_CHARS: a text longer than this is stored as parts (source#part-N)
    part_lines: int = 20_000  # RISO_PART_LINES: ... or more lines than this (each line may be a paragraph)
    max_sentence_chars: int = 2_000  # RISO_MAX_SENTENCE_CHARS: longer sentences are split at a space
    max_number_run: int = 64  # RISO_MAX_NUMBER_RUN: a longer run of digits is no number (not extracted)
    max_unzipped_bytes: int = 256 * _MB  # RISO_MAX_UNZIPPED_MB: a .docx's members, decompressed, together
    max_zip_members: int = 2_000  # RISO_MAX_ZIP_MEMBERS: members of a .docx
    max_pdf_pages: int = 5_000  # RISO_MAX_PDF_PAGES
    max_pdf_objects: int = 2_000_000  # RISO_MAX_PDF_OBJECTS: entries of the PDF's cross-reference table
    max_html_nodes: int = 2_000_000  # RISO_MAX_HTML_NODES: elements of one page
    max_html_attributes: int = 64  # RISO_MAX_HTML_ATTRIBUTES: per element; the rest are dropped (not text)
    html_stream_bytes: int = 4 * _MB  # RISO_HTML_STREAM_MB: larger pages are read streaming, by blocks

    @classmethod
    def from_env(cls) -> Limits:
        """The limits with every setting present in the environment applied."""
        return cls(
            max_document_bytes=int(_number("RISO_MAX_DOCUMENT_MB", cls.max_document_bytes / _MB) * _MB),
            part_chars=int(_number("RISO_PART_CHARS", cls.part_chars)),
            part_lines=int(_number("RISO_PART_LINES", cls.part_lines)),
            max_sentence_chars=int(_number("RISO_MAX_SENTENCE_CHARS", cls.max_sentence_chars)),
            max_number_run=int(_number("RISO_MAX_NUMBER_RUN", cls.max_number_run)),
            max_unzipped_bytes=int(_number("RISO_MAX_UNZIPPED_MB", cls.max_unzipped_bytes / _MB) * _MB),
            max_zip_members=int(_number("RISO_MAX_ZIP_MEMBERS", cls.max_zip_members)),
            max_pdf_pages=int(_number("RISO_MAX_PDF_PAGES", cls.max_pdf_pages)),
            max_pdf_objects=int(_number("RISO_MAX_PDF_OBJECTS", cls.max_pdf_objects)),
            max_html_nodes=int(_number("RISO_MAX_HTML_NODES", cls.max_html_nodes)),
            max_html_attributes=int(_number("RISO_MAX_HTML_ATTRIBUTES", cls.max_html_attributes)),
            html_stream_bytes=int(_number("RISO_HTML_STREAM_MB", cls.html_stream_bytes / _MB) * _MB),
        )


def current_limits() -> Limits:
    """The limits in force now (the environment is read on every call, so tests can change it)."""
    return Limits.from_env()
