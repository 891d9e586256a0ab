"""The substring prefilters in front of the language patterns change no match (riso.extract.patterns.Anchored)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.extract.patterns import Anchored, patterns_for, search_part

LANGUAGES = ["de", "en", "fr", "it", "es", "zh"]


def _anchored_fields(code: str) -> dict[str, Anchored]:
    pats = patterns_for(code)
    return {
        f.name: getattr(pats, f.name) for f in dataclasses.fields(pats) if isinstance(getattr(pats, f.name), Anchored)
    }


def _spans(found: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in found]  # type: ignore[attr-defined]


def _same(pattern: Anchored, text: str) -> None:
    raw = pattern.pattern
    first, expected = pattern.search(text), raw.search(text)  # the first match, remembered for the text
    assert (first and first.span()) == (expected and expected.span())
    assert _spans(pattern.finditer(text)) == _spans(raw.finditer(text))
    assert _spans(pattern.finditer(text)) == _spans(raw.finditer(text))  # all matches, remembered
    for pos in range(0, len(text) + 1, max(1, len(text) // 7)):
        a, b = pattern.search(text, pos), raw.search(text, pos)
        assert (a and a.span()) == (b and b.span())
        a, b = pattern.match(text, pos), raw.match(text, pos)
        assert (a and a.span()) == (b and b.span())
        a, b = search_part(pattern, text, text[:pos]), raw.search(text[:pos])  # type: ignore[arg-type]
        assert (a and a.span()) == (b and b.span())


# Sentences written for this test: cue words in other cases, spacings and scripts than the phrase lists.
SENTENCES = {
    "en": ["By 2030 R&D SPENDING should reach MORE THAN 3 PERCENT of GDP.", "It rose to  two  per cent in March 2024."],
    "de": ["Bis 2030 SOLL die Quote auf über drei Prozent STEIGEN.", "Die Straße wuchs um MEHR ALS 5 Prozent."],
    "fr": ["D'ici 2030, l'OBJECTIF est d'atteindre au moins 3 %.", "Elle a augmenté de plus de deux pour cent."],
    "it": ["Entro il 2030 l'OBIETTIVO è portare la spesa al 3 per cento.", "È cresciuta di oltre tre punti."],
    "es": ["Para 2030 el OBJETIVO es alcanzar MÁS DEL 3 POR CIENTO.", "Creció un dos por ciento en términos reales."],
    "zh": ["到2025年，研发投入强度达到3%以上。", "全市高新技术企业突破1万家，比上年增长百分之十。"],
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_prefilters_change_no_match_on_written_sentences(code: str) -> None:
    fields = _anchored_fields(code)
    assert fields  # the cue and unit patterns are prefiltered
    for text in SENTENCES[code]:
        for variant in (text, text.upper(), text.lower(), text.replace("ss", "ß"), "İ" + text):
            for pattern in fields.values():
                _same(pattern, variant)


def _words(code: str) -> list[str]:
    words: list[str] = []
    for pattern in _anchored_fields(code).values():
        words += list(pattern._anchors)  # the anchors are what the texts are built from
    return sorted(set(words)) or ["x"]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), code=st.sampled_from(LANGUAGES))
def test_prefilters_change_no_match_on_generated_texts(data: st.DataObject, code: str) -> None:
    words = _words(code)
    piece = st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(str.upper),
        st.sampled_from(words).map(str.title),
        st.sampled_from([" ", "  ", "-", "'", "’", "3", "2030", "%", "ß", "İ", "ı", "ſ", "，", "。"]),
        st.text(max_size=3),
    )
    text = "".join(data.draw(st.lists(piece, max_size=14)))
    for pattern in _anchored_fields(code).values():
        _same(pattern, text)
