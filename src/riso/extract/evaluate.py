"""Quality harness: score the extractors against a gold JSONL file, per fact kind and per language.

A predicted fact matches a gold fact when kind, value (scale-aware: 120 "CNY bn" = 1.2e11 "CNY") and
deadline (targets, milestones) or period years (measurements, ranks) agree and the spans overlap.
Reading the gold file is this module's only I/O; scoring is a pure function.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from riso.errors import ConfigError
from riso.model import Document, Fact

if TYPE_CHECKING:
    from riso.extract.realgold import RealReport

__all__ = ["SCORED_KINDS", "EvalReport", "Rates", "Score", "evaluate", "load_gold", "score_passages"]

SCORED_KINDS = ("target", "milestone", "measurement", "rank")
_SCALES = {
    "k": 1e3, "thousand": 1e3, "10k": 1e4, "m": 1e6, "million": 1e6, "10m": 1e7, "100m": 1e8,
    "bn": 1e9, "billion": 1e9, "trn": 1e12, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
_YEAR = re.compile(r"(?:19|20)\d{2}")


class Rates:
    """Precision, recall and F1 of anything with ``tp``, ``fp`` and ``fn`` counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score(Rates):
    """True positives, false positives and false negatives, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rates, rounded."""
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "f1": round(self.f1, 3),
        }  # fmt: skip


@dataclass
class EvalReport:
    """Scores per kind, per language and per (language, kind), plus every miss for inspection."""

    passages: int = 0
    overall: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=dict)
    by_language: dict[str, Score] = field(default_factory=dict)
    by_language_kind: dict[str, Score] = field(default_factory=dict)
    misses: list[dict[str, object]] = field(default_factory=list)

    def rows(self) -> list[dict[str, object]]:
        """One row per scope (all, kind, language, language/kind) for table output."""
        out: list[dict[str, object]] = [{"scope": "all", **self.overall.as_dict()}]
        for group in (self.by_kind, self.by_language, self.by_language_kind):
            out.extend({"scope": name, **score.as_dict()} for name, score in sorted(group.items()))
        return out

    def as_dict(self) -> dict[str, object]:
        """JSON form of the report."""
        return {
            "passages": self.passages,
            "overall": self.overall.as_dict(),
            "by_kind": {k: v.as_dict() for k, v in sorted(self.by_kind.items())},
            "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
            "by_language_kind": {k: v.as_dict() for k, v in sorted(self.by_language_kind.items())},
            "misses": self.misses,
        }


def _canonical(value: float, unit: object) -> float:
    last = str(unit).split()[-1] if unit else ""
    return value * _SCALES.get(last, 1.0)


def _same_value(gold: object, pred: float | None, gold_unit: object, pred_unit: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    g = float(gold)  # type: ignore[arg-type]
    if abs(g - pred) <= 1e-6 * max(1.0, abs(g)):
        return True
    a, b = _canonical(g, gold_unit), _canonical(pred, pred_unit)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def _years(period: object) -> set[str]:
    return set(_YEAR.findall(str(period))) if period else set()


def _overlaps(text: str, gold_quote: str, fact: Fact) -> bool:
    gs = text.find(gold_quote)
    if gs < 0:
        return True
    ge = gs + len(gold_quote)
    spans = [(fact.start, fact.end)]
    qs = text.find(fact.quote)
    if qs >= 0:
        spans.append((qs, qs + len(fact.quote)))
    return any((s < ge and gs < e) or (s == e and gs <= s <= ge) for s, e in spans)


def _matches(text: str, gold: Mapping[str, object], fact: Fact) -> bool:
    if gold.get("kind") != fact.kind or not _same_value(gold.get("value"), fact.value, gold.get("unit"), fact.unit):
        return False
    if fact.kind in ("target", "milestone") and gold.get("deadline") != fact.deadline:
        return False
    if fact.kind in ("measurement", "rank") and _years(gold.get("period")) != _years(fact.period):
        return False
    return _overlaps(text, str(gold.get("quote") or ""), fact)


def _add(report: EvalReport, language: str, kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
    for group, key in (
        (report.by_kind, kind),
        (report.by_language, language),
        (report.by_language_kind, f"{language}/{kind}"),
    ):
        score = group.setdefault(key, Score())
        score.tp, score.fp, score.fn = score.tp + tp, score.fp + fp, score.fn + fn
    report.overall.tp, report.overall.fp, report.overall.fn = (
        report.overall.tp + tp, report.overall.fp + fp, report.overall.fn + fn,
    )  # fmt: skip


def _brief(fact: Fact) -> dict[str, object]:
    return {
        "kind": fact.kind, "value": fact.value, "unit": fact.unit, "deadline": fact.deadline,
        "period": fact.period, "quote": fact.quote[:160],
    }  # fmt: skip


def score_passages(
    passages: Iterable[Mapping[str, object]], predict: object, *, kinds: Sequence[str] = SCORED_KINDS
) -> EvalReport:
    """Score ``predict(Document) -> list[Fact]`` on gold passages (dicts with id, language, text, facts)."""
    report = EvalReport()
    for passage in passages:
        report.passages += 1
        text, language = str(passage["text"]), str(passage.get("language") or "")
        doc = Document(id=f"gold:{passage['id']}", source=str(passage["id"]), text=text, language=language or None)
        predicted = [f for f in predict(doc) if f.kind in kinds]  # type: ignore[operator]
        raw_facts = passage.get("facts") or []
        gold = [g for g in raw_facts if isinstance(g, Mapping) and g.get("kind") in kinds]  # type: ignore[attr-defined]
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, f in enumerate(predicted) if i not in used and _matches(text, g, f)), None)
            if hit is None:
                _add(report, language, str(g["kind"]), fn=1)
                report.misses.append({"passage": passage["id"], "type": "missed", "gold": dict(g)})
            else:
                used.add(hit)
                _add(report, language, str(g["kind"]), tp=1)
        for i, f in enumerate(predicted):
            if i not in used:
                _add(report, language, f.kind, fp=1)
                report.misses.append({"passage": passage["id"], "type": "spurious", "predicted": _brief(f)})
    return report


def load_gold(path: Path | str) -> list[dict[str, object]]:
    """The passages of a gold JSONL file; raises ConfigError naming the bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ConfigError(
            f"cannot read gold file {path}: {err.strerror}", hint="Pass an existing .jsonl file."
        ) from err
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ConfigError(f"{path}:{n}: not valid JSON ({err.msg})", hint="One JSON object per line.") from err
        if not isinstance(row, dict) or not {"id", "text", "facts"} <= set(row):
            raise ConfigError(f"{path}:{n}: a passage needs id, text and facts", hint="See docs/extraction.md.")
        out.append(row)
    return out


def evaluate(gold_path: Path | str, *, kinds: Sequence[str] = SCORED_KINDS) -> EvalReport | RealReport:
    """Run the default extraction pipeline on every gold passage and score it.

    A file in the real-text gold format (passages with ``hard_negative``) is scored by
    :func:`riso.extract.realgold.score_real`; the older development-set format by :func:`score_passages`.
    """
    from riso.extract import extract
    from riso.extract.realgold import is_real_format, score_real

    passages = load_gold(gold_path)
    if is_real_format(passages):
        return score_real(passages, extract)
    return score_passages(passages, extract, kinds=kinds)
