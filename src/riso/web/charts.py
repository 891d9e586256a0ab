"""Charts drawn as inline SVG on the server: no script, native tooltips, focusable points, screen-reader labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

__all__ = ["Point", "RankBar", "rank_chart", "series_chart"]

_W, _H, _PAD = 320, 150, 34


@dataclass(frozen=True)
class Point:
    """A value at a year; ``low``/``high`` give an interval, ``kind`` its style (observed, target, projection)."""

    year: float
    value: float
    kind: str = "observed"
    label: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class RankBar:
    """A region's rank with its uncertainty interval."""

    name: str
    rank: float
    low: float | None = None
    high: float | None = None


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def series_chart(points: Sequence[Point], *, title: str) -> Markup:
    """A line of observed values with the target (and a projection interval) as marked points."""
    if not points:
        return Markup("")
    xs = [p.year for p in points]
    ys = [v for p in points for v in (p.value, p.low, p.high) if v is not None]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = min(0.0, min(ys)), max(ys) * 1.08 or 1.0

    def sx(x: float) -> float:
        return _PAD + (x - x0) / (x1 - x0) * (_W - 2 * _PAD)

    def sy(y: float) -> float:
        return _H - 22 - (y - y0) / (y1 - y0) * (_H - 40)

    parts = [
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{_PAD}" y1="{_H - 22}" x2="{_W - _PAD}" y2="{_H - 22}"/>',
    ]
    last = -1e9
    years = sorted(set(xs))
    for year in years:  # label the first and last year, and the others only where they do not collide
        x = sx(year)
        if x - last < 30 and year != years[-1]:
            continue
        parts.append(f'<text class="tick" x="{x:.1f}" y="{_H - 6}" text-anchor="middle">{year:g}</text>')
        last = x
    observed = [p for p in points if p.kind == "observed"]
    if len(observed) > 1:
        path = " ".join(f"{sx(p.year):.1f},{sy(p.value):.1f}" for p in observed)
        parts.append(f'<polyline class="line" points="{path}"/>')
    for p in points:
        x, y = sx(p.year), sy(p.value)
        tip = escape(p.label or f"{p.year:g}: {_fmt(p.value)}")
        if p.low is not None and p.high is not None:
            parts.append(
                f'<line class="interval" x1="{x:.1f}" y1="{sy(p.low):.1f}" x2="{x:.1f}" y2="{sy(p.high):.1f}"/>'
            )
        parts.append(
            f'<g class="pt {escape(p.kind)}" tabindex="0" aria-label="{tip}"><title>{tip}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
            f'<text class="tip" x="{x:.1f}" y="{max(y - 9, 10):.1f}" text-anchor="middle">'
            f"{escape(_fmt(p.value))}</text>"
            "</g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def rank_chart(bars: Sequence[RankBar], *, title: str) -> Markup:
    """Ranks as dots with uncertainty whiskers, best rank at the top."""
    if not bars:
        return Markup("")
    worst = max(b.high if b.high is not None else b.rank for b in bars)
    row, left = 26, 150
    height = row * len(bars) + 24

    def sx(rank: float) -> float:
        return left + (rank - 1) / max(worst - 1, 1) * (_W + 80 - left - 20)

    parts = [
        f'<svg class="chart wide" viewBox="0 0 {_W + 80} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(sorted(bars, key=lambda b: b.rank)):
        y = 16 + i * row
        low = bar.low if bar.low is not None else bar.rank
        high = bar.high if bar.high is not None else bar.rank
        tip = escape(f"{bar.name}: {bar.rank:g} [{low:g}–{high:g}]")
        parts.append(f'<text class="label" x="4" y="{y + 4}">{escape(bar.name[:24])}</text>')
        parts.append(f'<line class="interval" x1="{sx(low):.1f}" y1="{y}" x2="{sx(high):.1f}" y2="{y}"/>')
        parts.append(
            f'<g class="pt observed" tabindex="0" aria-label="{tip}"><title>{tip}</title>'
            f'<circle cx="{sx(bar.rank):.1f}" cy="{y}" r="5"/></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
