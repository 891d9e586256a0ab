"""The dashboard's read pages: overview, region, story, evidence, document, comparison, search."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from riso.api._auth import reader, store_of
from riso.errors import NotFound
from riso.model import Document, Fact
from riso.services import overview, region_view
from riso.services.review import review_threshold
from riso.services.targets_table import SORTS, TableQuery, table_page, target_rows
from riso.store.users import Account
from riso.web._format import unit_name, with_unit
from riso.web._render import highlight, language_of, render, render_block
from riso.web.charts import RankBar, rank_chart
from riso.web.i18n import translate
from riso.web.review import review_context, split_headline
from riso.web.target_chart import ChartText, Projection, target_chart

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
MAX_CHOICES = 300  # past this many regions, the overview's region filter is a code field with suggestions
MAX_CARDS = 48  # region cards on the overview (the busiest first); the others through the filter or search


def _region_names(store: Any) -> dict[str, str]:
    return {r["id"]: r["name"] for r in overview.regions(store)}


def _label(region: dict[str, Any], lang: str) -> str:
    return str(region.get("names", {}).get(lang) or region["name"])


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, _: Account | None = Depends(reader)) -> HTMLResponse:
    """The targets table across regions (filters and order in the URL), then regions, stories and documents."""
    store = store_of(request)
    lang = language_of(request)
    query = TableQuery.from_params(request.query_params)

    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    threshold = review_threshold(store)

    def compute() -> dict[str, Any]:
        return {
            "regions": overview.regions(store),
            "documents": store.latest_documents(limit=10),
            "stories": overview.stories(store),
        }

    # The page's lists are the same for every reader of one language (kept by the read cache, which every
    # write drops); the targets table is one page of rows filtered, counted and paged by the store from the
    # stored assessments (`riso.services.assessments`), so the page costs the same at any number of targets.
    data = request.app.state.cache.remember(f"page:/|{lang}", compute)

    def body() -> Markup:
        table = table_page(store, query, threshold=threshold, language=lang, page=page)
        regions, per_region = data["regions"], table.per_region
        unsure = store.count_assessments() - table.total
        busiest = sorted(per_region, key=lambda r: -per_region[r])[:MAX_CHOICES]
        names = dict(table.choices["region"])
        return render_block(
            request,
            "overview.html",
            "main",
            regions=[r for r in regions if r["facts"] or r["id"] in per_region],
            quiet_regions=[r for r in regions if not r["facts"] and r["id"] not in per_region],
            per_region=per_region,
            statuses=table.statuses,
            rows=table.rows,
            shown=table.shown,
            total=table.total,
            page=table.page,
            pages=table.pages,
            query=query,
            choices=table.choices,
            sorts=SORTS,
            max_choices=MAX_CHOICES,
            max_cards=MAX_CARDS,
            region_hints=[(r, names.get(r, r)) for r in busiest],
            unsure_targets=unsure,
            documents=data["documents"],
            stories=data["stories"],
        )

    # The table and lists as HTML, once per language, filter set and page (nothing in them depends on who reads):
    # a request then only renders the frame with the reader's name and CSRF token around them.
    key = f"page:/|{lang}|html|{page}|" + "&".join(f"{k}={v}" for k, v in sorted(query.params().items()))
    return render(request, "overview.html", main_html=request.app.state.cache.remember(key, body))


def _reason_code(reason: str | None) -> str | None:
    """The code of a not-assessable reason from its English words (the progress stage reports words)."""
    from riso.report.labels import labels

    if reason is None:
        return None
    words = {str(v): str(k) for k, v in labels()["reason"].items()}
    return words.get(reason, reason if reason in labels()["reason"] else None)


def _unit_label(unit: str | None, lang: str) -> str:
    if not unit or unit in ("count",):
        return translate(lang, "unit_count")
    return unit_name(unit, lang)


def _card(item: dict[str, Any], lang: str, region_label: str) -> dict[str, Any]:
    """A target card's view: title, chart, progress in words, quotes one per language, what data would assess it."""
    target = item["target"]
    item["title"] = _target_title(item, lang)
    series = []
    for obs in item.get("series") or []:
        year = str(obs.get("period", ""))[:4]
        if year.isdigit() and obs.get("value") is not None:
            series.append((float(year), float(obs["value"])))
    series.sort()
    projection = item.get("projection") or {}
    band = None
    if projection.get("value") is not None:
        low, high = ([*list(projection.get("interval") or []), None, None])[:2]
        band = Projection(float(projection["value"]), low, high)
    unit = target.get("unit")
    words = ChartText(
        title=translate(lang, "chart_label", indicator=item["title"]), x_axis=translate(lang, "chart_x_axis"),
        y_axis=_unit_label(unit, lang), observed=translate(lang, "chart_observed"),
        target=translate(lang, "chart_target"), projection=translate(lang, "chart_projection"),
        no_data=translate(lang, "chart_no_data"),
    )
    item["chart"] = target_chart(series, target=float(target["value"]), deadline=int(target["deadline"]),
                                 unit=unit_name(unit, lang) if unit else unit, text=words, projection=band)
    share = overview.completion(item)
    item["percent"] = None if share is None else round(share * 100)
    latest, start = item.get("latest") or {}, item.get("start") or {}
    if share is not None and start.get("value") is not None:
        item["progress_words"] = translate(
            lang, "progress_words", start_year=start.get("period"), start=with_unit(start["value"], unit, lang),
            latest_year=latest.get("period"), latest=with_unit(latest.get("value"), unit, lang),
            target=with_unit(target["value"], unit, lang), percent=item["percent"])
    elif share is not None:
        item["progress_words"] = translate(
            lang, "progress_words_ratio", latest=with_unit(latest.get("value"), unit, lang),
            target=with_unit(target["value"], unit, lang), percent=item["percent"])
    datasets = [s for s in item.get("sources") or [] if s.get("kind") == "dataset"]
    documents = [s for s in item.get("sources") or [] if s.get("kind") != "dataset"]
    by_language: dict[str, list[dict[str, Any]]] = {}
    for source in documents:
        by_language.setdefault(str(source.get("language") or ""), []).append(source)
    item["quotes"] = [(lang_code, found[0], found[1:]) for lang_code, found in sorted(by_language.items())]
    item["datasets"] = datasets
    item["source_line"] = "; ".join(str(s.get("citation") or "") for s in datasets if s.get("citation"))
    item["reason_code"] = _reason_code(item.get("reason"))
    item["needs"] = translate(lang, "needs_data", indicator=item["title"], region=region_label,
                              unit=_unit_label(unit, lang), deadline=target["deadline"])
    return item


@router.get("/regions/{region_id}", response_class=HTMLResponse)
def region_page(
    request: Request,
    region_id: str,
    obs_page: int = Query(1, ge=1, le=1_000_000),
    fig_page: int = Query(1, ge=1, le=1_000_000),
    _: Account | None = Depends(reader),
) -> HTMLResponse:
    """A region: its summary, targets as cards, strategy (entities once across languages), clusters, rankings,
    reported figures and measured data (both paged)."""
    store = store_of(request)
    lang = language_of(request)
    every = overview.region_index(store)
    region = every.get(region_id)
    if region is None:
        raise NotFound(f"no region with id {region_id!r}", hint="Pick a region from the overview.")
    # the region's facts once (through the region's index), split by kind: entities, glossary, rankings
    of_kind: dict[str, list[Fact]] = {"entity": [], "glossary": [], "rank": [], "target": []}
    for fact in store.region_facts(region_id, list(of_kind)):
        of_kind[fact.kind].append(fact)
    entities, glossary = of_kind["entity"], of_kind["glossary"]
    threshold = review_threshold(store)
    from riso.services.assessments import stored_records
    from riso.services.progress import sync_targets

    sync_targets(store)
    cards = stored_records(store, region=region_id, region_facts=of_kind["target"])  # the quotes from those facts
    cards, unsure = split_headline(store, cards)  # targets to review are listed apart, never as headline cards
    for item in unsure:
        item["title"] = _target_title(item, lang)
    region_label = _label(region, lang)
    cards = [_card(item, lang, region_label) for item in cards]
    def name_of(code: str | None) -> str:
        if not code:
            return ""
        found = every.get(code)
        return str(found["names"].get(lang) or found["name"]) if found else code

    ranks = region_view.rank_rows(of_kind["rank"][:500])
    for row in ranks:
        row["label"] = _indicator_name(row["indicator"], row["fact"].metric_text, lang)
        row["scope_label"] = _scope_label(row["scope"], lang, name_of)
    figures_total = store.count_facts(region=region_id, kind="measurement")
    fig_page = max(1, min(fig_page, max(1, -(-figures_total // region_view.PAGE))))
    figures = store.list_facts(region=region_id, kind="measurement", limit=region_view.PAGE,
                               offset=(fig_page - 1) * region_view.PAGE)
    observations, obs_total = region_view.observations_page(store, region_id, obs_page)
    for obs in observations:
        obs["label"] = _indicator_name(obs["indicator"], None, lang)
    changes = region_view.latest_changes(store, region_id)
    for change in changes:
        change["label"] = _indicator_name(change["indicator"], None, lang)
    rank = region_view.index_rank(store, region_id, lang)
    groups = region_view.entity_groups(store, entities, glossary)
    names = {code: {**every[code]["names"], "": every[code]["name"]}
             for code in {g.region for g in groups if g.region} if code in every}
    strategy: dict[str, list[dict[str, Any]]] = {}
    for group in groups:
        shown, shown_lang, fact = group.shown(lang, names)
        strategy.setdefault(group.heading, []).append(
            {"name": shown, "lang": shown_lang, "fact": fact, "others": group.others(shown_lang),
             "region": group.region if group.region != region_id else None, "definition": group.definition})
    members = [(m, name_of(m)) for m in region.get("members") or []]
    part_of = [(code, name_of(code)) for code in overview.clusters_of(store, region_id)]
    return render(
        request,
        "region.html",
        region=region,
        region_label=region_label,
        summary=region_view.status_summary(cards),
        rank=rank,
        changes=changes,
        strategy=sorted(strategy.items(), key=lambda kv: region_view.HEADING_ORDER.index(kv[0])
                        if kv[0] in region_view.HEADING_ORDER else 99),
        members=members,
        part_of=part_of,
        cards=cards,
        unsure=unsure,
        ranks=ranks,
        figures=figures,
        figures_total=figures_total,
        fig_page=fig_page,
        observations=observations,
        obs_total=obs_total,
        obs_page=obs_page,
        page_size=region_view.PAGE,
        figure_label=lambda f: _indicator_name(f.metric, f.metric_text, lang) or translate(lang, "figure_unnamed"),
        review_threshold=threshold,
    )


def _indicator_name(indicator: str | None, wording: str | None, lang: str) -> str:
    """An indicator's catalog label in the UI language, else the source's wording, else its id."""
    return str(overview.indicator_label(indicator, lang) or wording or indicator or "")


def _scope_label(scope: str | None, lang: str, name_of: Any) -> str:
    """A rank's scope in words: national, worldwide, or the region it ranks within."""
    if not scope:
        return ""
    key = f"scope_{scope}"
    from riso.web.i18n import strings

    if key in strings(lang):
        return translate(lang, key)
    return str(name_of(scope))


def _target_title(item: dict[str, Any], lang: str) -> str:
    """The indicator's label in the UI language, else the wording of a source in that language, else any."""
    label = overview.indicator_label(item["target"]["indicator"], lang)
    return str(label or item["target"].get("label") or item["target"]["metric_text"] or item["target"]["indicator"])


def _fact_spans(facts: list[Fact]) -> list[tuple[int, int, str, str]]:
    return [(f.start, f.end, f"/facts/{f.id}", f"{f.kind}: {f.metric_text or ''}") for f in facts]


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, _: Account | None = Depends(reader)) -> HTMLResponse:
    """A story's versions side by side, facts highlighted."""
    store = store_of(request)
    story = overview.story(store, story_id)
    versions = []
    for doc_id in story["documents"]:
        doc = store.get_document(doc_id)
        facts = [f for f in store.list_facts(document=doc.id) if f.kind not in ("glossary",)]
        versions.append({"doc": doc, "html": highlight(doc.text, _fact_spans(facts)), "facts": len(facts)})
    return render(request, "story.html", story=story, versions=versions)


def _passage(doc: Document, fact: Fact) -> tuple[int, int]:
    for seg in doc.paragraphs:
        if seg.start <= fact.start and fact.end <= seg.end:
            return seg.start, seg.end
    start = doc.text.rfind("\n", 0, fact.start) + 1
    end = doc.text.find("\n", fact.end)
    return start, len(doc.text) if end < 0 else end


@router.get("/facts/{fact_id}", response_class=HTMLResponse)
def evidence_page(request: Request, fact_id: str, _: Account | None = Depends(reader)) -> HTMLResponse:
    """The evidence of one number: the passage highlighted, its document, language and story; the review."""
    store = store_of(request)
    return render(request, "evidence.html", **evidence_context(request, store, store.get_fact(fact_id)))


def evidence_context(request: Request, store: Any, fact: Fact) -> dict[str, Any]:
    """The evidence page's data (the review form re-renders it with an error)."""
    doc = store.get_document(fact.document)
    start, end = _passage(doc, fact)
    passage = highlight(doc.text[start:end], [(fact.start - start, fact.end - start, f"/facts/{fact.id}", fact.kind)])
    siblings = []
    if fact.metric is not None and doc.story:
        for other in store.list_facts(story=doc.story, metric=fact.metric, kind=fact.kind):
            if other.id != fact.id and other.value == fact.value:
                siblings.append(other)
    return {"fact": fact, "doc": doc, "passage": passage, "siblings": siblings,
            **review_context(request, store, fact)}  # fmt: skip


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, _: Account | None = Depends(reader)) -> HTMLResponse:
    """A document's metadata and every fact extracted from it."""
    store = store_of(request)
    doc = store.get_document(document_id)
    facts = store.list_facts(document=doc.id)
    text = highlight(doc.text, _fact_spans([f for f in facts if f.kind != "glossary"]))
    return render(request, "document.html", doc=doc, facts=facts, text=text,
                  uploaded=request.query_params.get("uploaded"), review_threshold=review_threshold(store))


def _table(fact: Fact) -> dict[str, Any] | None:
    columns = fact.payload.get("columns") or fact.payload.get("header")
    rows = fact.payload.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        return None
    names = [str(c.get("header") or c.get("name") or "") if isinstance(c, dict) else str(c) for c in columns]
    body = [[r.get(n, "") for n in names] if isinstance(r, dict) else list(r) for r in rows]
    return {"columns": names, "rows": body, "fact": fact}


def _index_section(store: Any, lang: str, name: str | None, unit: str | None) -> dict[str, Any] | None:
    """The saved composite index for the comparison page: ranks chart with intervals and one unit's profile."""
    from riso.services.index import index_view

    view = index_view(store, name=name, unit=unit, language=lang)
    if view is None:
        return None
    regions = {r["id"]: r for r in overview.regions(store)}

    def region_name(code: str) -> str:
        return _label(regions[code], lang) if code in regions else code

    def code_name(code: str) -> str:
        return str(overview.indicator_label(code, lang) or view["node_names"].get(code) or code)

    for row in view["ranks"]:
        row["name"] = region_name(str(row["unit"]))
    bars = [RankBar(r["name"], float(r["rank"]), r["low"], r["high"]) for r in view["ranks"] if r["rank"] is not None]
    year = f" · {view['period']}" if view.get("period") else ""
    title = translate(lang, "index_chart_title", name=view["title"]) + year
    legend = (translate(lang, "index_legend_rank"), translate(lang, "index_legend_interval"))
    view["chart"] = rank_chart(bars, title=title, axis_label=translate(lang, "index_rank_axis"), legend=legend,
                               current=region_name(view["unit"]) if view["unit"] else "")
    view["chart_title"] = title
    view["unit_name"] = region_name(view["unit"]) if view["unit"] else ""
    view["unit_row"] = next((r for r in view["ranks"] if r["unit"] == view["unit"]), None)
    view["ranked"] = len(bars)
    for key in ("strengths", "weaknesses", "pillars"):
        for item in view["profile"][key]:
            item["label"] = code_name(item["iCode"])
    view["index_label"] = code_name(view["top"]) if view["top"] in view["node_names"] else view["title"]
    return view


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    index: str | None = Query(None, max_length=200),
    unit: str | None = Query(None, max_length=100),
    map: str = Query("china", max_length=40),
    value: str | None = Query(None, max_length=100),
    _: Account | None = Depends(reader),
) -> HTMLResponse:
    """Targets of chosen regions side by side, a tile map, the index ranks with uncertainty and a unit's profile,
    the cooperation tables in the UI language."""
    from riso.services import compare_view
    from riso.web._format import number

    store = store_of(request)
    lang = language_of(request)
    region_name = region_namer(store, lang)
    rows = request.app.state.cache.remember(f"targets:{lang}", lambda: target_rows(store, language=lang))
    per_region = Counter(r["region"] for r in rows)
    region_choices = sorted(per_region, key=lambda r: region_name(r).casefold())
    picked = [r for r in dict.fromkeys(request.query_params.getlist("r")) if r in per_region][:compare_view.MAX_PICKED]
    if not picked:
        picked = [r for r, _ in per_region.most_common(3)]
    indicator_choices = sorted({r["indicator"] for r in rows if r["indicator"]},
                               key=lambda i: _indicator_name(i, None, lang).casefold())
    chosen = [i for i in dict.fromkeys(request.query_params.getlist("i")) if i in indicator_choices]
    if not chosen:
        chosen = sorted({r["indicator"] for r in rows if r["region"] in picked and r["indicator"]},
                        key=lambda i: _indicator_name(i, None, lang).casefold())
    matrix = compare_view.side_by_side(rows, picked, chosen)

    view = _index_section(store, lang, index or None, unit or None)
    shown_map = map_view(store, lang, map, value, view, unit, region_name)
    tables = [t for t in (compare_view.normalise_table(f, lang, region_name, number) for f in store.table_facts())
              if t is not None]
    return render(
        request, "compare.html", tables=tables, index=view, region_name=region_name,
        region_choices=region_choices, picked=picked, indicator_choices=indicator_choices, chosen=chosen,
        matrix=matrix, indicator_name=lambda i: _indicator_name(i, None, lang),
        **shown_map,
    )


def region_namer(store: Any, lang: str) -> Any:
    """code -> the region's name in the UI language (the gazetteer's for regions without facts), else the code."""
    every = overview.region_index(store)
    gazetteer = getattr(overview._catalog(), "regions", {})

    def region_name(code: str) -> str:
        if code in every:
            return _label(every[code], lang)
        found = gazetteer.get(code)
        return str(found.names.get(lang) or found.names.get("en") or code) if found is not None else code

    return region_name


def map_view(store: Any, lang: str, map_id: str, value: str | None, view: dict[str, Any] | None,
             unit: str | None, region_name: Any) -> dict[str, Any]:
    """The tile map of the comparison page: the grid, the value shown (an indicator or the index rank), the SVG."""
    from riso.services import compare_view
    from riso.web.tilemap import TileValue, grids, tile_map

    maps = grids()
    grid = maps.get(map_id) or maps["china"]
    measured = [r["indicator"] for r in store.indicators_of(list(grid.tiles))]
    value_choices = (["index"] if view else []) + measured
    shown = value if value in value_choices else ("rd_intensity" if "rd_intensity" in measured
                                                   else (value_choices[0] if value_choices else None))
    tiles: dict[str, TileValue] = {}
    year, title, legend = None, "", ""
    if shown == "index" and view:
        tiles = {str(r["unit"]): TileValue(float(r["rank"]), str(view.get("period") or ""), "rank")
                 for r in view["ranks"] if r["rank"] is not None}
        year = view.get("period")
        legend = translate(lang, "index_rank_axis")
        title = f"{view['title']}" + (f" · {year}" if year else "")
    elif shown:
        found, year = compare_view.map_values(store, shown, list(grid.tiles))
        tiles = {k: TileValue(float(v["value"]), str(v["period"]), v["unit"]) for k, v in found.items()}
        unit_of = next((t.unit for t in tiles.values() if t.unit), None)
        legend = _indicator_name(shown, None, lang) + (f" ({unit_of})" if unit_of and unit_of != "count" else "")
        title = legend + (f" · {year}" if year else "")
    map_svg = None
    if shown:
        map_svg = tile_map(grid, tiles, {k: region_name(k) for k in grid.tiles}, title=title,
                           no_data=translate(lang, "map_no_data"), legend_title=legend, reverse=shown == "index",
                           current=unit)
    return {"maps": [(m.id, m.names.get(lang) or m.names.get("en") or m.id) for m in maps.values()], "grid": grid,
            "value_choices": value_choices, "shown": shown, "map_svg": map_svg, "map_title": title,
            "map_year": year, "map_covered": sum(1 for k in tiles if k in grid.tiles), "map_total": len(grid.tiles)}


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, q: str = Query("", max_length=200), _: Account | None = Depends(reader)
) -> HTMLResponse:
    """Facts in every language for a query in any language (indicator and region names through the catalog),
    one hit per statement, with filters; the regions named; documents containing the text."""
    from riso.services.search_view import SearchQuery, names_of, search

    store = store_of(request)
    lang = language_of(request)
    query = SearchQuery.from_params(request.query_params)
    result: dict[str, Any] = {"hits": [], "indicators": [], "regions": [], "choices": {}, "facts": 0}
    documents: list[dict[str, Any]] = []
    if query.q or query.indicator or query.region:
        result = search(store, query)
        if query.q:
            documents = store.search_documents(query.q, limit=20)
    every = overview.region_index(store)

    def region_name(code: str | None) -> str:
        return _label(every[code], lang) if code in every else str(code or "")

    words = [query.q, *(n for i in result["indicators"] for n in names_of(i))]
    if query.indicator:
        words += names_of(query.indicator)
    words = sorted({w for w in words if w}, key=len, reverse=True)
    marked: dict[str, Any] = {}
    for hit in result["hits"]:
        for _language, fact, _more in hit.per_language():
            marked[fact.id] = highlight(fact.quote, _spans(fact, words))
    region_hits = [{"id": r, "name": region_name(r), "level": every[r]["level"] if r in every else None,
                    "targets": every[r]["facts"].get("target", 0) if r in every else 0}
                   for r in result["regions"]]
    return render(
        request, "search.html", q=query.q, query=query, hits=result["hits"], marked=marked,
        region_hits=region_hits, documents=documents, choices=result["choices"],
        indicator_hits=[(i, _indicator_name(i, None, lang)) for i in result["indicators"]],
        region_name=region_name, indicator_name=lambda i: _indicator_name(i, None, lang),
        entity_name=lambda f: str(f.payload.get("name") or f.metric_text or ""),
        searched=bool(query.q or query.indicator or query.region),
    )


def _spans(fact: Fact, words: list[str]) -> list[tuple[int, int, str, str]]:
    """Where the query or a name of the indicator it named first occurs in the quote (case-insensitive)."""
    folded = fact.quote.casefold()
    for word in words:
        pos = folded.find(word.casefold())
        if pos >= 0 and len(word.casefold()) == len(word):
            return [(pos, pos + len(word), f"/facts/{fact.id}", fact.kind)]
    return []
