"""Actors from extracted entity facts, and co-mentions in one sentence as weak, labelled relations. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

import yaml

from riso.model import Actor, ActorType, Document, Fact, Provenance, Relation
from riso.network.names import NameKnowledge, actor_id, classify, load_knowledge
from riso.network.registers import relation_id

__all__ = ["actors_from_facts", "entity_actor_types"]


@cache
def entity_actor_types() -> dict[str, ActorType]:
    """Entity-fact type -> actor type (from organisations.yaml)."""
    text = (resources.files("riso.network") / "data" / "organisations.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text).get("entity_types") or {})


def _sentence_of(doc: Document, start: int) -> tuple[int, int]:
    for seg in doc.sentences:
        if seg.start <= start < seg.end:
            return seg.start, seg.end
    return start, start


def actors_from_facts(
    facts: Iterable[Fact], documents: Mapping[str, Document], *, kn: NameKnowledge | None = None
) -> tuple[list[Actor], list[Relation]]:
    """Actors named by entity facts (hubs, platforms, alliances, parks) and weak co-mention relations.

    Two actors named in one sentence are linked by a ``co_mention`` relation marked ``weak``: the sentence
    says they appear together, not how they work together.
    """
    kn = kn or load_knowledge()
    kinds = entity_actor_types()
    actors: list[Actor] = []
    by_sentence: dict[tuple[str, int, int], list[tuple[Actor, Fact]]] = defaultdict(list)
    for fact in facts:
        if fact.kind != "entity":
            continue
        name = str(fact.payload.get("name") or fact.metric_text or "").strip()
        kind = kinds.get(str(fact.payload.get("type") or ""))
        if not name or kind is None:
            continue
        guessed, level = classify(name, kn)
        region = fact.payload.get("region") or (fact.subject.id if fact.subject else None)
        prov = Provenance(source=f"fact:{fact.id}", fact=fact.id, quote=fact.quote[:1000])
        actor = Actor(id=actor_id(name, kn), name=name, type=guessed if guessed != "other" else kind,
                      names={fact.language or "und": name}, region=str(region) if region else None,
                      lab_level=level, sources=(prov,))
        actors.append(actor)
        doc = documents.get(fact.document)
        if doc is not None:
            start, end = _sentence_of(doc, fact.start)
            if end > start:
                by_sentence[(doc.id, start, end)].append((actor, fact))
    relations: list[Relation] = []
    for (doc_id, start, end), found in by_sentence.items():
        sentence = documents[doc_id].text[start:end]
        unique = list({a.id: (a, f) for a, f in found}.values())
        for i, (a, fa) in enumerate(unique):
            for b, fb in unique[i + 1 :]:
                ref = f"{doc_id}:{start}-{end}"
                relations.append(Relation(
                    id=relation_id(a.id, b.id, "co_mention", ref), source=a.id, target=b.id, type="co_mention",
                    weak=True, label="named in one sentence",
                    provenance=Provenance(source=f"fact:{fa.id}", fact=f"{fa.id},{fb.id}", row=ref,
                                          quote=sentence[:1000])))
    return actors, relations
