"""Layout zones of a document text: pipe/markdown and HTML tables, and a closing glossary.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from riso.model import Segment

__all__ = ["Cell", "GlossaryBlock", "TableBlock", "find_glossary", "find_tables"]

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_TABLE = re.compile(r"<table\b[^>]*>(.*?)</table\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t[hd]\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
_SENTENCE_END = tuple('.!?。！？…)"”»')
_HEADING_BAD_END = tuple(".!?:;,。！？：；，")


@dataclass(frozen=True)
class Cell:
    """A table cell: its text and offsets in the document."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableBlock:
    """A table: header cells, body rows and the span of each row line."""

    start: int
    end: int
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GlossaryBlock:
    """A glossary entry: a heading line and the paragraph explaining it."""

    start: int
    end: int
    term: Cell
    definition: Cell
    language: str | None


def _pipe_cells(line: str, offset: int) -> list[Cell]:
    cells, pos = [], 0
    parts = line.split("|")
    for i, part in enumerate(parts):
        start = pos
        pos += len(part) + 1
        if (i == 0 or i == len(parts) - 1) and not part.strip():
            continue
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        cells.append(Cell(text, offset + start + lead, offset + start + lead + len(text)))
    return cells


def _pipe_tables(text: str) -> list[TableBlock]:
    out: list[TableBlock] = []
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((raw, pos))
        pos += len(raw) + 1
    run: list[tuple[str, int]] = []
    for line, offset in [*lines, ("", len(text) + 1)]:
        if (line.count("|") >= 1 and len(_pipe_cells(line, offset)) >= 2) or (_SEPARATOR_ROW.match(line) and run):
            run.append((line, offset))
            continue
        block = _pipe_block(run)
        if block:
            out.append(block)
        run = []
    return out


def _pipe_block(run: list[tuple[str, int]]) -> TableBlock | None:
    has_separator = any(_SEPARATOR_ROW.match(line) for line, _ in run)
    if len(run) < 2 or (not has_separator and len(run) < 3):
        return None
    rows = [(_pipe_cells(line, off), (off, off + len(line))) for line, off in run if not _SEPARATOR_ROW.match(line)]
    if len(rows) < 2:
        return None
    header, body = rows[0], rows[1:]
    return TableBlock(
        start=run[0][1],
        end=run[-1][1] + len(run[-1][0]),
        header=tuple(header[0]),
        rows=tuple(tuple(cells) for cells, _ in body),
        row_spans=tuple(span for _, span in body),
    )


def _html_tables(text: str) -> list[TableBlock]:
    out = []
    for table in _HTML_TABLE.finditer(text):
        rows = []
        for row in _HTML_ROW.finditer(text, table.start(1), table.end(1)):
            cells = []
            for cell in _HTML_CELL.finditer(text, row.start(1), row.end(1)):
                inner = _TAG.sub(" ", cell.group(2))
                stripped = " ".join(inner.split())
                lead = len(cell.group(2)) - len(cell.group(2).lstrip())
                cells.append(Cell(stripped, cell.start(2) + lead, cell.end(2)))
            if cells:
                rows.append((cells, (row.start(), row.end())))
        if len(rows) >= 2:
            out.append(
                TableBlock(
                    table.start(),
                    table.end(),
                    tuple(rows[0][0]),
                    tuple(tuple(c) for c, _ in rows[1:]),
                    tuple(s for _, s in rows[1:]),
                )
            )
    return out


def _delimited_cells(line: str, offset: int, sep: str) -> list[Cell]:
    cells, pos = [], 0
    for part in line.split(sep):
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(part.strip(), offset + pos + lead, offset + pos + lead + len(part.strip())))
        pos += len(part) + 1
    return cells


def _delimited_tables(text: str) -> list[TableBlock]:
    """CSV-like rows as statistics offices export them ("Total Nacional;;Gastos I+D/PIBpm 2022;1,40"): at least three
    consecutive lines split by ";" or a tab into the same number (2 or more) of cells, the first one the header."""
    out: list[TableBlock] = []
    for sep in (";", "\t"):
        if sep not in text:
            continue
        run: list[tuple[str, int]] = []
        pos = 0
        for raw in [*text.split("\n"), ""]:
            width = raw.count(sep) + 1 if sep in raw else 0
            if width >= 2 and (not run or run[0][0].count(sep) + 1 == width):
                run.append((raw, pos))
            else:
                if len(run) >= 3:
                    rows = [(_delimited_cells(line, off, sep), (off, off + len(line))) for line, off in run]
                    body = tuple(tuple(c) for c, _ in rows[1:])
                    end = run[-1][1] + len(run[-1][0])
                    out.append(TableBlock(run[0][1], end, tuple(rows[0][0]), body, tuple(sp for _, sp in rows[1:])))
                run = [(raw, pos)] if width >= 2 else []
            pos += len(raw) + 1
    return out


def find_tables(text: str) -> list[TableBlock]:
    """Every pipe/markdown, HTML and delimited (";", tab) table in the text, in order."""
    found = _delimited_tables(text) if ";" in text or "\t" in text else []
    if "|" in text or "<t" in text.lower():
        found += _pipe_tables(text) + _html_tables(text)
    spans: list[TableBlock] = []
    for t in sorted(found, key=lambda t: (t.start, -t.end)):
        if not any(o.start <= t.start < o.end for o in spans):
            spans.append(t)
    return spans


def _is_heading(text: str) -> bool:
    return 0 < len(text) <= 140 and "\n" not in text and len(text.split()) <= 16 and not text.endswith(_HEADING_BAD_END)


def _is_definition(text: str) -> bool:
    return len(text) >= 60 and text.rstrip().endswith(_SENTENCE_END)


def _explains(head: str, body: str) -> bool:
    """Whether the paragraph names the heading early on, as a glossary entry does."""
    words = [w for w in _WORD.findall(head.casefold()) if len(w) >= 4]
    if not words:
        return head.casefold() in body[:250].casefold()
    opening = body[:250].casefold()
    return sum(w in opening for w in words) >= max(1, (len(words) + 1) // 2)


def find_glossary(
    text: str, paragraphs: Sequence[Segment], names_metric: Callable[[str, str | None], bool] | None = None
) -> list[GlossaryBlock]:
    """The closing run of "heading line + explanatory paragraph" blocks (at least two), in order. A heading that
    ``names_metric`` (an indicator: "Zahl der Patentanmeldungen") titles a section of figures, not a term."""
    paras = [p for p in paragraphs if text[p.start : p.end].strip()]
    blocks: list[GlossaryBlock] = []
    i = len(paras) - 1
    while i >= 1:
        head, body = paras[i - 1], paras[i]
        head_text, body_text = text[head.start : head.end].strip(), text[body.start : body.end].strip()
        if not (_is_heading(head_text) and _is_definition(body_text)) or "|" in head_text:
            break
        if not _explains(head_text, body_text):
            break
        if names_metric is not None and names_metric(head_text, head.language or body.language):
            break
        hs = head.start + text[head.start : head.end].index(head_text)
        bs = body.start + text[body.start : body.end].index(body_text)
        blocks.append(
            GlossaryBlock(
                hs,
                bs + len(body_text),
                Cell(head_text, hs, hs + len(head_text)),
                Cell(body_text, bs, bs + len(body_text)),
                body.language or head.language,
            )
        )
        i -= 2
    return list(reversed(blocks)) if len(blocks) >= 2 else []
