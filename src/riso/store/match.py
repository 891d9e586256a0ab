"""Store methods: technology-transfer offers and needs, organisation members, decisions, weights, embeddings.

A need belongs to an organisation; only an editor (or admin) who is a member of that organisation may
change it (``require_need_editor``). Every write to needs and decisions goes to the audit log.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from riso.errors import BadRequest, NotFound, PermissionDenied
from riso.match.records import DECISIONS, Decision, DecisionKind, Need, Offer
from riso.model import Provenance
from riso.store.base import Row, SQLBackend

__all__ = ["MatchMixin"]

_OFFER_COLS = ("id", "kind", "title", "body", "language", "holder", "holder_actor", "region", "field", "fields",
               "year", "owner", "prov_source", "prov_row", "quote")
_NEED_COLS = ("id", "title", "body", "language", "industry", "region", "urgency", "owner", "contact",
              "prov_source", "prov_row", "quote", "updated_by")
_EDIT_ROLES = ("editor", "admin")
_CHUNK = 500


def _offer_row(o: Offer) -> list[Any]:
    p = o.provenance
    return [o.id, o.kind, o.title, o.text, o.language, o.holder, o.holder_actor, o.region, o.field,
            json.dumps(list(o.fields)), o.year, o.owner, p.source, p.row, p.quote]


def _offer_from(r: Row) -> Offer:
    return Offer(id=r["id"], kind=r["kind"], title=r["title"], text=r["body"] or "", language=r["language"],
                 holder=r["holder"], holder_actor=r["holder_actor"], region=r["region"], field=r["field"],
                 fields=tuple(json.loads(r["fields"] or "[]")), year=r["year"], owner=r["owner"],
                 provenance=Provenance(source=r["prov_source"], row=r["prov_row"], quote=r["quote"]))


def _need_row(n: Need, by: str | None) -> list[Any]:
    p = n.provenance
    return [n.id, n.title, n.text, n.language, n.industry, n.region, n.urgency, n.owner, n.contact, p.source,
            p.row, p.quote, by]


def _need_from(r: Row) -> Need:
    return Need(id=r["id"], title=r["title"], text=r["body"] or "", language=r["language"], industry=r["industry"],
                region=r["region"], urgency=r["urgency"], owner=r["owner"], contact=r["contact"],
                provenance=Provenance(source=r["prov_source"], row=r["prov_row"], quote=r["quote"]))


if TYPE_CHECKING:
    import numpy as np

    from riso.store.users import Account


class MatchMixin(SQLBackend):
    """Offers, needs, organisation members, decisions, learned weights and embedding cache."""

    if TYPE_CHECKING:  # provided by UsersMixin in the assembled store
        def audit(self, actor: str, action: str, target: str | None = None, detail: object = None) -> None: ...
        def get_user(self, name: str) -> Account | None: ...
        def require_user(self, name: str) -> Account: ...

    # -- offers ------------------------------------------------------------------
    def upsert_offers(self, offers: Iterable[Offer]) -> tuple[int, int]:
        """Store offers; a known id is replaced. Returns (new, updated)."""
        batch = {o.id: o for o in offers}
        if not batch:
            return 0, 0
        with self.transaction():
            known = self._existing("match_offers", list(batch))
            for i in range(0, len(known), _CHUNK):
                chunk = sorted(known)[i : i + _CHUNK]
                self._run(f"DELETE FROM match_offers WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
            marks = ", ".join("?" for _ in _OFFER_COLS)
            self.execute_many(f"INSERT INTO match_offers ({', '.join(_OFFER_COLS)}) VALUES ({marks})",
                              [_offer_row(o) for o in batch.values()])
        return len(batch) - len(known), len(known)

    def _existing(self, table: str, ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            rows = self.query(f"SELECT id FROM {table} WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
            out.update(r["id"] for r in rows)
        return out

    def list_offers(self, *, kind: str | None = None, query: str | None = None, limit: int | None = None,
                    offset: int = 0) -> list[Offer]:
        """Offers by id, optionally of one kind or with text in the title or holder."""
        sql, params = f"SELECT {', '.join(_OFFER_COLS)} FROM match_offers WHERE 1=1", list[object]()
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        if query:
            sql += " AND (title LIKE ? OR holder LIKE ?)"
            params += [f"%{query}%", f"%{query}%"]
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_offer_from(r) for r in self.query(sql, params)]

    def count_offers(self) -> int:
        """How many offers are stored."""
        row = self.query_one("SELECT count(*) AS n FROM match_offers")
        return int(row["n"]) if row else 0

    def get_offer(self, offer_id: str) -> Offer:
        """One offer; raises NotFound."""
        row = self.query_one(f"SELECT {', '.join(_OFFER_COLS)} FROM match_offers WHERE id = ?", (offer_id,))
        if row is None:
            raise NotFound(f"no offer with id {offer_id!r}", hint="List offers with `riso match offers`.")
        return _offer_from(row)

    # -- needs -------------------------------------------------------------------
    def add_needs(self, needs: Iterable[Need], *, by: str | None = None) -> tuple[int, int]:
        """Store imported needs; a known id is replaced only when ``by`` may edit it. Returns (new, updated)."""
        batch = {n.id: n for n in needs}
        if not batch:
            return 0, 0
        with self.transaction():
            known = self._existing("match_needs", list(batch))
            for nid in sorted(known):
                if by is not None:
                    self.require_need_editor(nid, by)
                self._run("DELETE FROM match_needs WHERE id = ?", (nid,))
            marks = ", ".join("?" for _ in _NEED_COLS)
            self.execute_many(f"INSERT INTO match_needs ({', '.join(_NEED_COLS)}) VALUES ({marks})",
                              [_need_row(n, by) for n in batch.values()])
            self.audit(by or "import", "match.needs.import", None, {"new": len(batch) - len(known),
                                                                     "updated": len(known)})
        return len(batch) - len(known), len(known)

    def save_need(self, need: Need, *, by: str) -> Need:
        """Create or change a need as user ``by``; raises PermissionDenied unless an editor of its owner."""
        with self.transaction():
            self.require_org_editor(need.owner, by)
            row = self.query_one("SELECT owner FROM match_needs WHERE id = ?", (need.id,))
            if row is not None:
                self.require_org_editor(str(row["owner"]), by)
                self._run("DELETE FROM match_needs WHERE id = ?", (need.id,))
            marks = ", ".join("?" for _ in _NEED_COLS)
            self._run(f"INSERT INTO match_needs ({', '.join(_NEED_COLS)}) VALUES ({marks})", _need_row(need, by))
            self.audit(by, "match.need.update" if row else "match.need.create", need.id,
                       {"owner": need.owner, "title": need.title})
        return need

    def delete_need(self, need_id: str, *, by: str) -> None:
        """Remove a need (an editor of its owner only) and its decisions."""
        with self.transaction():
            self.require_need_editor(need_id, by)
            self._run("DELETE FROM match_decisions WHERE need = ?", (need_id,))
            self._run("DELETE FROM match_needs WHERE id = ?", (need_id,))
            self.audit(by, "match.need.delete", need_id)

    def get_need(self, need_id: str) -> Need:
        """One need; raises NotFound."""
        row = self.query_one(f"SELECT {', '.join(_NEED_COLS)} FROM match_needs WHERE id = ?", (need_id,))
        if row is None:
            raise NotFound(f"no need with id {need_id!r}", hint="List needs with `riso match needs`.")
        return _need_from(row)

    def list_needs(self, *, owner: str | None = None, limit: int | None = None, offset: int = 0) -> list[Need]:
        """Needs by id, optionally of one owner organisation."""
        sql, params = f"SELECT {', '.join(_NEED_COLS)} FROM match_needs", list[object]()
        if owner:
            sql += " WHERE owner = ?"
            params.append(owner)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_need_from(r) for r in self.query(sql, params)]

    # -- organisations and who may edit ---------------------------------------------
    def add_member(self, organisation: str, user: str) -> None:
        """Make a user a member of an organisation (idempotent)."""
        with self.transaction():
            self.require_user(user)
            self._run("DELETE FROM match_members WHERE organisation = ? AND user_name = ?", (organisation, user))
            self._run("INSERT INTO match_members (organisation, user_name) VALUES (?, ?)", (organisation, user))

    def organisations_of(self, user: str) -> list[str]:
        """The organisations a user belongs to."""
        rows = self.query("SELECT organisation FROM match_members WHERE user_name = ? ORDER BY organisation",
                          (user,))
        return [str(r["organisation"]) for r in rows]

    def require_org_editor(self, organisation: str, user: str) -> None:
        """Raise PermissionDenied unless ``user`` is an editor (or admin) and a member of ``organisation``."""
        account = self.get_user(user)
        if account is None or account.role not in _EDIT_ROLES:
            raise PermissionDenied(f"{user!r} is not an editor", hint="Ask an admin for the editor role.")
        if organisation not in self.organisations_of(user):
            raise PermissionDenied(f"{user!r} is not a member of {organisation!r}",
                                   hint="Only editors of the organisation that owns a need may change it.")

    def require_need_editor(self, need_id: str, user: str) -> Need:
        """The need, when ``user`` may edit it; raises NotFound or PermissionDenied."""
        need = self.get_need(need_id)
        self.require_org_editor(need.owner, user)
        return need

    # -- decisions and learned weights ------------------------------------------------
    def add_decision(self, decision: Decision) -> Decision:
        """Record an intermediary's decision on a match (with who and when) and audit it."""
        if decision.decision not in DECISIONS:
            raise BadRequest(f"unknown decision {decision.decision!r}", hint=f"Use one of {', '.join(DECISIONS)}.")
        with self.transaction():
            self.get_need(decision.need)
            self.get_offer(decision.offer)
            self._run("INSERT INTO match_decisions (id, need, offer, decision, by_whom, note, features) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (uuid.uuid4().hex, decision.need, decision.offer, decision.decision, decision.by,
                       decision.note, json.dumps(decision.features, sort_keys=True)))
            self.audit(decision.by, f"match.decision.{decision.decision}", f"{decision.need}|{decision.offer}",
                       {"note": decision.note})
        return decision

    def list_decisions(self, *, need: str | None = None, by: str | None = None) -> list[Decision]:
        """Decisions, oldest first (optionally for one need or by one user)."""
        sql, params = "SELECT need, offer, decision, by_whom, note, features, decided_at FROM match_decisions", []
        where = []
        if need:
            where.append("need = ?")
            params.append(need)
        if by:
            where.append("by_whom = ?")
            params.append(by)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY decided_at, id"
        out = []
        for r in self.query(sql, params):
            kind: DecisionKind = r["decision"]
            out.append(Decision(need=r["need"], offer=r["offer"], decision=kind, by=r["by_whom"], note=r["note"],
                                features=json.loads(r["features"] or "{}"), decided_at=str(r["decided_at"])))
        return out

    def save_weights(self, name: str, weights: dict[str, float], decisions: int) -> None:
        """Store learned weights under a name (``default`` is the one matching uses)."""
        with self.transaction():
            self._run("DELETE FROM match_weights WHERE name = ?", (name,))
            self._run("INSERT INTO match_weights (name, weights, decisions) VALUES (?, ?, ?)",
                      (name, json.dumps(weights, sort_keys=True), decisions))

    def get_weights(self, name: str = "default") -> dict[str, float] | None:
        """Learned weights, or None when none were learned."""
        row = self.query_one("SELECT weights FROM match_weights WHERE name = ?", (name,))
        return None if row is None else {k: float(v) for k, v in json.loads(row["weights"]).items()}

    # -- embeddings cache ---------------------------------------------------------------
    def get_embeddings(self, items: Sequence[str], model: str) -> dict[str, tuple[str, np.ndarray]]:
        """Cached vectors by item id: (digest of the text they encode, vector)."""
        import numpy as np  # here, not at the top: the store's other readers start without NumPy

        out: dict[str, tuple[str, np.ndarray]] = {}
        for i in range(0, len(items), _CHUNK):
            chunk = list(items[i : i + _CHUNK])
            rows = self.query(f"SELECT item, digest, vector FROM match_embeddings WHERE model = ? AND item IN "
                              f"({', '.join('?' for _ in chunk)})", [model, *chunk])
            for r in rows:
                out[r["item"]] = (r["digest"], np.frombuffer(bytes(r["vector"]), dtype=np.float32).copy())
        return out

    def put_embeddings(self, rows: Iterable[tuple[str, str, np.ndarray]], model: str) -> None:
        """Cache vectors: (item id, digest of its text, vector)."""
        import numpy as np

        batch = {item: (digest, vec) for item, digest, vec in rows}
        if not batch:
            return
        with self.transaction():
            ids = list(batch)
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                self._run(f"DELETE FROM match_embeddings WHERE model = ? AND item IN "
                          f"({', '.join('?' for _ in chunk)})", [model, *chunk])
            self.execute_many("INSERT INTO match_embeddings (item, model, digest, vector) VALUES (?, ?, ?, ?)",
                              [(i, model, d, np.asarray(v, dtype=np.float32).tobytes()) for i, (d, v) in batch.items()])
