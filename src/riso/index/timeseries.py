"""Time series of an index: one framework and one set of choices over several periods. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from riso.index.framework import Framework
from riso.index.pipeline import BuildSpec, IndexResult, build

__all__ = ["build_series", "series_rows"]


def build_series(frameworks: Mapping[str, Framework], spec: BuildSpec | None = None) -> dict[str, IndexResult]:
    """Build the index for each period (period -> framework with that period's data)."""
    return {period: build(fw, spec) for period, fw in sorted(frameworks.items())}


def series_rows(results: Mapping[str, IndexResult], *, code: str | None = None) -> list[dict[str, Any]]:
    """Long table (uCode, period, score, rank) of one aggregate (default: the top) over the periods."""
    rows: list[dict[str, Any]] = []
    for period, res in sorted(results.items()):
        target = code or res.top
        scores, ranks = res.scores(), res.ranks()
        j = scores.codes.index(target)
        for i, unit in enumerate(scores.units):
            s, r = scores.values[i, j], ranks.values[i, j]
            rows.append({"uCode": unit, "period": period, "code": target,
                         "score": None if np.isnan(s) else float(s), "rank": None if np.isnan(r) else int(r)})
    return rows
