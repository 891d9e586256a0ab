"""The HTML briefing: one self-contained page (inline CSS and SVG), one card per target.

Pure: takes progress records (the JSON of `riso progress`) and returns the HTML text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from riso.report.charts import STATUS_COLOURS, svg_chart
from riso.report.labels import labels

__all__ = ["render_html"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:0;
background:#f6f8fa;color:#24292f}
header{background:#0d1117;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#8b949e;font-size:13px}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:16px;padding:20px 28px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 16px;border-top:5px solid var(--c)}
.card h2{font-size:16px;margin:0 0 2px}.meta{color:#57606a;font-size:12px;margin-bottom:8px}
.badge{display:inline-block;background:var(--c);color:#fff;border-radius:10px;padding:2px 9px;font-size:12px}
.bar{height:8px;background:#eaeef2;border-radius:4px;margin:10px 0 4px;overflow:hidden}
.bar span{display:block;height:100%;background:var(--c)}
table{font-size:12px;border-collapse:collapse;width:100%;margin:6px 0}
td{padding:2px 4px;border-bottom:1px solid #f0f2f4}
td:first-child{color:#57606a;width:46%}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #d0d7de;font-size:12px;color:#32383f}
blockquote b{color:#0969da;text-transform:uppercase;font-size:10px;margin-right:6px}
.cite{font-size:11px;color:#57606a}.hint{font-size:12px;background:#fff8c5;padding:6px 8px;border-radius:4px}
footer{padding:0 28px 24px;color:#57606a;font-size:12px;max-width:1000px}
.summary{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin:20px 28px 0;padding:14px 16px}
.summary h2{font-size:17px;margin:0 0 6px}.summary table{max-width:560px}.summary td:first-child{width:30%}
.summary td{vertical-align:top}
.card,.summary,footer{break-inside:avoid;page-break-inside:avoid}
.pair{display:contents}
@media print{body{background:#fff}main{display:block;padding:8px 0}
.pair{display:flex;gap:8px;align-items:flex-start;margin-bottom:10px;break-inside:avoid;page-break-inside:avoid}
.pair>.card{flex:0 0 calc(50% - 4px);box-sizing:border-box;min-width:0;padding:10px 12px}
.card td{padding:1px 4px}.card blockquote{margin:4px 0;padding:2px 8px}
header{padding:10px 0;background:#fff;color:#24292f;border-bottom:2px solid #24292f}header p{color:#57606a}
.summary{margin:12px 0}footer{padding:0}}
"""

GROUPS = {"met": "on_track", "significant": "on_track", "moderate": "at_risk", "insufficient": "off_track",
          "moving_away": "off_track", "not_assessable": "not_assessable"}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f} %"


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1e5 else f"{value:,.4g}"
    return f"{text} {unit}".strip() if unit != "count" else text


def _card(rec: dict[str, Any], words: dict[str, Any], language: str = "en", region_name: str | None = None) -> str:
    t, text = rec["target"], words["text"]
    colour = STATUS_COLOURS.get(rec["status"], "#6e7781")
    unit = t.get("unit") or ""
    comparator = {"at_least": "≥", "at_most": "≤"}.get(t["comparator"], "=")
    label = t.get("label") or t.get("indicator") or t.get("metric_text") or "?"
    rows = []
    if rec["latest"]:
        rows.append((text["latest"], f'{_num(rec["latest"]["value"], unit)} ({rec["latest"]["period"]})'))
    if rec["start"]:
        rows.append((text["start"], f'{_num(rec["start"]["value"], unit)} ({rec["start"]["period"]})'))
    if rec["actual_cagr"] is not None:
        scale = rec["scale"] == "linear"
        rows.append((text["actual"], _num(rec["actual_cagr"], unit + "/yr") if scale else _pct(rec["actual_cagr"])))
        if rec["status"] != "met":  # a met target needs no growth; its ratio says nothing
            rows.append((text["required"],
                         _num(rec["required_cagr"], unit + "/yr") if scale else _pct(rec["required_cagr"])))
            rows.append((text["ratio"], _pct(rec["ratio"])))
    if rec["distance"] is not None:
        # a difference of two percentages is in percentage points
        rows.append((text["distance"], _num(rec["distance"], "pp" if unit == "%" else unit)))
    if rec["years_to_target"] is not None:
        rows.append((text["years"], f'{rec["years_to_target"]:.1f}'))
    proj = rec.get("projection")
    if proj and proj.get("value") is not None:
        model = words["model"].get(proj["model"], proj["model"])
        low, high = proj["interval"]
        rows.append((f'{text["projection"]} {t["deadline"]} ({model})',
                     f'{_num(proj["value"], unit)} [{_num(low)}–{_num(high)}, {proj["level"]:.0%}]'))
        rows.append((text["probability"], f'{proj["probability"]:.0%}'))
    table = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    progress = _progress(rec)
    bar = f'<div class="bar"><span style="width:{progress:.0%}"></span></div>' if progress is not None else ""
    quotes = "".join(
        f'<blockquote><b>{escape(s.get("language") or "?")}</b>{escape(s["quote"])}</blockquote>'
        for s in rec["sources"] if s["kind"] == "document"
    )
    cites = "".join(f'<div class="cite">{escape(text["data"])}: {escape(s["citation"])}</div>'
                    for s in rec["sources"] if s["kind"] == "dataset")
    reason = ""
    if rec["status"] == "not_assessable":  # in words for the reader: no command lines
        code = next((k for k, v in labels()["reason"].items() if v == rec["reason"]), "no_observations")
        reason = (f'<p class="hint">{escape(words["reason"].get(code, rec["reason"] or ""))}. '
                  f'{escape(text["no_data_text"])}</p>')
    return (
        f'<section class="card" style="--c:{colour}"><h2>{escape(label)} {comparator} {_num(t["value"], unit)} '
        f'{escape(text["deadline"])} {t["deadline"]}</h2><div class="meta">{escape(region_name or t["region"])} · '
        f'<span class="badge">{escape(words["status"].get(rec["status"], rec["status_text"]))}</span></div>{bar}'
        f'{svg_chart(rec, language=language)}{reason}'
        f'<table>{table}</table>{quotes and "<div>" + quotes + "</div>"}{cites}</section>'
    )


def _progress(rec: dict[str, Any]) -> float | None:
    if rec["status"] == "met":
        return 1.0
    start, latest = rec.get("start"), rec.get("latest")
    if not start or not latest:
        return None
    span = rec["target"]["value"] - start["value"]
    return None if span == 0 else min(max((latest["value"] - start["value"]) / span, 0.0), 1.0)


def _vintage(records: Sequence[dict[str, Any]]) -> str | None:
    periods = [str(r["latest"]["period"]) for r in records if r.get("latest")]
    return max(periods) if periods else None


def _summary(records: Sequence[dict[str, Any]], words: dict[str, Any], place: str) -> str:
    """The executive summary: one paragraph and one table of the targets by on track / at risk / off track."""
    text = words["text"]
    groups: dict[str, list[str]] = {g: [] for g in ("on_track", "at_risk", "off_track", "not_assessable")}
    for rec in records:
        t = rec["target"]
        label = t.get("label") or t.get("indicator") or t.get("metric_text") or "?"
        groups[GROUPS.get(rec["status"], "not_assessable")].append(f"{label} ({t['deadline']})")
    paragraph = text["summary_text"].format(region=place, n=len(records), on_track=len(groups["on_track"]),
                                            at_risk=len(groups["at_risk"]), off_track=len(groups["off_track"]),
                                            none=len(groups["not_assessable"]))
    rows = "".join(
        f'<tr><td>{escape(text["group_" + g])}</td><td>{len(items)}</td><td>{escape("; ".join(items)) or "–"}</td></tr>'
        for g, items in groups.items()
    )
    return (f'<section class="summary"><h2>{escape(text["summary"])}</h2><p>{escape(paragraph)}</p>'
            f'<table><tr><td>{escape(text["group"])}</td><td>{escape(text["count"])}</td>'
            f'<td>{escape(text["targets"])}</td></tr>{rows}</table></section>')


def render_html(
    records: Sequence[dict[str, Any]], *, region: str | None = None, region_name: str | None = None,
    issued: str | None = None, language: str = "en", indicator_labels: Mapping[str, str] | None = None,
) -> str:
    """A complete HTML document for the records (no external resources), in ``language`` (en, zh).

    ``region_name`` is shown instead of the code; ``issued`` (an ISO date) is the briefing's date;
    ``indicator_labels`` names indicators in that language (by id).
    """
    words = labels(language)
    names = dict(indicator_labels or {})
    records = [{**r, "target": {**r["target"], "label": names.get(str(r["target"].get("indicator")),
                                                                  r["target"].get("label"))}} for r in records]
    text = words["text"]
    place = region_name or region or text["all_regions"]
    title = text["title"] + f" — {place}"
    cards = [_card(r, words, language, region_name) for r in records]
    # in print two cards share a row, and a row is never split across pages (on screen the grid places them)
    pairs = "".join(f'<div class="pair">{"".join(cards[i:i + 2])}</div>' for i in range(0, len(cards), 2))
    vintage = _vintage(records)
    facts = [f"riso · {len(records)} {text['targets']}"]
    if issued:
        facts.append(f"{text['issued']} {issued}")
    if vintage:
        facts.append(f"{text['vintage']} {vintage}")
    sources = sorted({s["citation"] for r in records for s in r["sources"] if s["kind"] == "dataset"})
    source_list = "".join(f"<li>{escape(c)}</li>" for c in sources)
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body><header><h1>{escape(title)}</h1>"
        f"<p>{escape(' · '.join(facts))}</p></header>{_summary(records, words, place)}<main>{pairs}</main>"
        f'<footer><h2>{escape(text["method_title"])}</h2><p>{escape(text["method"])}</p>'
        + (f'<h2>{escape(text["sources_title"])}</h2><ul>{source_list}</ul>' if sources else "")
        + "</footer></body></html>"
    )
