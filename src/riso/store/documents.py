"""Store methods for documents and their facts."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from riso.errors import NotFound
from riso.model import Document, Fact, Segment, Subject
from riso.store.base import Row, SQLBackend, after_key

__all__ = ["DOCUMENT_ORDER", "FACT_ORDER", "NOT_REJECTED", "DocumentsMixin", "fact_from_row", "fact_row"]

_CHUNK = 500  # ids per IN list
_WALK = 12  # documents a DuckDB fact page reads one by one before it sorts the remaining matches

_DOC_COLUMNS = (
    "id, source, title, published, outlet, language, languages, format, text, paragraphs, "
    "sentences, story, size_chars, notes"
)
NOT_REJECTED = "(review IS NULL OR review <> 'rejected')"  # an editor's rejection hides a fact everywhere
FACT_ORDER = ("document", "start_char", "id")  # the order of fact lists, and their keyset (migration 010's indexes)
DOCUMENT_ORDER = ("ingested_at", "id")  # newest first, then by id
FACT_COLUMNS = (
    "id, document, kind, metric, metric_text, value, unit, comparator, deadline, period, subject_id, "
    "subject_name, quote, start_char, end_char, language, confidence, scope, duration, payload, review"
)


def _segments(raw: str) -> tuple[Segment, ...]:
    return tuple(Segment(start=s, end=e, language=lang) for s, e, lang in json.loads(raw or "[]"))


def _doc_from_row(row: Row, *, with_text: bool = True) -> Document:
    return Document(
        id=row["id"],
        source=row["source"],
        text=row["text"] if with_text else "",
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        language=row["language"],
        languages=tuple(json.loads(row["languages"] or "[]")),
        paragraphs=_segments(row["paragraphs"]) if with_text else (),
        sentences=_segments(row["sentences"]) if with_text else (),
        format=row["format"],
        story=row["story"],
        ingested_at=str(row["ingested_at"]) if row.get("ingested_at") is not None else None,
        notes=tuple(json.loads(row.get("notes") or "[]")),
    )


def _document_row(document: Document) -> tuple[Any, ...]:
    return (
        document.id,
        document.source,
        document.title,
        document.published,
        document.outlet,
        document.language,
        json.dumps(list(document.languages)),
        document.format,
        document.text,
        json.dumps([[s.start, s.end, s.language] for s in document.paragraphs]),
        json.dumps([[s.start, s.end, s.language] for s in document.sentences]),
        document.story,
        len(document.text),
        json.dumps(list(document.notes)) if document.notes else None,
    )


def fact_row(fact: Fact) -> tuple[Any, ...]:
    """A fact as the parameter row of an INSERT with FACT_COLUMNS."""
    return (
        fact.id,
        fact.document,
        fact.kind,
        fact.metric,
        fact.metric_text,
        fact.value,
        fact.unit,
        fact.comparator,
        fact.deadline,
        fact.period,
        fact.subject.id if fact.subject else None,
        fact.subject.name if fact.subject else None,
        fact.quote,
        fact.start,
        fact.end,
        fact.language,
        fact.confidence,
        fact.scope,
        fact.duration,
        json.dumps(fact.payload, ensure_ascii=False),
        fact.review,
    )


def fact_from_row(row: Row) -> Fact:
    """Rebuild a Fact from a facts row."""
    subject = None
    if row["subject_name"] is not None or row["subject_id"] is not None:
        subject = Subject(id=row["subject_id"], name=row["subject_name"] or row["subject_id"])
    return Fact(
        id=row["id"],
        document=row["document"],
        kind=row["kind"],
        metric=row["metric"],
        metric_text=row["metric_text"],
        value=row["value"],
        unit=row["unit"],
        comparator=row["comparator"],
        deadline=row["deadline"],
        period=row["period"],
        subject=subject,
        quote=row["quote"],
        start=row["start_char"],
        end=row["end_char"],
        language=row["language"],
        confidence=row["confidence"],
        scope=row["scope"],
        duration=row["duration"],
        payload=json.loads(row["payload"] or "{}"),
        review=row.get("review"),
    )


class DocumentsMixin(SQLBackend):
    """Documents and facts: add atomically, read back, filter."""

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id is stored."""
        return self.query_one("SELECT 1 AS x FROM documents WHERE id = ?", (document_id,)) is not None

    def add_document(self, document: Document, facts: Sequence[Fact] = ()) -> bool:
        """Store a document with its facts in one transaction; False when it was already there."""
        return self.add_documents([(document, facts)])[0]

    def add_documents(self, items: Sequence[tuple[Document, Sequence[Fact]]]) -> list[bool]:
        """Store documents with their facts in one transaction and a few statements, as ``add_document``
        one by one would; for each, False when it was already there (or earlier in ``items``).
        """
        if not items:
            return []
        with self.transaction():
            present: set[str] = set()
            ids = list(dict.fromkeys(d.id for d, _ in items))
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                present.update(r["id"] for r in self.query(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
            added: list[bool] = []
            rows: list[tuple[Any, ...]] = []
            for document, _ in items:
                added.append(document.id not in present)
                if added[-1]:
                    present.add(document.id)
                    rows.append(_document_row(document))
            # Another process may store the same document between the check above and this insert
            # (two ingests of overlapping folders on PostgreSQL): it is then "already present" here.
            rows.sort(key=lambda r: str(r[0]))  # one lock order for every writer: no deadlock between them
            inserted = self._insert_new_documents(rows)
            if inserted is not None:
                added = [a and d.id in inserted for a, (d, _) in zip(added, items, strict=True)]
            self._insert_facts([f for a, (_, fs) in zip(added, items, strict=True) if a for f in fs])
        return added

    def _reviewed_facts(self, facts: Sequence[Fact]) -> Sequence[Fact]:
        """The facts with editors' decisions applied (``ReviewsMixin`` fills this in)."""
        return facts

    def _insert_new_documents(self, rows: Sequence[tuple[Any, ...]]) -> set[str] | None:
        """Insert document rows, skipping ids stored meanwhile; the ids inserted (None: all of them)."""
        if not rows:
            return None
        sql = f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES ({', '.join('?' * 14)}) ON CONFLICT (id) DO NOTHING"
        if self.dialect != "postgres":  # one writer per DuckDB file: the check before was exact
            self._run_many(sql, rows)
            return None
        inserted: set[str] = set()
        for start in range(0, len(rows), _CHUNK // 5):  # 14 parameters a row, well under the protocol's limit
            chunk = rows[start : start + _CHUNK // 5]
            values = ", ".join(f"({', '.join('?' * 14)})" for _ in chunk)
            found = self._run(
                f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES {values} ON CONFLICT (id) DO NOTHING RETURNING id",
                [x for r in chunk for x in r],
            )
            inserted.update(r["id"] for r in found)
        return inserted

    def _insert_facts(self, facts: Sequence[Fact]) -> None:
        facts = self._reviewed_facts(facts) if facts else facts
        if facts:
            marks = ", ".join("?" * len(FACT_COLUMNS.split(",")))
            self._run_many(
                f"INSERT INTO facts ({FACT_COLUMNS}) VALUES ({marks}) ON CONFLICT (id) DO NOTHING",
                [fact_row(f) for f in facts],
            )

    def replace_facts(self, document_id: str, facts: Sequence[Fact]) -> None:
        """Replace a document's facts (after re-extraction) in one transaction."""
        with self.transaction():
            self._run("DELETE FROM facts WHERE document = ?", (document_id,))
            self._insert_facts(facts)

    def get_document(self, document_id: str) -> Document:
        """The stored document; raises NotFound. A unique id prefix is accepted."""
        row = self.query_one(f"SELECT {_DOC_COLUMNS}, ingested_at FROM documents WHERE id = ?", (document_id,))
        if row is None and len(document_id) >= 6:
            prefix = document_id if document_id.startswith("sha256:") else "sha256:" + document_id
            rows = self.query(
                f"SELECT {_DOC_COLUMNS}, ingested_at FROM documents WHERE id LIKE ? LIMIT 2", (prefix + "%",)
            )
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no document with id {document_id!r}", hint="List the ids with `riso documents`.")
        return _doc_from_row(row)

    def get_documents(self, document_ids: Sequence[str]) -> dict[str, Document]:
        """Stored documents by exact id (missing ones left out), a few queries for many ids."""
        return {r["id"]: _doc_from_row(r) for r in self._documents_by_id(f"{_DOC_COLUMNS}, ingested_at", document_ids)}

    def document_sources(self, document_ids: Sequence[str]) -> dict[str, str]:
        """The source of each stored document by exact id (missing ones left out), without reading the texts."""
        return {r["id"]: r["source"] for r in self._documents_by_id("id, source", document_ids)}

    def _documents_by_id(self, columns: str, document_ids: Sequence[str]) -> Iterator[Any]:
        """Rows of ``columns`` of the stored documents by exact id, in chunks of ``_CHUNK`` ids a query."""
        ids = list(dict.fromkeys(document_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            yield from self.query(f"SELECT {columns} FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)

    def get_facts(self, fact_ids: Sequence[str]) -> dict[str, Fact]:
        """Facts by id (missing ones left out), a few queries for many ids."""
        out: dict[str, Fact] = {}
        ids = list(dict.fromkeys(fact_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in self.query(f"SELECT {FACT_COLUMNS} FROM facts WHERE id IN ({marks})", chunk):
                out[row["id"]] = fact_from_row(row)
        return out

    def facts_of(self, document_ids: Sequence[str]) -> dict[str, list[Fact]]:
        """Each document's facts (as ``list_facts(document=...)`` orders them), a few queries for many ids."""
        out: dict[str, list[Fact]] = {}
        ids = list(dict.fromkeys(document_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = (
                f"SELECT {FACT_COLUMNS} FROM facts WHERE document IN ({marks}) AND {NOT_REJECTED} "
                "ORDER BY document, start_char, id"
            )
            for row in self.query(sql, chunk):
                out.setdefault(row["document"], []).append(fact_from_row(row))
        return out

    def list_documents(
        self, *, language: str | None = None, story: str | None = None, limit: int = 100, offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> list[Document]:
        """Documents without their text (text is ''), newest first; ``after`` = (ingested_at, id) of the
        last document of the previous page (keyset paging)."""
        where: list[str] = []
        params: list[Any] = []
        if after is not None:
            when, last_id = after
            if when is None:  # documents without a time come last, by id
                where.append("(ingested_at IS NULL AND id > ?)")
                params.append(last_id)
            else:
                where.append("(ingested_at < CAST(? AS TIMESTAMP) OR ingested_at IS NULL "
                             "OR (ingested_at = CAST(? AS TIMESTAMP) AND id > ?))")
                params += [when, when, last_id]
        if language:
            where.append("language = ?")
            params.append(language)
        if story:
            where.append("story = ?")
            params.append(story)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        # LIMIT and OFFSET are written as integers: DuckDB's Python client imports pandas (~0.3 s) the first time
        # it binds a parameter, and an unfiltered `riso documents list` then binds none.
        rows = self.query(
            f"SELECT {_DOC_COLUMNS}, ingested_at FROM documents {clause} "
            f"ORDER BY ingested_at DESC NULLS LAST, id LIMIT {int(limit)} OFFSET {int(offset)}",
            params,
        )
        return [_doc_from_row(r, with_text=False) for r in rows]

    def count_documents(self, *, language: str | None = None) -> int:
        """How many documents are stored."""
        if language:
            row = self.query_one("SELECT count(*) AS n FROM documents WHERE language = ?", (language,))
        else:
            row = self.query_one("SELECT count(*) AS n FROM documents")
        return int(row["n"]) if row else 0

    def list_facts(
        self,
        *,
        document: str | None = None,
        kind: str | None = None,
        metric: str | None = None,
        region: str | None = None,
        language: str | None = None,
        story: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        rejected: bool = False,
        after: Sequence[Any] | None = None,
    ) -> list[Fact]:
        """Facts filtered by any combination of document, kind, metric, region, language, story, in FACT_ORDER.

        Facts an editor rejected are left out unless ``rejected`` is True. ``after`` is the sort key
        (document, start, id) of the last fact of the previous page (keyset paging).
        """
        if self.dialect == "duckdb" and limit is None and offset == 0 and after is None:
            drive = next((c for c, v in (("document", document), ("subject_id", region), ("metric", metric))
                          if v is not None), None)
            if drive is not None:  # a region's or document's facts: through that filter's index (one read)
                equal = dict(document=document, kind=kind, metric=metric, subject_id=region, language=language)
                return self._facts_where(drive, str(equal[drive]), equal, story, rejected, None, None)
        if self.dialect == "duckdb" and limit is not None and offset == 0:
            return self._duckdb_fact_page(
                dict(document=document, kind=kind, metric=metric, subject_id=region, language=language),
                story, rejected, limit, after,
            )
        clause, params = _fact_filter(document, kind, metric, region, language, story, rejected)
        if after is not None:
            condition, values = after_key(FACT_ORDER, after)
            clause = f"{clause} AND {condition}" if clause else f"WHERE {condition}"
            params += values
        sql = f"SELECT {FACT_COLUMNS} FROM facts {clause} ORDER BY {', '.join(FACT_ORDER)}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [fact_from_row(r) for r in self.query(sql, params)]

    def _duckdb_fact_page(
        self, equal: dict[str, str | None], story: str | None, rejected: bool, limit: int,
        after: Sequence[Any] | None,
    ) -> list[Fact]:
        """One page of facts on DuckDB, the same rows as the plain query, without sorting every fact.

        DuckDB sorts a million facts by (document, start, id) for any page (about 0.1 s), and reads an index
        only for a single equality filter. So: with a document, region or metric filter, that filter alone
        reads the index into a materialized set and the other filters apply to it; otherwise the page is
        filled document by document in id order (one index read each), falling back to the plain query
        when many documents in a row hold no matching fact, and for facts whose document is not stored.
        """
        drive = next((c for c in ("document", "subject_id", "metric") if equal.get(c) is not None), None)
        if drive is not None:
            return self._facts_where(drive, str(equal[drive]), equal, story, rejected, limit, after)
        found: list[Fact] = []
        start = str(after[0]) if after is not None else ""
        docs = self.query(  # facts always belong to a stored document: add_documents writes both, none is deleted
            "SELECT id FROM documents WHERE id >= ?" + (" AND story = ?" if story is not None else "")
            + " ORDER BY id LIMIT ?",
            [start, *([story] if story is not None else []), _WALK + 1],
        )
        for row in docs[:_WALK]:
            found += self._facts_where("document", row["id"], equal, None, rejected, limit - len(found), after)
            if len(found) >= limit:
                return found
        if len(docs) <= _WALK:  # every document from the start on was read
            return found
        clause, params = _fact_filter(
            None, equal["kind"], equal["metric"], equal["subject_id"], equal["language"], story, rejected
        )
        # few matches in the first documents: sort the rest of the matches (cheap when they are few)
        condition, values = after_key(FACT_ORDER, (docs[_WALK - 1]["id"], 2**62, ""))
        clause, params = f"{clause} AND {condition}" if clause else f"WHERE {condition}", params + values
        sql = f"SELECT {FACT_COLUMNS} FROM facts {clause} ORDER BY {', '.join(FACT_ORDER)} LIMIT ?"
        return found + [fact_from_row(r) for r in self.query(sql, [*params, limit - len(found)])]

    def _facts_where(
        self, column: str, value: str, equal: dict[str, str | None], story: str | None, rejected: bool,
        limit: int | None, after: Sequence[Any] | None,
    ) -> list[Fact]:
        """Facts with ``column = value`` read through its index (materialized first), then the other filters."""
        rest = {k: v for k, v in equal.items() if k != column}
        clause, params = _fact_filter(
            None, rest.get("kind"), rest.get("metric"), rest.get("subject_id"), rest.get("language"), story, rejected
        )
        if after is not None:
            condition, values = after_key(FACT_ORDER, after)
            clause, params = f"{clause} AND {condition}" if clause else f"WHERE {condition}", params + values
        sql = (f"WITH picked AS MATERIALIZED (SELECT {FACT_COLUMNS} FROM facts WHERE {column} = ?) "
               f"SELECT * FROM picked {clause} ORDER BY {', '.join(FACT_ORDER)}")
        if limit is None:
            return [fact_from_row(r) for r in self.query(sql, [value, *params])]
        return [fact_from_row(r) for r in self.query(sql + " LIMIT ?", [value, *params, limit])]

    def count_facts(
        self,
        *,
        document: str | None = None,
        kind: str | None = None,
        metric: str | None = None,
        region: str | None = None,
        language: str | None = None,
        story: str | None = None,
        rejected: bool = False,
    ) -> int:
        """How many facts match the filter (rejected ones only when ``rejected``)."""
        equal = dict(document=document, subject_id=region, metric=metric)
        drive = next((c for c, v in equal.items() if v is not None), None)
        if self.dialect == "duckdb" and drive is not None:  # the index for one filter, as in _duckdb_fact_page
            rest = {k: v for k, v in equal.items() if k != drive}
            clause, params = _fact_filter(None, kind, rest.get("metric"), rest.get("subject_id"), language, story,
                                          rejected)
            row = self.query_one(
                f"WITH picked AS MATERIALIZED (SELECT kind, metric, subject_id, language, document, review FROM facts "
                f"WHERE {drive} = ?) SELECT count(*) AS n FROM picked {clause}", [equal[drive], *params]
            )
            return int(row["n"]) if row else 0
        clause, params = _fact_filter(document, kind, metric, region, language, story, rejected)

        def count() -> int:
            row = self.query_one(f"SELECT count(*) AS n FROM facts {clause}", params)
            return int(row["n"]) if row else 0

        if document is not None or region is not None or story is not None:  # few facts, through an index
            return count()
        # by kind, indicator or language only: up to every fact, counted once per change of the facts (PostgreSQL)
        return self._counted("riso_fact_changes", ("facts", kind, metric, language, rejected), count)

    def get_fact(self, fact_id: str) -> Fact:
        """One fact by id; raises NotFound."""
        row = self.query_one(f"SELECT {FACT_COLUMNS} FROM facts WHERE id = ?", (fact_id,))
        if row is None:
            raise NotFound(f"no fact with id {fact_id!r}")
        return fact_from_row(row)


def _fact_filter(
    document: str | None,
    kind: str | None,
    metric: str | None,
    region: str | None,
    language: str | None,
    story: str | None,
    rejected: bool = False,
) -> tuple[str, list[Any]]:
    where: list[str] = [] if rejected else [NOT_REJECTED]
    params: list[Any] = []
    for column, value in (
        ("document", document),
        ("kind", kind),
        ("metric", metric),
        ("subject_id", region),
        ("language", language),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if story is not None:
        where.append("document IN (SELECT id FROM documents WHERE story = ?)")
        params.append(story)
    return (f"WHERE {' AND '.join(where)}" if where else ""), params
