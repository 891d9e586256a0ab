"""The innovation ecosystem: actors and relations, entity resolution, network analytics, industry chains.

Pure functions of records (``riso.model.Actor``, ``Relation``); the store keeps them
(``Store.list_actors(region=..., type=...)``, ``get_actor``, ``relations_of``) and ``riso.services.network``
joins the two for the CLI, the API and the web pages. See docs/network.md.
"""

from __future__ import annotations

from riso.model import ACTOR_TYPES, RELATION_TYPES, Actor, ActorType, Provenance, Relation, RelationType
from riso.network.chains import Chain, ChainSegment, Placement, chain_map, load_chain, load_chains, place_actors
from riso.network.facts import actors_from_facts
from riso.network.graph import (
    HELIX,
    ActorGraph,
    Centrality,
    brokers,
    build_graph,
    centralities,
    cluster_cooperation,
    communities,
    helix_of,
    triple_helix,
)
from riso.network.names import actor_id, classify, split_bodies, tokens
from riso.network.registers import PRESETS, ColumnMap, RegisterBatch, actors_from_rows, parse_mapping
from riso.network.resolve import Match, PairScore, compare, evaluate_pairs, find_matches, load_pairs

__all__ = [
    "ACTOR_TYPES",
    "HELIX",
    "PRESETS",
    "RELATION_TYPES",
    "Actor",
    "ActorGraph",
    "ActorType",
    "Centrality",
    "Chain",
    "ChainSegment",
    "ColumnMap",
    "Match",
    "PairScore",
    "Placement",
    "Provenance",
    "RegisterBatch",
    "Relation",
    "RelationType",
    "actor_id",
    "actors_from_facts",
    "actors_from_rows",
    "brokers",
    "build_graph",
    "centralities",
    "chain_map",
    "classify",
    "cluster_cooperation",
    "communities",
    "compare",
    "evaluate_pairs",
    "find_matches",
    "helix_of",
    "load_chain",
    "load_chains",
    "load_pairs",
    "parse_mapping",
    "place_actors",
    "split_bodies",
    "tokens",
    "triple_helix",
]
