"""The pipeline as a whole: registry, streaming, provenance on arbitrary text, mixed-language documents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.errors import ConfigError
from riso.extract import DEFAULT_PIPELINE, EXTRACTORS, extract, get_extractor, pipe
from riso.model import Document, Segment

TEXT = st.text(
    alphabet=st.sampled_from(list('0123456789 .,;:%€$-–/()[]\n年月日到第位万亿元和Bis soll Platz by rank Zentrum „“"')),
    max_size=200,
)


def _doc(text: str, language: str | None = "de") -> Document:
    return Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)


def test_pipeline_every_default_extractor_is_registered_with_its_kinds() -> None:
    for name in DEFAULT_PIPELINE:
        spec = get_extractor(name)
        assert spec.produces and spec.name == name
    assert {k for s in EXTRACTORS.values() for k in s.produces} == {
        "target", "milestone", "measurement", "rank", "entity", "glossary", "table",
    }  # fmt: skip


def test_pipeline_unknown_extractor_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError) as info:
        extract(_doc("Bis 2030 soll X auf 5 % steigen."), pipeline=["nope"])
    assert "quantities" in info.value.hint


@settings(max_examples=150, deadline=None)
@given(text=TEXT, language=st.sampled_from(["de", "en", "fr", "it", "es", "zh", None]))
def test_pipeline_never_fails_and_every_fact_points_into_the_text(text: str, language: str | None) -> None:
    doc = _doc(text, language)
    for fact in extract(doc):
        fact.check_against(doc.text)
        assert 0 <= fact.start <= fact.end <= len(doc.text)


def test_pipeline_uses_each_paragraphs_language() -> None:
    text = "Bis 2030 soll die Quote auf 3,5 % steigen.\nD'ici 2027, la ville vise 20 000 entreprises."
    first = text.index("\n")
    doc = Document(
        id="sha256:mixed", source="t", text=text, language="de",
        paragraphs=(Segment(start=0, end=first, language="de"), Segment(start=first + 1, end=len(text), language="fr")),
    )  # fmt: skip
    facts = [f for f in extract(doc) if f.kind == "target"]
    assert [(f.value, f.deadline, f.language) for f in facts] == [(3.5, 2030, "de"), (20000.0, 2027, "fr")]


def test_pipeline_pipe_keeps_order() -> None:
    docs = [_doc(f"Im Jahr 2023 gab es {n} Patente.") for n in (11, 22, 33)]
    out = list(pipe(docs))
    assert [d.id for d, _ in out] == [d.id for d in docs]
    assert [[f.value for f in facts if f.kind == "measurement"] for _, facts in out] == [[11.0], [22.0], [33.0]]
