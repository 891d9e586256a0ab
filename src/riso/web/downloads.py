"""Downloads of the dashboard's tables: the same rows the pages show, as CSV or XLSX, filtered by the same URL."""

from __future__ import annotations

from typing import Any, cast

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from riso.api._auth import reader, store_of
from riso.errors import NotFound
from riso.services.targets_table import TableQuery, filter_rows, target_rows, to_csv, to_xlsx
from riso.store.users import Account
from riso.web._render import language_of

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/downloads/charts/{target_id}.{fmt}")
def chart_download(request: Request, target_id: str, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """A target card's chart: the dashboard's SVG (in the UI language), or a PNG drawn for print."""
    store = store_of(request)
    if fmt == "png":
        from riso.services.progress import chart

        return Response(chart(store, target_id, fmt="png"), media_type="image/png",
                        headers={"Content-Disposition": f'attachment; filename="riso-chart-{_slug(target_id)}.png"'})
    if fmt != "svg":
        raise NotFound(f"no chart format {fmt!r}", hint="Choose SVG or PNG.")
    from riso.web.pages import _card
    from riso.web.target_chart import standalone

    lang = language_of(request)
    from riso.services.assessments import target_record

    try:
        item = target_record(store, target_id)
    except NotFound:
        raise NotFound(f"no target with id {target_id!r}", hint="Pick a target from the overview.") from None
    card = _card(item, lang, item["target"]["region"])
    body = standalone(card["chart"], source=card["source_line"])
    return Response(body, media_type="image/svg+xml",
                    headers={"Content-Disposition": f'attachment; filename="riso-chart-{_slug(target_id)}.svg"'})


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)


@router.get("/downloads/targets.{fmt}")
def targets_download(request: Request, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """The overview's targets table with its filters, as targets.csv or targets.xlsx."""
    if fmt not in ("csv", "xlsx"):
        raise NotFound(f"no download format {fmt!r}", hint="Choose CSV or Excel.")
    rows = filter_rows(target_rows(store_of(request), language=language_of(request)),
                       TableQuery.from_params(request.query_params))
    disposition = {"Content-Disposition": f'attachment; filename="riso-targets.{fmt}"'}
    if fmt == "csv":
        return Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers=disposition)
    return Response(to_xlsx(rows), media_type=XLSX, headers=disposition)


OBSERVATION_COLUMNS = (
    ("region", "region"), ("indicator", "indicator"), ("indicator_label", "indicator_label"), ("period", "period"),
    ("value", "value"), ("unit", "unit"), ("source", "dataset"), ("source_row", "source_row"), ("origin", "origin"),
)
RANK_COLUMNS = (
    ("region", "region"), ("indicator", "indicator"), ("indicator_label", "indicator_label"), ("value", "rank"),
    ("year", "year"), ("scope", "scope"), ("languages", "languages"), ("quote", "quote"), ("fact", "fact_id"),
)


def _table_response(rows: list[dict[str, object]], columns: tuple[tuple[str, str], ...], fmt: str,
                    name: str) -> Response:
    from riso.services.targets_table import to_csv as write_csv
    from riso.services.targets_table import to_xlsx as write_xlsx

    if fmt not in ("csv", "xlsx"):
        raise NotFound(f"no download format {fmt!r}", hint="Choose CSV or Excel.")
    disposition = {"Content-Disposition": f'attachment; filename="riso-{_slug(name)}.{fmt}"'}
    if fmt == "csv":
        return Response(write_csv(rows, columns), media_type="text/csv; charset=utf-8", headers=disposition)
    return Response(write_xlsx(rows, columns, sheet=name.rsplit("-", 1)[-1]), media_type=XLSX, headers=disposition)


def _known_region(store: object, region_id: str) -> None:
    from riso.services import overview

    if not any(r["id"] == region_id for r in overview.regions(store)):  # type: ignore[arg-type]
        raise NotFound(f"no region with id {region_id!r}", hint="Pick a region from the overview.")


@router.get("/downloads/regions/{region_id}/observations.{fmt}")
def observations_download(request: Request, region_id: str, fmt: str,
                          _: Account | None = Depends(reader)) -> Response:
    """A region's measured data, one observation per row with its dataset and file row."""
    from riso.services import overview

    store = store_of(request)
    _known_region(store, region_id)
    lang = language_of(request)
    rows = []
    for obs in store.list_observations(region=region_id):
        row: dict[str, object] = obs.model_dump()
        row["indicator_label"] = overview.indicator_label(obs.indicator, lang) or obs.indicator
        rows.append(row)
    return _table_response(rows, OBSERVATION_COLUMNS, fmt, f"{region_id}-observations")


@router.get("/downloads/regions/{region_id}/rankings.{fmt}")
def rankings_download(request: Request, region_id: str, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """A region's rankings as the page shows them (one row per ranking, languages that state it)."""
    from riso.services import overview, region_view

    store = store_of(request)
    _known_region(store, region_id)
    lang = language_of(request)
    rows = []
    for row in region_view.rank_rows(store.list_facts(region=region_id, kind="rank", limit=500)):
        fact = row["fact"]
        rows.append({**row, "region": region_id, "fact": fact.id, "quote": fact.quote,
                     "languages": " ".join(sorted(row["languages"])),
                     "indicator_label": overview.indicator_label(row["indicator"], lang) or fact.metric_text or ""})
    return _table_response(rows, RANK_COLUMNS, fmt, f"{region_id}-rankings")


ECO_ACTOR_COLUMNS = (
    ("id", "actor_id"), ("name", "name"), ("type", "type"), ("region", "region"), ("lab_level", "lab_level"),
    ("ownership", "ownership"), ("field", "field"), ("degree", "partners"), ("betweenness", "betweenness"),
    ("eigenvector", "eigenvector"), ("community", "community"), ("sources", "sources"),
)
ECO_RELATION_COLUMNS = (
    ("id", "relation_id"), ("source", "source_id"), ("source_name", "source_name"), ("target", "target_id"),
    ("target_name", "target_name"), ("type", "type"), ("weight", "weight"), ("period", "period"), ("weak", "weak"),
    ("label", "label"), ("evidence_source", "evidence_source"), ("evidence_row", "evidence_row"),
    ("evidence_fact", "evidence_fact"),
)
LEADER_COLUMNS = (
    ("rank", "rank"), ("actor", "actor_id"), ("name", "name"), ("score", "score"), ("segments", "own_segments"),
    ("centrality", "centrality"), ("partners", "partners"), ("size", "size"), ("relations", "relations"),
    ("reach", "reach"), ("upstream", "upstream_reached"), ("downstream", "downstream_reached"),
)
GAP_COLUMNS = (
    ("segment", "segment"), ("segment_name", "segment_name"), ("status", "status"), ("local", "local_actors"),
    ("partner_region", "partner_region"), ("partner_actors", "partner_actors"), ("examples", "partner_examples"),
)


def _ecosystem_data(request: Request, region_id: str) -> dict[str, object]:
    """The ecosystem as the page computes it, with the page's filters (actor_type, relation_type, field)."""
    from riso.model import ACTOR_TYPES, RELATION_TYPES
    from riso.services import network as network_service

    q = request.query_params
    types = [q["actor_type"]] if q.get("actor_type") in ACTOR_TYPES else []
    relations = [q["relation_type"]] if q.get("relation_type") in RELATION_TYPES else []
    return network_service.ecosystem(store_of(request), region_id, actor_types=types, relation_types=relations,
                                     field=q.get("field") or None, lang=language_of(request))


@router.get("/downloads/regions/{region_id}/ecosystem-actors.{fmt}")
def ecosystem_actors_download(request: Request, region_id: str, fmt: str,
                              _: Account | None = Depends(reader)) -> Response:
    """A region's actors as the ecosystem page lists them (local ones; the page's filters), with their
    centralities and the register rows each comes from."""
    data = _ecosystem_data(request, region_id)
    nodes = [n for n in data["nodes"] if n["local"]]  # type: ignore[attr-defined]
    sources = store_of(request).actor_sources([str(n["id"]) for n in nodes])
    rows = [{**n, "sources": "; ".join(f"{p.source} {p.row or p.fact or ''}".strip() for p in sources.get(n["id"], []))}
            for n in nodes]
    return _table_response(rows, ECO_ACTOR_COLUMNS, fmt, f"{region_id}-actors")


@router.get("/downloads/regions/{region_id}/ecosystem-relations.{fmt}")
def ecosystem_relations_download(request: Request, region_id: str, fmt: str,
                                 _: Account | None = Depends(reader)) -> Response:
    """A region's relations (the page's filters) with both ends' names and each relation's evidence."""
    data = _ecosystem_data(request, region_id)
    names = {str(n["id"]): n["name"] for n in data["nodes"]}  # type: ignore[attr-defined]
    rows = []
    for r in data["relations"]:  # type: ignore[attr-defined]
        ev = r["evidence"]
        rows.append({**r, "source_name": names.get(str(r["source"]), ""),
                     "target_name": names.get(str(r["target"]), ""), "evidence_source": ev["source"],
                     "evidence_row": ev["row"], "evidence_fact": ev["fact"]})
    return _table_response(rows, ECO_RELATION_COLUMNS, fmt, f"{region_id}-relations")


def _chain_data(request: Request, region_id: str, chain_id: str) -> tuple[dict[str, object], dict[str, str]]:
    from riso.network.chains import load_chains
    from riso.services import network as network_service

    view = network_service.chain_view(store_of(request), chain_id, region_id)
    lang = language_of(request)
    chain = load_chains()[chain_id]
    return view, {s.id: s.name(lang) for s in chain.segments}


@router.get("/downloads/regions/{region_id}/chains/{chain_id}/leaders.{fmt}")
def chain_leaders_download(request: Request, region_id: str, chain_id: str, fmt: str,
                           _: Account | None = Depends(reader)) -> Response:
    """A chain's leader candidates in a region, best first, with the evidence of the score."""
    view, segment_names = _chain_data(request, region_id, chain_id)

    def names(ids: list[str]) -> str:
        return "; ".join(segment_names.get(s, s) for s in ids)

    leaders = cast("list[dict[str, Any]]", view["leaders"])
    rows = [{"rank": k, "actor": x["actor"], "name": x["name"], "score": x["score"], **x["evidence"],
             "segments": names(x["segments"]), "upstream": names(x["evidence"]["upstream"]),
             "downstream": names(x["evidence"]["downstream"])}
            for k, x in enumerate(leaders, start=1)]
    return _table_response(rows, LEADER_COLUMNS, fmt, f"{region_id}-{chain_id}-leaders")


@router.get("/downloads/regions/{region_id}/chains/{chain_id}/gaps.{fmt}")
def chain_gaps_download(request: Request, region_id: str, chain_id: str, fmt: str,
                        _: Account | None = Depends(reader)) -> Response:
    """A chain's gaps in a region (segments with no or only weak local actors): one row per partner region
    that has strong actors there (a gap no region fills has one row without a partner)."""
    view, segment_names = _chain_data(request, region_id, chain_id)
    rows: list[dict[str, object]] = []
    for seg in view["segments"]:  # type: ignore[attr-defined]
        if seg["status"] == "covered":
            continue
        base = {"segment": seg["id"], "segment_name": segment_names.get(seg["id"], seg["id"]), "status": seg["status"],
                "local": ", ".join(str(x["name"]) for x in seg["local"])}
        partners = seg["partners"] or [{}]
        rows += [{**base, "partner_region": p.get("region"), "partner_actors": p.get("actors"),
                  "examples": ", ".join(p.get("examples", []))} for p in partners]
    return _table_response(rows, GAP_COLUMNS, fmt, f"{region_id}-{chain_id}-gaps")


@router.get("/downloads/report/{region_id}.{fmt}")
def report_download(request: Request, region_id: str, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """The briefing of a region (`riso report`) in the UI language, as HTML or PDF."""
    from riso.services import progress

    if fmt not in ("html", "pdf"):
        raise NotFound(f"no briefing format {fmt!r}", hint="Choose HTML or PDF.")
    store = store_of(request)
    _known_region(store, region_id)
    lang = language_of(request)
    html = progress.report(store, region=region_id, language=lang if lang in ("en", "zh") else "en")
    name = f'attachment; filename="riso-briefing-{_slug(region_id)}-{lang}.{fmt}"'
    if fmt == "html":
        return Response(html, media_type="text/html; charset=utf-8", headers={"Content-Disposition": name})
    return Response(progress.html_to_pdf(html), media_type="application/pdf", headers={"Content-Disposition": name})


COMPARE_COLUMNS = (
    ("indicator", "indicator"), ("indicator_label", "indicator_label"), ("region", "region"),
    ("region_name", "region_name"), ("comparator", "comparator"), ("target", "target"), ("unit", "unit"),
    ("deadline", "deadline"), ("latest", "latest_value"), ("latest_period", "latest_year"), ("status", "status"),
    ("status_group", "status_group"), ("id", "target_id"),
)
INDEX_COLUMNS = (("rank", "rank"), ("unit", "region"), ("name", "region_name"), ("score", "score"),
                 ("low", "rank_q5"), ("high", "rank_q95"))


@router.get("/downloads/compare/targets.{fmt}")
def compare_targets_download(request: Request, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """The side-by-side targets of the regions (r=) and indicators (i=) chosen on the comparison page."""
    from riso.services.targets_table import target_rows

    regions = request.query_params.getlist("r")
    indicators = request.query_params.getlist("i")
    rows = [r for r in target_rows(store_of(request), language=language_of(request))
            if (not regions or r["region"] in regions) and (not indicators or r["indicator"] in indicators)]
    return _table_response(rows, COMPARE_COLUMNS, fmt, "compare-targets")


@router.get("/downloads/compare/ranks.{fmt}")
def compare_ranks_download(request: Request, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """The composite index's ranks with their 5-95 % interval (csv, xlsx), or its rank chart (svg)."""
    from riso.web.pages import _index_section
    from riso.web.target_chart import standalone

    store = store_of(request)
    lang = language_of(request)
    view = _index_section(store, lang, request.query_params.get("index") or None,
                          request.query_params.get("unit") or None)
    if view is None:
        raise NotFound("no composite index is saved", hint="An index is built from measured data and saved first.")
    if fmt == "svg":
        return Response(standalone(view["chart"], source=view["chart_title"]), media_type="image/svg+xml",
                        headers={"Content-Disposition": 'attachment; filename="riso-index-ranks.svg"'})
    return _table_response(view["ranks"], INDEX_COLUMNS, fmt, "index-ranks")


@router.get("/downloads/compare/map.svg")
def compare_map_download(request: Request, _: Account | None = Depends(reader)) -> Response:
    """The comparison page's tile map as an SVG file (same map= and value= as the page)."""
    from riso.web.pages import _index_section, map_view, region_namer
    from riso.web.tilemap import standalone

    store = store_of(request)
    lang = language_of(request)
    params = request.query_params
    view = _index_section(store, lang, params.get("index") or None, None)
    shown = map_view(store, lang, params.get("map") or "china", params.get("value"), view, None,
                     region_namer(store, lang))
    if shown["map_svg"] is None:
        raise NotFound("no values for this map", hint="Upload measured data for the regions of this map.")
    return Response(standalone(shown["map_svg"]), media_type="image/svg+xml",
                    headers={"Content-Disposition": f'attachment; filename="riso-map-{_slug(shown["grid"].id)}.svg"'})


@router.get("/downloads/tables/{fact_id}.{fmt}")
def table_download(request: Request, fact_id: str, fmt: str, _: Account | None = Depends(reader)) -> Response:
    """A table fact as the comparison page shows it (headers and numbers in the UI language)."""
    from riso.services.compare_view import normalise_table
    from riso.web.pages import region_namer

    store = store_of(request)
    fact = store.get_fact(fact_id)
    lang = language_of(request)
    table = normalise_table(fact, lang, region_namer(store, lang), lambda v: v) if fact.kind == "table" else None
    if table is None:
        raise NotFound(f"fact {fact_id!r} is not a table", hint="Pick a table from the comparison page.")
    columns = tuple((str(j), str(c["text"])) for j, c in enumerate(table["columns"]))
    rows = [{str(j): cell["text"] for j, cell in enumerate(row)} for row in table["rows"]]
    return _table_response(rows, columns, fmt, "table")
