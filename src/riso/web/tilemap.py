"""Tile-grid maps as inline SVG: one square per region at its grid position (``data/tile_grids.yaml``), coloured
by a value in five classes; every tile links to its region, has a tooltip and is reachable by keyboard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from typing import Any

import yaml
from markupsafe import Markup

from riso.web._format import number

__all__ = ["Grid", "TileValue", "grids", "standalone", "tile_map"]

TILE, GAP, PAD = 44, 4, 8
# light to dark; text colour per class keeps a contrast of at least 4.5:1
COLOURS = (("#deebf7", "#1b1f24"), ("#9ecae1", "#1b1f24"), ("#4292c6", "#000000"), ("#2171b5", "#ffffff"),
           ("#08306b", "#ffffff"))
NO_DATA = ("#f0f0f0", "#57606a")


@dataclass(frozen=True)
class Grid:
    """One tile-grid map: its names per language, size and the (column, row) of each region."""

    id: str
    names: Mapping[str, str]
    columns: int
    rows: int
    tiles: Mapping[str, tuple[int, int]]


@dataclass(frozen=True)
class TileValue:
    """The value shown on a region's tile, with its year and unit."""

    value: float
    period: str
    unit: str | None = None


@cache
def grids() -> dict[str, Grid]:
    """The tile grids of the package's data file."""
    text = (resources.files("riso.web") / "data" / "tile_grids.yaml").read_text(encoding="utf-8")
    out = {}
    for map_id, entry in (yaml.safe_load(text).get("maps") or {}).items():
        raw = entry.get("tiles") or {}
        if any(not isinstance(k, str) for k in raw):  # a bare NO or ON is read by YAML as a boolean
            raise ValueError(f"tile_grids.yaml: quote the region ids of map {map_id!r} that YAML reads as non-text")
        tiles = {k: (int(v[0]), int(v[1])) for k, v in raw.items()}
        if len(set(tiles.values())) != len(tiles):
            raise ValueError(f"tile_grids.yaml: two regions share a tile in map {map_id!r}")
        out[str(map_id)] = Grid(str(map_id), dict(entry.get("names") or {}), int(entry["columns"]),
                                int(entry["rows"]), tiles)
    return out


def _classes(values: list[float]) -> list[float]:
    """Four class limits (quintiles of the values shown)."""
    ordered = sorted(values)
    if not ordered:
        return []
    return [ordered[min(len(ordered) - 1, int(len(ordered) * q / 5))] for q in (1, 2, 3, 4)]


def _class_of(value: float, limits: list[float], reverse: bool) -> int:
    k = sum(1 for limit in limits if value >= limit)
    return 4 - k if reverse else k


def tile_map(grid: Grid, values: Mapping[str, TileValue], names: Mapping[str, str], *, title: str,
             no_data: str, legend_title: str, reverse: bool = False, current: str | None = None,
             fmt: Any = number) -> Markup:
    """The SVG map: tiles coloured in five classes (``reverse``: a lower value is darker, as for ranks), a legend."""
    limits = _classes([v.value for k, v in values.items() if k in grid.tiles])
    width = PAD * 2 + grid.columns * (TILE + GAP)
    legend_y = PAD + grid.rows * (TILE + GAP) + 6
    height = legend_y + 44
    out = [f'<svg class="chart tilemap" viewBox="0 0 {width} {height}" role="group" aria-labelledby="tm-{grid.id}" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="tm-{grid.id}">{escape(title)}</title>']
    for region, (col, row) in sorted(grid.tiles.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        x, y = PAD + col * (TILE + GAP), PAD + row * (TILE + GAP)
        found = values.get(region)
        name = names.get(region, region)
        if found is None:
            fill, ink = NO_DATA
            tip = f"{name}: {no_data}"
            klass = "tile none"
        else:
            fill, ink = COLOURS[_class_of(found.value, limits, reverse)]
            unit = f" {found.unit}" if found.unit and found.unit not in ("count", "rank") else ""
            tip = f"{name}: {fmt(found.value)}{unit} ({found.period})"
            klass = "tile"
        if region == current:
            klass += " current"
        short = region.split("-")[-1]
        out.append(f'<a href="/regions/{escape(region)}" class="{klass}" data-region="{escape(region)}">'
                   f'<title>{escape(tip)}</title>'
                   f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{fill}"/>'
                   f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" text-anchor="middle" fill="{ink}" '
                   f'class="tile-label">{escape(short)}</text></a>')
    out.append(f'<text x="{PAD}" y="{legend_y + 10}" class="label legend-title">{escape(legend_title)}</text>')
    bounds = [None, *limits, None]
    step = 62
    for k in range(5):
        fill, _ink = COLOURS[4 - k if reverse else k]
        x = PAD + k * step
        low, high = bounds[k], bounds[k + 1]
        text = (f"< {fmt(high)}" if low is None else f"≥ {fmt(low)}") if limits else ""
        out.append(f'<rect x="{x}" y="{legend_y + 16}" width="{step - 4}" height="10" fill="{fill}" class="swatch"/>'
                   f'<text x="{x}" y="{legend_y + 38}" class="tick">{escape(text)}</text>')
    x = PAD + 5 * step + 6
    out.append(f'<rect x="{x}" y="{legend_y + 16}" width="20" height="10" fill="{NO_DATA[0]}" stroke="#8c959f"/>'
               f'<text x="{x + 24}" y="{legend_y + 25}" class="tick">{escape(no_data)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


_STYLE = ("text{font-family:sans-serif}.tile-label{font-size:12px;font-weight:700}"
          ".tick,.label{font-size:10px;fill:#57606a}")


def standalone(svg: Markup) -> str:
    """A map as a file of its own: an XML declaration and its style inlined."""
    head, _, rest = str(svg).partition(">")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}><style>{_STYLE}</style>{rest}'
