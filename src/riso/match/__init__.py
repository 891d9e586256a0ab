"""Technology-transfer matching: offers (projects, results, instruments, laboratories) and enterprises' needs,
matched across languages through a concept vocabulary, lexical retrieval and optional embeddings.

Pure functions of records; the store keeps offers, needs, decisions and cached embeddings, and
``riso.services.match`` joins the two for the CLI, the API and the web pages. See docs/match.md.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from riso.match.concepts import Concept, ConceptHit, Concepts, load_concepts
    from riso.match.engine import (
        COMPONENTS,
        DEFAULT_WEIGHTS,
        HolderRecord,
        Item,
        MatchIndex,
        Mode,
        Scored,
        build_index,
        distance_km,
        holder_records,
        item_of_need,
        item_of_offer,
    )
    from riso.match.records import (
        DECISIONS,
        OFFER_KINDS,
        URGENCIES,
        Decision,
        DecisionKind,
        Explanation,
        Match,
        Need,
        Offer,
        OfferKind,
        Urgency,
        need_id,
    )
    from riso.match.text import fold, tokenize

# Names are imported from their module on first use (PEP 562): the store reads records without loading the
# matcher (concept vocabulary, retrieval index), which keeps read-only commands quick to start.
_HOME = {
    **dict.fromkeys(("Concept", "ConceptHit", "Concepts", "load_concepts"), "concepts"),
    **dict.fromkeys(("COMPONENTS", "DEFAULT_WEIGHTS", "HolderRecord", "Item", "MatchIndex", "Mode", "Scored",
                     "build_index", "distance_km", "holder_records", "item_of_need", "item_of_offer"), "engine"),
    **dict.fromkeys(("DECISIONS", "OFFER_KINDS", "URGENCIES", "Decision", "DecisionKind", "Explanation", "Match",
                     "Need", "Offer", "OfferKind", "Urgency", "need_id"), "records"),
    **dict.fromkeys(("fold", "tokenize"), "text"),
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"riso.match.{_HOME[name]}"), name)
    raise AttributeError(f"module 'riso.match' has no attribute {name!r}")


__all__ = [
    "COMPONENTS",
    "DECISIONS",
    "DEFAULT_WEIGHTS",
    "OFFER_KINDS",
    "URGENCIES",
    "Concept",
    "ConceptHit",
    "Concepts",
    "Decision",
    "DecisionKind",
    "Explanation",
    "HolderRecord",
    "Item",
    "Match",
    "MatchIndex",
    "Mode",
    "Need",
    "Offer",
    "OfferKind",
    "Scored",
    "Urgency",
    "build_index",
    "distance_km",
    "fold",
    "holder_records",
    "item_of_need",
    "item_of_offer",
    "load_concepts",
    "need_id",
    "tokenize",
]
