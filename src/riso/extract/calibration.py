"""Calibrated confidence: a fact's ``confidence`` is the probability that it is right, fitted on real text.

A logistic model (Platt scaling on a few language-neutral features of the fact) maps what the extractor
knows about a fact to the share of such facts that match hand-annotated gold on real passages. The weights
are data (``extract/data/calibration.json``), fitted by ``scripts/calibrate_confidence.py``; this module
only reads them. Pure: no I/O beyond reading that package file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from riso.errors import ExtractError
from riso.model import Fact

__all__ = [
    "CALIBRATED_KINDS",
    "FEATURES",
    "Calibration",
    "calibrate",
    "feature_vector",
    "fit_logistic",
    "load_calibration",
    "reliability",
]

CALIBRATED_KINDS = ("target", "measurement", "rank")
FEATURES = (
    "bias", "raw", "target", "rank", "metric", "subject", "subject_named", "time", "percent", "money", "numbers",
)  # fmt: skip
_CURRENCY = re.compile(r"\b[A-Z]{3}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Calibration:
    """Weights over FEATURES, the threshold below which a fact is "to review", and how they were fitted."""

    weights: tuple[float, ...]
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURES
    fitted_on: dict[str, object] = field(default_factory=dict)

    def probability(self, fact: Fact) -> float:
        """The calibrated probability that the fact is right."""
        x = feature_vector(fact)
        z = sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=256)
def _numbers_in(quote: str) -> int:
    """How many numbers a quote holds (cached: the facts of one long sentence share its quote)."""
    return len(_NUMBER.findall(quote))


def feature_vector(fact: Fact) -> list[float]:
    """What the calibration looks at: the extractor's own score and what it resolved (no words of any language)."""
    unit = fact.unit or ""
    numbers = _numbers_in(fact.quote)
    return [
        1.0,
        float(fact.confidence),
        float(fact.kind == "target"),
        float(fact.kind == "rank"),
        float(fact.metric is not None),
        float(fact.subject is not None and fact.subject.id is not None),
        float(fact.subject is not None),
        float(fact.deadline is not None or fact.period is not None),
        float(unit == "%"),
        float(bool(_CURRENCY.search(unit))),
        math.log1p(numbers),
    ]


@cache
def load_calibration() -> Calibration:
    """The shipped calibration; raises ExtractError when the data file is broken."""
    path = resources.files("riso.extract") / "data" / "calibration.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = tuple(data["features"])
        weights = tuple(float(w) for w in data["weights"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ExtractError(f"the calibration file {path} is unreadable: {err}",
                           hint="Run scripts/calibrate_confidence.py to write it again.") from err  # fmt: skip
    if features != FEATURES or len(weights) != len(FEATURES):
        raise ExtractError(
            "the calibration file was fitted on other features", hint="Run scripts/calibrate_confidence.py again."
        )
    return Calibration(weights, float(data.get("threshold", 0.5)), features, dict(data.get("fitted_on") or {}))


def calibrate(facts: Sequence[Fact], calibration: Calibration | None = None) -> list[Fact]:
    """The facts with the confidence of targets, measurements and ranks replaced by the calibrated probability."""
    cal = calibration or load_calibration()
    out = []
    for fact in facts:
        if fact.kind in CALIBRATED_KINDS and fact.value is not None:
            fact = fact.model_copy(update={"confidence": round(cal.probability(fact), 3)})
        out.append(fact)
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Weights of an L2-regularised logistic regression (Newton's method; the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return w


def reliability(p: Sequence[float], y: Sequence[int], *, bins: int = 5) -> dict[str, object]:
    """Reliability table (per confidence bin: count, mean confidence, share right), ECE, Brier score, log loss."""
    probs, truth = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    rows = []
    ece = 0.0
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = (probs >= low) & ((probs < high) if i < bins - 1 else (probs <= high))
        n = int(inside.sum())
        if n:
            mean_p, share = float(probs[inside].mean()), float(truth[inside].mean())
            ece += n / len(probs) * abs(mean_p - share)
            rows.append({"bin": f"{low:.1f}-{high:.1f}", "facts": n, "confidence": round(mean_p, 3),
                         "right": round(share, 3)})  # fmt: skip
        else:
            rows.append({"bin": f"{low:.1f}-{high:.1f}", "facts": 0, "confidence": None, "right": None})
    clipped = np.clip(probs, 1e-6, 1 - 1e-6)
    return {
        "rows": rows,
        "ece": round(ece, 4),
        "brier": round(float(np.mean((probs - truth) ** 2)), 4) if len(probs) else None,
        "log_loss": round(float(-np.mean(truth * np.log(clipped) + (1 - truth) * np.log(1 - clipped))), 4)
        if len(probs) else None,
        "facts": len(probs),
        "right": int(truth.sum()),
    }
