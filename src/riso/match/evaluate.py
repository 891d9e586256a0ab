"""Scores of the matcher on a hand-judged pair set: P@5, MRR and nDCG@10 per language and mode, beside the
plain BM25 baseline, plus how often a hard negative (same words, other field) reaches the top five.

The pair set (``data/eval_needs.yaml``) holds topics, each with needs in six languages and the offers judged
relevant. Pure: offers, the pair set and optional vectors come in, a report goes out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from riso.errors import DataImportError
from riso.match.engine import Item, MatchIndex, Mode, build_index, item_of_offer
from riso.match.records import Offer

__all__ = ["EvalNeed", "MatchReport", "evaluate_match", "load_eval_set", "ranking_scores"]

_K = 10


@dataclass(frozen=True)
class EvalNeed:
    """One need of the pair set with its judged offers."""

    id: str
    topic: str
    language: str
    text: str
    relevant: frozenset[str]
    hard_negatives: frozenset[str]
    region: str | None = None


def load_eval_set(path: str | Path | None = None, *, prefix: str = "o:nkrdp:") -> list[EvalNeed]:
    """The pair set (the shipped one by default); offer numbers become offer ids with ``prefix``."""
    if path is None:
        text = (resources.files("riso.match") / "data" / "eval_needs.yaml").read_text(encoding="utf-8")
        where = "eval_needs.yaml"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    data: Any = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise DataImportError(f"{where}: expected a mapping with a `topics` list")
    out = []
    for topic in data["topics"]:
        try:
            tid = str(topic["id"])
            relevant = frozenset(prefix + str(r) for r in topic["relevant"])
            negatives = frozenset(prefix + str(r) for r in topic.get("hard_negatives") or ())
            needs = topic["needs"]
        except (KeyError, TypeError) as err:
            raise DataImportError(f"{where}: a topic lacks {err}",
                                  hint="Each topic needs id, relevant, needs.") from err
        if not relevant:
            raise DataImportError(f"{where}: topic {tid!r} has no relevant offers")
        for language, need_text in needs.items():
            out.append(EvalNeed(f"{tid}:{language}", tid, str(language), str(need_text), relevant, negatives,
                                topic.get("region")))
    return out


def ranking_scores(ranked: Sequence[str], relevant: frozenset[str], k: int = _K) -> dict[str, float]:
    """P@5, reciprocal rank (within the ranking) and binary nDCG@k of one ranking."""
    p5 = sum(1 for r in ranked[:5] if r in relevant) / 5
    rr = next((1.0 / (i + 1) for i, r in enumerate(ranked) if r in relevant), 0.0)
    dcg = sum(1.0 / math.log2(i + 2) for i, r in enumerate(ranked[:k]) if r in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return {"p@5": p5, "mrr": rr, "ndcg@10": dcg / ideal if ideal else 0.0}


@dataclass
class MatchReport:
    """Scores per mode and language (and ``all``), with the counts behind them."""

    needs: int
    offers: int
    modes: list[str]
    scores: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # mode -> language -> metric
    notes: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, object]]:
        """One row per mode and language."""
        out: list[dict[str, object]] = []
        for mode in self.modes:
            for language, metrics in self.scores[mode].items():
                out.append({"mode": mode, "language": language, **{k: round(v, 3) for k, v in metrics.items()}})
        return out

    def as_dict(self) -> dict[str, object]:
        """A plain dict for JSON."""
        return {"needs": self.needs, "offers": self.offers, "modes": self.modes, "scores": self.scores,
                "notes": self.notes}


def evaluate_match(needs: Sequence[EvalNeed], offers: Sequence[Offer], *, vectors: np.ndarray | None = None,
                   query_vectors: Mapping[str, np.ndarray] | None = None,
                   weights: Mapping[str, float] | None = None, index: MatchIndex | None = None) -> MatchReport:
    """Run the baseline (bm25), the lexical matcher and, with vectors, the hybrid one; score every need."""
    index = index or build_index([item_of_offer(o) for o in offers], vectors=vectors)
    modes: list[Mode] = ["bm25", "lexical"]
    report = MatchReport(len(needs), len(offers), [])
    if vectors is not None and query_vectors is not None:
        modes.append("hybrid")
    else:
        report.notes.append("hybrid not run: no embeddings (install the embed extra and give --embed)")
    queries = [Item(n.id, n.text, n.language, region=n.region) for n in needs]
    for mode in modes:
        qv = None
        if mode == "hybrid" and query_vectors is not None:
            qv = np.vstack([query_vectors[n.id] for n in needs])
        results = index.match_many(queries, k=100, mode=mode, vectors=qv, weights=weights)
        per: dict[str, list[dict[str, float]]] = {}
        for need, scored in zip(needs, results, strict=True):
            ranked = [s.id for s in scored]
            metrics = ranking_scores(ranked, need.relevant)
            metrics["hardneg@5"] = 1.0 if any(r in need.hard_negatives for r in ranked[:5]) else 0.0
            per.setdefault(need.language, []).append(metrics)
            per.setdefault("all", []).append(metrics)
        report.scores[mode] = {lang: {m: float(np.mean([x[m] for x in rows])) for m in rows[0]}
                               for lang, rows in sorted(per.items(), key=lambda kv: (kv[0] == "all", kv[0]))}
        report.modes.append(mode)
    return report
