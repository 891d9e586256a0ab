"""From raw text to a Document: normalise once, hash, paragraphs, languages, sentences, metadata.

Pure: a function of the text and what the reader found; no file or network I/O.
"""

from __future__ import annotations

from riso.errors import UnreadableDocument
from riso.ingest.encoding import document_id, is_binary, normalise_text
from riso.ingest.language import detect_language, identify_paragraphs, main_languages
from riso.ingest.limits import Limits, current_limits
from riso.ingest.metadata import find_metadata
from riso.ingest.segmentation import cap_sentences, split_paragraphs, split_sentences
from riso.model import Document, Segment

__all__ = ["build_document"]


def build_document(
    text: str,
    *,
    source: str,
    fmt: str = "txt",
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    notes: tuple[str, ...] = (),
    limits: Limits | None = None,
) -> Document:
    """A Document from decoded text; the reader's title/published/outlet win over what the text states.

    Raises EmptyDocument for blank text and UnreadableDocument for binary data read as text.
    """
    text = normalise_text(text)
    if is_binary(text):
        raise UnreadableDocument(
            "the file holds binary data (control characters), not text",
            hint="Only text documents can be ingested: convert it to .txt, .pdf or .docx, or leave it out.",
        )
    spans = split_paragraphs(text)
    langs = identify_paragraphs(text, spans)
    ranked = main_languages([(e - s, lang) for (s, e), lang in zip(spans, langs, strict=True)])
    if not ranked:
        fallback = detect_language(text, min_letters=1)
        ranked = [fallback] if fallback else []
    main = ranked[0] if ranked else None
    paragraphs = tuple(
        Segment.model_construct(start=s, end=e, language=lang if lang is not None else main)
        for (s, e), lang in zip(spans, langs, strict=True)
    )
    found = find_metadata(text, language=main)
    bounds = limits or current_limits()
    sentences, cut = cap_sentences(
        text,
        split_sentences(text, paragraphs),
        max_chars=bounds.max_sentence_chars,
        max_number_run=bounds.max_number_run,
    )
    return Document(
        id=document_id(text),
        source=source,
        text=text,
        title=(title or "").strip() or found.title,
        published=published or found.published,
        outlet=outlet or found.outlet,
        language=main,
        languages=tuple(ranked),
        paragraphs=paragraphs,
        sentences=sentences,
        format=fmt,
        notes=(*notes, *cut),
    )
