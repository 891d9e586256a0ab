"""Glossary entries: the closing "heading + explanatory paragraph" blocks of a document.

Each entry links to the entity fact of its heading; an entry that refuses or admits it knows
nothing (the language's refusal cues) is flagged ``uninformative``. Pure: no I/O.
"""

from __future__ import annotations

from riso.extract.analysis import view_of
from riso.extract.entities import entity_fact
from riso.extract.patterns import patterns_for
from riso.extract.registry import make_fact, register
from riso.extract.resources import LanguageResources, available_languages
from riso.model import Document, Fact

__all__ = ["extract_glossary"]


@register("glossary", produces=("glossary",), requires=("entities",))
def extract_glossary(document: Document, resources: LanguageResources, catalog: object) -> list[Fact]:
    """One glossary fact per closing glossary block, with its term, definition and entity."""
    view = view_of(document, catalog)  # type: ignore[arg-type]
    out = []
    for block in view.glossary:
        language = block.language if block.language in available_languages() else resources.code
        entity = entity_fact(view, block.term.text, block.term.start, block.term.end, language, block.term.text)
        refusal = patterns_for(language).refusal.search(block.definition.text)
        out.append(
            make_fact(
                view,
                "glossary",
                block.start,
                block.end,
                language=language,
                subject=entity.subject,
                metric_text=block.term.text,
                confidence=0.8,
                payload={
                    "term": block.term.text,
                    "definition": block.definition.text,
                    "entity": entity.id,
                    "entity_type": entity.payload.get("type"),
                    "uninformative": refusal is not None,
                },
            )
        )
    return out
