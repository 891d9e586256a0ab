"""Review by people: editors confirm, correct or reject facts; the queue of facts to review; gold export.

Every decision is stored with who made it and when (and in the audit log), survives re-extraction of the
document, and overrides the extractor everywhere: targets are re-reconciled after each decision.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from riso.catalog import Catalog, load_catalog
from riso.errors import BadRequest, NotFound, UnknownIndicator, UnknownRegion
from riso.model import COMPARATORS, REVIEW_DECISIONS, Document, Fact, ReviewDecision, Target
from riso.store import Store
from riso.store.reviews import REVIEWED_FIELDS, Review, review_key, reviewed_fields

__all__ = [
    "REVIEWABLE_KINDS",
    "THRESHOLD_SETTING",
    "decide",
    "decisions",
    "default_threshold",
    "export_gold",
    "is_headline",
    "is_to_review",
    "review_threshold",
    "set_review_threshold",
    "summarise",
    "to_review",
    "undo",
    "write_gold",
]

REVIEWABLE_KINDS = ("target", "milestone", "measurement", "rank")
THRESHOLD_SETTING = "review_threshold"
_FALLBACK_THRESHOLD = 0.5


def default_threshold() -> float:
    """The threshold below which a fact is "to review": $RISO_REVIEW_THRESHOLD, else the calibration's."""
    raw = os.environ.get("RISO_REVIEW_THRESHOLD")
    if raw:
        return _threshold(raw)
    try:
        from riso.extract.calibration import load_calibration

        return float(load_calibration().threshold)
    except (ImportError, OSError, ValueError):
        return _FALLBACK_THRESHOLD


def _threshold(raw: object) -> float:
    try:
        value = float(str(raw))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise BadRequest(f"invalid review threshold {raw!r}", hint="Give a probability between 0 and 1, e.g. 0.6.")
    return value


def review_threshold(store: Store) -> float:
    """The instance's threshold (the store setting, else the default)."""
    stored = store.get_setting(THRESHOLD_SETTING)
    return _threshold(stored) if stored is not None else default_threshold()


def set_review_threshold(store: Store, value: float, *, actor: str) -> float:
    """Set the instance's threshold (audited)."""
    threshold = _threshold(value)
    with store.transaction():
        store.set_setting(THRESHOLD_SETTING, str(threshold))
        store.audit(actor, "review.threshold", None, {"threshold": threshold})
    return threshold


def is_headline(target: Target, threshold: float) -> bool:
    """Whether a target may be shown as a headline: entered by hand, or read from documents with a metric that
    resolved to a catalog indicator and a confidence at or above the threshold. A target whose metric names no
    indicator is kept and listed, never a headline."""
    if target.origin != "document":
        return True
    return target.indicator is not None and target.confidence >= threshold


def is_to_review(fact: Fact, threshold: float) -> bool:
    """Not reviewed yet and less likely right than the threshold."""
    return fact.review is None and fact.kind in REVIEWABLE_KINDS and fact.confidence < threshold


def to_review(
    store: Store, *, threshold: float | None = None, everything: bool = False, document: str | None = None,
    limit: int | None = None,
) -> list[Fact]:
    """Unreviewed facts below the threshold (every unreviewed fact with ``everything``), least sure first."""
    cut = review_threshold(store) if threshold is None else _threshold(threshold)
    found = [
        f for kind in REVIEWABLE_KINDS for f in store.list_facts(kind=kind, document=document)
        if f.review is None and (everything or f.confidence < cut)
    ]  # fmt: skip
    found.sort(key=lambda f: (f.confidence, f.document, f.start, f.id))
    return found[:limit] if limit is not None else found


# -- decisions ------------------------------------------------------------------------------------------


def _year(raw: object, name: str) -> int:
    try:
        year = int(str(raw).strip())
    except ValueError:
        year = 0
    if not 1900 <= year <= 2200:
        raise BadRequest(f"invalid {name} {raw!r}", hint=f"Give the {name} as a year, e.g. 2027.")
    return year


def _fields(fact: Fact, changes: Mapping[str, object], catalog: Catalog) -> dict[str, Any]:
    """The reviewed state: the fact's fields with the editor's changes (empty values leave a field as it is)."""
    unknown = sorted(set(changes) - set(REVIEWED_FIELDS))
    if unknown:
        raise BadRequest(f"cannot correct {', '.join(unknown)}", hint=f"Correct any of: {', '.join(REVIEWED_FIELDS)}.")
    out = reviewed_fields(fact)
    given = {k: v for k, v in changes.items() if v is not None and str(v).strip() != ""}
    if "kind" in given:
        kind = str(given["kind"]).strip()
        if kind not in REVIEWABLE_KINDS:
            raise BadRequest(f"cannot make a fact a {kind!r}", hint=f"Use one of: {', '.join(REVIEWABLE_KINDS)}.")
        if kind != out["kind"] and kind == "target" and out["period"] and "deadline" not in given:
            out["deadline"], out["period"] = _year(str(out["period"])[-4:], "deadline"), None
        elif kind != out["kind"] and out["kind"] == "target" and kind != "milestone" and "period" not in given:
            out["period"], out["deadline"] = (str(out["deadline"]) if out["deadline"] else None), None
        out["kind"] = kind
    if "value" in given:
        try:
            out["value"] = float(str(given["value"]).strip().replace(",", "."))
        except ValueError:
            raise BadRequest(f"invalid value {given['value']!r}", hint="Give a plain number, e.g. 3.5.") from None
    if "unit" in given:
        out["unit"] = str(given["unit"]).strip()[:40]
    if "comparator" in given:
        comparator = str(given["comparator"]).strip()
        if comparator not in COMPARATORS:
            raise BadRequest(f"unknown comparator {comparator!r}", hint=f"Use one of: {', '.join(COMPARATORS)}.")
        out["comparator"] = comparator
    if "deadline" in given:
        out["deadline"] = _year(given["deadline"], "deadline")
    if "period" in given:
        out["period"] = str(given["period"]).strip()[:20]
    if "subject" in given:
        name = str(given["subject"]).strip()[:200]
        try:
            region = catalog.region(name)
            out["subject"] = {"id": region.id, "name": region.names.get(fact.language or "", region.name)}
        except UnknownRegion:
            out["subject"] = {"id": None, "name": name}
    if "metric" in given:
        try:
            indicator = catalog.indicator(str(given["metric"]).strip())
        except UnknownIndicator as err:  # a bad field of a correction, not a missing resource
            raise BadRequest(err.message, hint=err.hint) from err
        out["metric"] = indicator.id
        if "metric_text" not in given:
            out["metric_text"] = indicator.labels.get(fact.language or "", indicator.label)
    if "metric_text" in given:
        out["metric_text"] = str(given["metric_text"]).strip()[:200]
    return out


def decide(
    store: Store,
    fact_id: str,
    decision: str,
    *,
    reviewer: str,
    changes: Mapping[str, object] | None = None,
    note: str | None = None,
    catalog: Catalog | None = None,
) -> Fact:
    """Confirm, correct or reject a fact (``decision``: confirm/confirmed, correct/corrected, reject/rejected).

    Returns the fact as it now reads. A correction that changes nothing is a confirmation. Raises NotFound,
    BadRequest (a bad decision or field, an unknown indicator).
    """
    wanted = _decision(decision)
    fact = store.get_fact(fact_id)
    if fact.kind not in REVIEWABLE_KINDS:
        raise BadRequest(f"a {fact.kind} fact cannot be reviewed", hint=f"Review {', '.join(REVIEWABLE_KINDS)} facts.")
    if wanted != "corrected" and changes and any(str(v).strip() for v in changes.values() if v is not None):
        raise BadRequest(f"a {wanted} fact takes no corrections", hint="Use `correct` to change fields.")
    earlier = store.review_for(fact)
    original = earlier.original if earlier is not None else fact.model_dump(mode="json", exclude={"source"})
    fields = _fields(fact, changes or {}, catalog or load_catalog())
    if wanted == "corrected" and fields == {k: original.get(k) for k in REVIEWED_FIELDS}:
        wanted = "confirmed"
    kind, value = str(original["kind"]), original.get("value")
    review = Review(
        key=earlier.key if earlier is not None else review_key(fact.document, fact.quote, kind, _float(value)),
        document=fact.document, quote=fact.quote, start=fact.start, end=fact.end, kind=kind, value=_float(value),
        fact_id=fact.id, decision=wanted, reviewer=reviewer, fields=fields, original=original,
        note=(note or "").strip()[:1000] or None,
    )  # fmt: skip
    with store.transaction():
        reviewed = store.put_review(review, fact)
        changed = {k: [original.get(k), fields[k]] for k in REVIEWED_FIELDS if original.get(k) != fields[k]}
        store.audit(reviewer, f"review.{wanted.removesuffix('ed')}", fact.id,
                    {"key": review.key, "changed": changed, "note": review.note})  # fmt: skip
    _resync(store, fact.id)
    return reviewed


def _float(value: object) -> float | None:
    return None if value is None else float(str(value))


def _decision(raw: str) -> ReviewDecision:
    word = raw.strip().lower()
    for decision in REVIEW_DECISIONS:
        if word in (decision, decision.removesuffix("ed"), decision.removesuffix("d")):
            return decision
    raise BadRequest(f"unknown decision {raw!r}", hint="Use confirm, correct or reject.")


def undo(store: Store, fact_id: str, *, actor: str) -> Fact:
    """Withdraw the decision on a fact: it reads as extracted again. Raises NotFound."""
    fact = store.get_fact(fact_id)
    earlier = store.review_for(fact)
    if earlier is None:
        raise NotFound(f"fact {fact_id!r} has not been reviewed", hint="List decisions with `riso review log`.")
    with store.transaction():
        store.remove_review(earlier.key, fact=fact)
        store.audit(actor, "review.undo", fact.id, {"key": earlier.key, "was": earlier.decision})
    _resync(store, fact.id)
    return store.get_fact(fact.id)


def _resync(store: Store, fact_id: str) -> None:
    """Targets and document observations follow the facts as reviewed."""
    from riso.services.progress import sync_targets

    store.delete_observations(source=f"fact:{fact_id}")  # the fact's observation is made again as it now reads
    sync_targets(store)


# -- export in the real-text gold format (../shared/extraction/README.md) ----------------------------------


def _paragraph(document: Document, fact: Fact) -> tuple[int, int]:
    for seg in document.paragraphs:
        if seg.start <= fact.start and fact.end <= seg.end:
            return seg.start, seg.end
    start = document.text.rfind("\n", 0, fact.start) + 1
    end = document.text.find("\n", fact.end)
    return start, len(document.text) if end < 0 else end


def _gold_fact(fact: Fact, text: str, start: int, catalog: Catalog) -> dict[str, object]:
    indicator = catalog.indicators.get(fact.metric) if fact.metric else None
    quote = fact.quote if fact.quote in text else text[max(fact.start - start, 0) : fact.end - start]
    kind = "target" if fact.kind == "target" else "measurement"
    out: dict[str, object] = {
        "kind": kind,
        "subject": fact.subject.name if fact.subject else None,
        "metric": indicator.label if indicator is not None else (fact.metric_text or ""),
        "value": fact.value,
        "unit": "rank" if fact.kind == "rank" else fact.unit,
        "quote": quote,
        "language": fact.language,
    }
    if kind == "target":
        out["comparator"] = fact.comparator or "at_least"
        out["deadline"] = fact.deadline
    else:
        period = str(fact.period) if fact.period else None
        out["period"] = int(period) if period and period.isdigit() else period
    return out


def export_gold(store: Store, *, catalog: Catalog | None = None) -> list[dict[str, object]]:
    """The reviewed facts as passages of the real-text gold format, one per paragraph that holds a decision.

    Confirmed and corrected facts are gold; rejected ones are left out (extracting them again is a false
    positive); the paragraph's unreviewed facts are ``optional`` (neither misses nor false positives).
    """
    catalog = catalog or load_catalog()
    passages: list[dict[str, object]] = []
    documents = sorted({r.document for r in store.list_reviews()})
    for doc_id in documents:
        try:
            document = store.get_document(doc_id)
        except NotFound:
            continue
        facts = [f for f in store.list_facts(document=doc_id, rejected=True) if f.kind in REVIEWABLE_KINDS]
        spans: dict[tuple[int, int], list[Fact]] = {}
        for fact in facts:
            spans.setdefault(_paragraph(document, fact), []).append(fact)
        for (start, end), group in sorted(spans.items()):
            if not any(f.review for f in group):
                continue
            text = document.text[start:end]
            gold = []
            for fact in group:
                if fact.review == "rejected" or fact.value is None:
                    continue
                item = _gold_fact(fact, text, start, catalog)
                if fact.review is None:
                    item["optional"] = True
                gold.append(item)
            passages.append({
                "id": f"review-{doc_id.removeprefix('sha256:')[:12]}-{start}", "language": document.language,
                "source_url": document.source, "text": text, "hard_negative": False,
                "notes": "exported by `riso review export`: confirmed and corrected facts are gold, "
                "unreviewed ones optional", "facts": gold,
            })  # fmt: skip
    return passages


def write_gold(store: Store, path: str | os.PathLike[str], *, catalog: Catalog | None = None) -> int:
    """Write ``export_gold`` as JSON lines; returns how many passages."""
    passages = export_gold(store, catalog=catalog)
    Path(path).write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8"
    )
    return len(passages)


def decisions(store: Store, *, document: str | None = None) -> list[Review]:
    """Every decision, newest first."""
    return store.list_reviews(document=document)


def summarise(facts: Sequence[Fact]) -> list[dict[str, object]]:
    """Facts as the rows `riso review list` prints."""
    return [
        {"id": f.id, "kind": f.kind, "value": f.value, "unit": f.unit, "deadline": f.deadline, "period": f.period,
         "subject": f.subject.name if f.subject else None, "metric": f.metric or f.metric_text,
         "confidence": round(f.confidence, 3), "review": f.review, "quote": f.quote[:120]}
        for f in facts
    ]  # fmt: skip
