"""/api/v1/network and /api/v1/actors: the innovation ecosystem (actors, relations, chains) as resources."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from riso.api._auth import reader, require_role, store_of
from riso.api._render import Paging, page, paging, respond
from riso.errors import BadRequest
from riso.network.chains import load_chains
from riso.services import network as network_service
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(tags=["network"])

_LANG = Query("en", pattern="^[a-z]{2}$", description="Language of actor names where several are known.")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@router.get("/network/regions/{region}", summary="A region's ecosystem")
async def region_ecosystem(
    request: Request,
    region: str,
    actor_type: str | None = Query(None, description="Comma-separated actor types, e.g. laboratory,university."),
    relation_type: str | None = Query(None, description="Comma-separated relation types, e.g. hosting,cooperation."),
    field: str | None = Query(None, description="A register field (a laboratory's area)."),
    lang: str = _LANG,
    _: Account | None = Depends(reader),
) -> Response:
    """Actors with centralities and communities, relations with evidence, state key labs and hosts,
    the triple-helix balance."""
    return await respond(request, lambda: network_service.ecosystem(
        store_of(request), region, actor_types=_split(actor_type), relation_types=_split(relation_type),
        field=field, lang=lang))


@router.get("/network/regions/{region}/export", summary="A region's ecosystem graph as GraphML or CSV")
async def region_export(
    request: Request,
    region: str,
    graph: str = Query("graphml", pattern="^(graphml|csv)$", description="graphml or csv (an edge list)."),
    _: Account | None = Depends(reader),
) -> Response:
    """The graph file a network tool (Gephi, igraph, networkx) opens."""
    body = network_service.export_graph(store_of(request), region, fmt=graph)
    media = "application/graphml+xml" if graph == "graphml" else "text/csv; charset=utf-8"
    name = f"{region}-ecosystem.{graph}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/network/analytics", summary="Centralities, communities and brokers")
async def network_analytics(
    request: Request,
    region: str | None = Query(None, description="Limit to one region (and the regions inside it)."),
    top: int = Query(20, ge=1, le=200),
    _: Account | None = Depends(reader),
) -> Response:
    """Degree, betweenness and eigenvector leaders, Leiden communities, brokers between provinces."""
    return await respond(request, lambda: network_service.analytics(store_of(request), region=region, top=top))


@router.get("/network/triple-helix", summary="Government-industry-academia balance per province")
async def triple_helix(request: Request, paged: Paging = Depends(paging),
                       _: Account | None = Depends(reader)) -> Response:
    """Actors and links per helix sector, per province."""

    def compute() -> dict[str, object]:
        rows = network_service.triple_helix_by_region(store_of(request))
        return page(request, rows[paged.offset : paged.offset + paged.limit], len(rows), paged)

    return await respond(request, compute)


@router.get("/network/clusters", summary="Cooperation between the national clusters")
async def clusters(request: Request, _: Account | None = Depends(reader)) -> Response:
    """Relations between the Yangtze River Delta, the Greater Bay Area and the Chengdu-Chongqing circle."""
    return await respond(request, lambda: network_service.cluster_cooperation(store_of(request)))


@router.get("/network/chains", summary="The industry chains")
async def list_chains(request: Request, lang: str = _LANG, _: Account | None = Depends(reader)) -> Response:
    """Each chain with its segments from upstream to downstream and its sources."""

    def compute() -> dict[str, object]:
        items = [{"id": c.id, "name": c.name(lang), "sources": list(c.sources),
                  "segments": [{"id": s.id, "name": s.name(lang)} for s in c.segments]}
                 for c in load_chains().values()]
        return {"items": items, "total": len(items)}

    return await respond(request, compute)


@router.get("/network/chains/{chain}/{region}", summary="One chain in one region: leaders and gaps")
async def chain_in_region(request: Request, chain: str, region: str,
                          _: Account | None = Depends(reader)) -> Response:
    """Segments with local actors and evidence, chain-leader candidates, gaps with partner regions."""
    return await respond(request, lambda: network_service.chain_view(store_of(request), chain, region))


@router.get("/actors", summary="Actors")
async def list_actors(
    request: Request,
    region: str | None = Query(None, description="A region id; includes the regions inside it."),
    actor_type: str | None = Query(None, description="Comma-separated actor types."),
    q: str | None = Query(None, max_length=200, description="Part of a name, in any language."),
    paged: Paging = Depends(paging),
    _: Account | None = Depends(reader),
) -> Response:
    """Actors with type, region, lab level, ownership and field."""

    def compute() -> dict[str, object]:
        store = store_of(request)
        regions = network_service.region_ids(region) if region else None
        types = _split(actor_type)
        if len(types) > 1:
            raise BadRequest("filter actors by one type at a time", hint="Use actor_type=laboratory, say.")
        kind = types[0] if types else None
        actors = store.list_actors(region=regions, type=kind, query=q, limit=paged.limit, offset=paged.offset)
        total = store.count_actors(region=regions, type=kind) if not q else None
        items = [network_service.actor_json(a) for a in actors]
        return page(request, items, total if total is not None else paged.offset + len(items), paged)

    return await respond(request, compute)


@router.get("/actors/{actor_id}", summary="One actor with its relations and their evidence")
async def get_actor(request: Request, actor_id: str, lang: str = _LANG,
                    _: Account | None = Depends(reader)) -> Response:
    """The actor, its sources (register rows, facts), merged members and every relation's evidence."""
    return await respond(request, lambda: network_service.actor_page(store_of(request), actor_id, lang=lang))


@router.post("/actors/{winner}/merge/{loser}", summary="Merge two actors (editors)")
async def merge(request: Request, winner: str, loser: str, reason: str = Query("", max_length=500),
                user: Account = Depends(require_role("editor"))) -> dict[str, object]:
    """One organisation under two records: the loser's relations and sources move to the winner; reversible."""
    if winner == loser:
        raise BadRequest("an actor cannot be merged into itself", hint="Pick two different actors.")
    store = store_of(request)
    store.merge_actors(winner, loser, reason=reason, by=user.name)
    request.app.state.cache.clear()
    return {"winner": store.canonical_id(winner), "loser": loser}


@router.post("/actors/{actor_id}/unmerge", summary="Undo a merge (editors)")
async def unmerge(request: Request, actor_id: str, user: Account = Depends(require_role("editor"))) -> dict[str, str]:
    """Split a merged actor off again."""
    store = store_of(request)
    winner = store.unmerge_actor(actor_id, by=user.name)
    request.app.state.cache.clear()
    return {"actor": actor_id, "was_merged_into": winner}


@router.post("/network/chains/{chain}/placements", summary="Place an actor on a chain segment (editors)")
async def place(request: Request, chain: str, segment: str = Query(..., max_length=80),
                actor: str = Query(..., max_length=200), placed: bool = Query(True, description="false takes it off."),
                note: str = Query("", max_length=500),
                user: Account = Depends(require_role("editor"))) -> dict[str, object]:
    """An editor's choice overrides the rules that place actors from register fields and names."""
    canonical = network_service.place_actor(store_of(request), chain, segment, actor, placed=placed, by=user.name,
                                            note=note)
    request.app.state.cache.clear()
    return {"chain": chain, "segment": segment, "actor": canonical, "placed": placed}


@router.post("/actors/{actor_id}/type", summary="Correct an actor's type (editors)")
async def set_type(request: Request, actor_id: str, type: str = Query(..., max_length=40),
                   user: Account = Depends(require_role("editor"))) -> dict[str, str]:
    """The correction is kept among the actor's sources, with who made it."""
    canonical = network_service.correct_type(store_of(request), actor_id, type, by=user.name)
    request.app.state.cache.clear()
    return {"actor": canonical, "type": type}
