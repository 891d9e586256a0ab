"""Monte Carlo uncertainty and variance-based sensitivity analysis (COINr's get_sensitivity), vectorised.

Each distinct treated + normalised dataset is built once per discrete choice combination; replications
sharing it are aggregated together as batched matrix products over their weight sets. All random
draws happen up front from one seeded generator, so results do not depend on how the work is split
across processes. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from riso.errors import ConfigError, FrameworkError
from riso.index.aggregate import AGGREGATE_METHODS, aggregate_batch, level_methods, rank_desc
from riso.index.framework import Framework
from riso.index.pipeline import BuildSpec, IndexResult, build

__all__ = ["SensitivityRow", "UncertaintyResult", "UncertaintySpec", "run_uncertainty", "saltelli_design"]

_VARY_KEYS = ("denominate", "screen", "impute", "winmax", "normalise", "weights_noise", "aggregate")
_DATA_KEYS = ("denominate", "screen", "impute", "winmax", "normalise")  # choices that change the normalised data


@dataclass(frozen=True)
class UncertaintySpec:
    """Which choices vary and how: the SPEC.yaml of `riso index uncertainty`."""

    runs: int = 1000
    seed: int = 1
    denominate: tuple[bool, ...] = ()
    screen: tuple[Mapping[str, Any], ...] = ()
    impute: tuple[str, ...] = ()
    winmax: tuple[int, ...] = ()
    normalise: tuple[Mapping[str, Any], ...] = ()
    weights_noise: Mapping[int, float] = field(default_factory=dict)
    aggregate: tuple[str, ...] = ()
    weight_sets: int = 100
    bootstrap: int = 100

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> UncertaintySpec:
        """Parse the SPEC mapping: runs, seed, vary: {winmax, normalise, weights_noise, aggregate, impute}."""
        vary = dict(data.get("vary") or {})
        unknown = sorted(set(vary) - set(_VARY_KEYS))
        extra = sorted(set(data) - {"runs", "seed", "vary", "weight_sets", "bootstrap"})
        if unknown or extra:
            raise ConfigError(f"unknown uncertainty setting(s): {', '.join(unknown + extra)}",
                              hint=f"vary may hold {', '.join(_VARY_KEYS)}; top level runs, seed, vary.")
        spec = cls(
            runs=int(data.get("runs", 1000)), seed=int(data.get("seed", 1)),
            denominate=tuple(_bool(v) for v in vary.get("denominate", ())),
            screen=tuple(dict(v) if isinstance(v, Mapping) else {"threshold": float(v)}
                         for v in vary.get("screen", ())),
            impute=tuple(str(v) for v in vary.get("impute", ())),
            winmax=tuple(int(v) for v in vary.get("winmax", ())),
            normalise=tuple(dict(v) if isinstance(v, Mapping) else {"method": str(v)}
                            for v in vary.get("normalise", ())),
            weights_noise={int(k): float(v) for k, v in (vary.get("weights_noise") or {}).items()},
            aggregate=tuple(str(v) for v in vary.get("aggregate", ())),
            weight_sets=int(data.get("weight_sets", 100)), bootstrap=int(data.get("bootstrap", 100)),
        )
        for name in spec.aggregate:
            if name.partition(":")[0] not in AGGREGATE_METHODS:
                raise ConfigError(f"unknown aggregation {name!r} in vary.aggregate",
                                  hint=f"Use {', '.join(AGGREGATE_METHODS)}.")
            level_methods(name, 2)
        if spec.runs < 3:
            raise ConfigError(f"runs must be at least 3, got {spec.runs}", hint="Use e.g. runs: 1000.")
        if not spec.varied():
            raise ConfigError("nothing to vary", hint=f"Give at least one of vary.{', '.join(_VARY_KEYS)}.")
        return spec

    def varied(self) -> list[str]:
        """Names of the varied choices, in sampling-column order."""
        return [k for k in _VARY_KEYS if getattr(self, k)]


def _bool(value: Any) -> bool:
    """A yes/no choice written as a YAML boolean or a word."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ConfigError(f"vary.denominate takes true/false, got {value!r}", hint="Write e.g. denominate: [true, false].")


def _data_changes(spec: UncertaintySpec, dkey: tuple[int, ...]) -> dict[str, Any]:
    """The build settings of one combination of the data-changing choices (indices into each vary list)."""
    changes: dict[str, Any] = {}
    pick = dict(zip(_DATA_KEYS, dkey, strict=True))
    if spec.denominate:
        changes["denominate"] = spec.denominate[pick["denominate"]]
    if spec.screen:
        block = dict(spec.screen[pick["screen"]])
        changes["screen"] = float(block.pop("threshold", 0.0))
        if "by" in block:
            changes["screen_by"] = str(block.pop("by"))
        for key in ("force_in", "force_out"):
            if key in block:
                changes[key] = tuple(block.pop(key))
        if block:
            raise ConfigError(f"unknown vary.screen setting(s): {', '.join(sorted(block))}",
                              hint="Use threshold, by, force_in, force_out.")
    if spec.impute:
        changes["impute"] = spec.impute[pick["impute"]]
    if spec.winmax:
        changes["winmax"] = spec.winmax[pick["winmax"]]
    if spec.normalise:
        norm = dict(spec.normalise[pick["normalise"]])
        changes["normalise"] = norm.pop("method", "minmax")
        if "range" in norm:
            norm["range"] = tuple(norm["range"])
        changes.update(norm)
    return changes


@dataclass(frozen=True)
class SensitivityRow:
    """First-order and total sensitivity index of one varied choice, with bootstrap 5 %/95 % bounds."""

    variable: str
    si: float
    sti: float
    si_q5: float
    si_q95: float
    sti_q5: float
    sti_q95: float


@dataclass(frozen=True)
class UncertaintyResult:
    """Ranks of the top aggregate over all replications, with per-unit statistics."""

    units: tuple[str, ...]
    nominal: np.ndarray
    ranks: np.ndarray  # replications x units
    scores: np.ndarray
    stats_columns: int
    sensitivity: tuple[SensitivityRow, ...] = ()
    variance: float | None = None

    def rows(self) -> list[dict[str, Any]]:
        """One row per unit: uCode, nominal, mean, median, q5, q95 of the top-level rank (sorted by nominal)."""
        r = self.ranks[: self.stats_columns]
        mean, median = np.nanmean(r, axis=0), np.nanmedian(r, axis=0)
        q5, q95 = np.nanquantile(r, 0.05, axis=0), np.nanquantile(r, 0.95, axis=0)
        out = [{"uCode": u, "nominal": int(self.nominal[i]), "mean": float(mean[i]), "median": float(median[i]),
                "q5": float(q5[i]), "q95": float(q95[i])} for i, u in enumerate(self.units)]
        return sorted(out, key=lambda row: (row["nominal"], row["uCode"]))

    def sensitivity_rows(self) -> list[dict[str, Any]]:
        """The sensitivity table as records."""
        return [row.__dict__.copy() for row in self.sensitivity]


def saltelli_design(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """COINr's SA_sample: rows A (N), B (N), then d blocks of A with column i taken from B."""
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def _estimate(y: np.ndarray, n: int, d: int, n_boot: int, rng: np.random.Generator) -> tuple[float, list[list[float]]]:
    """Saltelli 2010 first-order and Jansen total-order estimators with bootstrap quantiles (COINr SA_estimate)."""
    ya, yb = y[:n], y[n: 2 * n]
    yab = y[2 * n:].reshape(d, n)
    var = float(np.var(np.concatenate([ya, yb]), ddof=1))
    first = yb[None, :] * (yab - ya[None, :])
    total = ya[None, :] - yab
    out = []
    idx = rng.integers(0, n, size=(n_boot, n)) if n_boot else None
    for i in range(d):
        si = float(np.mean(first[i]) / var) if var else float("nan")
        sti = float(np.sum(total[i] ** 2) / (2 * n * var)) if var else float("nan")
        if idx is not None and var:
            sib = first[i][idx].mean(axis=1) / var
            stb = (total[i][idx] ** 2).sum(axis=1) / (2 * n * var)
            qs = [float(np.quantile(sib, 0.05)), float(np.quantile(sib, 0.95)),
                  float(np.quantile(stb, 0.05)), float(np.quantile(stb, 0.95))]
        else:
            qs = [float("nan")] * 4
        out.append([si, sti, *qs])
    return var, out


def _pick(u: np.ndarray, n: int) -> np.ndarray:
    """Map uniform draws to one of n discrete alternatives (equal-width bins, as COINr's cut)."""
    out: np.ndarray = np.minimum((u * n).astype(int), n - 1)
    return out


def _chunk_scores(args: tuple[Any, ...]) -> np.ndarray:
    """Top-level scores for a batch of replications sharing one dataset and one aggregation method."""
    x, levels, weights, method_by_level = args
    try:
        return _scores(x, levels, weights, method_by_level)
    except FrameworkError:  # a combination that cannot be built (e.g. gmean over negatives): NA, as COINr does
        return np.full((len(next(iter(weights.values()))), x.shape[0]), np.nan)


def _scores(x: np.ndarray, levels: Any, weights: Any, method_by_level: Mapping[int, str]) -> np.ndarray:
    current = x
    for lev, (cols, groups) in enumerate(levels, start=2):
        current = aggregate_batch(current[..., cols] if current.ndim == 3 else current[:, cols],
                                  weights[lev], groups, method_by_level[lev], where=f" at level {lev}")
    out: np.ndarray = current[:, :, 0]
    return out


def run_uncertainty(
    framework: Framework, base: BuildSpec, spec: UncertaintySpec, *, sensitivity: bool = False, n_jobs: int = 1,
    nominal: IndexResult | None = None,
) -> UncertaintyResult:
    """Run the Monte Carlo (or, with sensitivity, the Saltelli design) and rank the top aggregate per replication."""
    rng = np.random.default_rng(spec.seed)
    nominal = nominal or build(framework, base)
    top = nominal.top
    names = spec.varied()
    d = len(names)
    if sensitivity and d < 2:
        raise ConfigError("sensitivity analysis needs at least two varied choices", hint="Vary two or more.")
    n = spec.runs
    sample = saltelli_design(n, d, rng) if sensitivity else rng.random((n, d))
    reps = len(sample)
    col = {k: sample[:, i] for i, k in enumerate(names)}
    choice = {k: _pick(col[k], len(getattr(spec, k))) for k in (*_DATA_KEYS, "aggregate") if k in col}
    n_levels = framework.n_levels
    # weight sets: metadata weights times U(1 - f, 1 + f) at the noisy levels (COINr get_noisy_weights)
    nominal_w = {lev: np.array([nominal.weights[c] for c in framework.children(lev - 1)]) for lev in
                 range(2, n_levels + 1)}
    pool = max(spec.weight_sets, 1)
    pool_w = {lev: np.repeat(w[None, :], pool, axis=0) for lev, w in nominal_w.items()}
    for lev, frac in spec.weights_noise.items():
        if lev < 1 or lev >= n_levels:
            raise ConfigError(f"weights_noise level {lev} is not an aggregated level",
                              hint=f"Noise applies to the weights of children at levels 1..{n_levels - 1}; "
                                   "COINr numbers them by the children's level.")
        key = lev + 1  # level `lev` children feed aggregates at lev + 1
        pool_w[key] = pool_w[key] * (1 + (rng.random(pool_w[key].shape) * 2 - 1) * frac)
    wset = _pick(col["weights_noise"], pool) if "weights_noise" in col else np.zeros(reps, dtype=int)
    # one dataset per discrete (denominate, screen, impute, winmax, normalise) combination actually sampled
    key_cols = [choice.get(k, np.zeros(reps, dtype=int)) for k in _DATA_KEYS]
    agg_idx = choice.get("aggregate", np.zeros(reps, dtype=int))
    combos = np.stack([*key_cols, agg_idx], axis=1)
    scores = np.full((reps, len(nominal.aggregated.units)), np.nan)
    units = nominal.aggregated.units
    cache: dict[tuple[int, ...], np.ndarray] = {}
    jobs: list[tuple[np.ndarray, tuple[Any, ...]]] = []
    n_data = len(_DATA_KEYS)
    for combo in sorted({tuple(int(v) for v in row) for row in combos}):
        dkey = combo[:n_data]
        if dkey not in cache:
            changes = _data_changes(spec, dkey)
            res = build(framework, base.with_(**changes)) if changes else nominal
            ds = res.datasets["Normalised"]
            frame = np.full((len(units), len(ds.codes)), np.nan)
            pos = {u: i for i, u in enumerate(ds.units)}
            for i, u in enumerate(units):
                if u in pos:
                    frame[i] = ds.values[pos[u]]
            cache[dkey] = frame[:, [ds.codes.index(c) for c in framework.indicators]]
        rows = np.flatnonzero((combos == np.array(combo)).all(axis=1))
        methods = level_methods(spec.aggregate[combo[n_data]] if spec.aggregate else base.aggregate, n_levels)
        levels = [(np.arange(len(framework.children(lev - 1))), framework.membership(lev - 1))
                  for lev in range(2, n_levels + 1)]
        step = max(1, min(len(rows), 250))
        for start in range(0, len(rows), step):
            part = rows[start: start + step]
            ws = {lev: pool_w[lev][wset[part]] for lev in pool_w}
            jobs.append((part, (cache[dkey], levels, ws, methods)))
    if n_jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=n_jobs) as pool_exec:
            outs = list(pool_exec.map(_chunk_scores, [j[1] for j in jobs]))
    else:
        outs = [_chunk_scores(j[1]) for j in jobs]
    for (part, _), out in zip(jobs, outs, strict=True):
        scores[part] = out
    ranks = rank_desc(scores, axis=1)
    nominal_rank = rank_desc(nominal.aggregated.column(top))
    stats_cols = 2 * n if sensitivity else reps
    rows_s: tuple[SensitivityRow, ...] = ()
    var = None
    if sensitivity:
        y = np.nanmean(np.abs(ranks - nominal_rank[None, :]), axis=1)
        var, est = _estimate(y, n, d, spec.bootstrap, rng)
        rows_s = tuple(SensitivityRow(name, *vals) for name, vals in zip(names, est, strict=True))
    return UncertaintyResult(units, nominal_rank, ranks, scores, stats_cols, rows_s, var)
