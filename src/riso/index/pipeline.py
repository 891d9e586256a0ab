"""Build an index: the settings record, the step sequence, and the result with every named dataset. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np

from riso.errors import ConfigError
from riso.index.aggregate import Aggregate, rank_desc
from riso.index.framework import Dataset, Framework
from riso.index.normalise import Normalise
from riso.index.prepare import Denominate, Impute, Screen
from riso.index.treat import Treat
from riso.index.weights import resolve_weights

__all__ = ["BuildSpec", "IndexResult", "build"]


@dataclass(frozen=True)
class BuildSpec:
    """Every construction choice; round-trips to YAML/JSON with to_dict / from_mapping."""

    denominate: bool = True
    impute: str | None = None
    impute_group: str | None = None
    screen: float | None = None
    screen_by: str = "na"
    force_in: tuple[str, ...] = ()
    force_out: tuple[str, ...] = ()
    treat: str = "winsorise"
    winmax: int | None = 5
    skew_thresh: float = 2.0
    kurt_thresh: float = 3.5
    fallback: str = "log"
    boxcox_lambda: float = 0.5
    treat_specs: Mapping[str, Any] | None = None
    normalise: str = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = 1.0
    goalposts: tuple[tuple[float, float, float], ...] | None = None
    cap_max: bool = False
    normalise_ref: str | None = None
    npara: tuple[float, float] = (0.0, 100.0)
    scale_factor: float = 100.0
    normalise_specs: Mapping[str, Any] | None = None
    weights: str | Mapping[str, float] = "manual"
    pca_level: int = 1
    opt: Mapping[str, Any] | None = None
    aggregate: str | tuple[str, ...] | Mapping[int, str] = "amean"
    dat_thresh: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain settings (lists for tuples)."""
        out = asdict(self)
        for key in ("range", "npara", "force_in", "force_out"):
            out[key] = list(getattr(self, key))
        if isinstance(self.aggregate, tuple):
            out["aggregate"] = list(self.aggregate)
        if self.goalposts is not None:
            out["goalposts"] = [list(g) for g in self.goalposts]
        return out

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> BuildSpec:
        """Settings from a mapping (a --config YAML file); unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        flat = dict(data)
        screen = flat.get("screen")
        if isinstance(screen, Mapping):  # screen: {threshold: 0.9, by: zeros, force_in: [..], force_out: [..]}
            flat["screen"] = screen.get("threshold", 0.0)
            for k, v in screen.items():
                if k != "threshold":
                    flat["screen_by" if k == "by" else k] = v
        for nested in ("impute", "treat", "normalise"):  # allow {impute: {method: .., group: ..}} blocks
            block = flat.get(nested)
            if isinstance(block, Mapping):
                flat[nested] = block.get("method")
                for k, v in block.items():
                    if k != "method":
                        flat[f"{nested}_{k}" if f"{nested}_{k}" in known else k] = v
        unknown = sorted(set(flat) - known)
        if unknown:
            raise ConfigError(f"unknown index setting(s): {', '.join(unknown)}",
                              hint=f"Known: {', '.join(sorted(known))}.")
        for key in ("range", "npara"):
            if key in flat:
                flat[key] = tuple(float(v) for v in flat[key])
        for key in ("force_in", "force_out"):
            if key in flat:
                flat[key] = tuple(str(v) for v in ([flat[key]] if isinstance(flat[key], str) else flat[key]))
        if isinstance(flat.get("aggregate"), list):
            flat["aggregate"] = tuple(flat["aggregate"])
        if isinstance(flat.get("aggregate"), Mapping):
            flat["aggregate"] = {int(k): str(v) for k, v in flat["aggregate"].items()}
        if flat.get("goalposts") is not None:
            flat["goalposts"] = tuple(tuple(float(x) for x in g) for g in flat["goalposts"])
        return cls(**flat)

    def with_(self, **changes: Any) -> BuildSpec:
        """A copy with some settings changed."""
        return replace(self, **changes)


@dataclass(frozen=True)
class IndexResult:
    """A built index: every named dataset, treatment details, weights, scores and ranks."""

    framework: Framework
    spec: BuildSpec
    datasets: dict[str, Dataset]
    treatment: list[dict[str, Any]] = field(default_factory=list)
    treated_points: np.ndarray | None = None
    weights: dict[str, float] = field(default_factory=dict)
    removed_units: tuple[str, ...] = ()

    @property
    def aggregated(self) -> Dataset:
        """The final dataset (indicators and aggregates)."""
        return self.datasets["Aggregated"]

    @property
    def top(self) -> str:
        """Code of the top-level aggregate (the index)."""
        return self.framework.aggregates(self.framework.n_levels)[0]

    def scores(self) -> Dataset:
        """Aggregate scores only (levels >= 2)."""
        agg = self.aggregated
        start = len(self.framework.indicators)
        return Dataset("Scores", agg.units, agg.codes[start:], agg.values[:, start:])

    def ranks(self) -> Dataset:
        """Rank of every aggregate (1 = highest, ties share the lowest rank)."""
        s = self.scores()
        return Dataset("Ranks", s.units, s.codes, rank_desc(s.values, axis=0))

    def table(self) -> list[dict[str, Any]]:
        """One row per unit: uCode, every aggregate score, and the top-level Rank (sorted by rank)."""
        s, r = self.scores(), self.ranks()
        rows = s.to_rows()
        top = s.codes.index(self.top)
        for row, rank in zip(rows, r.values[:, top], strict=True):
            row["Rank"] = None if np.isnan(rank) else int(rank)
        return sorted(rows, key=lambda row: (row["Rank"] is None, row["Rank"] or 0, row["uCode"]))

    def treated_points_rows(self) -> list[dict[str, Any]]:
        """COINr's Treated_Points table: per unit, the mark of each treated indicator ('' when untouched)."""
        ds = self.datasets.get("Treated")
        if ds is None or self.treated_points is None:
            return []
        return [{"uCode": u, **dict(zip(ds.codes, map(str, row), strict=True))}
                for u, row in zip(ds.units, self.treated_points, strict=True)]


def build(framework: Framework, spec: BuildSpec | None = None) -> IndexResult:
    """Run denominate -> impute -> screen -> treat -> normalise -> weights -> aggregate, keeping each dataset."""
    spec = spec or BuildSpec()
    data = framework.raw()
    sets: dict[str, Dataset] = {"Raw": data}
    if spec.denominate and any(framework.node(c).denominator for c in framework.indicators):
        data = Denominate().fit(data, framework).transform(data)
        sets["Denominated"] = data
    if spec.impute:
        data = Impute(method=spec.impute, group=spec.impute_group).fit(data, framework).transform(data)
        sets["Imputed"] = data
    removed: tuple[str, ...] = ()
    if spec.screen is not None:
        screen = Screen(threshold=spec.screen, by=spec.screen_by, force_in=spec.force_in,
                        force_out=spec.force_out).fit(data)
        data, removed = screen.transform(data), screen.removed_
        sets["Screened"] = data
    boxcox = spec.treat == "boxcox"  # shorthand: winsorise, Box-Cox instead of log when that fails
    treat = Treat(method="winsorise" if boxcox else spec.treat, winmax=spec.winmax, skew_thresh=spec.skew_thresh,
                  kurt_thresh=spec.kurt_thresh, fallback="boxcox" if boxcox else spec.fallback,
                  boxcox_lambda=spec.boxcox_lambda, specs=spec.treat_specs).fit(data)
    if spec.treat != "none" or spec.treat_specs:
        data = treat.transform(data)
        sets["Treated"] = data
    data = Normalise(method=spec.normalise, range=spec.range, mean=spec.mean, sd=spec.sd,
                     goalposts=spec.goalposts, cap_max=spec.cap_max, ref_unit=spec.normalise_ref, npara=spec.npara,
                     scale_factor=spec.scale_factor, specs=spec.normalise_specs).fit(data, framework).transform(data)
    sets["Normalised"] = data
    weights = resolve_weights(spec.weights, data, framework, spec.aggregate,
                              {"pca_level": spec.pca_level, **(spec.opt or {})})
    agg = Aggregate(method=spec.aggregate, weights=weights, dat_thresh=spec.dat_thresh).fit(data, framework)
    sets["Aggregated"] = agg.transform(data)
    treated = spec.treat != "none" or bool(spec.treat_specs)
    return IndexResult(framework, spec, sets, treat.details_ if treated else [],
                       treat.points_ if treated else None, weights, removed)
