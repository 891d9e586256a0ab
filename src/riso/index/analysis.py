"""Index analysis: indicator statistics, correlations, Cronbach's alpha, PCA, strengths, what-if. No I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from riso.errors import FrameworkError
from riso.index.aggregate import rank_desc
from riso.index.framework import Dataset
from riso.index.pipeline import IndexResult, build
from riso.index.treat import kurtosis, skewness

__all__ = [
    "correlation_flags", "correlations", "cronbach_alpha", "group_pca", "indicator_stats", "profile_from_table",
    "strengths_weaknesses", "what_if",
]


def indicator_stats(data: Dataset) -> list[dict[str, Any]]:
    """Per code: n, availability, min, max, mean, median, sd, skew, kurtosis and the number of zeros."""
    x = data.values
    ok = ~np.isnan(x)
    sk, kt = skewness(x), kurtosis(x)
    rows = []
    for j, code in enumerate(data.codes):
        col = x[ok[:, j], j]
        if col.size == 0:
            rows.append({"iCode": code, "n": 0, "availability": 0.0})
            continue
        rows.append({
            "iCode": code, "n": int(col.size), "availability": float(col.size / len(x)),
            "min": float(col.min()), "max": float(col.max()), "mean": float(col.mean()),
            "median": float(np.median(col)), "sd": float(col.std(ddof=1)) if col.size > 1 else None,
            "skew": None if np.isnan(sk[j]) else float(sk[j]), "kurtosis": None if np.isnan(kt[j]) else float(kt[j]),
            "zeros": int(np.sum(col == 0)),
        })
    return rows


def correlations(result: IndexResult, level_a: int, level_b: int | None = None, *, within: bool = False) -> Dataset:
    """Pearson correlations between the codes of two levels (rows level_a, columns level_b) of the aggregated data.

    With within=True, only pairs sharing a parent at level_b's parent are kept (others NaN).
    """
    fw, agg = result.framework, result.aggregated
    level_b = level_a if level_b is None else level_b
    rows_c, cols_c = fw.children(level_a), fw.children(level_b)
    a = agg.values[:, [agg.codes.index(c) for c in rows_c]]
    b = agg.values[:, [agg.codes.index(c) for c in cols_c]]
    ok = ~(np.isnan(a).any(axis=1) | np.isnan(b).any(axis=1))
    za = (a[ok] - a[ok].mean(axis=0)) / a[ok].std(axis=0)
    zb = (b[ok] - b[ok].mean(axis=0)) / b[ok].std(axis=0)
    with np.errstate(invalid="ignore"):
        corr = za.T @ zb / ok.sum()
    if within:
        def top_of(code: str, level: int) -> str | None:
            node = fw.node(code)
            while node.level < max(level_a, level_b) + 1 and node.parent:
                node = fw.node(node.parent)
            return node.code

        for i, rc in enumerate(rows_c):
            for j, cc in enumerate(cols_c):
                if top_of(rc, level_a) != top_of(cc, level_b):
                    corr[i, j] = np.nan
    return Dataset(f"Correlations {level_a}x{level_b}", tuple(rows_c), tuple(cols_c), corr)


def cronbach_alpha(block: np.ndarray) -> float:
    """Cronbach's alpha of the columns of a units x items block (COINr's get_cronbach).

    From the covariance matrix of pairwise-complete observations (R's cov(use = "pairwise.complete.obs")):
    k^2 * mean off-diagonal covariance / sum of all covariances.
    """
    k = block.shape[1]
    if k < 2 or len(block) < 2:
        return float("nan")
    cov = pd.DataFrame(block).cov(min_periods=2).to_numpy()
    sig_all = np.nansum(cov)
    sig_av = (sig_all - np.nansum(np.diag(cov))) / (k * (k - 1))
    return float(k * k * sig_av / sig_all) if sig_all else float("nan")


def _children_block(result: IndexResult, aggregate: str) -> tuple[list[str], np.ndarray]:
    fw = result.framework
    kids = [n.code for n in fw.nodes if n.parent == aggregate]
    if not kids:
        raise FrameworkError(f"{aggregate!r} is not an aggregate", hint="Use an aggregate iCode (level 2 or above).")
    ds = result.datasets["Normalised"] if fw.node(kids[0]).level == 1 else result.aggregated
    return kids, ds.values[:, [ds.codes.index(k) for k in kids]]


def group_pca(result: IndexResult, aggregate: str) -> dict[str, Any]:
    """Alpha and PCA (eigenvalues, explained shares, first-component loadings) of an aggregate's children."""
    kids, block = _children_block(result, aggregate)
    complete = block[~np.isnan(block).any(axis=1)]
    corr = np.atleast_2d(np.corrcoef(complete, rowvar=False))
    vals, vecs = np.linalg.eigh(corr)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    first = vecs[:, 0] * np.sign(vecs[:, 0].sum() or 1.0)
    return {
        "aggregate": aggregate, "alpha": cronbach_alpha(block), "children": kids,
        "eigenvalues": vals.tolist(), "explained": (vals / vals.sum()).tolist(),
        "loadings": dict(zip(kids, first.tolist(), strict=True)),
    }


def correlation_flags(
    data: Dataset, framework: Any, *, high: float = 0.9, low: float = -0.4, group_level: int = 2,
    cortype: str = "pearson", alpha: float = 0.05,
) -> list[dict[str, Any]]:
    """Pairs of indicators in one group whose correlation is above `high` (collinear) or below `low` (negative).

    COINr's get_corr_flags (pairwise-complete correlations within the groups of `group_level`, each pair once),
    with each correlation's p-value (as COINr's get_pvals, cor.test) and whether it is significant at `alpha`.
    """
    from scipy.stats import kendalltau, pearsonr, spearmanr

    func = {"pearson": pearsonr, "spearman": spearmanr, "kendall": kendalltau}.get(cortype)
    if func is None:
        raise FrameworkError(f"unknown correlation type {cortype!r}", hint="Use pearson, spearman or kendall.")

    def ancestor(code: str) -> str | None:
        node = framework.node(code)
        while node.level < group_level and node.parent is not None:
            node = framework.node(node.parent)
        return node.code if node.level == group_level else None

    codes = [c for c in data.codes if framework.node(c).level == 1]
    out = []
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            group = ancestor(a)
            if group is None or group != ancestor(b):
                continue
            x, y = data.column(a), data.column(b)
            ok = ~np.isnan(x) & ~np.isnan(y)
            if ok.sum() < 3 or np.ptp(x[ok]) == 0 or np.ptp(y[ok]) == 0:
                continue
            r, pval = (float(v) for v in func(x[ok], y[ok]))
            flag = "collinear" if r > high else ("negative" if r < low else "")
            if flag:
                out.append({"group": group, "ind1": a, "ind2": b, "corr": r, "p_value": pval,
                            "significant": bool(pval < alpha), "flag": flag})
    return out


def strengths_weaknesses(result: IndexResult, unit: str, *, n: int = 5) -> dict[str, list[dict[str, Any]]]:
    """A unit's top and bottom indicators by rank among all units."""
    ds = result.datasets["Normalised"]
    if unit not in ds.units:
        raise FrameworkError(f"unit {unit!r} is not in the index", hint="Use a uCode from the data.")
    ranks = rank_desc(ds.values, axis=0)
    i = ds.units.index(unit)
    items = [{"iCode": c, "rank": int(ranks[i, j]), "value": float(result.framework.raw().column(c)[
        result.framework.units.index(unit)])} for j, c in enumerate(ds.codes) if not np.isnan(ranks[i, j])]
    items.sort(key=lambda r: (r["rank"], r["iCode"]))
    return {"strengths": items[:n], "weaknesses": items[::-1][:n]}


def profile_from_table(
    rows: Sequence[Mapping[str, Any]], codes: Sequence[str], unit: str, *, n: int = 3
) -> dict[str, list[dict[str, Any]]]:
    """A unit's strengths and weaknesses from a saved score table (one row per unit, a column per code).

    Ranks each code's column among the units (1 = best; ties share the lowest rank, NaN skipped) as
    ``strengths_weaknesses`` does on a built index; returns the ``n`` best and ``n`` worst codes with
    their rank, the number of ranked units and the value. Raises FrameworkError for an unknown unit.
    """
    units = [str(r.get("uCode")) for r in rows]
    if unit not in units:
        raise FrameworkError(f"unit {unit!r} is not in the index", hint="Pick a unit from the ranks table.")
    values = np.array([[_number(r.get(c)) for c in codes] for r in rows], dtype=float).reshape(len(rows), len(codes))
    ranks = rank_desc(values, axis=0)
    i = units.index(unit)
    items: list[dict[str, Any]] = [{"iCode": c, "rank": int(ranks[i, j]), "of": int(np.sum(~np.isnan(values[:, j]))),
              "value": float(values[i, j])} for j, c in enumerate(codes) if not np.isnan(ranks[i, j])]
    items.sort(key=lambda r: (r["rank"], r["iCode"]))
    worst = sorted(items, key=lambda r: (-r["rank"], r["iCode"]))
    return {"strengths": items[:n], "weaknesses": worst[:n]}


def _number(value: Any) -> float:
    try:
        return float(value) if value is not None else float("nan")
    except (TypeError, ValueError):
        return float("nan")


def what_if(result: IndexResult, weights: Mapping[str, float]) -> list[dict[str, Any]]:
    """Rebuild with some weights changed; per unit the old and new top score and rank, and the rank change."""
    new = build(result.framework, result.spec.with_(weights={**result.weights, **dict(weights)}))
    old_rows = {r["uCode"]: r for r in result.table()}
    top = result.top
    out = []
    for row in new.table():
        before = old_rows[row["uCode"]]
        out.append({"uCode": row["uCode"], "score": before[top], "rank": before["Rank"], "new_score": row[top],
                    "new_rank": row["Rank"], "change": before["Rank"] - row["Rank"]})
    return out
