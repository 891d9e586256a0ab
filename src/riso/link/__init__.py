"""Linking: documents into stories across languages, and facts reconciled across versions.

Pure stage: works on records passed in; the caller stores the result (``evaluate_story_pairs``
alone reads files, to score linking on a pair set).
"""

from __future__ import annotations

from riso.link.batch import link_batch, signatures
from riso.link.evaluate import StoryEvalReport, evaluate_story_pairs
from riso.link.features import StoryFeatures, document_features, find_regions, pair_keys
from riso.link.numbers import figures
from riso.link.reconcile import ReconciledFact, Source, reconcile, reconcile_targets
from riso.link.semantic import embedding_similarity
from riso.link.stories import (
    MemoryState,
    StoryState,
    is_same_story,
    link_document,
    link_documents,
    score_pair,
    story_id_for,
)

__all__ = [
    "MemoryState",
    "ReconciledFact",
    "Source",
    "StoryEvalReport",
    "StoryFeatures",
    "StoryState",
    "document_features",
    "embedding_similarity",
    "evaluate_story_pairs",
    "figures",
    "find_regions",
    "is_same_story",
    "link_batch",
    "link_document",
    "link_documents",
    "pair_keys",
    "reconcile",
    "reconcile_targets",
    "score_pair",
    "signatures",
    "story_id_for",
]
