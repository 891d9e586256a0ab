"""Comparing two builds (COINr's compare_coins) and what each element adds (COINr's remove_elements). No I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from riso.errors import ConfigError, FrameworkError
from riso.index.aggregate import rank_desc
from riso.index.pipeline import IndexResult, build

__all__ = ["compare_tables", "remove_elements"]


def _by_unit(rows: Sequence[Mapping[str, Any]], code: str) -> dict[str, tuple[float | None, int | None]]:
    out: dict[str, tuple[float | None, int | None]] = {}
    for row in rows:
        score = row.get(code)
        out[str(row["uCode"])] = (None if score is None else float(score),
                                  None if row.get("Rank") is None else int(row["Rank"]))
    return out


def compare_tables(
    a: Sequence[Mapping[str, Any]], b: Sequence[Mapping[str, Any]], code: str, *, labels: tuple[str, str] = ("A", "B"),
) -> dict[str, Any]:
    """Per unit the score and rank of `code` in two builds, their differences, and a summary (COINr compare_coins).

    Rows are score tables as `IndexResult.table()` gives them (uCode, aggregate columns, Rank); the rank of a
    non-top code is recomputed from the scores (1 = highest, ties share the lowest rank). Units present in one
    build only are listed with the other side empty.
    """
    for rows, label in ((a, labels[0]), (b, labels[1])):
        if rows and code not in rows[0]:
            raise ConfigError(f"{code!r} is not a column of build {label}",
                              hint=f"Use one of: {', '.join(k for k in rows[0] if k not in ('uCode', 'Rank'))}.")
    units = sorted({str(r["uCode"]) for r in a} | {str(r["uCode"]) for r in b})
    sa, sb = _by_unit(a, code), _by_unit(b, code)

    def ranks(side: dict[str, tuple[float | None, int | None]]) -> dict[str, int | None]:
        names = [u for u in units if u in side and side[u][0] is not None]
        r = rank_desc(np.array([side[u][0] for u in names], dtype=float))
        return dict(zip(names, (int(v) for v in r), strict=True))

    ra, rb = ranks(sa), ranks(sb)
    rows_out: list[dict[str, Any]] = []
    for u in units:
        score_a, score_b = sa.get(u, (None, None))[0], sb.get(u, (None, None))[0]
        rank_a, rank_b = ra.get(u), rb.get(u)
        rows_out.append({
            "uCode": u, f"score_{labels[0]}": score_a, f"score_{labels[1]}": score_b,
            "score_diff": None if score_a is None or score_b is None else score_b - score_a,
            f"rank_{labels[0]}": rank_a, f"rank_{labels[1]}": rank_b,
            "rank_diff": None if rank_a is None or rank_b is None else rank_b - rank_a,
            "abs_rank_diff": None if rank_a is None or rank_b is None else abs(rank_b - rank_a),
        })
    rows_out.sort(key=lambda r: (r[f"rank_{labels[0]}"] is None, r[f"rank_{labels[0]}"] or 0, r["uCode"]))
    moved = [int(r["abs_rank_diff"]) for r in rows_out if r["abs_rank_diff"] is not None]
    summary = {"code": code, "units": len(units), "changed": sum(1 for m in moved if m),
               "mean_abs_rank_diff": float(np.mean(moved)) if moved else 0.0,
               "max_abs_rank_diff": int(max(moved)) if moved else 0}
    return {"rows": rows_out, "summary": summary}


def remove_elements(result: IndexResult, level: int, *, code: str | None = None) -> dict[str, Any]:
    """Rebuild with each element of `level` removed (weight 0), as COINr's remove_elements.

    Returns, per removed element, the mean absolute rank change of `code` (default the index) over units and
    the largest one, and per unit the rank after each removal. An element that is the only child of its parent
    cannot be removed (its parent would have no data) and is reported as such.
    """
    fw = result.framework
    if not 1 <= level < fw.n_levels:
        raise ConfigError(f"level {level} has no removable elements", hint=f"Use a level from 1 to {fw.n_levels - 1}.")
    target = code or result.top
    agg = result.aggregated
    if target not in agg.codes:
        raise ConfigError(f"{target!r} is not a code of the index", hint="Use an aggregate iCode.")
    nominal = rank_desc(agg.column(target))
    summary: list[dict[str, Any]] = []
    per_unit: dict[str, dict[str, Any]] = {u: {"uCode": u, "nominal": _int(r)}
                                           for u, r in zip(agg.units, nominal, strict=True)}
    for element in fw.children(level):
        if element == target:
            continue
        siblings = [n for n in fw.nodes if n.parent == fw.node(element).parent]
        if len(siblings) < 2:
            summary.append({"removed": element, "mean_abs_rank_diff": None, "max_abs_rank_diff": None,
                            "note": "only child of its parent: cannot be removed"})
            continue
        weights = {**result.weights, element: 0.0}
        try:
            new = build(fw, result.spec.with_(weights=weights))
        except FrameworkError as err:
            summary.append({"removed": element, "mean_abs_rank_diff": None, "max_abs_rank_diff": None,
                            "note": err.message if hasattr(err, "message") else str(err)})
            continue
        ranks = rank_desc(new.aggregated.column(target))
        diff = np.abs(ranks - nominal)
        ok = ~np.isnan(diff)
        summary.append({"removed": element, "mean_abs_rank_diff": float(diff[ok].mean()) if ok.any() else None,
                        "max_abs_rank_diff": int(diff[ok].max()) if ok.any() else None, "note": ""})
        for u, r in zip(new.aggregated.units, ranks, strict=True):
            per_unit[u][element] = _int(r)
    summary.sort(key=lambda r: (r["mean_abs_rank_diff"] is None, -(r["mean_abs_rank_diff"] or 0.0), r["removed"]))
    return {"code": target, "level": level, "summary": summary, "ranks": list(per_unit.values())}


def _int(value: float) -> int | None:
    return None if np.isnan(value) else int(value)
