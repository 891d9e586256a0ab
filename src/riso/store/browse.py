"""Store methods for browsing: search across documents and facts in any language, fact summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from riso.model import Fact
from riso.store.base import Row, SQLBackend
from riso.store.documents import FACT_COLUMNS, FACT_ORDER, NOT_REJECTED, fact_from_row

__all__ = ["BrowseMixin", "like_pattern"]


def like_pattern(text: str) -> str:
    """An ILIKE pattern matching ``text`` anywhere, with the wildcards in it escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BrowseMixin(SQLBackend):
    """Search and summaries the dashboard and the API share."""

    def search_documents(self, text: str, *, limit: int = 20, offset: int = 0) -> list[Row]:
        """Documents whose title or text contains ``text`` (case-insensitive; CJK works as substrings)."""
        pattern = like_pattern(text)
        return self.query(
            "SELECT id, source, title, language, story, "
            "CASE WHEN title ILIKE ? ESCAPE '\\' THEN 0 ELSE strpos(lower(text), lower(?)) END AS position "
            "FROM documents WHERE title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\' "
            "ORDER BY id LIMIT ? OFFSET ?",
            (pattern, text, pattern, pattern, limit, offset),
        )

    def search_facts(
        self,
        text: str,
        *,
        limit: int = 50,
        offset: int = 0,
        kind: str | None = None,
        region: str | None = None,
        language: str | None = None,
        metric: str | None = None,
    ) -> list[Fact]:
        """Facts whose quote, metric text or subject contains ``text``, optionally of one kind, region, language
        or indicator."""
        pattern = like_pattern(text)
        where, params = "", [pattern, pattern, pattern]
        for column, value in (("kind", kind), ("subject_id", region), ("language", language), ("metric", metric)):
            if value is not None:
                where += f" AND {column} = ?"
                params.append(value)
        rows = self.query(
            f"SELECT {FACT_COLUMNS} FROM facts WHERE (quote ILIKE ? ESCAPE '\\' OR metric_text ILIKE ? ESCAPE '\\' "
            f"OR subject_name ILIKE ? ESCAPE '\\') AND {NOT_REJECTED}{where} "
            "ORDER BY document, start_char, id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [fact_from_row(r) for r in rows]

    def document_stories(self, ids: list[str]) -> dict[str, tuple[str, int]]:
        """Document id -> (its story, its length in characters), for the documents of ``ids`` in a story."""
        out: dict[str, tuple[str, int]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.query(f"SELECT id, story, length(text) AS n FROM documents WHERE id IN ({marks}) "
                                  "AND story IS NOT NULL", chunk):
                out[str(row["id"])] = (str(row["story"]), int(row["n"] or 0))
        return out

    def region_facts(self, region: str, kinds: Sequence[str]) -> list[Fact]:
        """A region's facts of these kinds (editors' rejections left out), in FACT_ORDER: one read through the
        region's index for all the kinds (a region page's entities, glossary and rankings)."""
        if not kinds:
            return []
        marks = ", ".join("?" for _ in kinds)
        rows = self.query(
            f"WITH picked AS MATERIALIZED (SELECT {FACT_COLUMNS} FROM facts WHERE subject_id = ?) "
            f"SELECT * FROM picked WHERE kind IN ({marks}) AND {NOT_REJECTED} ORDER BY {', '.join(FACT_ORDER)}",
            [region, *kinds],
        )
        return [fact_from_row(r) for r in rows]

    def latest_documents(self, *, limit: int = 10) -> list[Row]:
        """The newest documents (id, title, language, story, source), without text."""
        return self.query(
            "SELECT id, source, title, language, story, ingested_at FROM documents "
            "ORDER BY ingested_at DESC, id LIMIT ?",
            (limit,),
        )

    def table_facts(self, *, region: str | None = None) -> list[Fact]:
        """Every table fact (optionally about one region)."""
        params: list[Any] = []
        clause = "WHERE kind = 'table'"
        if region:
            clause += " AND subject_id = ?"
            params.append(region)
        rows = self.query(f"SELECT {FACT_COLUMNS} FROM facts {clause} ORDER BY document, start_char", params)
        return [fact_from_row(r) for r in rows]
