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
