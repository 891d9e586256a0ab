"""Composite-index construction (COINr-exact), analysis, uncertainty and sensitivity. Pure: no I/O."""

from __future__ import annotations

from riso.index.aggregate import AGGREGATE_METHODS, Aggregate, aggregate_batch, rank_desc
from riso.index.base import STEPS, Step
from riso.index.framework import (
    Dataset,
    Framework,
    Node,
    framework_from_coinr,
    framework_from_long,
    framework_from_spec,
)
from riso.index.normalise import NORMALISE_METHODS, Normalise, normalise_matrix
from riso.index.pipeline import BuildSpec, IndexResult, build
from riso.index.prepare import IMPUTE_METHODS, Denominate, Impute, Screen
from riso.index.timeseries import build_series, series_rows
from riso.index.treat import Treat, kurtosis, skewness
from riso.index.uncertainty import UncertaintyResult, UncertaintySpec, run_uncertainty
from riso.index.weights import WEIGHT_METHODS, resolve_weights

__all__ = [
    "AGGREGATE_METHODS",
    "IMPUTE_METHODS",
    "NORMALISE_METHODS",
    "STEPS",
    "WEIGHT_METHODS",
    "Aggregate",
    "BuildSpec",
    "Dataset",
    "Denominate",
    "Framework",
    "Impute",
    "IndexResult",
    "Node",
    "Normalise",
    "Screen",
    "Step",
    "Treat",
    "UncertaintyResult",
    "UncertaintySpec",
    "aggregate_batch",
    "build",
    "build_series",
    "framework_from_coinr",
    "framework_from_long",
    "framework_from_spec",
    "kurtosis",
    "normalise_matrix",
    "rank_desc",
    "resolve_weights",
    "run_uncertainty",
    "series_rows",
    "skewness",
]
