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


def _rank_ticks(worst: float) -> list[int]:
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if worst / s <= 8)
    ticks = [1, *range(step, int(worst) + 1, step)]
    return sorted(set(ticks))


def rank_chart(
    bars: Sequence[RankBar], *, title: str, axis_label: str = "", legend: Sequence[str] = (), current: str = ""
) -> Markup:
    """Ranks as dots with uncertainty whiskers, best rank at the top, on a rank axis with ticks and a legend.

    ``legend`` is (rank, interval) in the UI language; ``current`` names a bar to emphasise.
    """
    if not bars:
        return Markup("")
    worst = max(max(b.high if b.high is not None else b.rank, b.rank) for b in bars)
    width, left, right, row, head = 460, 128, 16, 22, 30
    foot = 44 if axis_label else 24
    height = head + row * len(bars) + foot
    axis_y = head + row * len(bars) + 4

    def sx(rank: float) -> float:
        return left + (rank - 1) / max(worst - 1, 1) * (width - left - right)

    parts = [
        f'<svg class="chart wide ranks" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if len(legend) >= 2:
        parts.append(
            f'<g class="legend"><circle class="dot" cx="{left + 6}" cy="12" r="5"/>'
            f'<text class="label" x="{left + 16}" y="16">{escape(legend[0])}</text>'
            f'<line class="interval" x1="{left + 90}" y1="12" x2="{left + 116}" y2="12"/>'
            f'<text class="label" x="{left + 122}" y="16">{escape(legend[1])}</text></g>'
        )
    for tick in _rank_ticks(worst):
        x = sx(tick)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{head - 6}" x2="{x:.1f}" y2="{axis_y}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">{tick}</text>')
    parts.append(f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}"/>')
    if axis_label:
        parts.append(
            f'<text class="axis-label" x="{(left + width - right) / 2:.1f}" y="{axis_y + 34}" '
            f'text-anchor="middle">{escape(axis_label)}</text>'
        )
    for i, bar in enumerate(sorted(bars, key=lambda b: b.rank)):
        y = head + i * row + row / 2
        low = bar.low if bar.low is not None else bar.rank
        high = bar.high if bar.high is not None else bar.rank
        tip = escape(f"{bar.name}: {bar.rank:g} [{low:g}–{high:g}]")
        cls = " current" if current and bar.name == current else ""
        parts.append(f'<text class="label{cls}" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{escape(bar.name[:20])}</text>")
        parts.append(f'<line class="interval" x1="{sx(low):.1f}" y1="{y:.1f}" x2="{sx(high):.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<g class="pt observed{cls}" tabindex="0" aria-label="{tip}"><title>{tip}</title>'
            f'<circle cx="{sx(bar.rank):.1f}" cy="{y:.1f}" r="5"/></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
