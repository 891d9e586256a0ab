"""Scoring against the real-text gold format (``../shared/extraction/README.md``).

That format names metrics in free English and subjects as written, marks ``optional`` facts (neither
misses nor false positives) and ``hard_negative`` passages (every prediction is a false positive).
A prediction *value-matches* a gold fact of its passage when the kind agrees (a rank is a measurement
with unit ``rank``), the amount agrees within 0.5 % once scale units are converted ("CNY 100m" and
"billion CNY" compare as amounts) and the deadline (targets) or period (measurements) agrees when both
are set. A *complete* match also needs the subject (lenient: case-insensitive substrings, gazetteer names
in any language, ``[bracketed]`` referents) and the metric (the catalog indicator that fits the gold name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy.optimize import linear_sum_assignment

from riso.catalog import load_catalog
from riso.catalog._fold import key
from riso.errors import UnknownRegion
from riso.extract.evaluate import Rates
from riso.model import Document, Fact

__all__ = ["MatchedAccuracy", "RealReport", "is_real_format", "score_real"]

_SCALES = {
    "k": 1e3, "thousand": 1e3, "10k": 1e4, "m": 1e6, "mn": 1e6, "million": 1e6, "10m": 1e7, "100m": 1e8,
    "bn": 1e9, "billion": 1e9, "trn": 1e12, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
_YEAR = re.compile(r"(?:19|20)\d{2}")
_TOLERANCE = 0.005
_SCORED = ("target", "measurement", "rank")
Predict = Callable[[Document], list[Fact]]


def is_real_format(passages: Sequence[Mapping[str, object]]) -> bool:
    """True when the passages follow the real-text gold format (they carry ``hard_negative``)."""
    return any("hard_negative" in p for p in passages)


def _amount(value: float, unit: object) -> float:
    words = str(unit or "").replace("per", " per ").split()
    scale = next((_SCALES[w.lower()] for w in words[:2] if w.lower() in _SCALES), 1.0)
    return value * scale


def _kind(fact: Fact) -> str:
    return "measurement" if fact.kind == "rank" else fact.kind


def _years(period: object) -> list[int]:
    return [int(y) for y in _YEAR.findall(str(period))] if period not in (None, "") else []


def _same_time(gold: Mapping[str, object], fact: Fact) -> bool:
    """Deadline or period equal when both are set."""
    if _kind(fact) == "target":
        wanted = gold.get("deadline")
        return wanted is None or fact.deadline is None or int(str(wanted)) == fact.deadline
    wanted_years, got = _years(gold.get("period")), _years(fact.period)
    return not wanted_years or not got or wanted_years[-1] in got


def _exact_time(gold: Mapping[str, object], fact: Fact) -> bool:
    if _kind(fact) == "target":
        wanted = gold.get("deadline")
        return (None if wanted is None else int(str(wanted))) == fact.deadline
    wanted_years, got = _years(gold.get("period")), _years(fact.period)
    return wanted_years[-1:] == got[-1:]


def value_match(gold: Mapping[str, object], fact: Fact) -> bool:
    """Kind, amount (within 0.5 % after scale conversion) and time agree."""
    if fact.value is None or gold.get("value") is None or _kind(fact) != gold.get("kind"):
        return False
    gold_is_rank = str(gold.get("unit")) in ("rank", "ranks")
    if fact.kind == "rank" and not gold_is_rank:
        return False
    a = _amount(float(str(gold["value"])), gold.get("unit"))
    b = _amount(fact.value, fact.unit)
    if abs(a - b) > _TOLERANCE * max(abs(a), abs(b), 1e-9):
        return False
    return _same_time(gold, fact)


_RANKING = re.compile(r"\b(?:rank|ranks|ranking|rankings|position)\b", re.I)
_GROWTH = re.compile(r"\b(?:growth|increase)\b", re.I)


@lru_cache(maxsize=4096)
def _gold_metric_ids(metric: str) -> frozenset[str | None]:
    """The catalog indicators a free-English gold metric name may mean (None when none fits).

    The name is matched with ``catalog.match_indicator``; a name that says it is the ranking or the growth of
    what it names ("national ranking of regional innovation capability", "R&D expenditure, average annual
    growth") means that variant where the catalog declares one (``relation: rank`` / ``growth``)."""
    catalog = load_catalog()
    head = re.sub(r"\s*\(.*?\)", "", metric).strip()  # "R&D intensity (… as % of GDP)" names R&D intensity
    for phrase in dict.fromkeys((head, metric)):
        best = catalog.match_indicator(phrase, "en") if phrase else None
        if best is not None:
            if _RANKING.search(head) and best.kind != "rank":
                return frozenset({catalog.derived(best.id, "rank") or best.id})
            if _GROWTH.search(head) and catalog.derived(best.id, "growth"):
                return frozenset({catalog.derived(best.id, "growth")})
            return frozenset({best.id})
    return frozenset({None})


def metric_right(gold: Mapping[str, object], fact: Fact) -> bool:
    """The predicted indicator is the one that fits the gold metric (both unresolved counts as right)."""
    return fact.metric in _gold_metric_ids(str(gold.get("metric") or ""))


def _variants(subject: str) -> list[str]:
    plain = subject.replace("[", "").replace("]", "").strip()
    out = [plain, re.sub(r"\s*\(.*?\)\s*", " ", plain).strip()]
    out += [p.strip() for p in re.split(r"[,/;]| and | und | et | e | y |、|和", out[-1]) if p.strip()]
    return [v for v in dict.fromkeys(out) if v]


@lru_cache(maxsize=4096)
def _region_ids(name: str) -> frozenset[str]:
    catalog = load_catalog()
    ids: set[str] = set()
    for variant in _variants(name):
        try:
            ids.add(catalog.region(variant).id)
        except UnknownRegion:
            ids.update(m.id for m in catalog.find_regions(variant) if m.end - m.start >= len(variant) * 0.6)
    return frozenset(ids)


@lru_cache(maxsize=4096)
def _region_names(region_id: str) -> tuple[str, ...]:
    region = load_catalog().regions.get(region_id)
    return () if region is None else tuple({*region.names.values(), *region.aliases})


def subject_right(gold: Mapping[str, object], fact: Fact) -> bool:
    """Lenient subject match: substrings either way, or the same gazetteer region."""
    wanted = str(gold.get("subject") or "")
    if fact.subject is None or not wanted:
        return False
    names = [fact.subject.name, *(_region_names(fact.subject.id) if fact.subject.id else ())]
    for variant in _variants(wanted):
        folded = key(variant)
        if any(folded and (folded in key(n) or (key(n) and key(n) in folded)) for n in names if len(n) > 1):
            return True
    return bool(fact.subject.id and fact.subject.id in _region_ids(wanted))


@dataclass
class Counts(Rates):
    """True positives, false positives and false negatives, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class MatchedAccuracy:
    """Share of value-matched pairs whose comparator, time, subject and metric are right."""

    pairs: int = 0
    targets: int = 0
    comparator: int = 0
    time: int = 0
    subject: int = 0
    metric: int = 0

    def as_dict(self) -> dict[str, float | int]:
        """Rates rounded to three places."""
        n = max(self.pairs, 1)
        return {
            "pairs": self.pairs, "comparator": round(self.comparator / max(self.targets, 1), 3),
            "time": round(self.time / n, 3), "subject": round(self.subject / n, 3),
            "metric": round(self.metric / n, 3),
        }  # fmt: skip


@dataclass
class RealReport:
    """Value and complete scores per scope, accuracy on matched pairs, and every miss."""

    passages: int = 0
    value: dict[str, Counts] = field(default_factory=dict)
    complete: dict[str, Counts] = field(default_factory=dict)
    accuracy: MatchedAccuracy = field(default_factory=MatchedAccuracy)
    misses: list[dict[str, object]] = field(default_factory=list)

    def _add(self, table: dict[str, Counts], language: str, kind: str, attr: str) -> None:
        for scope in ("all", kind, language, f"{language}/{kind}"):
            counts = table.setdefault(scope, Counts())
            setattr(counts, attr, getattr(counts, attr) + 1)

    def rows(self) -> list[dict[str, object]]:
        """One row per scope: value and complete precision, recall and F1."""
        order = sorted(self.value, key=lambda s: (s != "all", "/" in s, len(s) > 11, s))
        out: list[dict[str, object]] = []
        for scope in order:
            v, c = self.value[scope], self.complete.get(scope, Counts())
            out.append({
                "scope": scope, "tp": v.tp, "fp": v.fp, "fn": v.fn, "value_p": round(v.precision, 3),
                "value_r": round(v.recall, 3), "value_f1": round(v.f1, 3), "complete_p": round(c.precision, 3),
                "complete_r": round(c.recall, 3), "complete_f1": round(c.f1, 3),
            })  # fmt: skip
        return out

    def as_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "passages": self.passages, "format": "real", "scores": self.rows(),
            "matched": self.accuracy.as_dict(), "misses": self.misses,
        }  # fmt: skip


def _brief(fact: Fact) -> dict[str, object]:
    return {
        "kind": fact.kind, "value": fact.value, "unit": fact.unit, "comparator": fact.comparator,
        "deadline": fact.deadline, "period": fact.period, "metric": fact.metric,
        "metric_text": fact.metric_text, "subject": fact.subject.name if fact.subject else None,
        "quote": fact.quote[:160],
    }  # fmt: skip


def _overlap(text: str, gold: Mapping[str, object], fact: Fact) -> bool:
    quote = str(gold.get("quote") or "")
    start = text.find(quote) if quote else -1
    return start >= 0 and fact.start < start + len(quote) and start < max(fact.end, fact.start + 1)


def _assign(weights: np.ndarray) -> list[tuple[int, int]]:
    if weights.size == 0:
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0]


def _match(
    text: str, gold: Sequence[Mapping[str, object]], predicted: Sequence[Fact], complete: bool
) -> list[tuple[int, int]]:
    weights = np.zeros((len(gold), len(predicted)))
    for i, g in enumerate(gold):
        for j, f in enumerate(predicted):
            if not value_match(g, f):
                continue
            good = subject_right(g, f) and metric_right(g, f)
            if complete and not good:
                continue
            w = 100.0 if not g.get("optional") else 10.0
            weights[i, j] = w + 2.0 * _overlap(text, g, f) + 1.0 * good + 0.5 * _exact_time(g, f)
    return _assign(weights)


def _score_passage(report: RealReport, passage: Mapping[str, object], predicted: list[Fact]) -> None:
    text, language = str(passage["text"]), str(passage.get("language") or "")
    facts = passage.get("facts") or []
    gold = [g for g in facts if isinstance(g, Mapping) and g.get("kind") in ("target", "measurement")]  # type: ignore[attr-defined]
    for complete in (False, True):
        table = report.complete if complete else report.value
        pairs = _match(text, gold, predicted, complete)
        used_gold, used_pred = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, j in pairs:
            if gold[i].get("optional"):
                continue
            report._add(table, language, str(gold[i]["kind"]), "tp")
            if not complete:
                _tally(report.accuracy, gold[i], predicted[j])
        for i, g in enumerate(gold):
            if i not in used_gold and not g.get("optional"):
                report._add(table, language, str(g["kind"]), "fn")
                if not complete:
                    report.misses.append({"passage": passage["id"], "type": "missed", "fact": dict(g)})
        optional = [g for g in gold if g.get("optional")]
        for j, f in enumerate(predicted):
            if j in used_pred or any(value_match(g, f) for g in optional):
                continue
            report._add(table, language, _kind(f), "fp")
            if not complete:
                report.misses.append({"passage": passage["id"], "type": "spurious", "fact": _brief(f)})
    for i, j in _match(text, gold, predicted, False):
        g, f = gold[i], predicted[j]
        if g.get("optional") or (subject_right(g, f) and metric_right(g, f)):
            continue
        report.misses.append({
            "passage": passage["id"], "type": "incomplete", "fact": _brief(f),
            "gold": {"subject": g.get("subject"), "metric": g.get("metric"), "metric_ids": sorted(
                str(m) for m in _gold_metric_ids(str(g.get("metric") or "")))},
        })  # fmt: skip


def _tally(acc: MatchedAccuracy, gold: Mapping[str, object], fact: Fact) -> None:
    acc.pairs += 1
    if gold.get("kind") == "target":
        acc.targets += 1
        acc.comparator += gold.get("comparator") == fact.comparator
    acc.time += _exact_time(gold, fact)
    acc.subject += subject_right(gold, fact)
    acc.metric += metric_right(gold, fact)


def score_real(passages: Iterable[Mapping[str, object]], predict: Predict) -> RealReport:
    """Score ``predict`` on passages of the real-text gold format."""
    report = RealReport()
    for passage in passages:
        report.passages += 1
        text, language = str(passage["text"]), str(passage.get("language") or "")
        doc = Document(id=f"gold:{passage['id']}", source=str(passage["id"]), text=text, language=language or None)
        predicted = [f for f in predict(doc) if f.kind in _SCORED and f.value is not None]
        for scope in ("all", language):
            report.value.setdefault(scope, Counts())
            report.complete.setdefault(scope, Counts())
        _score_passage(report, passage, predicted)
    return report
