"""Fit the confidence calibration on the real-text development set and report cross-validated reliability.

Run: .venv/bin/python scripts/calibrate_confidence.py [GOLD.jsonl] [--write] [--label value|complete]

Each target, measurement and rank the extractor reads from a passage is labelled right (it matches a
required gold fact: kind, amount and time; with --label complete also subject and metric) or wrong (it
matches nothing); predictions matching only optional gold facts are left out, as the scoring does.
A logistic model over riso.extract.calibration.FEATURES is fitted with 5-fold cross-validation grouped by
passage (each fold holds two passages of every language), and the reliability of the out-of-fold
probabilities is printed beside that of the extractor's own scores. --write fits on every passage and
writes src/riso/extract/data/calibration.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from riso.extract import extract
from riso.extract.calibration import CALIBRATED_KINDS, FEATURES, feature_vector, fit_logistic, reliability
from riso.extract.realgold import _match, metric_right, subject_right, value_match
from riso.model import Document

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "riso" / "extract" / "data" / "calibration.json"
DEFAULT_GOLD = Path(os.environ.get("RISO_SHARED", ROOT.parent / "shared")) / "extraction" / "real-dev.jsonl"
FOLDS = 5
L2 = 3.0
THRESHOLD = 0.3


def labelled(passages: list[dict[str, object]], label: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels, raw scores and the fold of every scored prediction."""
    xs, ys, raw, folds = [], [], [], []
    seen: dict[str, int] = defaultdict(int)
    for passage in passages:
        language = str(passage.get("language") or "")
        fold = seen[language] % FOLDS
        seen[language] += 1
        text = str(passage["text"])
        doc = Document(id=f"gold:{passage['id']}", source=str(passage["id"]), text=text, language=language or None)
        predicted = [f for f in extract(doc, calibrated=False) if f.kind in CALIBRATED_KINDS and f.value is not None]
        facts = passage.get("facts") or []
        gold = [g for g in facts if isinstance(g, dict) and g.get("kind") in ("target", "measurement")]  # type: ignore[attr-defined]
        optional = [g for g in gold if g.get("optional")]
        pairs = {j: i for i, j in _match(text, gold, predicted, False)}
        for j, fact in enumerate(predicted):
            if j in pairs:
                g = gold[pairs[j]]
                if g.get("optional"):
                    continue
                right = (
                    label == "value"
                    or (label == "subject" and subject_right(g, fact))
                    or (subject_right(g, fact) and metric_right(g, fact))
                )
            elif any(value_match(g, fact) for g in optional):
                continue
            else:
                right = False
            xs.append(feature_vector(fact))
            ys.append(float(right))
            raw.append(fact.confidence)
            folds.append(fold)
    return np.array(xs), np.array(ys), np.array(raw), np.array(folds)


def _table(title: str, report: dict[str, object]) -> str:
    lines = [f"**{title}** — ECE {report['ece']}, Brier {report['brier']}, log loss {report['log_loss']}", "",
             "| confidence bin | facts | mean confidence | share right |", "| --- | --- | --- | --- |"]  # fmt: skip
    for row in report["rows"]:  # type: ignore[attr-defined]
        lines.append(f"| {row['bin']} | {row['facts']} | {row['confidence'] if row['confidence'] is not None else '—'} "
                     f"| {row['right'] if row['right'] is not None else '—'} |")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    """Fit, cross-validate, report (and write with --write)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--write", action="store_true", help="Write the calibration fitted on every passage.")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty on the weights (not the bias).")
    parser.add_argument("--label", choices=("value", "subject", "complete"), default="subject")
    args = parser.parse_args()
    if not args.gold.is_file():
        sys.stderr.write(f"no gold file at {args.gold} (set RISO_SHARED or name the file)\n")
        return 2
    passages = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    x, y, raw, folds = labelled(passages, args.label)
    out_of_fold = np.zeros(len(y))
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        w = fit_logistic(x[train], y[train], l2=args.l2)
        out_of_fold[test] = 1.0 / (1.0 + np.exp(-np.clip(x[test] @ w, -30, 30)))
    weights = fit_logistic(x, y, l2=args.l2)
    in_sample = 1.0 / (1.0 + np.exp(-np.clip(x @ weights, -30, 30)))
    reports = {"raw": reliability(raw, y.astype(int)), "cross_validated": reliability(out_of_fold, y.astype(int)),
               "in_sample": reliability(in_sample, y.astype(int))}  # fmt: skip
    print(f"{len(passages)} passages, {len(y)} scored predictions, {int(y.sum())} right ({args.label} match)\n")
    print("| threshold | to review | right among the others | wrong among those to review |")
    print("| --- | --- | --- | --- |")
    for cut in (0.1, 0.2, 0.25, 0.3, 0.4, 0.5):
        flagged = out_of_fold < cut
        kept = float(y[~flagged].mean()) if (~flagged).any() else float("nan")
        wrong = float(1 - y[flagged].mean()) if flagged.any() else float("nan")
        print(f"| {cut} | {flagged.mean():.1%} | {kept:.1%} | {wrong:.1%} |")
    print()
    below = out_of_fold < THRESHOLD
    review_share = float(below.mean()) if len(y) else 0.0
    kept_right = float(y[~below].mean()) if (~below).any() else 0.0
    flagged_wrong = float(1 - y[below].mean()) if below.any() else 0.0
    print(_table("the extractor's own scores", reports["raw"]) + "\n")
    print(_table(f"calibrated, {FOLDS}-fold cross-validated by passage", reports["cross_validated"]) + "\n")
    print(_table("calibrated, fitted and scored on all passages (optimistic)", reports["in_sample"]) + "\n")
    print(f"threshold {THRESHOLD}: {review_share:.1%} of facts to review; {kept_right:.1%} of the others right; "
          f"{flagged_wrong:.1%} of those to review wrong (cross-validated)")  # fmt: skip
    print("weights: " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(FEATURES, weights, strict=True)))
    if args.write:
        data = {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in weights],
            "threshold": THRESHOLD,
            "fitted_on": {
                "gold": args.gold.name, "passages": len(passages), "facts": len(y), "right": int(y.sum()),
                "label": args.label, "l2": args.l2, "folds": FOLDS,
                "cross_validated": {k: reports["cross_validated"][k] for k in ("ece", "brier", "log_loss")},
                "raw": {k: reports["raw"][k] for k in ("ece", "brier", "log_loss")},
                "to_review_share": round(review_share, 3),
            },
        }  # fmt: skip
        OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
