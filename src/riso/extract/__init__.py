"""Extraction: targets, milestones, measurements, ranks, entities, glossary entries and tables.

Pure stage: functions of a Document (and the catalog); no files, database or network.
"""

from __future__ import annotations

from riso.model import Document, Fact

__all__ = ["extract"]


def extract(document: Document) -> list[Fact]:
    """Every fact the document states, in text order (placeholder until the extractors land)."""
    return []
