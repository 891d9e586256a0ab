"""Records of technology transfer: offers (what labs and institutes have), needs (what enterprises ask for),
matches with their explanation, and the intermediary's decisions. Immutable, with provenance and owner."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from riso.model import Provenance

__all__ = [
    "DECISIONS",
    "OFFER_KINDS",
    "URGENCIES",
    "Decision",
    "DecisionKind",
    "Explanation",
    "Match",
    "Need",
    "Offer",
    "OfferKind",
    "Urgency",
    "need_id",
]

OfferKind = Literal["project", "result", "patent", "instrument", "laboratory", "pilot_base"]
OFFER_KINDS: tuple[OfferKind, ...] = ("project", "result", "patent", "instrument", "laboratory", "pilot_base")
Urgency = Literal["low", "normal", "high"]
URGENCIES: tuple[Urgency, ...] = ("low", "normal", "high")
DecisionKind = Literal["accept", "reject", "contact", "deal"]
DECISIONS: tuple[DecisionKind, ...] = ("accept", "reject", "contact", "deal")
PUBLIC = "public"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Offer(_Record):
    """Something a lab, institute or firm can transfer: a project's results, a patent, an instrument, a lab."""

    id: str  # "o:<source>:<key>", e.g. "o:nkrdp:2018YFB0104000"
    kind: OfferKind
    title: str
    text: str = ""  # a description beyond the title
    language: str = "zh"
    holder: str | None = None  # the institution as the source names it
    holder_actor: str | None = None  # riso.network actor id of the holder
    region: str | None = None  # gazetteer id of the holder's province
    field: str | None = None  # programme / area as the source states it
    fields: tuple[str, ...] = ()  # riso field ids the source's programme or area maps to
    year: int | None = None
    owner: str = PUBLIC  # the organisation that may edit it ("public" for registers)
    provenance: Provenance


class Need(_Record):
    """An enterprise's technical problem, in any language, owned by the organisation that posted it."""

    id: str  # "n:<owner>:<key>"
    title: str
    text: str = ""
    language: str
    industry: str | None = None
    region: str | None = None  # gazetteer id
    urgency: Urgency = "normal"
    owner: str  # organisation id (the enterprise or the intermediary acting for it)
    contact: str | None = None
    provenance: Provenance


class Explanation(_Record):
    """Why an offer fits a need: shared words and concepts, the field, the holder, the distance."""

    terms: tuple[str, ...] = ()  # words of the need found in the offer (directly or through a concept)
    concepts: tuple[str, ...] = ()  # concept ids both name
    concept_labels: tuple[str, ...] = ()  # those concepts in the need's language
    fields: tuple[str, ...] = ()  # fields both are in
    field_labels: tuple[str, ...] = ()
    holder: str | None = None
    holder_actor: str | None = None
    holder_record: str | None = None  # "12 offers; open instruments (优秀)"
    distance_km: float | None = None
    same_region: bool = False


class Match(_Record):
    """One ranked offer for a need (or need for an offer), with the score's parts and its explanation."""

    need: str
    offer: str
    rank: int
    score: float
    components: dict[str, float] = Field(default_factory=dict)
    explanation: Explanation = Explanation()
    mode: Literal["bm25", "lexical", "hybrid"] = "lexical"


class Decision(_Record):
    """What an intermediary decided about a match, with the features it was shown (for learning)."""

    need: str
    offer: str
    decision: DecisionKind
    by: str
    note: str | None = None
    features: dict[str, float] = Field(default_factory=dict)
    decided_at: str | None = None


def need_id(owner: str, key: str) -> str:
    """A stable need id from its owner and a key (the source's id, else a digest of the text)."""
    if len(key) > 40 or not key.replace("-", "").replace("_", "").isalnum():
        key = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"n:{owner}:{key}"
