"""Downloads of the dashboard's tables: the same rows the pages show, as CSV or XLSX, filtered by the same URL."""

from __future__ import annotations

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
    from riso.services import overview
    from riso.web.pages import _card
    from riso.web.target_chart import standalone

    lang = language_of(request)
    item = next((i for i in overview.targets_with_progress(store)[0] if i.get("id") == target_id), None)
    if item is None:
        raise NotFound(f"no target with id {target_id!r}", hint="Pick a target from the overview.")
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
