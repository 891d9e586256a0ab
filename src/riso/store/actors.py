"""Store methods: ecosystem actors, their provenance, relations, reversible merges and chain placements.

A merged actor keeps its row with ``merged_into`` set; reads resolve it to the actor it belongs to,
so provenance and relations of both stay visible and a merge is undone by clearing one column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from riso.errors import BadRequest, NotFound
from riso.model import Actor, Provenance, Relation
from riso.store.base import Row, SQLBackend

__all__ = ["ActorsMixin", "Merge", "Placement"]

_ACTOR_COLS = ("id", "name", "type", "names", "aliases", "region", "ownership", "high_tech", "lab_level", "field",
               "merged_into")
_REL_COLS = ("id", "source", "target", "type", "weight", "period", "weak", "label", "prov_source", "prov_row",
             "prov_fact", "quote")
_CHUNK = 500

Merge = dict[str, Any]
Placement = dict[str, Any]


def _actor_row(actor: Actor) -> list[Any]:
    return [actor.id, actor.name, actor.type, json.dumps(actor.names, ensure_ascii=False, sort_keys=True),
            json.dumps(list(actor.aliases), ensure_ascii=False), actor.region, actor.ownership, actor.high_tech,
            actor.lab_level, actor.field, actor.merged_into]


def _actor_from(row: Row, sources: Sequence[Provenance] = (), aliases: Sequence[str] = ()) -> Actor:
    own = tuple(json.loads(row["aliases"] or "[]"))
    extra = tuple(a for a in aliases if a not in own and a != row["name"])
    return Actor(
        id=row["id"], name=row["name"], type=row["type"], names=json.loads(row["names"] or "{}"),
        aliases=own + extra, region=row["region"], ownership=row["ownership"],
        high_tech=None if row["high_tech"] is None else bool(row["high_tech"]), lab_level=row["lab_level"],
        field=row["field"], merged_into=row["merged_into"], sources=tuple(sources),
    )


def _relation_row(rel: Relation) -> list[Any]:
    p = rel.provenance
    return [rel.id, rel.source, rel.target, rel.type, rel.weight, rel.period, rel.weak, rel.label, p.source, p.row,
            p.fact, p.quote]


def _relation_from(row: Row) -> Relation:
    return Relation(
        id=row["id"], source=row["source"], target=row["target"], type=row["type"], weight=float(row["weight"]),
        period=row["period"], weak=bool(row["weak"]), label=row["label"],
        provenance=Provenance(source=row["prov_source"], row=row["prov_row"], fact=row["prov_fact"],
                              quote=row["quote"]),
    )


def _merge_fill(old: Actor, new: Actor) -> Actor | None:
    """``old`` with what ``new`` adds (names, aliases, empty fields), or None when it adds nothing."""
    names = {**new.names, **old.names}
    aliases = tuple(dict.fromkeys([*old.aliases, *(a for a in (new.name, *new.aliases) if a != old.name)]))
    update: dict[str, Any] = {"names": names, "aliases": aliases}
    for field in ("region", "ownership", "high_tech", "lab_level", "field"):
        if getattr(old, field) is None and getattr(new, field) is not None:
            update[field] = getattr(new, field)
    if old.type == "other" and new.type != "other":
        update["type"] = new.type
    merged = old.model_copy(update=update)
    return None if merged == old else merged


class ActorsMixin(SQLBackend):
    """Actors, their provenance, relations, merges and industry-chain placements."""

    # -- writing ------------------------------------------------------------------
    def add_actors(self, actors: Iterable[Actor]) -> int:
        """Store actors; a known id gains the new names, aliases, empty fields and provenance. Returns new ones."""
        batch: dict[str, Actor] = {}
        for actor in actors:
            known = batch.get(actor.id)
            if known is None:
                batch[actor.id] = actor
            else:
                filled = _merge_fill(known, actor) or known
                batch[actor.id] = filled.model_copy(update={"sources": (*known.sources, *actor.sources)})
        if not batch:
            return 0
        with self.transaction():
            existing = self.actors_by_id(list(batch))
            new = [a for i, a in batch.items() if i not in existing]
            marks = ", ".join("?" for _ in _ACTOR_COLS)
            self.execute_many(f"INSERT INTO actors ({', '.join(_ACTOR_COLS)}) VALUES ({marks})",
                              [_actor_row(a) for a in new])
            for actor_id, old in existing.items():
                update = _merge_fill(old, batch[actor_id])
                if update is not None:
                    self._run("UPDATE actors SET type = ?, names = ?, aliases = ?, region = ?, ownership = ?, "
                              "high_tech = ?, lab_level = ?, field = ? WHERE id = ?",
                              [*_actor_row(update)[2:10], actor_id])
            self._add_sources((a.id, p) for a in batch.values() for p in a.sources)
        return len(new)

    def _add_sources(self, pairs: Iterable[tuple[str, Provenance]]) -> None:
        rows = {(a, p.source, p.row or p.fact or ""): [a, p.source, p.row or p.fact or "", p.row, p.fact, p.quote]
                for a, p in pairs}
        self.execute_many("INSERT INTO actor_sources (actor, source, ref, row_ref, fact, quote) "
                          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", list(rows.values()))

    def add_relations(self, relations: Iterable[Relation]) -> int:
        """Store relations; ones already stored (same id) are kept. Returns how many are new."""
        rows = list({r.id: _relation_row(r) for r in relations}.values())
        if not rows:
            return 0
        with self.transaction():
            before = self.count_relations()
            marks = ", ".join("?" for _ in _REL_COLS)
            self.execute_many(f"INSERT INTO relations ({', '.join(_REL_COLS)}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                              rows)
            return self.count_relations() - before

    # -- reading ------------------------------------------------------------------
    def actors_by_id(self, ids: Sequence[str]) -> dict[str, Actor]:
        """Actors (without provenance) by exact id; unknown ids are left out."""
        out: dict[str, Actor] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self.query(f"SELECT {', '.join(_ACTOR_COLS)} FROM actors WHERE id IN ({marks})", chunk):
                out[row["id"]] = _actor_from(row)
        return out

    def canonical_id(self, actor_id: str) -> str:
        """The id of the actor this one is merged into (itself when not merged); raises NotFound."""
        row = self.query_one("SELECT id, merged_into FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            raise NotFound(f"no actor with id {actor_id!r}", hint="List actors with `riso actors list`.")
        return str(row["merged_into"] or row["id"])

    def members_of(self, actor_id: str) -> list[str]:
        """The actor and every actor merged into it."""
        rows = self.query("SELECT id FROM actors WHERE merged_into = ? ORDER BY id", (actor_id,))
        return [actor_id, *(r["id"] for r in rows)]

    def get_actor(self, actor_id: str) -> Actor:
        """An actor with the names, aliases and provenance of every actor merged into it; raises NotFound."""
        canonical = self.canonical_id(actor_id)
        members = self.members_of(canonical)
        marks = ", ".join("?" for _ in members)
        rows = self.query(f"SELECT {', '.join(_ACTOR_COLS)} FROM actors WHERE id IN ({marks})", members)
        by_id = {r["id"]: r for r in rows}
        sources = [Provenance(source=r["source"], row=r["row_ref"], fact=r["fact"], quote=r["quote"])
                   for r in self.query(f"SELECT * FROM actor_sources WHERE actor IN ({marks}) ORDER BY source, ref",
                                       members)]
        aliases = [n for m in members[1:] for n in (by_id[m]["name"], *json.loads(by_id[m]["aliases"] or "[]"))]
        return _actor_from(by_id[canonical], sources, aliases)

    def list_actors(
        self,
        *,
        region: str | Sequence[str] | None = None,
        type: str | None = None,
        query: str | None = None,
        include_merged: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Actor]:
        """Actors (without provenance) matching the filters, by name; merged actors only when asked."""
        where, params = self._actor_filters(region, type, query, include_merged)
        sql = f"SELECT {', '.join(_ACTOR_COLS)} FROM actors{where} ORDER BY name, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_actor_from(r) for r in self.query(sql, params)]

    def count_actors(
        self, *, region: str | Sequence[str] | None = None, type: str | None = None, include_merged: bool = False
    ) -> int:
        """How many actors match the filters."""
        where, params = self._actor_filters(region, type, None, include_merged)
        row = self.query_one(f"SELECT count(*) AS n FROM actors{where}", params)
        return int(row["n"]) if row else 0

    @staticmethod
    def _actor_filters(
        region: str | Sequence[str] | None, type: str | None, query: str | None, include_merged: bool
    ) -> tuple[str, list[Any]]:
        where: list[str] = [] if include_merged else ["merged_into IS NULL"]
        params: list[Any] = []
        if region is not None:
            regions = [region] if isinstance(region, str) else list(region)
            where.append(f"region IN ({', '.join('?' for _ in regions)})" if regions else "1 = 0")
            params += regions
        if type is not None:
            where.append("type = ?")
            params.append(type)
        if query:
            where.append("(lower(name) LIKE ? OR lower(aliases) LIKE ?)")
            params += [f"%{query.lower()}%"] * 2
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def actor_sources(self, actor_ids: Sequence[str]) -> dict[str, list[Provenance]]:
        """The provenance of each listed actor (own rows only)."""
        out: dict[str, list[Provenance]] = {}
        for i in range(0, len(actor_ids), _CHUNK):
            chunk = list(actor_ids[i : i + _CHUNK])
            marks = ", ".join("?" for _ in chunk)
            for r in self.query(f"SELECT * FROM actor_sources WHERE actor IN ({marks}) ORDER BY source, ref", chunk):
                out.setdefault(r["actor"], []).append(
                    Provenance(source=r["source"], row=r["row_ref"], fact=r["fact"], quote=r["quote"]))
        return out

    def relations_of(self, actor_id: str, *, limit: int | None = None) -> list[Relation]:
        """Every relation of an actor and of the actors merged into it (ids as stored)."""
        members = self.members_of(self.canonical_id(actor_id))
        marks = ", ".join("?" for _ in members)
        sql = (f"SELECT * FROM relations WHERE source IN ({marks}) UNION ALL "
               f"SELECT * FROM relations WHERE target IN ({marks}) AND source NOT IN ({marks}) ORDER BY type, id")
        params: list[Any] = [*members, *members, *members]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_relation_from(r) for r in self.query(sql, params)]

    def count_relations(self) -> int:
        """How many relations are stored."""
        row = self.query_one("SELECT count(*) AS n FROM relations")
        return int(row["n"]) if row else 0

    def relation_edges(self, *, actors: Sequence[str] | None = None) -> list[Relation]:
        """Relations with both ends mapped to their canonical actors; only among ``actors`` when given."""
        sql = ("SELECT r.id, COALESCE(s.merged_into, r.source) AS source, COALESCE(t.merged_into, r.target) AS target, "
               "r.type, r.weight, r.period, r.weak, r.label, r.prov_source, r.prov_row, r.prov_fact, r.quote "
               "FROM relations r JOIN actors s ON s.id = r.source JOIN actors t ON t.id = r.target")
        if actors is None:
            rows = self.query(sql + " ORDER BY r.id")
        else:  # only the relations touching these actors (or actors merged into them), through the indexes
            keep = set(actors)
            raw = set(keep)
            ids = sorted(keep)
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                marks = ", ".join("?" for _ in chunk)
                raw.update(r["id"] for r in self.query(f"SELECT id FROM actors WHERE merged_into IN ({marks})", chunk))
            found: dict[str, Row] = {}
            ends = sorted(raw)
            for i in range(0, len(ends), _CHUNK):
                chunk = ends[i : i + _CHUNK]
                marks = ", ".join("?" for _ in chunk)
                for end in ("source", "target"):
                    for r in self.query(f"{sql} WHERE r.{end} IN ({marks})", chunk):
                        found[r["id"]] = r
            rows = [found[k] for k in sorted(found)]
        rels = [_relation_from(r) for r in rows]
        if actors is not None:
            rels = [r for r in rels if r.source in keep or r.target in keep]
        return [r for r in rels if r.source != r.target]

    # -- merges -------------------------------------------------------------------
    def merge_actors(self, winner: str, loser: str, *, score: float | None = None, reason: str = "",
                     by: str = "resolver") -> None:
        """Merge ``loser`` (and what was merged into it) into ``winner``; recorded, and undone by unmerge."""
        win, lose = self.canonical_id(winner), self.canonical_id(loser)
        if win == lose:
            raise BadRequest(f"{winner} and {loser} are already one actor", hint="Nothing to merge.")
        with self.transaction():
            self._run("UPDATE actors SET merged_into = ? WHERE merged_into = ?", (win, lose))
            self._run("UPDATE actors SET merged_into = ? WHERE id = ?", (win, lose))
            self._run("INSERT INTO actor_merges (loser, winner, score, reason, by_whom) VALUES (?, ?, ?, ?, ?)",
                      (lose, win, score, reason, by))

    def unmerge_actor(self, actor_id: str, *, by: str = "editor") -> str:
        """Undo the merge of one actor: it stands alone again. Returns the actor it was merged into."""
        row = self.query_one("SELECT merged_into FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            raise NotFound(f"no actor with id {actor_id!r}", hint="List actors with `riso actors list`.")
        if row["merged_into"] is None:
            raise BadRequest(f"actor {actor_id} is not merged into another", hint="See `riso actors merges`.")
        with self.transaction():
            self._run("UPDATE actors SET merged_into = NULL WHERE id = ?", (actor_id,))
            self._run("UPDATE actor_merges SET undone_at = CURRENT_TIMESTAMP, undone_by = ? "
                      "WHERE loser = ? AND undone_at IS NULL", (by, actor_id))
        return str(row["merged_into"])

    def list_merges(self, *, include_undone: bool = True) -> list[Merge]:
        """Every merge with its score, reason, who made it and whether it was undone, newest first."""
        where = "" if include_undone else " WHERE undone_at IS NULL"
        return self.query("SELECT loser, winner, score, reason, by_whom, merged_at, undone_at, undone_by "
                          f"FROM actor_merges{where} ORDER BY merged_at DESC, loser")

    # -- chain placements ---------------------------------------------------------
    def set_placement(self, chain: str, segment: str, actor: str, *, placed: bool = True, by: str = "editor",
                      note: str | None = None) -> None:
        """An editor places an actor on a chain segment (``placed``) or removes it from there (not placed)."""
        canonical = self.canonical_id(actor)
        with self.transaction():
            self._run("DELETE FROM chain_placements WHERE chain = ? AND segment = ? AND actor = ?",
                      (chain, segment, canonical))
            self._run("INSERT INTO chain_placements (chain, segment, actor, placed, by_whom, note) "
                      "VALUES (?, ?, ?, ?, ?, ?)", (chain, segment, canonical, placed, by, note))

    def list_placements(self, chain: str | None = None) -> list[Placement]:
        """Editors' placements, for one chain or all."""
        if chain is None:
            return self.query("SELECT * FROM chain_placements ORDER BY chain, segment, actor")
        return self.query("SELECT * FROM chain_placements WHERE chain = ? ORDER BY segment, actor", (chain,))
