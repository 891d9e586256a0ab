"""Store methods: editors' decisions on facts (confirm, correct, reject), kept across re-extraction.

A decision is keyed on what stays put when a document is extracted again (the document, the quote, and
the kind and value the extractor read), not on the fact id. It holds the reviewed fields in full, so
whatever the extractor reads next time, a reviewed fact shows what the editor decided.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from riso.errors import NotFound
from riso.model import Fact, ReviewDecision, Subject
from riso.store.base import Row
from riso.store.documents import FACT_COLUMNS, DocumentsMixin, fact_row

__all__ = [
    "REVIEWED_FIELDS", "Review", "ReviewsMixin", "apply_review", "review_key", "review_matches", "reviewed_fields",
]

# What an editor may set on a fact (the reviewed state of each is stored in full).
REVIEWED_FIELDS = ("kind", "value", "unit", "comparator", "deadline", "period", "subject", "metric", "metric_text")
_COLS = (
    "key, document, quote, start_char, end_char, kind, value, fact_id, decision, changes, original, reviewer, "
    "note, reviewed_at"
)


@dataclass(frozen=True)
class Review:
    """One editor's decision on one fact: what was extracted, what it should say, who decided and when."""

    key: str
    document: str
    quote: str
    start: int
    end: int
    kind: str  # as extracted
    value: float | None  # as extracted
    fact_id: str
    decision: ReviewDecision
    reviewer: str
    fields: dict[str, Any] = field(default_factory=dict)  # the reviewed state of REVIEWED_FIELDS
    original: dict[str, Any] = field(default_factory=dict)  # the fact as extracted (its contract JSON)
    note: str | None = None
    reviewed_at: str | None = None

    def to_json(self) -> dict[str, object]:
        """JSON form (the API's review object)."""
        return {
            "key": self.key, "fact": self.fact_id, "document": self.document, "decision": self.decision,
            "reviewer": self.reviewer, "reviewed_at": self.reviewed_at, "note": self.note, "fields": self.fields,
            "extracted": {k: self.original.get(k) for k in REVIEWED_FIELDS}, "quote": self.quote,
        }  # fmt: skip


def _norm_value(value: float | None) -> str:
    return "" if value is None else f"{value:.9g}"


def review_key(document: str, quote: str, kind: str, value: float | None) -> str:
    """The stable key of a decision: document, quote, and the kind and value as extracted."""
    digest = hashlib.sha256(f"{document}|{quote}|{kind}|{_norm_value(value)}".encode()).hexdigest()
    return "rv:" + digest[:24]


def _close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    x, y = float(str(a)), float(str(b))
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def review_matches(review: Review, fact: Fact) -> bool:
    """Whether a (re-)extracted fact is the one the decision is about: same place, same reading."""
    if fact.document != review.document:
        return False
    if fact.quote != review.quote and (fact.start, fact.end) != (review.start, review.end):
        return False
    as_extracted = fact.kind == review.kind and _close(fact.value, review.value)
    as_reviewed = fact.kind == review.fields.get("kind", review.kind) and _close(
        fact.value, review.fields.get("value", review.value)
    )
    return as_extracted or as_reviewed


def apply_review(fact: Fact, review: Review) -> Fact:
    """The fact as the editor decided: reviewed fields set, confidence 1 unless rejected."""
    update: dict[str, Any] = {"review": review.decision}
    for name in REVIEWED_FIELDS:
        if name not in review.fields:
            continue
        value = review.fields[name]
        if name == "subject":
            value = None if value is None else Subject(**value)
        update[name] = value
    if review.decision != "rejected":
        update["confidence"] = 1.0
    return Fact.model_validate({**fact.model_dump(), **update})


def _review_from_row(row: Row) -> Review:
    return Review(
        key=row["key"], document=row["document"], quote=row["quote"], start=row["start_char"],
        end=row["end_char"], kind=row["kind"], value=row["value"], fact_id=row["fact_id"],
        decision=row["decision"], reviewer=row["reviewer"], fields=json.loads(row["changes"] or "{}"),
        original=json.loads(row["original"] or "{}"), note=row["note"],
        reviewed_at=None if row["reviewed_at"] is None else str(row["reviewed_at"]),
    )  # fmt: skip


class ReviewsMixin(DocumentsMixin):
    """Decisions on facts; every insert of a document's facts re-applies them."""

    def _reviewed_facts(self, facts: Sequence[Fact]) -> Sequence[Fact]:
        by_document = self.reviews_of([f.document for f in facts])
        if not by_document:
            return facts
        out = []
        for fact in facts:
            found = next((r for r in by_document.get(fact.document, ()) if review_matches(r, fact)), None)
            out.append(fact if found is None else apply_review(fact, found))
        return out

    def reviews_of(self, document_ids: Sequence[str]) -> dict[str, list[Review]]:
        """Each document's decisions (oldest first)."""
        ids = list(dict.fromkeys(document_ids))
        out: dict[str, list[Review]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {_COLS} FROM fact_reviews WHERE document IN ({marks}) ORDER BY reviewed_at, key"
            for row in self.query(sql, chunk):
                out.setdefault(row["document"], []).append(_review_from_row(row))
        return out

    def list_reviews(self, *, document: str | None = None, decision: str | None = None) -> list[Review]:
        """Decisions, newest first, optionally of one document or one kind of decision."""
        where, params = [], []
        if document is not None:
            where.append("document = ?")
            params.append(document)
        if decision is not None:
            where.append("decision = ?")
            params.append(decision)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.query(f"SELECT {_COLS} FROM fact_reviews{clause} ORDER BY reviewed_at DESC, key", params)
        return [_review_from_row(r) for r in rows]

    def review_for(self, fact: Fact) -> Review | None:
        """The decision about this fact, if an editor made one."""
        return next((r for r in self.reviews_of([fact.document]).get(fact.document, ()) if review_matches(r, fact)),
                    None)  # fmt: skip

    def put_review(self, review: Review, fact: Fact) -> Fact:
        """Store (or replace) a decision and apply it to the stored fact at once; returns the reviewed fact."""
        reviewed = apply_review(fact, review)
        row = (
            review.key, review.document, review.quote, review.start, review.end, review.kind, review.value,
            review.fact_id, review.decision, json.dumps(review.fields, ensure_ascii=False),
            json.dumps(review.original, ensure_ascii=False), review.reviewer, review.note,
        )  # fmt: skip
        with self.transaction():
            self._run("DELETE FROM fact_reviews WHERE key = ?", (review.key,))
            self._run(
                "INSERT INTO fact_reviews (key, document, quote, start_char, end_char, kind, value, fact_id, "
                "decision, changes, original, reviewer, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            self._replace_fact(fact.id, reviewed)
        return reviewed

    def remove_review(self, key: str, *, fact: Fact | None = None) -> Review:
        """Withdraw a decision; the fact (when given) goes back to what was extracted. Raises NotFound."""
        row = self.query_one(f"SELECT {_COLS} FROM fact_reviews WHERE key = ?", (key,))
        if row is None:
            raise NotFound(f"no review with key {key!r}", hint="List the decisions with `riso review log`.")
        review = _review_from_row(row)
        with self.transaction():
            self._run("DELETE FROM fact_reviews WHERE key = ?", (key,))
            if fact is not None and review.original:
                restored = Fact.model_validate({**review.original, "id": fact.id, "review": None})
                self._replace_fact(fact.id, restored)
        return review

    def _replace_fact(self, fact_id: str, fact: Fact) -> None:
        marks = ", ".join("?" * len(FACT_COLUMNS.split(",")))
        self._run("DELETE FROM facts WHERE id = ?", (fact_id,))
        self._run(f"INSERT INTO facts ({FACT_COLUMNS}) VALUES ({marks})", fact_row(fact))


def reviewed_fields(fact: Fact) -> dict[str, Any]:
    """A fact's REVIEWED_FIELDS as stored in a decision."""
    data: Mapping[str, Any] = fact.to_json()
    return {name: data.get(name) for name in REVIEWED_FIELDS}
