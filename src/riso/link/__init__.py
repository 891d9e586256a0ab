"""Linking: documents into stories across languages, and facts reconciled across versions.

Pure stage: works on records passed in; the caller stores the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from riso.model import Fact, Target, fact_id

__all__ = ["reconcile_targets"]


def reconcile_targets(facts: Sequence[Fact], story_of: Mapping[str, str | None]) -> list[Target]:
    """Group target facts that state the same aim into Targets (placeholder: exact grouping).

    ``story_of`` maps a document id to its story id. The linking stage replaces this with
    conflict detection and cross-story confidence.
    """
    groups: dict[tuple[object, ...], list[Fact]] = {}
    for fact in facts:
        if fact.kind != "target" or fact.value is None or fact.deadline is None or fact.subject is None:
            continue
        key = (fact.subject.id, fact.metric, fact.value, fact.deadline, fact.comparator)
        groups.setdefault(key, []).append(fact)
    targets = []
    for (region, metric, value, deadline, comparator), members in groups.items():
        first = members[0]
        targets.append(
            Target(
                id="t:" + fact_id(str(region), "target", 0, 0, f"{metric}|{value}|{deadline}")[2:],
                region=str(region),
                indicator=metric,  # type: ignore[arg-type]
                value=float(value),  # type: ignore[arg-type]
                comparator=comparator or "at_least",  # type: ignore[arg-type]
                deadline=int(deadline),  # type: ignore[call-overload]
                unit=first.unit,
                facts=tuple(f.id for f in members),
                metric_text=first.metric_text,
                confidence=max(f.confidence for f in members),
            )
        )
    return targets
