"""Calibrated confidence: the model's mechanics, the shipped file, and cross-validated reliability on real text."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from riso.extract import extract
from riso.extract.calibration import (
    FEATURES,
    Calibration,
    calibrate,
    feature_vector,
    fit_logistic,
    load_calibration,
    reliability,
)
from riso.model import Document, Fact, Subject

ROOT = Path(__file__).resolve().parents[2]
REAL_DEV = Path(__import__("os").environ.get("RISO_SHARED", ROOT.parent / "shared")) / "extraction" / "real-dev.jsonl"


def _fact(**fields: object) -> Fact:
    base: dict[str, object] = {"document": "sha256:x", "kind": "measurement", "value": 2.4, "unit": "%",
                               "quote": "In 2023 it spent 2.4 %.", "start": 0, "end": 5, "confidence": 0.7}  # fmt: skip
    return Fact.model_validate({**base, **fields})


def test_calibrate_sets_probabilities_of_scored_kinds_only() -> None:
    weights = tuple(1.0 if name == "subject" else (-1.0 if name == "bias" else 0.0) for name in FEATURES)
    cal = Calibration(weights)
    named = _fact(subject=Subject(id="CN-CQ", name="Chongqing"))
    entity = _fact(kind="entity", value=None, confidence=0.7)
    out = calibrate([_fact(), named, entity], cal)
    assert out[0].confidence == pytest.approx(1 / (1 + np.exp(1.0)), abs=1e-3)
    assert out[1].confidence == pytest.approx(0.5)
    assert out[2].confidence == 0.7  # entities keep the extractor's score
    assert len(feature_vector(named)) == len(FEATURES)


def test_fit_logistic_recovers_known_weights() -> None:
    rng = np.random.default_rng(7)
    x = np.column_stack([np.ones(4000), rng.normal(size=4000), rng.integers(0, 2, 4000)])
    true = np.array([-0.5, 1.5, -1.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x @ true)))).astype(float)
    assert np.allclose(fit_logistic(x, y, l2=0.0), true, atol=0.15)


def test_reliability_table_and_ece() -> None:
    report = reliability([0.1, 0.1, 0.9, 0.9], [0, 1, 1, 1], bins=2)
    assert [r["facts"] for r in report["rows"]] == [2, 2]  # type: ignore[index]
    assert report["ece"] == pytest.approx(0.5 * 0.4 + 0.5 * 0.1)
    assert report["brier"] == pytest.approx((0.01 + 0.81 + 0.01 + 0.01) / 4)


def test_shipped_calibration_is_readable_and_used_by_extract() -> None:
    cal = load_calibration()
    assert cal.features == FEATURES and 0.0 < cal.threshold < 1.0
    assert cal.fitted_on.get("facts") and cal.fitted_on.get("cross_validated")
    doc = Document(id="sha256:t", source="t.txt", language="en",
                   text="By 2027 Chongqing aims to raise its R&D intensity to 3.5 % of GDP.")  # fmt: skip
    raw = [f for f in extract(doc, calibrated=False) if f.kind == "target"]
    calibrated = [f for f in extract(doc) if f.kind == "target"]
    assert len(raw) == len(calibrated) == 1
    assert calibrated[0].confidence == pytest.approx(cal.probability(raw[0]), abs=1e-3)


def _script() -> object:
    spec = importlib.util.spec_from_file_location("calibrate_confidence", ROOT / "scripts" / "calibrate_confidence.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_real_dev_cross_validated_calibration() -> None:
    if not REAL_DEV.is_file():
        pytest.skip(f"real-text development set not found at {REAL_DEV} (set RISO_SHARED)")
    script = _script()
    passages = [json.loads(line) for line in REAL_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    label = str(load_calibration().fitted_on.get("label", "subject"))
    l2 = float(str(load_calibration().fitted_on.get("l2", 3.0)))
    x, y, _raw, folds = script.labelled(passages, label)  # type: ignore[attr-defined]
    out_of_fold = np.zeros(len(y))
    for k in range(int(folds.max()) + 1):
        w = fit_logistic(x[folds != k], y[folds != k], l2=l2)
        out_of_fold[folds == k] = 1 / (1 + np.exp(-(x[folds == k] @ w)))
    cv = reliability(out_of_fold, y.astype(int))
    assert cv["ece"] < 0.1, cv  # held-out passages: the confidence is close to the share of facts that are right
    shipped = reliability(1 / (1 + np.exp(-(x @ np.array(load_calibration().weights)))), y.astype(int))
    assert shipped["ece"] < 0.15, (
        f"the shipped calibration no longer fits the extractor (ECE {shipped['ece']}): "
        "run `.venv/bin/python scripts/calibrate_confidence.py --write` and update docs/extraction.md"
    )
