"""Fact reconciliation: what the versions of one story state once, with all its sources.

Pure. Facts of one story that state the same thing become one ``ReconciledFact``; versions that
disagree are kept apart and flagged; the same statement in several independent stories gains
confidence by noisy-OR over stories (versions of one story are not independent, so a story counts once).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from itertools import combinations

from pydantic import BaseModel, ConfigDict

from riso.link.numbers import format_number
from riso.model import Comparator, Fact, FactKind, Target

__all__ = ["ReconciledFact", "Source", "reconcile", "reconcile_targets"]

_QUANTIFIED = ("target", "milestone", "measurement", "rank")


class Source(BaseModel):
    """One fact that states a reconciled fact: where, in which language, in which words."""

    model_config = ConfigDict(frozen=True)

    fact: str
    document: str
    story: str
    language: str | None
    quote: str
    confidence: float


class ReconciledFact(BaseModel):
    """One statement with every fact that makes it, across versions and stories."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: FactKind
    region: str | None
    metric: str | None
    metric_text: str | None
    value: float | None
    unit: str | None
    comparator: Comparator | None
    deadline: int | None
    period: str | None
    sources: tuple[Source, ...]
    conflict: bool = False
    conflicts_with: tuple[str, ...] = ()
    confidence: float

    @property
    def facts(self) -> tuple[str, ...]:
        """Ids of the facts that state it."""
        return tuple(s.fact for s in self.sources)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages of its sources, sorted."""
        return tuple(sorted({s.language for s in self.sources if s.language}))

    @property
    def stories(self) -> tuple[str, ...]:
        """Stories of its sources, sorted."""
        return tuple(sorted({s.story for s in self.sources}))


def _region(fact: Fact) -> str | None:
    return fact.subject.id if fact.subject is not None else None


def _statement(fact: Fact) -> tuple[object, ...]:
    """What a fact states, without the words it uses (metric id, not metric text)."""
    value = format_number(fact.value) if fact.value is not None else None
    if fact.kind in _QUANTIFIED:
        return (fact.kind, _region(fact), fact.metric, value, fact.unit, fact.comparator, fact.deadline, fact.period)
    name = fact.payload.get("id") or fact.payload.get("name") or fact.metric_text or fact.quote
    return (fact.kind, _region(fact), fact.metric, str(name).casefold())


def _loose(key: tuple[object, ...]) -> tuple[object, ...]:
    """A statement without its metric, to match a version whose metric the catalog did not resolve."""
    return key[:2] + key[3:]


def _group_story(facts: Sequence[Fact]) -> list[list[Fact]]:
    groups: dict[tuple[object, ...], list[Fact]] = {}
    unresolved: list[Fact] = []
    for fact in facts:
        if fact.kind in _QUANTIFIED and fact.metric is None:
            unresolved.append(fact)
        else:
            groups.setdefault(_statement(fact), []).append(fact)
    by_loose: dict[tuple[object, ...], tuple[object, ...]] = {}
    for key in groups:
        by_loose.setdefault(_loose(key), key)
    for fact in unresolved:
        key = _statement(fact)
        target = by_loose.get(_loose(key), key)
        groups.setdefault(target, []).append(fact)
        by_loose.setdefault(_loose(key), target)
    return list(groups.values())


def _disagree(a: list[Fact], b: list[Fact]) -> bool:
    """Two groups of one story state the same metric of one region differently in different versions."""
    fa, fb = a[0], b[0]
    if fa.kind != fb.kind or fa.kind not in _QUANTIFIED or fa.metric is None or fa.metric != fb.metric:
        return False
    if _region(fa) != _region(fb):
        return False
    if {f.document for f in a} & {f.document for f in b}:
        return False  # one document states both: two aims, not a disagreement
    if fa.kind == "measurement":
        return fa.period == fb.period and fa.value != fb.value
    same_value = fa.value == fb.value
    same_deadline = fa.deadline == fb.deadline
    return same_value != same_deadline


def _rid(key: tuple[object, ...]) -> str:
    return "rf:" + hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:20]


def reconcile(facts: Sequence[Fact], story_of: Mapping[str, str | None]) -> list[ReconciledFact]:
    """Reconciled facts of all kinds, sorted by region, metric, deadline and value.

    ``story_of`` maps a document id to its story; a document without one is its own story.
    """
    by_story: dict[str, list[Fact]] = {}
    for fact in facts:
        story = story_of.get(fact.document) or fact.document
        by_story.setdefault(story, []).append(fact)
    # 1. within each story: group versions; flag disagreeing groups
    merged: dict[tuple[object, ...], list[tuple[str, Fact]]] = {}
    conflicts: dict[tuple[object, ...], set[tuple[object, ...]]] = {}
    for story in sorted(by_story):
        groups = _group_story(by_story[story])
        keys = []
        for group in groups:
            resolved = next((f for f in group if f.metric is not None), group[0])
            key = _statement(resolved)
            if resolved.metric is None:
                key = (story, *key)  # an unresolved metric only matches within its story
            keys.append(key)
            merged.setdefault(key, []).extend((story, f) for f in group)
        for (i, a), (j, b) in combinations(enumerate(groups), 2):
            if _disagree(a, b):
                conflicts.setdefault(keys[i], set()).add(keys[j])
                conflicts.setdefault(keys[j], set()).add(keys[i])
    # 2. across stories: one record per statement; noisy-OR of each story's best confidence
    out = []
    for key, members in merged.items():
        first = next((f for _, f in members if f.metric is not None), members[0][1])
        best: dict[str, float] = {}
        for story, fact in members:
            best[story] = max(best.get(story, 0.0), fact.confidence)
        miss = 1.0
        for conf in best.values():
            miss *= 1.0 - conf
        sources = tuple(
            Source(
                fact=f.id, document=f.document, story=s, language=f.language, quote=f.quote, confidence=f.confidence
            )
            for s, f in sorted(members, key=lambda sf: (sf[0], sf[1].language or "", sf[1].document, sf[1].start))
        )
        out.append(
            ReconciledFact(
                id=_rid(key),
                kind=first.kind,
                region=_region(first),
                metric=first.metric,
                metric_text=first.metric_text,
                value=first.value,
                unit=first.unit,
                comparator=first.comparator,
                deadline=first.deadline,
                period=first.period,
                sources=sources,
                conflict=key in conflicts,
                conflicts_with=tuple(sorted(_rid(k) for k in conflicts.get(key, ()))),
                confidence=round(1.0 - miss, 6),
            )
        )
    return sorted(out, key=_order)


def _order(r: ReconciledFact) -> tuple[object, ...]:
    return (r.region or "", r.metric or "", r.kind, r.deadline or 0, r.value or 0.0, r.id)


def reconcile_targets(facts: Sequence[Fact], story_of: Mapping[str, str | None]) -> list[Target]:
    """Targets stated by the facts: one per statement, with all its facts, conflict flag and confidence.

    A target needs a region, a value and a deadline; ``story_of`` maps a document id to its story.
    """
    usable = [
        f
        for f in facts
        if f.kind == "target" and f.value is not None and f.deadline is not None and _region(f) is not None
    ]
    targets = []
    for r in reconcile(usable, story_of):
        assert r.region is not None and r.value is not None and r.deadline is not None  # filtered above
        targets.append(
            Target(
                id="t:" + r.id[3:],
                region=r.region,
                indicator=r.metric,
                value=float(r.value),
                comparator=r.comparator or "at_least",
                deadline=int(r.deadline),
                unit=r.unit,
                facts=r.facts,
                metric_text=r.metric_text,
                conflict=r.conflict,
                confidence=r.confidence,
            )
        )
    return targets
