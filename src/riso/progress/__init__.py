"""Progress toward targets: the Eurostat SDG method and trend projections (pure, no I/O)."""

from __future__ import annotations

from riso.progress.assessor import Assessment, ProgressAssessor, period_year
from riso.progress.eurostat import STATUSES, Status, classify, growth_rates
from riso.progress.matrix import MatrixResult, assess_matrix
from riso.progress.projection import Fit, fit_trend

__all__ = [
    "STATUSES",
    "Assessment",
    "Fit",
    "MatrixResult",
    "ProgressAssessor",
    "Status",
    "assess_matrix",
    "classify",
    "fit_trend",
    "growth_rates",
    "period_year",
]
