"""Vega-Lite chart specifications for the web dashboard: ranks with rank bounds, a unit's profile, correlations.

Pure functions returning dicts; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["correlation_spec", "profile_spec", "ranks_spec"]

_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def ranks_spec(
    scores: Sequence[Mapping[str, Any]], top: str, uncertainty: Sequence[Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """Bars of the top score in rank order; with uncertainty, a second panel of 5-95 % rank intervals."""
    order = [r["uCode"] for r in sorted(scores, key=lambda r: (r.get("Rank") or 10**9, r["uCode"]))]
    bars = {
        "data": {"values": [{"uCode": r["uCode"], "score": r.get(top), "rank": r.get("Rank")} for r in scores]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "uCode", "type": "nominal", "sort": order, "title": None},
            "y": {"field": "score", "type": "quantitative", "title": top},
            "tooltip": [{"field": "uCode"}, {"field": "score", "format": ".2f"}, {"field": "rank"}],
        },
    }
    if not uncertainty:
        return {"$schema": _SCHEMA, "width": "container", **bars}
    rows = [dict(r) for r in uncertainty]
    x = {"field": "uCode", "type": "nominal", "sort": order, "title": None}
    whisk = {
        "data": {"values": rows},
        "layer": [
            {"mark": "rule", "encoding": {"x": x, "y": {"field": "q5", "type": "quantitative", "title": "rank",
                                                        "scale": {"reverse": True}}, "y2": {"field": "q95"}}},
            {"mark": {"type": "point", "filled": True}, "encoding": {"x": x, "y": {"field": "median",
                                                                                  "type": "quantitative"}}},
            {"mark": {"type": "tick", "color": "firebrick"}, "encoding": {"x": x, "y": {"field": "nominal",
                                                                                       "type": "quantitative"}}},
        ],
    }
    return {"$schema": _SCHEMA, "vconcat": [bars, whisk]}


def profile_spec(scores: Sequence[Mapping[str, Any]], unit: str, codes: Sequence[str]) -> dict[str, Any]:
    """A unit's scores on the given aggregates (e.g. pillars) against the mean over all units."""
    values = []
    for code in codes:
        col = [r[code] for r in scores if r.get(code) is not None]
        mine = next((r.get(code) for r in scores if r["uCode"] == unit), None)
        values.append({"code": code, "unit": mine, "mean": sum(col) / len(col) if col else None})
    return {
        "$schema": _SCHEMA,
        "title": unit,
        "data": {"values": values},
        "layer": [
            {"mark": "bar", "encoding": {"y": {"field": "code", "type": "nominal", "title": None},
                                         "x": {"field": "unit", "type": "quantitative", "title": "score"}}},
            {"mark": {"type": "tick", "color": "black"}, "encoding": {"y": {"field": "code", "type": "nominal"},
                                                                      "x": {"field": "mean", "type": "quantitative"}}},
        ],
    }


def correlation_spec(labels_rows: Sequence[str], labels_cols: Sequence[str], matrix: Sequence[Sequence[float]]
                     ) -> dict[str, Any]:
    """A correlation heat map with the coefficient written in each cell."""
    values = [{"row": r, "col": c, "r": None if v != v else round(float(v), 2)}
              for r, line in zip(labels_rows, matrix, strict=True) for c, v in zip(labels_cols, line, strict=True)]
    enc = {"x": {"field": "col", "type": "nominal", "sort": list(labels_cols), "title": None},
           "y": {"field": "row", "type": "nominal", "sort": list(labels_rows), "title": None}}
    return {
        "$schema": _SCHEMA,
        "data": {"values": values},
        "layer": [
            {"mark": "rect", "encoding": {**enc, "color": {"field": "r", "type": "quantitative",
                                                           "scale": {"domain": [-1, 1], "scheme": "redblue"}}}},
            {"mark": {"type": "text", "fontSize": 9}, "encoding": {**enc, "text": {"field": "r"}}},
        ],
    }
