"""Composite-index benchmark: ASEM build, 1,000-run uncertainty, Saltelli sensitivity, a large synthetic build.

Run: .venv/bin/python benchmarks/index.py [--full] [--jobs 2]
(--full builds 10,000 units x 500 indicators; the default uses 2,000 units.)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from riso.index import BuildSpec, build, framework_from_coinr, framework_from_spec
from riso.index.uncertainty import UncertaintySpec, run_uncertainty

ASEM = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "asem"
SPEC = BuildSpec(impute="group-mean", impute_group="EurAsia_group", screen=0.9, winmax=5)
VARY = {"runs": 1000, "seed": 1, "vary": {
    "winmax": [1, 2, 3, 4, 5],
    "normalise": [{"method": "minmax", "range": [1, 100]}, {"method": "zscore", "mean": 10, "sd": 2}],
    "weights_noise": {2: 0.25, 3: 0.25}, "aggregate": ["amean", "gmean"]}}


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _synthetic(units: int, indicators: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    pillars = max(indicators // 10, 1)
    codes = [f"i{j}" for j in range(indicators)]
    data = pd.DataFrame(rng.lognormal(size=(units, indicators)), columns=codes)
    data[rng.random((units, indicators)) < 0.02] = np.nan
    data.insert(0, "uCode", [f"u{i}" for i in range(units)])
    tree = {"Index": {"children": {
        f"S{s}": {"children": {
            f"P{p}": {"children": {codes[j]: {} for j in range(p * 10, min(p * 10 + 10, indicators))}}
            for p in range(pillars) if p % 5 == s}}
        for s in range(5)}}}
    return framework_from_spec({"tree": tree}, data)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="10,000 units x 500 indicators for the large build")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for uncertainty/sensitivity")
    args = parser.parse_args()
    if (ASEM / "iData.csv").exists():
        fw = framework_from_coinr(pd.read_csv(ASEM / "iData.csv"), pd.read_csv(ASEM / "iMeta.csv"))
        build(fw, SPEC)
        t = _best(lambda: build(fw, SPEC), 20)
        print(f"ASEM build (51 units x 49 indicators, COINr pipeline): {t * 1e3:.2f} ms")
        ua = UncertaintySpec.from_mapping(VARY)
        t = _best(lambda: run_uncertainty(fw, SPEC, ua, n_jobs=args.jobs), 3)
        print(f"ASEM uncertainty, 1,000 replications (winmax, normalisation, weights, aggregation): {t:.3f} s")
        t = _best(lambda: run_uncertainty(fw, SPEC, ua, sensitivity=True, n_jobs=args.jobs), 3)
        print(f"ASEM Saltelli sensitivity, N=1,000 x (4+2) = 6,000 replications + 100 bootstraps: {t:.3f} s")
    else:
        print(f"shared ASEM data absent at {ASEM}: ASEM figures skipped")
    units = 10_000 if args.full else 2_000
    big = _synthetic(units, 500)
    spec = BuildSpec(impute="indicator-mean", winmax=5)
    t = _best(lambda: build(big, spec), 3)
    print(f"synthetic build, {units:,} units x 500 indicators (impute, treat, min-max, 3 levels of amean): {t:.3f} s")


if __name__ == "__main__":
    main()
