"""A target card's chart as inline SVG: axes with ticks and unit, the observed series, the target line and
deadline, the projection band; focusable points with native tooltips; no script."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from riso.web._format import number, with_unit

__all__ = ["ChartText", "Projection", "nice_ticks", "standalone", "target_chart"]

_W, _H = 480, 250
_LEFT, _RIGHT, _TOP, _BOTTOM = 58, 20, 30, 46


@dataclass(frozen=True)
class Projection:
    """The projected value at the deadline with its interval (``low``/``high``) and the interval's level."""

    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class ChartText:
    """The chart's words in the UI language."""

    title: str
    x_axis: str
    y_axis: str
    observed: str
    target: str
    projection: str
    no_data: str


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2 or 5 times a power of ten apart)."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _text_width(label: str) -> float:
    """About how wide a label is at 13 px (CJK characters are twice as wide as Latin ones)."""
    return sum(13.0 if ord(c) >= 0x2E80 else 7.2 for c in label)


def target_chart(
    series: Sequence[tuple[float, float]], *, target: float, deadline: int, unit: str | None, text: ChartText,
    projection: Projection | None = None,
) -> Markup:
    """The observed (year, value) series, the target as a dashed line up to its deadline, the projection band."""
    years = [y for y, _ in series] + [float(deadline)]
    x0 = min(years) if series else float(deadline) - 5
    x1 = float(deadline)
    if x1 - x0 < 2:
        x0 = x1 - 2
    values = [v for _, v in series] + [target]
    if projection is not None:
        values += [v for v in (projection.value, projection.low, projection.high) if v is not None]
    lo, hi = min(values), max(values)
    lo = min(0.0, lo) if lo >= 0 else lo
    ticks = nice_ticks(lo, hi * 1.05 if hi > 0 else hi)
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def sx(x: float) -> float:
        return _LEFT + (x - x0) / (x1 - x0) * plot_w

    def sy(y: float) -> float:
        return _TOP + plot_h - (y - y0) / ((y1 - y0) or 1.0) * plot_h

    base = _TOP + plot_h
    parts = [
        f'<svg class="chart target-chart" viewBox="0 0 {_W} {_H}" role="img" aria-label="{escape(text.title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(text.title)}</title>",
    ]
    for tick in ticks:  # horizontal grid and y tick labels
        y = sy(tick)
        parts.append(f'<line class="grid" x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{_LEFT - 6}" y="{y + 3.5:.1f}" text-anchor="end">{number(tick)}</text>')
    span = int(x1 - x0)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if span / s <= 7)
    first = int(math.ceil(x0 / step) * step)
    for year in sorted({*range(first, int(x1) + 1, step), int(x1)}):
        if year < x0 or (year != int(x1) and sx(int(x1)) - sx(year) < 24):
            continue
        parts.append(f'<text class="tick" x="{sx(year):.1f}" y="{base + 15}" text-anchor="middle">{year}</text>')
    parts.append(f'<line class="axis" x1="{_LEFT}" y1="{base}" x2="{_W - _RIGHT}" y2="{base}"/>')
    parts.append(f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{base}"/>')
    parts.append(f'<text class="axis-label x" x="{_LEFT + plot_w / 2:.1f}" y="{_H - 8}" text-anchor="middle">'
                 f"{escape(text.x_axis)}</text>")
    parts.append(f'<text class="axis-label y" x="4" y="{_TOP - 12}">{escape(text.y_axis)}</text>')
    # the target: a dashed line at its value, ending at the deadline's vertical
    ty = sy(target)
    parts.append(f'<line class="deadline-line" x1="{sx(x1):.1f}" y1="{_TOP}" x2="{sx(x1):.1f}" y2="{base}"/>')
    parts.append(f'<line class="target-line" x1="{_LEFT}" y1="{ty:.1f}" x2="{sx(x1):.1f}" y2="{ty:.1f}"/>')
    tip = escape(f"{text.target}: {with_unit(target, unit)} ({deadline})")
    parts.append(f'<g class="pt target" tabindex="0" aria-label="{tip}"><title>{tip}</title>'
                 f'<circle cx="{sx(x1):.1f}" cy="{ty:.1f}" r="5"/></g>')
    if projection is not None and series:
        last_x, last_y = series[-1]
        if projection.low is not None and projection.high is not None:
            band = (f"{sx(last_x):.1f},{sy(last_y):.1f} {sx(x1):.1f},{sy(projection.high):.1f} "
                    f"{sx(x1):.1f},{sy(projection.low):.1f}")
            parts.append(f'<polygon class="band" points="{band}"/>')
        parts.append(f'<line class="projection-line" x1="{sx(last_x):.1f}" y1="{sy(last_y):.1f}" '
                     f'x2="{sx(x1):.1f}" y2="{sy(projection.value):.1f}"/>')
        interval = ""
        if projection.low is not None and projection.high is not None:
            interval = f" [{number(projection.low)}–{number(projection.high)}]"
        ptip = escape(f"{text.projection}: {with_unit(projection.value, unit)}{interval} ({deadline})")
        parts.append(f'<g class="pt projection" tabindex="0" aria-label="{ptip}"><title>{ptip}</title>'
                     f'<circle cx="{sx(x1):.1f}" cy="{sy(projection.value):.1f}" r="4"/></g>')
    if len(series) > 1:
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in series)
        parts.append(f'<polyline class="line" points="{path}"/>')
    for x, y in series:
        otip = escape(f"{x:g}: {with_unit(y, unit)}")
        parts.append(f'<g class="pt observed" tabindex="0" aria-label="{otip}"><title>{otip}</title>'
                     f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5"/></g>')
    if not series:
        parts.append(f'<text class="no-data" x="{_LEFT + plot_w / 2:.1f}" y="{_TOP + plot_h / 2:.1f}" '
                     f'text-anchor="middle">{escape(text.no_data)}</text>')
    legend_x = max(_LEFT + 40, 12 + _text_width(text.y_axis))
    parts.append('<g class="legend">')
    for cls, label in (("observed", text.observed), ("target", text.target), ("projection", text.projection)):
        if cls == "projection" and (projection is None or not series):
            continue
        if cls == "observed" and not series:
            continue
        mark = {"observed": f'<line class="line" x1="{legend_x}" y1="12" x2="{legend_x + 18}" y2="12"/>',
                "target": f'<line class="target-line" x1="{legend_x}" y1="12" x2="{legend_x + 18}" y2="12"/>',
                "projection": f'<rect class="band" x="{legend_x}" y="7" width="18" height="10"/>'}[cls]
        parts.append(mark + f'<text class="label" x="{legend_x + 22}" y="16">{escape(label)}</text>')
        legend_x += 34 + _text_width(label)
    parts.append("</g></svg>")
    return Markup("".join(parts))


# the chart's look outside the page (a downloaded .svg has no stylesheet)
_STYLE = (
    "text{font-family:'Noto Sans','WenQuanYi Zen Hei',sans-serif;font-size:13px;fill:#57606a}"
    ".axis{stroke:#57606a}.grid{stroke:#d0d7de}.line{fill:none;stroke:#0b5cad;stroke-width:2}"
    ".pt.observed circle{fill:#0b5cad}.pt.target circle{fill:#1a7f37}.pt.projection circle{fill:#9a6700}"
    ".target-line{stroke:#1a7f37;stroke-width:2;stroke-dasharray:6 4}"
    ".deadline-line{stroke:#57606a;stroke-dasharray:2 3}.projection-line{stroke:#9a6700;stroke-dasharray:4 3}"
    ".band{fill:#9a6700;opacity:.2}.axis-label{fill:#1b1f24}.no-data{font-style:italic}"
)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def standalone(svg: Markup, *, source: str = "") -> str:
    """A chart as a file of its own: an XML declaration, its style inlined, and the source line below it."""
    text = str(svg)
    head, _, rest = text.partition(">")
    out = f'{head}><style>{_STYLE}</style>{rest}'
    if source:
        out = out.replace(f'viewBox="0 0 {_W} {_H}"', f'viewBox="0 0 {_W} {_H + 18}"', 1)
        line = f'<text x="4" y="{_H + 12}" style="font-size:10px">{escape(_clip(source, 120))}</text>'
        out = out.replace("</svg>", line + "</svg>")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out
