"""Metadata stated in a document's text: title, publication date/time, source outlet.

Patterns and month names are data (ingest/lang/*.yaml); this module only applies them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from riso.ingest.resources import MetadataPatterns, match_groups, metadata_patterns

__all__ = ["TextMetadata", "find_metadata", "is_heading"]

_EDGE_LINES = 3
_EDGE_CHARS = 200  # a dateline is a short line, or the start of one
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BEFORE_YEAR = 60  # "Pubblicato il 3 settembre 2024", "Berlin, den 12. September 2025"
_AFTER_YEAR = 30  # "2025-03-12 09:30", "2025年3月12日 09:30"
_SENTENCE_END = tuple(".!?。！？:：;；,，")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class TextMetadata:
    """What the text itself says about the document."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None


def is_heading(line: str, *, max_chars: int = 200) -> bool:
    """Whether a line reads like a title: short, has letters, not ending like a sentence or list item."""
    line = line.strip()
    return (
        0 < len(line) <= max_chars
        and not line.endswith(_SENTENCE_END)
        and not line.startswith(("-", "*", "•", "["))
        and ";" not in line
        and "；" not in line
        and any(ch.isalpha() for ch in line)
    )


def _when(groups: dict[str, str | None], months: dict[str, int]) -> str | None:
    """ISO date or date-time from a match's named groups; None when they do not form a real date."""
    raw_month = (groups.get("month") or "").lower()
    month = int(raw_month) if raw_month.isdigit() else months.get(raw_month)
    try:
        year, day = int(groups["year"] or ""), int(groups["day"] or "")
        date = dt.date(year, month or 0, day)
    except (KeyError, ValueError):
        return None
    if groups.get("hour") is not None and groups.get("minute") is not None:
        hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
        if hour < 24 and minute < 60:
            return f"{date.isoformat()}T{hour:02d}:{minute:02d}"
    return date.isoformat()


def _date_windows(lines: list[str]) -> list[str]:
    """Around each year in the first and last lines, the characters a dateline can span.

    Every dateline pattern holds a four-digit year, so only these windows are searched (much faster
    than running every pattern over whole lines).
    """
    edge = lines if len(lines) <= 2 * _EDGE_LINES else lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
    windows = []
    for line in edge:
        head = line[:_EDGE_CHARS]
        for year in _YEAR.finditer(head):
            start = max(0, year.start() - _BEFORE_YEAR)
            while start > 0 and not head[start - 1].isspace():  # do not cut a word in two
                start -= 1
            windows.append(("\n" if start == 0 else "") + head[start : year.end() + _AFTER_YEAR])
    return windows


def _outlet_line(lines: list[str], patterns: MetadataPatterns) -> tuple[int, str | None, str | None]:
    """(line index, outlet, published) of the first outlet line at the end or start of the text."""
    order = list(range(len(lines) - 1, max(len(lines) - 1 - _EDGE_LINES, -1), -1)) + list(
        range(min(_EDGE_LINES, len(lines)))
    )
    for i in order:
        if len(lines[i]) > _EDGE_CHARS:
            continue
        match = patterns.any_outlet.search(lines[i])
        if match:
            groups = match_groups(match)
            published = _when(groups, patterns.months) if groups.get("year") else None
            return i, (groups.get("outlet") or "").strip() or None, published
    return -1, None, None


def _title(lines: list[str], outlet_index: int, max_chars: int) -> str | None:
    first = lines[0] if lines else ""
    heading = _MARKDOWN_HEADING.match(first)
    if heading:
        return heading.group(1)
    if len(lines) > 1 and is_heading(first, max_chars=max_chars):
        return first.strip()
    # news aggregators append "title / outlet·date": the line before the outlet line
    if outlet_index > 0 and is_heading(lines[outlet_index - 1], max_chars=max_chars):
        return lines[outlet_index - 1].strip()
    return None


def find_metadata(text: str, *, language: str | None = None) -> TextMetadata:
    """Title, published date and outlet as the text states them (first and last lines only)."""
    patterns = metadata_patterns(language)
    if len(text) > 6000:
        lines = text[:3000].split("\n")[:_EDGE_LINES] + text[-3000:].split("\n")[-_EDGE_LINES:]
    else:
        lines = text.split("\n")
    lines = [line for line in lines if line.strip()]
    outlet_index, outlet, published = _outlet_line(lines, patterns)
    if published is None:
        for window in _date_windows(lines):
            for match in patterns.any_dateline.finditer(window):
                published = _when(match_groups(match), patterns.months)
                if published:
                    break
            if published:
                break
    skip = 0
    while skip < len(lines) - 1 and patterns.source_line.match(lines[skip]):
        skip += 1
    title = _title(lines[skip:], outlet_index - skip, patterns.title_max_chars)
    return TextMetadata(title=title, published=published, outlet=outlet)
