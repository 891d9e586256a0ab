"""The rank chart drawn as inline SVG on the server: no script, native tooltips, focusable points, labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

__all__ = ["RankBar", "rank_chart"]



@dataclass(frozen=True)
class RankBar:
    """A region's rank with its uncertainty interval."""

    name: str
    rank: float
    low: float | None = None
    high: float | None = None


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
