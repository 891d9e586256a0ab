"""The ecosystem pages: a region's actors and relations, an actor with its evidence, a chain's leaders and gaps."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from riso.api._auth import check_csrf, editor, reader, store_of, web_session
from riso.catalog import load_catalog
from riso.errors import BadRequest as BadRequestError
from riso.errors import NotFound, RisoError
from riso.model import ACTOR_TYPES, RELATION_TYPES
from riso.network.chains import load_chains
from riso.services import network as network_service
from riso.store.users import Account
from riso.web._render import language_of, render
from riso.web.i18n import translate
from riso.web.netsvg import TYPE_COLOURS, graph_svg

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _region_label(region_id: str, lang: str) -> str:
    catalog = load_catalog()
    try:
        region = catalog.region(region_id)
    except Exception as err:
        raise NotFound(f"no region {region_id!r}", hint="Pick a region from the overview.") from err
    names = getattr(region, "names", {}) or {}
    return str(names.get(lang) or region.name)


def _names(lang: str, codes: dict[str, str]) -> dict[str, str]:
    """Region ids shown by their names in the UI language."""
    out = {}
    for code in codes:
        try:
            out[code] = _region_label(code, lang)
        except NotFound:
            out[code] = code
    return out


@router.get("/regions/{region_id}/ecosystem", response_class=HTMLResponse)
def ecosystem_page(
    request: Request,
    region_id: str,
    actor_type: str | None = Query(None, max_length=40),
    relation_type: str | None = Query(None, max_length=40),
    field: str | None = Query(None, max_length=200),
    _: Account | None = Depends(reader),
) -> HTMLResponse:
    """Who is in a region and who works with whom: graph, laboratories and hosts, leading actors, chains."""
    store = store_of(request)
    lang = language_of(request)
    label = _region_label(region_id, lang)
    types = [actor_type] if actor_type in ACTOR_TYPES else []
    relations = [relation_type] if relation_type in RELATION_TYPES else []
    data = network_service.ecosystem(store, region_id, actor_types=types, relation_types=relations,
                                     field=field or None, lang=lang, limit=network_service.ECOSYSTEM_NODES)
    nodes: list[dict[str, Any]] = data["nodes"]  # type: ignore[assignment]
    picture = graph_svg(nodes, data["relations"], title=translate(lang, "eco_graph_title", region=label))  # type: ignore[arg-type]
    local = [n for n in nodes if n["local"]]
    shown_types = sorted({str(n["type"]) for n in nodes})
    counted = data["counts"].get("relations_by_type")  # type: ignore[attr-defined]
    rel_counts = Counter(counted) if counted is not None else Counter(str(r["type"]) for r in data["relations"])  # type: ignore[attr-defined]
    chains = [(c.id, c.name(lang)) for c in load_chains().values()]
    chosen = {"actor_type": actor_type or "", "relation_type": relation_type or "", "field": field or ""}
    return render(
        request, "ecosystem.html",
        region_id=region_id, region_label=label, data=data, picture=picture,
        leaders=local[:25], shown_types=shown_types, colours=TYPE_COLOURS,
        actor_types=ACTOR_TYPES, relation_types=RELATION_TYPES, rel_counts=sorted(rel_counts.items()),
        chosen=chosen, download_query="?" + urlencode({k: v for k, v in chosen.items() if v}) if any(chosen.values())
        else "",
        chains=chains,
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(
    request: Request,
    actor_id: str,
    offset: int = Query(0, ge=0, le=10_000_000),
    relation_type: str | None = Query(None, max_length=40),
    after: str | None = Query(None, max_length=300),
    _: Account | None = Depends(reader),
) -> HTMLResponse:
    """An actor: what it is, where the record comes from, and its relations with their evidence: the
    heaviest of each type with the count of each type, then one type a page at a time (keyset ``after``)."""
    kind = relation_type if relation_type in RELATION_TYPES else None
    return _actor_render(request, actor_id, offset=offset, kind=kind, after=after)


def _actor_render(request: Request, actor_id: str, *, offset: int = 0, kind: str | None = None,
                  after: str | None = None, error: RisoError | None = None) -> HTMLResponse:
    store = store_of(request)
    lang = language_of(request)
    data = network_service.actor_page(store, actor_id, lang=lang, offset=offset, relation_type=kind, after=after)
    actor: dict[str, Any] = data["actor"]  # type: ignore[assignment]
    region = actor.get("region")
    region_label = _region_label(region, lang) if region else None
    names = actor.get("names") or {}
    citations: list[str] = []
    sources = cast("list[dict[str, Any]]", data["sources"])
    relations = cast("list[dict[str, Any]]", data["relations"])
    for item in [*sources, *(r["evidence"] for r in relations)]:
        item["file"], item["line"] = _row_ref(item.get("row"))
        if item["source"] not in citations:
            citations.append(item["source"])
        item["cite"] = citations.index(item["source"]) + 1
    return render(request, "actor.html", status=error.status if error else 200, data=data, actor=actor,
                  region_label=region_label, display_name=names.get(lang) or actor["name"], citations=citations,
                  **_edit_context(request, store, str(actor["id"]), lang, error))


def _edit_context(request: Request, store: Any, actor_id: str, lang: str, error: RisoError | None = None
                  ) -> dict[str, Any]:
    """What the editors' form needs: whether the visitor may edit, the chains and their segments, the actor's
    placements, and the outcome of the last edit."""
    session = web_session(request)
    if session is None or session.user.role not in ("editor", "admin"):
        return {"can_edit": False}
    chains = load_chains()
    return {
        "can_edit": True, "edit_error": error, "edited": request.query_params.get("edited"),
        "chain_options": [(c.id, c.name(lang), [(seg.id, seg.name(lang)) for seg in c.segments])
                          for c in chains.values()],
        "placements": [{**p, "chain_name": chains[p["chain"]].name(lang) if p["chain"] in chains else p["chain"],
                        "segment_name": next((seg.name(lang) for seg in chains[p["chain"]].segments
                                              if seg.id == p["segment"]), p["segment"]) if p["chain"] in chains
                        else p["segment"]}
                       for p in store.placements_of(actor_id)],
        "actor_types": ACTOR_TYPES,
    }


def _edited(actor_id: str, what: str) -> Response:
    return RedirectResponse(f"/actors/{actor_id}?edited={what}#edit", status_code=303)


def _failed(request: Request, actor_id: str, err: RisoError) -> HTMLResponse:
    """The actor page again with the error above the form (the edit is not made)."""
    return _actor_render(request, actor_id, error=err)


@router.post("/actors/{actor_id}/place")
def place_submit(request: Request, actor_id: str, target: str = Form(..., max_length=200),
                 action: str = Form("place", pattern="^(place|remove)$"), note: str = Form("", max_length=500),
                 csrf: str = Form(""), user: Account = Depends(editor)) -> Response:
    """Place the actor on a chain segment (``chain/segment``) or take it off (editors; CSRF-checked)."""
    check_csrf(request, csrf)
    chain, _, segment = target.partition("/")
    try:
        canonical = network_service.place_actor(store_of(request), chain, segment, actor_id,
                                                placed=action == "place", by=user.name, note=note)
    except RisoError as err:
        return _failed(request, actor_id, err)
    request.app.state.cache.clear()
    return _edited(canonical, "placed" if action == "place" else "removed")


@router.post("/actors/{actor_id}/type")
def type_submit(request: Request, actor_id: str, actor_type: str = Form(..., max_length=40), csrf: str = Form(""),
                user: Account = Depends(editor)) -> Response:
    """Correct the actor's type (editors; CSRF-checked; the correction is kept among its sources)."""
    check_csrf(request, csrf)
    try:
        canonical = network_service.correct_type(store_of(request), actor_id, actor_type, by=user.name)
    except RisoError as err:
        return _failed(request, actor_id, err)
    request.app.state.cache.clear()
    return _edited(canonical, "typed")


@router.post("/actors/{actor_id}/merge")
def merge_submit(request: Request, actor_id: str, other: str = Form(..., max_length=200),
                 reason: str = Form("", max_length=500), csrf: str = Form(""),
                 user: Account = Depends(editor)) -> Response:
    """Merge another record (by its id) into this actor: one organisation under two records; reversible."""
    check_csrf(request, csrf)
    store = store_of(request)
    try:
        if store.canonical_id(other.strip()) == store.canonical_id(actor_id):
            raise BadRequestError("an actor cannot be merged into itself", hint="Give the id of another record.")
        store.merge_actors(actor_id, other.strip(), reason=reason, by=user.name)
    except RisoError as err:
        return _failed(request, actor_id, err)
    request.app.state.cache.clear()
    return _edited(store.canonical_id(actor_id), "merged")


@router.post("/actors/{actor_id}/unmerge")
def unmerge_submit(request: Request, actor_id: str, member: str = Form(..., max_length=200), csrf: str = Form(""),
                   user: Account = Depends(editor)) -> Response:
    """Split a merged record off this actor again."""
    check_csrf(request, csrf)
    try:
        store_of(request).unmerge_actor(member, by=user.name)
    except RisoError as err:
        return _failed(request, actor_id, err)
    request.app.state.cache.clear()
    return _edited(actor_id, "unmerged")


def _row_ref(row: object) -> tuple[str | None, str | None]:
    """A register row reference ``file.csv:788`` as (file, line)."""
    if not row:
        return None, None
    name, _, line = str(row).rpartition(":")
    return (name, line) if name and line.isdigit() else (str(row), None)


@router.get("/regions/{region_id}/chains/{chain_id}", response_class=HTMLResponse)
def chain_page(request: Request, region_id: str, chain_id: str, _: Account | None = Depends(reader)) -> HTMLResponse:
    """One industry chain in one region: segments upstream to downstream, local actors, leaders, gaps."""
    store = store_of(request)
    lang = language_of(request)
    label = _region_label(region_id, lang)
    view = network_service.chain_view(store, chain_id, region_id)
    chain = load_chains()[chain_id]
    partner_regions: dict[str, str] = {}
    for seg in view["segments"]:  # type: ignore[attr-defined]
        seg["label"] = seg["names"].get(lang) or seg["names"].get("en") or seg["id"]
        for p in seg["partners"]:
            partner_regions[str(p["region"])] = ""
    segment_names = {s.id: s.name(lang) for s in chain.segments}
    return render(request, "chain.html", region_id=region_id, region_label=label, view=view,
                  chain_name=chain.name(lang), segment_names=segment_names,
                  region_names=_names(lang, partner_regions),
                  chains=[(c.id, c.name(lang)) for c in load_chains().values()])
