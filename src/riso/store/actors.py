"""Store methods: ecosystem actors, their provenance, relations, reversible merges and chain placements.

A merged actor keeps its row with ``merged_into`` set; reads resolve it to the actor it belongs to,
so provenance and relations of both stay visible and a merge is undone by clearing one column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from riso.errors import BadRequest, NotFound
from riso.model import Actor, Provenance, Relation
from riso.store.actor_links import ActorLinksMixin
from riso.store.base import Row

__all__ = ["ActorsMixin", "Merge", "Placement"]

_ACTOR_COLS = ("id", "name", "type", "names", "aliases", "region", "ownership", "high_tech", "lab_level", "field",
               "merged_into")
_REL_COLS = ("id", "source", "target", "type", "weight", "period", "weak", "label", "prov_source", "prov_row",
             "prov_fact", "quote")
_CHUNK = 500
# a list of ids as one array parameter: one hash join, whatever the list's length (both backends)
_ANY = "(SELECT unnest(CAST(? AS TEXT[])))"
_LOOKUPS = 200  # ids up to which a lookup by id is one placeholder per id (index lookups) rather than _ANY

Merge = dict[str, Any]
Placement = dict[str, Any]


def _actor_row(actor: Actor) -> list[Any]:
    return [actor.id, actor.name, actor.type, json.dumps(actor.names, ensure_ascii=False, sort_keys=True),
            json.dumps(list(actor.aliases), ensure_ascii=False), actor.region, actor.ownership, actor.high_tech,
            actor.lab_level, actor.field, actor.merged_into]


# Rows read back were validated when written: records are built without validating again (model_construct),
# which is most of the cost of reading thousands of actors and relations for one page.
def _actor_from(row: Row, sources: Sequence[Provenance] = (), aliases: Sequence[str] = ()) -> Actor:
    own = tuple(json.loads(row["aliases"])) if row["aliases"] and row["aliases"] != "[]" else ()
    extra = tuple(a for a in aliases if a not in own and a != row["name"])
    return Actor.model_construct(
        id=row["id"], name=row["name"], type=row["type"],
        names=json.loads(row["names"]) if row["names"] and row["names"] != "{}" else {},
        aliases=own + extra, region=row["region"], ownership=row["ownership"],
        high_tech=None if row["high_tech"] is None else bool(row["high_tech"]), lab_level=row["lab_level"],
        field=row["field"], merged_into=row["merged_into"], sources=tuple(sources),
    )


def _ref(p: Provenance) -> str:
    """The key of one source of an actor: its row or fact; an editor's correction by what it says."""
    return p.row or p.fact or (p.quote or "" if p.source.startswith("editor ") else "")


def _relation_row(rel: Relation) -> list[Any]:
    p = rel.provenance
    return [rel.id, rel.source, rel.target, rel.type, rel.weight, rel.period, rel.weak, rel.label, p.source, p.row,
            p.fact, p.quote]


def _relation_from(row: Row) -> Relation:
    return Relation.model_construct(
        id=row["id"], source=row["source"], target=row["target"], type=row["type"], weight=float(row["weight"]),
        period=row["period"], weak=bool(row["weak"]), label=row["label"],
        provenance=Provenance.model_construct(source=row["prov_source"], row=row["prov_row"], fact=row["prov_fact"],
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


class ActorsMixin(ActorLinksMixin):
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
        rows = {(a, p.source, _ref(p)): [a, p.source, _ref(p), p.row, p.fact, p.quote] for a, p in pairs}
        self.execute_many("INSERT INTO actor_sources (actor, source, ref, row_ref, fact, quote) "
                          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", list(rows.values()))

    def add_relations(self, relations: Iterable[Relation]) -> int:
        """Store relations; ones already stored (same id) are kept. Returns how many are new. New ones join
        their ends' counts and the unclustered tail of ``actor_links``."""
        rows = list({r.id: _relation_row(r) for r in relations}.values())
        if not rows:
            return 0
        with self.transaction():
            known = {str(r["id"]) for i in range(0, len(rows), _LOOKUPS)
                     for r in self._by_ids("relations", "id", [row[0] for row in rows[i : i + _LOOKUPS]])}
            new = [row for row in rows if row[0] not in known]
            marks = ", ".join("?" for _ in _REL_COLS)
            self.execute_many(f"INSERT INTO relations ({', '.join(_REL_COLS)}) VALUES ({marks})", new)
            self._append_links([row[:5] for row in new])
            return len(new)

    def import_columns(
        self,
        actors: Mapping[str, Sequence[Any]],
        relations: Mapping[str, Sequence[Any]] | None = None,
        sources: Mapping[str, Sequence[Any]] | None = None,
    ) -> tuple[int, int]:
        """Bulk-load a large register already in columns (the actors, relations and actor_sources table's
        column names; NumPy arrays or lists): one vectorised insert per table, rows already stored are kept
        (same ids), so a re-import is a no-op. Returns (new actors, new relations). For millions of rows,
        where building an Actor and a Relation per row would cost more than the load itself."""
        with self.transaction():
            before = self.count_actors(include_merged=True), self.count_relations()
            self.insert_columns("actors", actors, skip_known=True)
            if sources is not None:
                self.insert_columns("actor_sources", sources, skip_known=True)
            if relations is not None:
                self.insert_columns("relations", relations, skip_known=True)
            added = self.count_actors(include_merged=True) - before[0], self.count_relations() - before[1]
            if added[1]:
                self.cluster_links()  # the relations by end, in actor order, counted per type
            return added

    # -- reading ------------------------------------------------------------------
    def actors_by_id(self, ids: Sequence[str]) -> dict[str, Actor]:
        """Actors (without provenance) by exact id; unknown ids are left out."""
        if not ids:
            return {}
        return {row["id"]: _actor_from(row) for row in self._by_ids("actors", ", ".join(_ACTOR_COLS), ids)}

    def _by_ids(self, table: str, cols: str, ids: Sequence[str]) -> list[Row]:
        """Rows of ``table`` by id: a short list (a page's worth) as placeholders, each an index lookup; a
        long one as one array parameter (a hash join, which reads the whole table)."""
        if len(ids) <= _LOOKUPS:
            return self.query(f"SELECT {cols} FROM {table} WHERE id IN ({', '.join('?' for _ in ids)})", list(ids))
        return self.query(f"SELECT {cols} FROM {table} WHERE id IN {_ANY}", [list(ids)])

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
        region: str | Sequence[str] | None, type: str | None, query: str | None, include_merged: bool, a: str = ""
    ) -> tuple[str, list[Any]]:
        where: list[str] = [] if include_merged else [f"{a}merged_into IS NULL"]
        params: list[Any] = []
        if region is not None:
            regions = [region] if isinstance(region, str) else list(region)
            where.append(f"{a}region IN ({', '.join('?' for _ in regions)})" if regions else "1 = 0")
            params += regions
        if type is not None:
            where.append(f"{a}type = ?")
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

    def relations_of(self, actor_id: str, *, limit: int | None = None, offset: int = 0, type: str | None = None,
                     after: tuple[float, str] | None = None) -> list[Relation]:
        """The relations of an actor and of the actors merged into it (ids as stored), heaviest first
        (weight, then type and id); ``limit``/``offset`` page them, ``type`` keeps one relation type and
        ``after`` (weight, id; with ``type``) starts after that relation (keyset paging).

        A hub's page reads only the page it shows: one range of its clustered relations per type
        (``actor_links``), then the page's whole rows by id."""
        members = self.members_of(self.canonical_id(actor_id))
        return self._relations_by_link(self.link_page(members, limit=limit, offset=offset, type=type, after=after))

    def first_relations_of(self, actor_id: str, *, per_type: int) -> list[Relation]:
        """The ``per_type`` heaviest relations of each type of an actor (with the actors merged into it), by type."""
        members = self.members_of(self.canonical_id(actor_id))
        return self._relations_by_link(self.first_links(members, per_type=per_type))

    def _relations_by_link(self, links: Sequence[Row]) -> list[Relation]:
        return self.relations_by_id([str(r["relation"]) for r in links])

    def relations_by_id(self, ids: Sequence[str]) -> list[Relation]:
        """Relations by id, in the order given (unknown ids left out): index lookups, 200 at a time."""
        by_id = {str(r["id"]): r for i in range(0, len(ids), _LOOKUPS)
                 for r in self._by_ids("relations", "*", ids[i : i + _LOOKUPS])}
        return [_relation_from(by_id[i]) for i in ids if i in by_id]

    def relation_counts(self, actor_id: str) -> dict[str, int]:
        """How many relations of each type an actor (with the actors merged into it) has: stored counts."""
        return self.link_counts(self.members_of(self.canonical_id(actor_id)))

    def edge_index(self) -> tuple[list[str], Sequence[int], Sequence[int], Sequence[float]]:
        """The whole network as numbered links, built in SQL: canonical actor ids (vertex i = ids[i], by id)
        and, per pair of distinct canonical actors, (i, j, number of relations) with i < j; merged ends
        are mapped to the actor they belong to. What whole-network analytics read at a million actors (the
        three columns come as NumPy arrays from DuckDB: no Python object per link)."""
        found = self.query_columns("SELECT id FROM actors WHERE merged_into IS NULL ORDER BY id")
        ids = [str(x) for x in found["id"]] if found else []
        cols = self.query_columns(
            "WITH v AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS ix FROM actors WHERE merged_into IS NULL), "
            "c AS (SELECT a.id, v.ix FROM actors a JOIN v ON v.id = COALESCE(a.merged_into, a.id)), "
            "e AS (SELECT LEAST(s.ix, t.ix) AS lo, GREATEST(s.ix, t.ix) AS hi FROM relations r "
            "JOIN c s ON s.id = r.source JOIN c t ON t.id = r.target) "
            "SELECT lo, hi, count(*) AS n FROM e WHERE lo <> hi GROUP BY lo, hi ORDER BY lo, hi")
        if not cols:
            return ids, [], [], []
        return ids, cols["lo"], cols["hi"], cols["n"]

    # -- stored whole-network analytics -------------------------------------------------
    def save_metrics(self, columns: Mapping[str, Sequence[Any]], run: Mapping[str, Any]) -> int:
        """Replace the stored analytics with one run's: ``columns`` (actor, degree, strength, betweenness,
        betweenness_norm, eigenvector, community), ``run`` (actors, relations, links, betweenness, seed,
        communities, seconds). Returns the run number."""
        names = ("actor", "degree", "strength", "betweenness", "betweenness_norm", "eigenvector", "community")
        with self.transaction():
            row = self.query_one("SELECT max(run) AS n FROM network_runs")
            number = int(row["n"] or 0) + 1 if row else 1
            self._run("DELETE FROM actor_metrics")
            self.insert_columns("actor_metrics", {n: columns[n] for n in names})
            keys = ("actors", "relations", "links", "betweenness", "seed", "communities", "seconds")
            self._run(f"INSERT INTO network_runs (run, {', '.join(keys)}) VALUES (?, {', '.join('?' for _ in keys)})",
                      [number, *(run[k] for k in keys)])
        return number

    def metrics_run(self) -> dict[str, Any] | None:
        """The last stored analytics run (when, over what, how betweenness was computed), or None."""
        return self.query_one("SELECT * FROM network_runs ORDER BY run DESC LIMIT 1")

    def metrics_of(self, actor_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored analytics of the listed actors (canonical ids; actors not in the last run are left out)."""
        if not actor_ids:
            return {}
        if len(actor_ids) <= _LOOKUPS:  # a page's worth: lookups (row groups pruned by id), not a hash join
            rows = self.query(f"SELECT * FROM actor_metrics WHERE actor IN ({', '.join('?' for _ in actor_ids)})",
                              list(actor_ids))
        else:
            rows = self.query(f"SELECT * FROM actor_metrics WHERE actor IN {_ANY}", [list(actor_ids)])
        return {str(r["actor"]): r for r in rows}

    def top_metrics(self, by: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """The actors leading one stored measure (degree, betweenness, eigenvector), with name, type and region."""
        if by not in ("degree", "betweenness", "eigenvector", "strength"):
            raise BadRequest(f"unknown measure {by!r}", hint="Use degree, betweenness or eigenvector.")
        return self.query(f"SELECT m.*, a.name, a.type, a.region FROM actor_metrics m JOIN actors a ON a.id = m.actor "
                          f"ORDER BY m.{by} DESC, m.actor LIMIT ?", (limit,))

    def top_local_metrics(self, regions: Sequence[str], *, types: Sequence[str] = (), field: str | None = None,
                          limit: int = 100) -> list[tuple[Actor, dict[str, Any]]]:
        """The canonical actors of ``regions`` (of ``types``, in ``field`` when given) leading by stored
        eigenvector centrality (then degree, id), each with its stored analytics."""
        where, params = self._actor_filters(list(regions), None, None, False, "a.")
        if types:
            where += f" AND a.type IN ({', '.join('?' for _ in types)})"
            params += list(types)
        if field is not None:
            where += " AND a.field = ?"
            params.append(field)
        cols = ", ".join(f"a.{c}" for c in _ACTOR_COLS)
        rows = self.query(f"SELECT m.*, {cols} FROM actors a JOIN actor_metrics m ON m.actor = a.id{where} "
                          "ORDER BY m.eigenvector DESC, m.degree DESC, a.id LIMIT ?", [*params, limit])
        return [(_actor_from(r), r) for r in rows]

    def count_actors_by_type(self, regions: Sequence[str]) -> dict[str, int]:
        """How many canonical actors of ``regions`` there are of each type."""
        where, params = self._actor_filters(list(regions), None, None, False)
        rows = self.query(f"SELECT type, count(*) AS n FROM actors{where} GROUP BY type ORDER BY type", params)
        return {str(r["type"]): int(r["n"]) for r in rows}

    def actor_fields(self, regions: Sequence[str]) -> list[str]:
        """The fields named by canonical actors of ``regions``, sorted."""
        where, params = self._actor_filters(list(regions), None, None, False)
        rows = self.query(f"SELECT DISTINCT field FROM actors{where} AND field IS NOT NULL ORDER BY field", params)
        return [str(r["field"]) for r in rows]

    def laboratories(self, regions: Sequence[str], levels: Sequence[str], *, limit: int = 500) -> list[Actor]:
        """The laboratories of ``regions`` at one of ``levels`` (state key ...), by name; up to ``limit``."""
        where, params = self._actor_filters(list(regions), "laboratory", None, False)
        where += f" AND lab_level IN ({', '.join('?' for _ in levels)})"
        rows = self.query(f"SELECT {', '.join(_ACTOR_COLS)} FROM actors{where} ORDER BY name, id LIMIT ?",
                          [*params, *levels, limit])
        return [_actor_from(r) for r in rows]

    def community_members(self, community: int, *, limit: int = 8) -> list[str]:
        """Names of a stored community's most central members (eigenvector), up to ``limit``."""
        rows = self.query("SELECT a.name FROM actor_metrics m JOIN actors a ON a.id = m.actor WHERE m.community = ? "
                          "ORDER BY m.eigenvector DESC, a.name LIMIT ?", (community, limit))
        return [str(r["name"]) for r in rows]

    def community_sizes(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """The largest stored communities: number and size."""
        return self.query("SELECT community, count(*) AS size FROM actor_metrics WHERE community IS NOT NULL "
                          "GROUP BY community ORDER BY size DESC, community LIMIT ?", (limit,))

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
        else:  # only the relations touching these actors (or actors merged into them): one pass, hash joins
            keep = set(actors)
            ids = sorted(keep)
            rows = self.query(f"WITH raw AS MATERIALIZED (SELECT id FROM actors WHERE id IN {_ANY} "
                              f"OR merged_into IN {_ANY}) {sql} WHERE r.source IN (SELECT id FROM raw) "
                              "OR r.target IN (SELECT id FROM raw) ORDER BY r.id", [ids, ids])
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

    def placements_of(self, actor: str) -> list[Placement]:
        """Editors' placements of one actor (and the actors merged into it), on every chain."""
        members = self.members_of(self.canonical_id(actor))
        return self.query(f"SELECT * FROM chain_placements WHERE actor IN ({', '.join('?' for _ in members)}) "
                          "ORDER BY chain, segment", members)

    def set_actor_type(self, actor: str, actor_type: str, *, by: str = "editor") -> None:
        """An editor corrects an actor's type; the correction is kept among the actor's sources (who, what)."""
        canonical = self.canonical_id(actor)
        with self.transaction():
            self._run("UPDATE actors SET type = ? WHERE id = ?", (actor_type, canonical))
            self._add_sources([(canonical, Provenance(source=f"editor {by}", row=None, fact=None,
                                                      quote=f"type corrected to {actor_type}"))])

    def list_placements(self, chain: str | None = None) -> list[Placement]:
        """Editors' placements, for one chain or all."""
        if chain is None:
            return self.query("SELECT * FROM chain_placements ORDER BY chain, segment, actor")
        return self.query("SELECT * FROM chain_placements WHERE chain = ? ORDER BY segment, actor", (chain,))
