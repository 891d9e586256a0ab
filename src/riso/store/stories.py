"""Store methods: stories (document versions linked across languages) and the linking state."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from riso.errors import NotFound
from riso.model import Story
from riso.store.base import Row, SQLBackend

__all__ = ["StoriesMixin"]

_CHUNK = 500
_KEY_CHUNK = 4000  # bucket keys per lookup: a group of 64 documents has up to 2,880


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(items: Sequence[str], size: int = _CHUNK) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _story_from_row(row: Row, documents: Sequence[str]) -> Story:
    return Story(
        id=row["id"],
        title=row["title"],
        languages=tuple(json.loads(row["languages"] or "[]")),
        documents=tuple(documents),
    )


# A story's documents in the order they were linked (the founding document first): deterministic
# for one ingest order, unlike ingest timestamps, which tie or not depending on speed.
_MEMBERS = "FROM documents d LEFT JOIN story_features f ON f.document = d.id"
_IN_LINK_ORDER = "ORDER BY coalesce(f.seq, 2147483647), d.id"

class StoriesMixin(SQLBackend):
    """Stories and the per-document features and LSH buckets that incremental linking reads."""

    # -- linking state ----------------------------------------------------------------
    def story_bucket_members(self, keys: Sequence[str], *, limit: int) -> list[str]:
        """Documents in any of these LSH buckets, at most ``limit`` most recent per bucket."""
        return [d for members in self.story_bucket_lists(keys, limit=limit).values() for d in members]

    def story_bucket_lists(self, keys: Sequence[str], *, limit: int) -> dict[str, list[str]]:
        """Bucket -> its at most ``limit`` most recent documents (most recent first), for buckets that have any."""
        out: dict[str, list[str]] = {}
        for chunk in _chunks(sorted(set(keys)), _KEY_CHUNK):
            rows = self.query(
                "SELECT bucket, document FROM (SELECT bucket, document, seq, row_number() OVER "
                "(PARTITION BY bucket ORDER BY seq DESC, document) AS n FROM story_buckets "
                f"WHERE bucket IN ({_marks(len(chunk))})) t WHERE n <= ? ORDER BY bucket, seq DESC, document",
                [*chunk, limit],
            )
            for row in rows:
                out.setdefault(row["bucket"], []).append(row["document"])
        return out

    def story_feature_rows(self, documents: Sequence[str]) -> list[Row]:
        """Stored linking features (anchors, context as JSON lists) of these documents."""
        rows: list[Row] = []
        for chunk in _chunks(list(documents)):
            rows += self.query(
                f"SELECT document, anchors, context, language FROM story_features WHERE document IN "
                f"({_marks(len(chunk))}) ORDER BY document",
                chunk,
            )
        return rows

    def has_story_features(self, document: str) -> bool:
        """Whether a document was linked already."""
        return self.query_one("SELECT 1 AS x FROM story_features WHERE document = ?", (document,)) is not None

    def add_story_features(
        self, document: str, anchors: Iterable[str], context: Iterable[str], language: str | None, keys: Sequence[str]
    ) -> None:
        """Record a document's linking features and LSH buckets (replacing earlier ones)."""
        with self.transaction():
            row = self.query_one("SELECT coalesce(max(seq), 0) AS n FROM story_features")
            seq = int(row["n"]) + 1 if row else 1
            self._run("DELETE FROM story_features WHERE document = ?", (document,))
            self._run("DELETE FROM story_buckets WHERE document = ?", (document,))
            self._run(
                "INSERT INTO story_features (document, anchors, context, language, seq) VALUES (?, ?, ?, ?, ?)",
                (document, json.dumps(sorted(anchors)), json.dumps(sorted(context), ensure_ascii=False), language, seq),
            )
            if keys:
                self._run_many(
                    "INSERT INTO story_buckets (bucket, document, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [(k, document, seq) for k in keys],
                )

    def linked_documents(self, documents: Sequence[str]) -> set[str]:
        """Those of these documents that were linked already (have linking features)."""
        out: set[str] = set()
        for chunk in _chunks(list(documents)):
            rows = self.query(f"SELECT document FROM story_features WHERE document IN ({_marks(len(chunk))})", chunk)
            out.update(r["document"] for r in rows)
        return out

    def save_story_links(
        self,
        items: Sequence[tuple[str, Iterable[str], Iterable[str], str | None, Sequence[str]]],
        story_of: Mapping[str, str],
        merges: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> None:
        """Record a group of linked documents in one transaction, as ``add_story_features`` and
        ``set_story`` one by one (in the order given) followed by ``merges`` would, in a few statements.

        ``items`` are (document, anchors, context, language, bucket keys); ``story_of`` their final stories.
        """
        if not items:
            return
        with self.transaction():
            row = self.query_one("SELECT coalesce(max(seq), 0) AS n FROM story_features")
            base = int(row["n"]) if row else 0
            documents = [item[0] for item in items]
            for chunk in _chunks(documents):
                self._run(f"DELETE FROM story_features WHERE document IN ({_marks(len(chunk))})", chunk)
                self._run(f"DELETE FROM story_buckets WHERE document IN ({_marks(len(chunk))})", chunk)
            self._run_many(
                "INSERT INTO story_features (document, anchors, context, language, seq) VALUES (?, ?, ?, ?, ?)",
                [
                    (doc, json.dumps(sorted(anchors)), json.dumps(sorted(context), ensure_ascii=False), lang, base + i)
                    for i, (doc, anchors, context, lang, _) in enumerate(items, start=1)
                ],
            )
            buckets = [(k, item[0], base + i) for i, item in enumerate(items, start=1) for k in dict.fromkeys(item[4])]
            if buckets:
                self._run_many(
                    "INSERT INTO story_buckets (bucket, document, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", buckets
                )
            for keep, drop in merges:  # stored documents of bridged stories, in the order the merges happened
                for story in drop:
                    self._run("UPDATE documents SET story = ? WHERE story = ?", (keep, story))
                    self._run("DELETE FROM stories WHERE id = ?", (story,))
            assigned = [(doc, story_of[doc]) for doc in documents]
            self._update_values("documents", "id", ("story",), assigned)
            stories = sorted({s for _, s in assigned} | {keep for keep, _ in merges})
            self._run_many("INSERT INTO stories (id) VALUES (?) ON CONFLICT DO NOTHING", [(s,) for s in stories])
            self._refresh_stories(stories)

    def _update_values(self, table: str, key: str, columns: Sequence[str], rows: Sequence[tuple[object, ...]]) -> None:
        """UPDATE many rows by key in one statement per _CHUNK rows: rows are (key, *columns)."""
        names = ", ".join((key, *columns))
        sets = ", ".join(f"{c} = v.{c}" for c in columns)
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            values = ", ".join(f"({_marks(len(columns) + 1)})" for _ in chunk)
            self._run(
                f"UPDATE {table} SET {sets} FROM (VALUES {values}) AS v({names}) WHERE {table}.{key} = v.{key}",
                [x for r in chunk for x in r],
            )

    def _refresh_stories(self, stories: Sequence[str]) -> None:
        """``refresh_story`` for many stories in two statements per _CHUNK stories."""
        for chunk in _chunks(list(stories)):
            rows = self.query(
                f"SELECT d.story, d.language, d.title {_MEMBERS} WHERE d.story IN ({_marks(len(chunk))}) "
                f"ORDER BY d.story, coalesce(f.seq, 2147483647), d.id",
                chunk,
            )
            members: dict[str, list[Row]] = {s: [] for s in chunk}
            for r in rows:
                members[r["story"]].append(r)
            updates = []
            for story, found in members.items():
                languages = sorted({r["language"] for r in found if r["language"]})
                title = next((r["title"] for r in found if r["title"]), None)
                updates.append((story, json.dumps(languages), title))
            self._update_values("stories", "id", ("languages", "title"), updates)

    # -- stories ----------------------------------------------------------------------
    def stories_of(self, documents: Sequence[str]) -> dict[str, str]:
        """The story of each of these documents that has one."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(documents)):
            for row in self.query(
                f"SELECT id, story FROM documents WHERE story IS NOT NULL AND id IN ({_marks(len(chunk))})", chunk
            ):
                out[row["id"]] = row["story"]
        return out

    def set_story(self, document: str, story: str) -> None:
        """Put a document into a story (creating the story row when new)."""
        with self.transaction():
            self._run("UPDATE documents SET story = ? WHERE id = ?", (story, document))
            if self.query_one("SELECT 1 AS x FROM stories WHERE id = ?", (story,)) is None:
                self._run("INSERT INTO stories (id) VALUES (?)", (story,))
            self.refresh_story(story)

    def merge_stories(self, keep: str, drop: Sequence[str]) -> None:
        """Move every document of the ``drop`` stories into ``keep`` and delete those stories."""
        with self.transaction():
            for story in drop:
                self._run("UPDATE documents SET story = ? WHERE story = ?", (keep, story))
                self._run("DELETE FROM stories WHERE id = ?", (story,))
            self.refresh_story(keep)

    def refresh_story(self, story: str) -> None:
        """Recompute a story's languages and title from its documents."""
        rows = self.query(f"SELECT d.language, d.title {_MEMBERS} WHERE d.story = ? {_IN_LINK_ORDER}", (story,))
        languages = sorted({r["language"] for r in rows if r["language"]})
        title = next((r["title"] for r in rows if r["title"]), None)
        self._run("UPDATE stories SET languages = ?, title = ? WHERE id = ?", (json.dumps(languages), title, story))

    def list_stories(self, *, limit: int | None = None, offset: int = 0) -> list[Story]:
        """Stories with their documents, largest first."""
        sql = (
            "SELECT s.id, s.title, s.languages, count(d.id) AS n FROM stories s JOIN documents d ON d.story = s.id "
            "GROUP BY s.id, s.title, s.languages ORDER BY n DESC, s.id"
        )
        params: list[object] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [limit, offset]
        rows = self.query(sql, params)
        members: dict[str, list[str]] = {r["id"]: [] for r in rows}
        for chunk in _chunks(list(members)):
            for row in self.query(
                f"SELECT d.id, d.story {_MEMBERS} WHERE d.story IN ({_marks(len(chunk))}) {_IN_LINK_ORDER}",
                chunk,
            ):
                members[row["story"]].append(row["id"])
        return [_story_from_row(r, members[r["id"]]) for r in rows]

    def get_story(self, story: str) -> Story:
        """One story; a unique id prefix is accepted. Raises NotFound."""
        row = self.query_one("SELECT id, title, languages FROM stories WHERE id = ?", (story,))
        if row is None and len(story) >= 4:
            prefix = story if story.startswith("s:") else "s:" + story
            rows = self.query("SELECT id, title, languages FROM stories WHERE id LIKE ? LIMIT 2", (prefix + "%",))
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no story with id {story!r}", hint="List the stories with `riso stories`.")
        docs = self.query(f"SELECT d.id {_MEMBERS} WHERE d.story = ? {_IN_LINK_ORDER}", (row["id"],))
        return _story_from_row(row, [d["id"] for d in docs])

    def story_map(self) -> dict[str, str | None]:
        """Document id -> story id for every document."""
        return {r["id"]: r["story"] for r in self.query("SELECT id, story FROM documents")}

    def unlinked_documents(self) -> list[str]:
        """Documents that have no linking features yet, oldest first."""
        rows = self.query(
            "SELECT id FROM documents WHERE id NOT IN (SELECT document FROM story_features) ORDER BY ingested_at, id"
        )
        return [r["id"] for r in rows]

    def documents_without_story(self) -> list[str]:
        """Stored documents not linked into a story yet (``story`` is NULL until linking), oldest first:
        the marker an interrupted or failed linking leaves, which the next ingest or upload picks up."""
        rows = self.query("SELECT id FROM documents WHERE story IS NULL ORDER BY ingested_at, id")
        return [r["id"] for r in rows]
