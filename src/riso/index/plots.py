"""Matplotlib figures (Agg backend) of an index: ranked bars with rank bounds, a unit profile, a heat map.

Functions build and return a Figure; saving it is the caller's job. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = ["correlation_figure", "profile_figure", "ranks_figure", "sensitivity_figure"]


def ranks_figure(
    scores: Sequence[Mapping[str, Any]], top: str, uncertainty: Sequence[Mapping[str, Any]] | None = None
) -> Figure:
    """Bars of the top score in rank order; with uncertainty, the 5-95 % rank interval of each unit below."""
    rows = sorted(scores, key=lambda r: (r.get("Rank") or 10**9, r["uCode"]))
    units = [r["uCode"] for r in rows]
    x = np.arange(len(units))
    n_panels = 2 if uncertainty else 1
    width = max(6.0, 0.22 * len(units) + 1.5)
    fig, axes = plt.subplots(n_panels, 1, figsize=(width, 3.2 * n_panels), sharex=True, squeeze=False)
    ax = axes[0, 0]
    ax.bar(x, [r.get(top) or 0.0 for r in rows], color="#4c78a8")
    ax.set_ylabel(f"{top} score")
    ax.set_title(f"{top}: scores in rank order")
    ax.grid(axis="y", alpha=0.3)
    if uncertainty:
        by_unit = {r["uCode"]: r for r in uncertainty}
        ax2 = axes[1, 0]
        q5 = np.array([by_unit.get(u, {}).get("q5", np.nan) for u in units], dtype=float)
        q95 = np.array([by_unit.get(u, {}).get("q95", np.nan) for u in units], dtype=float)
        med = np.array([by_unit.get(u, {}).get("median", np.nan) for u in units], dtype=float)
        nom = np.array([by_unit.get(u, {}).get("nominal", np.nan) for u in units], dtype=float)
        ax2.vlines(x, q5, q95, color="grey", linewidth=2, label="5-95 % rank interval")
        ax2.plot(x, med, "o", color="#83af70", label="median rank")
        ax2.plot(x, nom, "_", color="firebrick", markersize=10, label="nominal rank")
        ax2.invert_yaxis()
        ax2.set_ylabel("rank")
        ax2.legend(loc="upper right", fontsize=7, frameon=False)
        ax2.grid(axis="y", alpha=0.3)
    bottom = axes[-1, 0]
    bottom.set_xticks(x)
    bottom.set_xticklabels(units, rotation=90, fontsize=7)
    bottom.set_xlim(-0.7, len(units) - 0.3)
    fig.tight_layout()
    return fig


def profile_figure(scores: Sequence[Mapping[str, Any]], unit: str, codes: Sequence[str]) -> Figure:
    """A unit's scores on the given aggregates, with the mean and range over all units."""
    mine = next((r for r in scores if r["uCode"] == unit), None)
    vals = [float(mine.get(c) or 0.0) if mine else 0.0 for c in codes]
    cols = [[r[c] for r in scores if r.get(c) is not None] for c in codes]
    y = np.arange(len(codes))
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(codes) + 1.4))
    ax.hlines(y, [min(c) for c in cols], [max(c) for c in cols], color="#e4e4e4", linewidth=16,
              label="range of all units", zorder=1)
    ax.barh(y, vals, height=0.3, color="#4c78a8", label=unit, zorder=2)
    ax.plot([float(np.mean(c)) for c in cols], y, "|", color="black", markersize=16, markeredgewidth=2,
            label="mean of all units", zorder=3)
    ax.set_yticks(y)
    ax.set_yticklabels(codes)
    ax.invert_yaxis()
    ax.set_xlabel("score")
    ax.set_title(f"{unit}: profile")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=7, frameon=False)
    fig.tight_layout()
    return fig


def correlation_figure(rows: Sequence[str], cols: Sequence[str], matrix: np.ndarray, *, title: str = "") -> Figure:
    """A correlation heat map, coefficients written in the cells."""
    fig, ax = plt.subplots(figsize=(0.55 * len(cols) + 2.5, 0.45 * len(rows) + 1.8))
    im = ax.imshow(matrix, cmap="RdBu", vmin=-1, vmax=1)
    ax.set_xticks(range(len(cols)))
    ax.set_xticklabels(cols, rotation=90, fontsize=8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8)
    if len(rows) * len(cols) <= 400:
        for i in range(len(rows)):
            for j in range(len(cols)):
                v = matrix[i, j]
                if not np.isnan(v):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=6,
                            color="white" if abs(v) > 0.6 else "black")
    fig.colorbar(im, ax=ax, shrink=0.8)
    ax.set_title(title or "correlations")
    fig.tight_layout()
    return fig


def sensitivity_figure(rows: Sequence[Mapping[str, Any]], *, title: str = "") -> Figure:
    """First-order (Si) and total (STi) sensitivity index of each varied choice, with bootstrap 5-95 % bars."""
    names = [str(r["variable"]) for r in rows]
    x = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(max(5.0, 1.2 * len(names) + 2), 3.6))
    for shift, key, colour, label in ((-0.18, "si", "#4c78a8", "first order (Si)"),
                                      (0.18, "sti", "#f58518", "total (STi)")):
        vals = np.array([float(r[key]) for r in rows])
        lo = vals - np.array([float(r[f"{key}_q5"]) for r in rows])
        hi = np.array([float(r[f"{key}_q95"]) for r in rows]) - vals
        ax.bar(x + shift, vals, width=0.36, color=colour, label=label,
               yerr=np.vstack([np.clip(lo, 0, None), np.clip(hi, 0, None)]), capsize=3)
    ax.set_xticks(x)
    ax.set_xticklabels(names)
    ax.set_ylabel("share of the variance of the mean rank shift")
    ax.set_xlabel("varied choice")
    ax.set_title(title or "Sensitivity of the ranks to each choice")
    ax.legend(frameon=False, fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
