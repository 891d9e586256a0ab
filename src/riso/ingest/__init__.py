"""Ingestion: read .txt .md .html .pdf .docx into Documents (encoding, language, sentences, metadata).

``read_document(path)`` is the entry point; ``read_bytes(data, source=, fmt=)`` serves uploads.
"""

from __future__ import annotations

from riso.ingest.analysis import build_document
from riso.ingest.encoding import decode, document_id, normalise_text
from riso.ingest.language import detect_language
from riso.ingest.limits import current_limits
from riso.ingest.metadata import TextMetadata, find_metadata
from riso.ingest.readers import (
    SUPPORTED_SUFFIXES,
    format_of,
    max_document_bytes,
    read_bytes,
    read_document,
    read_parts,
)
from riso.ingest.segmentation import split_paragraphs, split_sentences

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TextMetadata",
    "build_document",
    "current_limits",
    "decode",
    "detect_language",
    "document_id",
    "find_metadata",
    "format_of",
    "max_document_bytes",
    "normalise_text",
    "read_bytes",
    "read_document",
    "read_parts",
    "split_paragraphs",
    "split_sentences",
]
