"""Reports: an HTML briefing with inline SVG charts, and PNG/SVG/PDF charts per target (pure, return str/bytes)."""

from __future__ import annotations

from riso.report.charts import chart_bytes, svg_chart
from riso.report.html import render_html
from riso.report.labels import labels, reason_text, status_text

__all__ = ["chart_bytes", "labels", "reason_text", "render_html", "status_text", "svg_chart"]
