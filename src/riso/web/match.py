"""The matching pages (issue 14): a need with its ranked offers and why each fits, an offer with the
enterprises whose needs fit it, the intermediary's inbox with its decisions, the need editor (enter,
change, delete) and the offer-sheet import (patents, pilot bases, results from any CSV/XLSX).

Everything goes through ``riso.services.match`` (the functions the CLI and the API use). Only an editor
who is a member of a need's owning organisation may create, change or decide on it; the store checks
that (``require_org_editor``), the pages only hide the forms from others.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from riso.api._auth import check_csrf, current_user, editor, reader, store_of
from riso.catalog import load_catalog
from riso.errors import BadRequest, NotAuthenticated, RisoError
from riso.match import embed
from riso.match.concepts import load_concepts
from riso.match.engine import DEFAULT_WEIGHTS, HolderRecord
from riso.match.records import DECISIONS, OFFER_KINDS, URGENCIES, Decision, Need, Offer, need_id
from riso.match.sources import OFFER_COLUMNS, region_id
from riso.model import Provenance
from riso.services import match as match_service
from riso.store import Store
from riso.store.users import Account
from riso.web._render import language_of, render
from riso.web.forms import _local

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_EDIT_ROLES = ("editor", "admin")
_NEED_FIELDS = ("title", "text", "language", "industry", "region", "urgency", "contact", "owner")
_LIMITS = {"title": 500, "text": 5000, "industry": 200, "region": 100, "contact": 200, "owner": 200}


def _region_label(region: str | None, lang: str) -> str | None:
    """A region id shown by its name in the UI language (the id itself when the gazetteer lacks it)."""
    if not region:
        return None
    try:
        found = load_catalog().region(region)
    except Exception:
        return region
    names = getattr(found, "names", {}) or {}
    return str(names.get(lang) or found.name)


def _can_edit(store: Store, user: Account | None, owner: str) -> bool:
    """Whether the forms for a need of ``owner`` are shown (the store checks again on every write)."""
    return user is not None and user.role in _EDIT_ROLES and owner in store.organisations_of(user.name)


def _mode_key(run: match_service.MatchRun) -> str:
    """The i18n key saying which matcher ran and why."""
    if run.mode == "hybrid":
        return "match_mode_hybrid"
    if run.mode == "bm25":
        return "match_mode_bm25"
    return "match_mode_lexical_no_extra" if not embed.available() else "match_mode_lexical_no_vectors"


def _holder_lines(record: HolderRecord | None) -> dict[str, object] | None:
    if record is None:
        return None
    return {"offers": record.offers, "instruments": record.instruments, "laboratories": record.laboratories}


def _weights(store: Store, mode: str) -> dict[str, float]:
    weights = {**DEFAULT_WEIGHTS, **(store.get_weights() or {})}
    if mode != "hybrid":
        weights["embedding"] = 0.0
    return weights


def _explained(store: Store, run: match_service.MatchRun, lang: str, *, need_side: bool) -> list[dict[str, Any]]:
    """Each match of a run with what the page shows: the other record, labels in the UI language, the
    holder's record, the score's parts with their weights."""
    concepts = load_concepts()
    index, _ = match_service.offer_index(store)
    weights = _weights(store, run.mode)
    out: list[dict[str, Any]] = []
    actor_ids = []
    for m in run.matches:
        e = m.explanation
        row: dict[str, Any] = {"match": m, "explanation": e}
        if need_side:
            offer = store.get_offer(m.offer)
            row["offer"] = offer
            row["region_label"] = _region_label(offer.region, lang)
            row["holder"] = _holder_lines(index.records.get(offer.holder_actor or ""))
            if offer.holder_actor:
                actor_ids.append(offer.holder_actor)
        else:
            need = store.get_need(m.need)
            row["need"] = need
            row["region_label"] = _region_label(need.region, lang)
        row["concepts"] = [concepts.concepts[c].label(lang) if c in concepts.concepts else c for c in e.concepts]
        row["fields"] = [concepts.field_label(f, "zh" if lang == "zh" else "en") for f in e.fields]
        row["parts"] = [(name, m.components.get(name, 0.0), weights.get(name, 0.0))
                        for name in ("bm25", "concept", "field", "region", "holder", "embedding")
                        if name in m.components and (name != "embedding" or run.mode == "hybrid")]
        out.append(row)
    known = set(store.actors_by_id(actor_ids)) if actor_ids else set()
    for row in out:
        held = row.get("offer")
        row["actor_link"] = held is not None and held.holder_actor in known
    return out


def _latest(decisions: list[Decision]) -> dict[str, Decision]:
    """The latest decision per offer (decisions come oldest first)."""
    return {d.offer: d for d in decisions}


# -- the start page ----------------------------------------------------------------------
@router.get("/match", response_class=HTMLResponse)
def match_home(
    request: Request,
    q: str | None = Query(None, max_length=2000),
    language: str | None = Query(None, max_length=5),
    user: Account | None = Depends(reader),
) -> HTMLResponse:
    """The stored needs, a quick search of the offers in any language, and links to the inbox and editor."""
    store = store_of(request)
    lang = language_of(request)
    languages = load_concepts().languages
    results, run = [], None
    if q and q.strip():
        run = match_service.match_text(store, q.strip(), language=language if language in languages else None, k=10)
        results = _explained(store, run, lang, need_side=True)
    needs = store.list_needs(limit=500)
    orgs = store.organisations_of(user.name) if user else []
    return render(
        request, "match_home.html", needs=needs, offers=store.count_offers(), q=q or "",
        chosen_language=language or "", need_languages=languages, results=results, run=run,
        mode_key=_mode_key(run) if run else None, can_create=bool(user and user.role in _EDIT_ROLES and orgs),
        can_import=bool(user and user.role in _EDIT_ROLES), deleted=request.query_params.get("deleted"),
        region_label=lambda r: _region_label(r, lang),
    )


# -- the need editor (declared before /match/needs/{need_id} so "new" is not taken for an id) ----------
def _form_values(form: dict[str, str]) -> dict[str, str]:
    return {name: form.get(name, "").strip() for name in _NEED_FIELDS}


def _need_from_form(values: dict[str, str], need_id_: str, user: Account) -> Need:
    """A need from the editor's form; BadRequest saying what to fix."""
    for name, limit in _LIMITS.items():
        if len(values[name]) > limit:
            raise BadRequest(f"the {name} is longer than {limit} characters", hint=f"Shorten the {name}.")
    if not values["title"]:
        raise BadRequest("a need needs a title", hint="Say in one line what the enterprise needs.")
    if not values["owner"]:
        raise BadRequest("a need belongs to an organisation", hint="Pick the organisation that posts it.")
    languages = load_concepts().languages
    if values["language"] not in languages:
        raise BadRequest(f"unknown language {values['language']!r}", hint=f"Pick one of {', '.join(languages)}.")
    if values["urgency"] not in URGENCIES:
        raise BadRequest(f"unknown urgency {values['urgency']!r}", hint=f"Pick one of {', '.join(URGENCIES)}.")
    region = region_id(values["region"]) if values["region"] else None
    if values["region"] and region is None:
        raise BadRequest(f"unknown region {values['region']!r}",
                         hint="Give a province or city by name (Chongqing, 重庆) or id (CN-CQ), or leave it empty.")
    return Need(id=need_id_, title=values["title"], text=values["text"], language=values["language"],
                industry=values["industry"] or None, region=region, urgency=values["urgency"],  # type: ignore[arg-type]
                owner=values["owner"], contact=values["contact"] or None,
                provenance=Provenance(source=f"dashboard:{user.name}"))


def _form_page(request: Request, store: Store, user: Account, values: dict[str, str], *, need: Need | None,
               error: RisoError | None = None, status: int = 200) -> HTMLResponse:
    return render(request, "match_need_form.html", status=status, values=values, need=need, error=error,
                  orgs=store.organisations_of(user.name), need_languages=load_concepts().languages,
                  urgencies=URGENCIES)


@router.get("/match/needs/new", response_class=HTMLResponse)
def need_new_form(request: Request, user: Account = Depends(editor)) -> HTMLResponse:
    """The form for a new need (editors who are members of an organisation)."""
    store = store_of(request)
    orgs = store.organisations_of(user.name)
    values = {name: "" for name in _NEED_FIELDS} | {"language": language_of(request), "urgency": "normal",
                                                      "owner": orgs[0] if orgs else ""}
    return _form_page(request, store, user, values, need=None)


@router.post("/match/needs/new")
async def need_new_submit(request: Request, user: Account = Depends(editor)) -> Response:
    """Store a new need (CSRF-checked; the store refuses an organisation the user is not an editor of)."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf", ""))
    store = store_of(request)
    values = _form_values(form)
    try:
        need = _need_from_form(values, need_id(values["owner"] or "none", uuid.uuid4().hex[:12]), user)
        store.save_need(need, by=user.name)
    except RisoError as err:
        return _form_page(request, store, user, values, need=None, error=err, status=err.status)
    request.app.state.cache.clear()
    return RedirectResponse(f"/match/needs/{need.id}?saved=1", status_code=303)


@router.get("/match/needs/{need_id_}/edit", response_class=HTMLResponse)
def need_edit_form(request: Request, need_id_: str, user: Account = Depends(editor)) -> HTMLResponse:
    """The form to change a need: 403 unless the user is an editor of its owning organisation."""
    store = store_of(request)
    need = store.require_need_editor(need_id_, user.name)
    values = {"title": need.title, "text": need.text, "language": need.language, "industry": need.industry or "",
              "region": need.region or "", "urgency": need.urgency, "contact": need.contact or "",
              "owner": need.owner}
    return _form_page(request, store, user, values, need=need)


@router.post("/match/needs/{need_id_}/edit")
async def need_edit_submit(request: Request, need_id_: str, user: Account = Depends(editor)) -> Response:
    """Save the changed need (CSRF-checked; editors of its owning organisation, and of the new one if moved)."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf", ""))
    store = store_of(request)
    old = store.require_need_editor(need_id_, user.name)
    values = _form_values(form)
    try:
        need = _need_from_form(values, old.id, user)
        store.save_need(need, by=user.name)
    except RisoError as err:
        return _form_page(request, store, user, values, need=old, error=err, status=err.status)
    request.app.state.cache.clear()
    return RedirectResponse(f"/match/needs/{need.id}?saved=1", status_code=303)


@router.post("/match/needs/{need_id_}/delete")
async def need_delete_submit(request: Request, need_id_: str, user: Account = Depends(editor)) -> Response:
    """Delete a need and its decisions (CSRF-checked, the box ticked; editors of its owning organisation
    only, audited by the store), then go to the list of needs."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf", ""))
    store = store_of(request)
    need = store.require_need_editor(need_id_, user.name)
    if form.get("confirm") != "yes":
        values = {name: str(getattr(need, name) or "") for name in _NEED_FIELDS}
        err = BadRequest("the need was not deleted: the box saying so was not ticked",
                         hint="Tick the box to confirm, then delete.")
        return _form_page(request, store, user, values, need=need, error=err, status=err.status)
    store.delete_need(need.id, by=user.name)
    request.app.state.cache.clear()
    return RedirectResponse("/match?deleted=1", status_code=303)


# -- the offer-sheet import (declared before /match/offers/{offer_id}) ---------------------------
_SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def _import_owners(store: Store, user: Account) -> list[str]:
    """The organisations an editor may give imported offers to: theirs, and everyone's ("public")."""
    return [*store.organisations_of(user.name), "public"]


def _import_page(request: Request, store: Store, user: Account, *, values: dict[str, str] | None = None,
                 report: match_service.ImportReport | None = None, error: RisoError | None = None,
                 status: int = 200) -> HTMLResponse:
    owners = _import_owners(store, user)
    values = values or {"kind": "", "owner": owners[0], "columns": "", "skip_bad_rows": ""}
    return render(request, "match_import.html", status=status, values=values, report=report, error=error,
                  owners=owners, offer_kinds=OFFER_KINDS, offer_columns=OFFER_COLUMNS,
                  bad_rows=getattr(error, "rows", [])[:20])


def _columns(text: str) -> dict[str, str]:
    """NAME=HEADER lines (one per line or comma-separated) as a mapping; BadRequest naming a bad line."""
    out: dict[str, str] = {}
    for part in (p.strip() for line in text.splitlines() for p in line.split(",")):
        if not part:
            continue
        name, sep, header = part.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise BadRequest(f"cannot read the column mapping {part!r}", hint="Write NAME=HEADER, e.g. title=专利名称.")
        out[name.strip()] = header.strip()
    return out


@router.get("/match/offers/import", response_class=HTMLResponse)
def offer_import_form(request: Request, user: Account = Depends(editor)) -> HTMLResponse:
    """The form to import offers from a sheet (editors)."""
    return _import_page(request, store_of(request), user)


@router.post("/match/offers/import")
async def offer_import_submit(
    request: Request,
    file: UploadFile = File(...),
    kind: str = Form(""),
    owner: str = Form(""),
    columns: str = Form("", max_length=2000),
    skip_bad_rows: str = Form(""),
    csrf: str = Form(""),
    user: Account = Depends(editor),
) -> Response:
    """Import the uploaded sheet's offers (CSRF-checked; editors, for one of their organisations or the
    public), audited; shows what was read, stored and refused, line by line."""
    import tempfile
    from pathlib import Path

    from riso.api.documents import read_upload

    check_csrf(request, csrf)
    store = store_of(request)
    values = {"kind": kind, "owner": owner, "columns": columns, "skip_bad_rows": skip_bad_rows}
    name = Path(file.filename or "offers.csv").name
    try:
        if owner not in _import_owners(store, user):
            raise BadRequest(f"you cannot import offers for {owner!r}",
                             hint="Pick one of your organisations, or public.")
        if not name.lower().endswith(_SHEET_SUFFIXES):
            raise BadRequest(f"{name}: not a CSV or .xlsx file", hint="Save the sheet as .csv or .xlsx.")
        mapping = _columns(columns)
        data = await read_upload(request, file)
        with tempfile.TemporaryDirectory(prefix="riso-offers-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            report = await run_in_threadpool(
                match_service.import_offer_sheet, store, path, kind=kind or None, owner=owner,
                columns=mapping or None, skip_bad_rows=skip_bad_rows == "yes")
        store.audit(user.name, "match.offers.import", name,
                    {"owner": owner, "kind": kind or None, "rows": report.rows_read, "new": report.new,
                     "updated": report.updated, "skipped_bad": len(report.bad_rows)})
    except RisoError as err:
        return _import_page(request, store, user, values=values, error=err, status=err.status)
    request.app.state.cache.clear()
    return _import_page(request, store, user, values=values, report=report)


# -- a need and its offers, an offer and its needs ------------------------------------------
@router.get("/match/needs/{need_id_}", response_class=HTMLResponse)
def need_page(request: Request, need_id_: str, user: Account | None = Depends(reader)) -> HTMLResponse:
    """A need, its ranked offers (rejected ones left out) and why each fits; decisions for its editors."""
    store = store_of(request)
    lang = language_of(request)
    need = store.get_need(need_id_)
    run = match_service.match_need(store, need.id, k=10)
    decisions = store.list_decisions(need=need.id)
    return render(
        request, "match_need.html", need=need, run=run, mode_key=_mode_key(run),
        matches=_explained(store, run, lang, need_side=True), latest=_latest(decisions),
        decisions=list(reversed(decisions))[:50], can_edit=_can_edit(store, user, need.owner),
        need_region=_region_label(need.region, lang), decision_kinds=DECISIONS,
        saved=request.query_params.get("saved"), decided=request.query_params.get("decided"),
    )


@router.get("/match/offers/{offer_id}", response_class=HTMLResponse)
def offer_page(request: Request, offer_id: str, _: Account | None = Depends(reader)) -> HTMLResponse:
    """An offer with its source, and the enterprises whose needs fit it, best first."""
    store = store_of(request)
    lang = language_of(request)
    offer: Offer = store.get_offer(offer_id)
    run = match_service.match_offer(store, offer.id, k=10)
    index, _offers = match_service.offer_index(store)
    known = set(store.actors_by_id([offer.holder_actor])) if offer.holder_actor else set()
    return render(
        request, "match_offer.html", offer=offer, run=run, matches=_explained(store, run, lang, need_side=False),
        region=_region_label(offer.region, lang), holder=_holder_lines(index.records.get(offer.holder_actor or "")),
        actor_link=offer.holder_actor in known, offer_kinds=OFFER_KINDS,
    )


# -- the intermediary's inbox and decisions ----------------------------------------------
@router.get("/match/inbox", response_class=HTMLResponse)
def inbox_page(request: Request, user: Account | None = Depends(current_user)) -> HTMLResponse:
    """The best offers for each need of the user's organisations, with the latest decision and its forms."""
    if user is None:
        raise NotAuthenticated("the inbox is personal", hint="Log in to see your organisations' needs.")
    store = store_of(request)
    orgs = store.organisations_of(user.name)
    rows = match_service.inbox(store, user=user.name, k=5) if orgs else []
    groups: list[dict[str, Any]] = []
    concepts = load_concepts()
    lang = language_of(request)
    for row in rows:
        ids = row.get("concept_ids") or []
        row["labels"] = [concepts.concepts[c].label(lang) for c in ids if c in concepts.concepts]  # type: ignore[attr-defined]
        if not groups or groups[-1]["need"] != row["need"]:
            groups.append({"need": row["need"], "title": row["need_title"], "urgency": row["urgency"], "rows": []})
        groups[-1]["rows"].append(row)
    latest = {(d.need, d.offer): d for d in store.list_decisions()} if rows else {}
    return render(request, "match_inbox.html", orgs=orgs, groups=groups, latest=latest, decision_kinds=DECISIONS,
                  can_decide=user.role in _EDIT_ROLES, decided=request.query_params.get("decided"))


@router.post("/match/decide")
async def decide_submit(request: Request, user: Account = Depends(editor)) -> Response:
    """Record accept / reject / contact / deal on a match with who and when (CSRF-checked; editors of the
    need's organisation), then go back to the page the form was on."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf", ""))
    store = store_of(request)
    need, offer, decision = form.get("need", ""), form.get("offer", ""), form.get("decision", "")
    note = form.get("note", "").strip()[:2000] or None
    store.require_need_editor(need, user.name)
    match_service.decide(store, need, offer, decision, by=user.name, note=note)
    request.app.state.cache.clear()
    back = _local(form.get("next"))
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}decided={decision}", status_code=303)
