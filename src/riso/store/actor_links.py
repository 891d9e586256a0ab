"""Store methods: an actor's relations read in actor order (``actor_links``), counted per type, and the
per-region link aggregates of the stored analytics (migration 016).

``actor_links`` holds each relation once per end, clustered by (actor, type, weight DESC, relation) and
numbered by ``pos``; ``actor_relation_counts`` gives, per actor and type, how many relations it has and
where its clustered block starts (``first_pos``, ``ranked`` rows). A page of a hub is then one range of
rows per type, whatever the hub's size: the first N heaviest are rows first_pos .. first_pos + N - 1, a
later page one range with a keyset condition. Relations added one at a time after the last clustering are
the tail (``pos`` NULL), read by actor and merged in; a bulk import clusters everything again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from riso.store.base import Row, SQLBackend

__all__ = ["ActorLinksMixin", "LinkRow"]

LinkRow = dict[str, Any]  # pos, actor, type, weight, relation, other, outgoing
_COLS = "pos, actor, type, weight, relation, other, outgoing"


def _order(row: LinkRow) -> tuple[float, str, str]:
    """The page order: heaviest first, then by type and relation id."""
    return -float(row["weight"]), str(row["type"]), str(row["relation"])


class ActorLinksMixin(SQLBackend):
    """Relations by actor, clustered for range reads; counts per type; region aggregates."""

    # -- writing ------------------------------------------------------------------
    def cluster_links(self) -> None:
        """Rebuild ``actor_links`` and the counts from every stored relation, clustered in actor order (after a
        bulk import: one sort of the relations' two ends)."""
        with self.transaction():
            self._run("DELETE FROM actor_links")
            self._run("DELETE FROM actor_relation_counts")
            self._run(
                f"INSERT INTO actor_links ({_COLS}) SELECT row_number() OVER (ORDER BY actor, type, weight DESC, "
                "relation) AS pos, actor, type, weight, relation, other, outgoing FROM ("
                "SELECT source AS actor, type, weight, id AS relation, target AS other, TRUE AS outgoing "
                "FROM relations UNION ALL SELECT target, type, weight, id, source, FALSE FROM relations "
                "WHERE target <> source) AS e ORDER BY pos")
            self._run("INSERT INTO actor_relation_counts (actor, type, n, first_pos, ranked) "
                      "SELECT actor, type, count(*), min(pos), count(*) FROM actor_links GROUP BY actor, type")

    def _append_links(self, rows: Sequence[Sequence[Any]]) -> None:
        """Add new relations (id, source, target, type, weight) to the tail and to the counts."""
        ends = [(a, t, float(w), i, b, True) for i, a, b, t, w in rows]
        ends += [(b, t, float(w), i, a, False) for i, a, b, t, w in rows if b != a]
        if not ends:
            return
        self.execute_many("INSERT INTO actor_links (actor, type, weight, relation, other, outgoing) "
                          "VALUES (?, ?, ?, ?, ?, ?)", ends)
        counts: dict[tuple[str, str], int] = {}
        for actor, kind, *_ in ends:
            counts[(actor, kind)] = counts.get((actor, kind), 0) + 1
        self.execute_many("INSERT INTO actor_relation_counts (actor, type, n) VALUES (?, ?, ?) "
                          "ON CONFLICT (actor, type) DO UPDATE SET n = actor_relation_counts.n + excluded.n",
                          [(a, t, n) for (a, t), n in counts.items()])

    # -- reading ------------------------------------------------------------------
    def _blocks(self, members: Sequence[str], type: str | None = None) -> list[Row]:
        """Count rows (actor, type, n, first_pos, ranked) of the members, by primary-key lookups."""
        marks = ", ".join("?" for _ in members)
        sql = f"SELECT actor, type, n, first_pos, ranked FROM actor_relation_counts WHERE actor IN ({marks})"
        params: list[Any] = list(members)
        if type is not None:
            sql += " AND type = ?"
            params.append(type)
        return self.query(sql, params)

    def _link_rows(self, members: Sequence[str], blocks: Sequence[Row], *, take: int | None = None,
                   type: str | None = None, after: tuple[float, str] | None = None,
                   other_in: Sequence[str] | None = None) -> list[LinkRow]:
        """The members' link rows: from each block the first ``take`` (all when None) after the keyset
        ``after`` (weight, relation) within its type, and the tail's rows; in page order, a relation among
        the members once. One range read per block: the rows of a hub are never scanned whole."""
        parts: list[str] = []
        params: list[Any] = []
        cond, cond_params = "", []
        if after is not None:
            cond = " AND (weight < ? OR (weight = ? AND relation > ?))"
            cond_params = [after[0], after[0], after[1]]
        if other_in is not None:
            cond += f" AND other IN ({', '.join('?' for _ in other_in)})"
            cond_params += list(other_in)
        for b in blocks:
            ranked = int(b["ranked"] or 0)
            if not ranked:
                continue
            first = int(b["first_pos"])
            if take is not None and after is None and other_in is None:  # exactly the first rows: no sort
                parts.append(f"SELECT {_COLS} FROM actor_links WHERE pos BETWEEN ? AND ?")
                params += [first, first + min(ranked, take) - 1]
                continue
            limit = "" if take is None else " ORDER BY pos LIMIT ?"
            parts.append(f"(SELECT {_COLS} FROM actor_links WHERE pos BETWEEN ? AND ?{cond}{limit})")
            params += [first, first + ranked - 1, *cond_params, *([take] if take is not None else [])]
        if any(int(b["n"]) > int(b["ranked"] or 0) for b in blocks):  # relations added since the clustering
            marks = ", ".join("?" for _ in members)
            kind = " AND type = ?" if type is not None else ""
            parts.append(f"(SELECT {_COLS} FROM actor_links WHERE pos IS NULL AND actor IN ({marks}){kind}{cond})")
            params += [*members, *([type] if type is not None else []), *cond_params]
        if not parts:
            return []
        rows = self.query(" UNION ALL ".join(parts), params)
        seen: set[str] = set()
        out = []
        for r in sorted(rows, key=_order):
            if r["relation"] not in seen:
                seen.add(r["relation"])
                out.append(r)
        return out

    def link_counts(self, members: Sequence[str]) -> dict[str, int]:
        """Relations per type of the members (a relation among them once)."""
        blocks = self._blocks(members)
        counts: dict[str, int] = {}
        for b in blocks:
            counts[str(b["type"])] = counts.get(str(b["type"]), 0) + int(b["n"])
        if len(members) > 1:  # a relation between two members is counted at both ends: once less
            inner = [r for r in self._link_rows(members, blocks, other_in=members) if r["other"] != r["actor"]]
            for r in inner:
                counts[str(r["type"])] -= 1
            counts = {k: n for k, n in counts.items() if n > 0}
        return dict(sorted(counts.items()))

    def link_page(self, members: Sequence[str], *, limit: int | None, offset: int = 0, type: str | None = None,
                  after: tuple[float, str] | None = None) -> list[LinkRow]:
        """One page of the members' link rows in page order (weight DESC, type, relation): ``limit`` rows
        from ``offset`` or after the keyset ``after`` (weight, relation; with ``type``). A single clustered
        block (one actor, one type, no tail) is sliced by position; otherwise each block's first
        offset + limit rows are merged."""
        blocks = self._blocks(members, type)
        if limit is None:
            return self._link_rows(members, blocks, type=type, after=after)[offset:]
        if (after is None and len(blocks) == 1 and int(blocks[0]["n"]) == int(blocks[0]["ranked"] or 0)
                and len(members) == 1):
            b = blocks[0]
            first, ranked = int(b["first_pos"]), int(b["ranked"])
            if offset >= ranked:
                return []
            return self.query(f"SELECT {_COLS} FROM actor_links WHERE pos BETWEEN ? AND ? ORDER BY pos",
                              [first + offset, first + min(ranked, offset + limit) - 1])
        return self._link_rows(members, blocks, take=offset + limit, type=type, after=after)[offset:offset + limit]

    def first_links(self, members: Sequence[str], *, per_type: int) -> list[LinkRow]:
        """The first ``per_type`` link rows of each relation type (heaviest first), by type."""
        rows = self._link_rows(members, self._blocks(members), take=per_type)
        out: list[LinkRow] = []
        for kind in sorted({str(r["type"]) for r in rows}):
            out += [r for r in rows if r["type"] == kind][:per_type]
        return out

    def _spans(self, actors: Sequence[str]) -> tuple[str, list[Any]]:
        """SQL for every link row of ``actors``: one range per actor (its blocks are adjacent), and the tail."""
        blocks = [b for i in range(0, len(actors), 500) for b in self._blocks(list(actors[i : i + 500]))]
        spans: dict[str, tuple[int, int]] = {}
        for b in blocks:
            if int(b["ranked"] or 0):
                lo, hi = int(b["first_pos"]), int(b["first_pos"]) + int(b["ranked"]) - 1
                old = spans.get(str(b["actor"]))
                spans[str(b["actor"])] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)
        cols = "actor, type, weight, relation, other, outgoing"
        parts = [f"SELECT {cols} FROM actor_links WHERE pos BETWEEN ? AND ?" for _ in spans]
        params: list[Any] = [x for span in spans.values() for x in span]
        if any(int(b["n"]) > int(b["ranked"] or 0) for b in blocks):
            parts.append(f"SELECT {cols} FROM actor_links WHERE pos IS NULL "
                         "AND actor IN (SELECT unnest(CAST(? AS TEXT[])))")
            params.append(list(actors))
        if not parts:
            return f"SELECT {cols} FROM actor_links WHERE 1 = 0", []
        return " UNION ALL ".join(parts), params

    def links_among(self, actors: Sequence[str], among: Sequence[str] | None = None, *,
                    relation_types: Sequence[str] = ()) -> list[LinkRow]:
        """The link rows of ``actors`` (ids as stored) to ``among`` (any actor when None), of
        ``relation_types`` when given: one range read per actor, filtered in SQL."""
        if not actors:
            return []
        sql, params = self._spans(actors)
        where, extra = self._link_filter(relation_types)
        if among is not None:
            where += " AND other IN (SELECT unnest(CAST(? AS TEXT[])))"
            extra.append(list(among))
        return self.query(f"SELECT * FROM ({sql}) AS l WHERE {where}", [*params, *extra])

    def partners_of(self, actors: Sequence[str], *, limit: int, relation_types: Sequence[str] = ()
                    ) -> list[tuple[str, int]]:
        """The ``limit`` actors outside ``actors`` with the most relations to them (then by id), counted in SQL."""
        if not actors or limit <= 0:
            return []
        sql, params = self._spans(actors)
        where, extra = self._link_filter(relation_types)
        rows = self.query(f"SELECT other, count(*) AS n FROM ({sql}) AS l WHERE {where} AND other NOT IN "
                          "(SELECT unnest(CAST(? AS TEXT[]))) GROUP BY other ORDER BY n DESC, other LIMIT ?",
                          [*params, *extra, list(actors), limit])
        return [(str(r["other"]), int(r["n"])) for r in rows]

    @staticmethod
    def _link_filter(relation_types: Sequence[str]) -> tuple[str, list[Any]]:
        if not relation_types:
            return "1 = 1", []
        return f"type IN ({', '.join('?' for _ in relation_types)})", list(relation_types)

    # -- region aggregates ----------------------------------------------------------
    def save_region_links(self) -> None:
        """Recount ``region_links``: relations between canonical actors (merged ends mapped, self-links left
        out) by both ends' regions and types, per relation type."""
        with self.transaction():
            self._run("DELETE FROM region_links")
            self._run(
                "INSERT INTO region_links (region_s, region_t, type, type_s, type_t, n) "
                "WITH c AS (SELECT a.id, COALESCE(a.merged_into, a.id) AS cid, w.region, w.type FROM actors a "
                "JOIN actors w ON w.id = COALESCE(a.merged_into, a.id)) "
                "SELECT s.region, t.region, r.type, s.type, t.type, count(*) FROM relations r "
                "JOIN c s ON s.id = r.source JOIN c t ON t.id = r.target WHERE s.cid <> t.cid "
                "GROUP BY s.region, t.region, r.type, s.type, t.type")

    def has_region_links(self) -> bool:
        """Whether region aggregates are stored."""
        return self.query_one("SELECT 1 AS x FROM region_links LIMIT 1") is not None

    def region_link_counts(self, regions: Iterable[str], *, relation_types: Sequence[str] = (),
                           actor_types: Sequence[str] = ()) -> list[Row]:
        """Aggregated relations touching ``regions`` (either end), as (type, type_s, type_t, n), with both
        ends of ``actor_types`` and of ``relation_types`` when given."""
        ids = sorted(set(regions))
        marks = ", ".join("?" for _ in ids)
        sql = (f"SELECT type, type_s, type_t, sum(n) AS n FROM region_links "
               f"WHERE (region_s IN ({marks}) OR region_t IN ({marks}))")
        params: list[Any] = [*ids, *ids]
        if relation_types:
            sql += f" AND type IN ({', '.join('?' for _ in relation_types)})"
            params += list(relation_types)
        if actor_types:
            m = ", ".join("?" for _ in actor_types)
            sql += f" AND type_s IN ({m}) AND type_t IN ({m})"
            params += [*actor_types, *actor_types]
        return self.query(sql + " GROUP BY type, type_s, type_t ORDER BY type, type_s, type_t", params)
