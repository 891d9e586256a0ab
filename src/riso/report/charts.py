"""Charts of one target: its series, the target point, and the projection band (SVG text or matplotlib bytes).

Pure: takes a progress record (the JSON of `riso progress`) and returns str or bytes.
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

from riso.report.labels import labels

__all__ = ["STATUS_COLOURS", "chart_bytes", "svg_chart"]

STATUS_COLOURS = {
    "met": "#1a7f37", "significant": "#2da44e", "moderate": "#bf8700", "insufficient": "#d1242f",
    "moving_away": "#8b0000", "not_assessable": "#6e7781",
}
Record = dict[str, Any]


def _tick(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _points(rec: Record) -> list[tuple[float, float]]:
    out = []
    for p in rec.get("series") or []:
        try:
            out.append((float(p["period"][:4]) + (0.0 if len(p["period"]) == 4 else 0.5), float(p["value"])))
        except (TypeError, ValueError):
            continue
    return out


def _band(rec: Record) -> tuple[tuple[float, float], tuple[float, float, float, float]] | None:
    proj, latest = rec.get("projection"), rec.get("latest")
    if not proj or not latest or proj.get("value") is None or None in proj["interval"]:
        return None
    start = (float(latest["period"][:4]), float(latest["value"]))
    return start, (float(rec["target"]["deadline"]), proj["value"], proj["interval"][0], proj["interval"][1])


def svg_chart(rec: Record, *, width: int = 420, height: int = 190, language: str = "en") -> str:
    """An inline SVG: series line, target point, projection band; empty frame with a note when no data."""
    pts = _points(rec)
    tgt = rec["target"]
    colour = STATUS_COLOURS.get(rec["status"], "#6e7781")
    band = _band(rec)
    xs = [x for x, _ in pts] + [float(tgt["deadline"])]
    ys = [y for _, y in pts] + [float(tgt["value"])]
    if band:
        ys += [band[1][2], band[1][3]]
    pad_l, pad_r, pad_t, pad_b = 48, 16, 12, 26
    x0, x1 = min(xs) - 0.5, max(xs) + 0.5
    lo, hi = min(ys), max(ys)
    span = (hi - lo) or abs(hi) or 1.0
    lo, hi = lo - 0.08 * span, hi + 0.08 * span

    def sx(x: float) -> float:
        return pad_l + (x - x0) / (x1 - x0) * (width - pad_l - pad_r)

    def sy(y: float) -> float:
        return height - pad_b - (y - lo) / (hi - lo) * (height - pad_t - pad_b)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{escape(str(tgt.get("label") or tgt["indicator"]))}">']
    parts.append(f'<rect x="{pad_l}" y="{pad_t}" width="{width - pad_l - pad_r}" height="{height - pad_t - pad_b}" '
                 'fill="#fafbfc" stroke="#d0d7de"/>')
    for i in range(5):
        y = lo + (hi - lo) * i / 4
        parts.append(f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{sy(y):.1f}" y2="{sy(y):.1f}" stroke="#eaeef2"/>')
        parts.append(f'<text x="{pad_l - 4}" y="{sy(y) + 3:.1f}" font-size="9" text-anchor="end" '
                     f'fill="#57606a">{_tick(y)}</text>')
    step = max(1, round((x1 - x0) / 6))
    year = int(x0 + 0.5)
    while year <= x1:
        parts.append(f'<text x="{sx(year):.1f}" y="{height - 8}" font-size="9" text-anchor="middle" '
                     f'fill="#57606a">{year}</text>')
        year += step
    if band:
        (bx, by), (dx, mid, low, high) = band
        parts.append(f'<polygon points="{sx(bx):.1f},{sy(by):.1f} {sx(dx):.1f},{sy(high):.1f} {sx(dx):.1f},'
                     f'{sy(low):.1f}" fill="{colour}" fill-opacity="0.15"/>')
        parts.append(f'<line x1="{sx(bx):.1f}" y1="{sy(by):.1f}" x2="{sx(dx):.1f}" y2="{sy(mid):.1f}" '
                     f'stroke="{colour}" stroke-dasharray="4 3" stroke-width="1.5"/>')
    parts.append(f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{sy(tgt["value"]):.1f}" y2="{sy(tgt["value"]):.1f}" '
                 'stroke="#0969da" stroke-dasharray="2 3" stroke-width="1"/>')
    if pts:
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#24292f" stroke-width="1.8"/>')
        parts += [f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="2.4" fill="#24292f"/>' for x, y in pts]
    else:
        parts.append(f'<text x="{width / 2:.0f}" y="{height / 3:.0f}" font-size="12" text-anchor="middle" '
                     f'fill="#57606a">{escape(labels(language)["reason"]["no_observations"])}</text>')
    tx, ty = sx(float(tgt["deadline"])), sy(float(tgt["value"]))
    parts.append(f'<path d="M{tx:.1f},{ty - 6:.1f} L{tx + 6:.1f},{ty:.1f} L{tx:.1f},{ty + 6:.1f} L{tx - 6:.1f},'
                 f'{ty:.1f} Z" fill="#0969da"/>')
    parts.append("</svg>")
    return "".join(parts)


def chart_bytes(rec: Record, *, fmt: str = "png") -> bytes:
    """The same chart drawn with matplotlib (Agg) as PNG, SVG or PDF bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    words = labels()
    tgt = rec["target"]
    colour = STATUS_COLOURS.get(rec["status"], "#6e7781")
    fig = Figure(figsize=(6.4, 3.4), dpi=130)
    ax = fig.subplots()
    pts = _points(rec)
    if pts:
        ax.plot([x for x, _ in pts], [y for _, y in pts], "o-", color="#24292f", lw=1.8, ms=3.5,
                label=words["text"]["data"])
    band = _band(rec)
    if band:
        (bx, by), (dx, mid, low, high) = band
        ax.fill([bx, dx, dx], [by, high, low], color=colour, alpha=0.18, lw=0)
        model = words["model"].get(rec["projection"]["model"], rec["projection"]["model"])
        ax.plot([bx, dx], [by, mid], "--", color=colour, lw=1.5, label=f'{words["text"]["projection"]} ({model})')
    ax.axhline(tgt["value"], color="#0969da", ls=":", lw=1)
    ax.plot([tgt["deadline"]], [tgt["value"]], "D", color="#0969da", ms=7,
            label=f'{words["text"]["target"]} {tgt["value"]:g} ({tgt["deadline"]})')
    title = f'{tgt["region"]} · {tgt.get("label") or tgt["indicator"]} — {rec["status_text"]}'
    ax.set_title(title, fontsize=10, color=colour)
    ax.set_ylabel(tgt.get("unit") or "")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="best")
    if not pts:
        ax.text(0.5, 0.5, words["reason"]["no_observations"], transform=ax.transAxes, ha="center", color="#57606a")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Creator": "riso"} if fmt == "svg" else None)
    return buf.getvalue()
