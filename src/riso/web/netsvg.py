"""A region's ecosystem graph as a server-side SVG: no script, no build step, the same picture every time.

Layout: Kamada-Kawai from igraph, started from a circle in a fixed order, so a graph always gets the same
positions. Nodes are coloured by actor type and sized by eigenvector centrality; weak (co-mention) edges
are dashed. Only the most central nodes are drawn when the graph is large; the page lists the rest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import igraph as ig
from markupsafe import Markup

__all__ = ["TYPE_COLOURS", "GraphPicture", "graph_svg"]

# Colour-blind safe (Okabe-Ito) colours per actor type; "other" types are grey.
TYPE_COLOURS: dict[str, str] = {
    "enterprise": "#E69F00", "university": "#0072B2", "research_institute": "#56B4E9", "laboratory": "#009E73",
    "platform": "#CC79A7", "incubator": "#D55E00", "park": "#F0E442", "investor": "#8C564B",
    "government": "#000000", "alliance": "#7F3C8D", "other": "#999999",
}
_EDGE_COLOUR = "#9aa3ad"
_WIDTH, _HEIGHT, _PAD = 900, 560, 40


@dataclass(frozen=True)
class GraphPicture:
    """The SVG and what it shows: how many nodes were drawn of how many."""

    svg: Markup
    drawn: int
    total: int


def _component_layout(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
    """Kamada-Kawai positions of one connected component, scaled into the unit square."""
    if n == 1:
        return [(0.5, 0.5)]
    seed = [[math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i in range(n)]
    coords = ig.Graph(n=n, edges=list(edges)).layout_kamada_kawai(seed=seed, maxiter=50 * n).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return [((x - min(xs)) / span, (y - min(ys)) / span) for x, y in coords]


def _layout(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
    """Positions in the drawing area: the largest component on the left, the others in a grid beside it."""
    parts = sorted(ig.Graph(n=n, edges=list(edges)).connected_components(), key=lambda c: (-len(c), min(c)))
    width, height = _WIDTH - 2 * _PAD, _HEIGHT - 2 * _PAD
    boxes: list[tuple[float, float, float, float]] = []  # x, y, w, h
    if len(parts) == 1:
        boxes.append((0, 0, width, height))
    else:
        main_w = width * (0.7 if len(parts[0]) > 1 else 0.3)
        boxes.append((0, 0, main_w, height))
        rest = len(parts) - 1
        cols = max(1, math.ceil(math.sqrt(rest * (width - main_w) / height)))
        rows = math.ceil(rest / cols)
        cell_w, cell_h = (width - main_w) / cols, height / rows
        boxes += [(main_w + (k % cols) * cell_w, (k // cols) * cell_h, cell_w, cell_h) for k in range(rest)]
    out: list[tuple[float, float]] = [(0.0, 0.0)] * n
    for members, (bx, by, bw, bh) in zip(parts, boxes, strict=True):
        local = {v: i for i, v in enumerate(members)}
        inner = [(local[a], local[b]) for a, b in edges if a in local and b in local]
        side = min(bw, bh) * 0.85
        ox, oy = bx + (bw - side) / 2, by + (bh - side) / 2
        for v, (x, y) in zip(members, _component_layout(len(members), inner), strict=True):
            out[v] = (round(_PAD + ox + x * side, 1), round(_PAD + oy + y * side, 1))
    return out


def _num(node: Mapping[str, object], key: str) -> float:
    value = node.get(key)
    return float(value) if isinstance(value, (int, float)) else 0.0


def graph_svg(
    nodes: Sequence[Mapping[str, object]],
    relations: Sequence[Mapping[str, object]],
    *,
    title: str,
    max_nodes: int = 120,
    labels: int = 10,
) -> GraphPicture:
    """An SVG of ``nodes`` (id, name, type, eigenvector, degree) and ``relations`` (source, target, weak)."""
    ranked = sorted(nodes, key=lambda n: (-_num(n, "eigenvector"), -_num(n, "degree"), str(n["id"])))
    shown = ranked[:max_nodes]
    ids = [str(n["id"]) for n in shown]
    index = {a: i for i, a in enumerate(ids)}
    edges: list[tuple[int, int, bool]] = []
    seen: set[tuple[int, int]] = set()
    for r in relations:
        s, t = index.get(str(r["source"])), index.get(str(r["target"]))
        if s is None or t is None or s == t:
            continue
        key = (min(s, t), max(s, t))
        if key not in seen:
            seen.add(key)
            edges.append((key[0], key[1], bool(r.get("weak"))))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
             f'aria-label="{escape(title)}" class="netgraph"><title>{escape(title)}</title>']
    if ids:
        points = _layout(len(ids), [(s, t) for s, t, _ in edges])
        parts.append(f'<g stroke="{_EDGE_COLOUR}" stroke-width="1" fill="none">')
        for s, t, weak in edges:
            (x1, y1), (x2, y2) = points[s], points[t]
            dash = ' stroke-dasharray="4 3"' if weak else ""
            parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"{dash}/>')
        parts.append("</g>")
        top_eigen = max(_num(n, "eigenvector") for n in shown) or 1.0
        for i, n in enumerate(shown):
            x, y = points[i]
            radius = round(4 + 10 * math.sqrt(_num(n, "eigenvector") / top_eigen), 1)
            colour = TYPE_COLOURS.get(str(n.get("type")), TYPE_COLOURS["other"])
            ring = ' stroke="#333" stroke-width="1.5"' if n.get("local", True) else ' stroke="#fff" stroke-width="1"'
            parts.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}"{ring}>'
                         f'<title>{escape(str(n["name"]))}</title></circle>')
        placed: list[tuple[float, float]] = []
        for i, n in enumerate(shown[:labels]):
            x, y = points[i]
            if any(abs(x - px) < 90 and abs(y - py) < 16 for px, py in placed):
                continue  # a label here would overlap one already drawn; the node keeps its tooltip
            placed.append((x, y))
            name = str(n["name"])
            short = name if len(name) <= 14 else name[:13] + "…"
            parts.append(f'<text x="{x}" y="{y - 14}" text-anchor="middle" font-size="12" '
                         f'paint-order="stroke" stroke="#fff" stroke-width="3" fill="#111">{escape(short)}</text>')
    parts.append("</svg>")
    return GraphPicture(Markup("".join(parts)), len(ids), len(nodes))
