"""Records shared by every stage: documents, facts, regions, indicators, observations, targets, stories.

Records are immutable pydantic models; they travel between stages by value.
The JSON form of ``Fact`` is the contract shared by the CLI, the API and the store
(see DESIGN.md).
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ACTOR_TYPES",
    "COMPARATORS",
    "FACT_KINDS",
    "RELATION_TYPES",
    "REVIEW_DECISIONS",
    "Actor",
    "ActorType",
    "Comparator",
    "Document",
    "Fact",
    "FactKind",
    "Indicator",
    "LabLevel",
    "Observation",
    "Ownership",
    "Provenance",
    "Region",
    "RegionLevel",
    "Relation",
    "RelationType",
    "ReviewDecision",
    "Segment",
    "Story",
    "Subject",
    "Target",
    "fact_id",
]

FactKind = Literal["target", "milestone", "measurement", "rank", "entity", "glossary", "table"]
FACT_KINDS: tuple[FactKind, ...] = ("target", "milestone", "measurement", "rank", "entity", "glossary", "table")
Comparator = Literal["at_least", "at_most", "exactly", "about"]
COMPARATORS: tuple[Comparator, ...] = ("at_least", "at_most", "exactly", "about")
ReviewDecision = Literal["confirmed", "corrected", "rejected"]
REVIEW_DECISIONS: tuple[ReviewDecision, ...] = ("confirmed", "corrected", "rejected")
RegionLevel = Literal["world", "supranational", "country", "macro_region", "province", "city", "district", "cluster"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Segment(_Record):
    """A paragraph or sentence of a document: character offsets and its language."""

    start: int
    end: int
    language: str | None = None


class Document(_Record):
    """One ingested document: its normalised text and what was read about it."""

    id: str  # "sha256:" + hex digest of the normalised text
    source: str  # path or URL
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, as precise as the text states
    outlet: str | None = None  # source outlet named in the text ("Xin Lang Cai Jing")
    language: str | None = None  # ISO 639-1 of the main language
    languages: tuple[str, ...] = ()  # every language found in a paragraph, main language first
    paragraphs: tuple[Segment, ...] = ()
    sentences: tuple[Segment, ...] = ()
    format: str = "txt"  # txt, md, html, pdf, docx
    story: str | None = None
    ingested_at: str | None = None  # set by the store
    notes: tuple[str, ...] = ()  # what reading changed: parts, split sentences, dropped attributes, ...


class Subject(_Record):
    """The region a fact is about."""

    id: str | None = None  # gazetteer id (ISO 3166-2 or cluster slug); None when unresolved
    name: str


def fact_id(document: str, kind: str, start: int, end: int, key: str = "") -> str:
    """A stable id for a fact: same document, kind, span and key give the same id."""
    digest = hashlib.sha256(f"{document}|{kind}|{start}|{end}|{key}".encode()).hexdigest()
    return "f:" + digest[:20]


class Fact(_Record):
    """What one passage of one document states, with provenance (the Fact JSON contract)."""

    document: str
    kind: FactKind
    metric: str | None = None  # catalog indicator id, or None
    metric_text: str | None = None  # surface form in the text
    value: float | None = None
    unit: str | None = None
    comparator: Comparator | None = None
    deadline: int | None = None  # year
    period: str | None = None  # "2023", "2023-Q1", "2019/2024", "2018-2023"
    subject: Subject | None = None
    quote: str
    start: int
    end: int
    language: str | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    scope: str | None = None  # rank: "national", a region id, ...
    duration: float | None = None  # rank: years held ("six consecutive years")
    payload: dict[str, object] = Field(default_factory=dict)  # entity / glossary / table details
    id: str = ""
    source: str | None = None  # path or URL, set by `riso extract`
    review: ReviewDecision | None = None  # set when an editor confirmed, corrected or rejected it (riso review)

    @model_validator(mode="after")
    def _check_span(self) -> Fact:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}:{self.end}")
        if not self.id:
            key = json.dumps([self.metric, self.value, self.deadline, self.period], default=str)
            object.__setattr__(self, "id", fact_id(self.document, self.kind, self.start, self.end, key))
        return self

    def check_against(self, text: str) -> None:
        """Raise ValueError unless the quote is the text at [start:end] or contains it."""
        span = text[self.start : self.end]
        if span != self.quote and span not in self.quote:
            raise ValueError(f"fact quote does not match the document text at {self.start}:{self.end}")

    def to_json(self) -> dict[str, object]:
        """The contract's JSON object (None fields kept, as in DESIGN.md)."""
        return self.model_dump(mode="json")


class Region(_Record):
    """A gazetteer entry: a country, province, city, cluster or macro-region."""

    id: str
    names: dict[str, str]  # language -> preferred name
    level: RegionLevel
    aliases: tuple[str, ...] = ()  # surface forms in any language
    parent: str | None = None
    members: tuple[str, ...] = ()  # for clusters and macro-regions

    @property
    def name(self) -> str:
        """The English name, else any name."""
        return self.names.get("en") or next(iter(self.names.values()), self.id)


class Indicator(_Record):
    """A catalog indicator."""

    id: str
    labels: dict[str, str]  # language -> label
    synonyms: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    unit: str  # "%", "count", "CNY bn", "rank", "score", ...
    direction: Literal[1, -1] = 1  # 1: higher is better
    definition: str = ""
    source: str = ""  # definition source (Frascati manual, NBS, ...)
    kind: Literal["value", "rank", "score"] = "value"

    @property
    def label(self) -> str:
        """The English label, else any label."""
        return self.labels.get("en") or next(iter(self.labels.values()), self.id)


class Observation(_Record):
    """A measured value of an indicator for a region and period, with where it came from."""

    region: str
    indicator: str
    period: str  # "2023" for years; finer periods as "2023-Q1", "2023-05"
    value: float
    unit: str | None = None
    source: str  # dataset citation or fact id ("fact:f:…")
    source_row: str | None = None  # file and line/row the value came from
    note: str | None = None
    origin: Literal["dataset", "document", "manual"] = "dataset"


class Target(_Record):
    """A quantified aim of a region for an indicator, with the facts that state it."""

    id: str
    region: str
    indicator: str | None
    value: float
    comparator: Comparator = "at_least"
    deadline: int
    unit: str | None = None
    baseline_period: str | None = None
    baseline_value: float | None = None
    facts: tuple[str, ...] = ()  # fact ids
    origin: Literal["document", "manual"] = "document"
    metric_text: str | None = None
    conflict: bool = False
    confidence: float = 0.5


class Story(_Record):
    """Documents that are versions (translations, rewrites) of one story."""

    id: str
    documents: tuple[str, ...]
    languages: tuple[str, ...] = ()
    title: str | None = None


# -- the innovation ecosystem (riso.network): actors and their relations ---------------------------------

ActorType = Literal[
    "enterprise", "university", "research_institute", "laboratory", "platform", "incubator", "park",
    "investor", "government", "alliance", "other",
]
ACTOR_TYPES: tuple[ActorType, ...] = (
    "enterprise", "university", "research_institute", "laboratory", "platform", "incubator", "park",
    "investor", "government", "alliance", "other",
)
Ownership = Literal["state_owned", "private", "foreign_invested"]
LabLevel = Literal["state_key", "province_ministry", "enterprise_state_key", "provincial", "municipal"]
RelationType = Literal[
    "cooperation", "hosting", "membership", "supply", "technology_transfer", "ownership", "funding",
    "supervision", "co_mention",
]
RELATION_TYPES: tuple[RelationType, ...] = (
    "cooperation", "hosting", "membership", "supply", "technology_transfer", "ownership", "funding",
    "supervision", "co_mention",
)


class Provenance(_Record):
    """Where an actor or relation comes from: a dataset row (source + row) or a fact."""

    source: str  # dataset citation, or "fact:<id>"
    row: str | None = None  # "file:line" of a dataset row
    fact: str | None = None  # fact id
    quote: str | None = None  # the register row or sentence, as evidence


class Actor(_Record):
    """An organisation of an innovation ecosystem: a firm, university, institute, lab, park, body ..."""

    id: str  # "a:" + stable digest of its key name
    name: str  # the preferred name (as the register spells it)
    type: ActorType = "other"
    names: dict[str, str] = Field(default_factory=dict)  # language -> name
    aliases: tuple[str, ...] = ()
    region: str | None = None  # gazetteer id (province, city)
    ownership: Ownership | None = None  # enterprises
    high_tech: bool | None = None  # enterprises: recognised high-tech enterprise
    lab_level: LabLevel | None = None  # laboratories
    field: str | None = None  # research field / industry as the source states it
    merged_into: str | None = None  # set when an editor or the resolver merged this actor into another
    sources: tuple[Provenance, ...] = ()


class Relation(_Record):
    """A typed, directed link between two actors, with its period, weight and evidence."""

    id: str  # "r:" + stable digest of (source, target, type, provenance)
    source: str  # actor id (host, funder, upstream supplier, owner, member)
    target: str  # actor id
    type: RelationType
    weight: float = 1.0
    period: str | None = None  # "2019", "2018-2020"
    weak: bool = False  # weak, labelled evidence (co-mention in one sentence)
    label: str | None = None  # what the link is about (a project title, a lab field)
    provenance: Provenance
