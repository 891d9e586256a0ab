"""The concept vocabulary: schema, six languages, compounds, excepted surfaces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.errors import ConfigError
from riso.match.concepts import ConceptHit, load_concepts, parse_concepts
from riso.match.text import fold


def test_concepts_every_concept_has_six_languages_and_known_fields() -> None:
    c = load_concepts()
    assert len(c.concepts) >= 60
    for concept in c.concepts.values():
        assert set(concept.terms) == {"en", "de", "fr", "it", "es", "zh"}, concept.id
        assert all(f in c.fields for f in concept.fields)


def test_concepts_programmes_map_to_fields() -> None:
    c = load_concepts()
    assert c.programme_fields("新能源汽车") == ("new_energy_vehicles", "energy_storage")
    assert c.programme_fields("“科技冬奥”重点专项") == ("sports_services",)
    assert c.programme_fields("unknown programme") == ()


@pytest.mark.parametrize(("text", "language", "concept"), [
    ("Batterie-Wärmemanagement für Antriebsbatterien", "de", "thermal_management"),
    ("Batterie-Wärmemanagement für Antriebsbatterien", "de", "power_battery"),
    ("gestion thermique des batteries de traction", "fr", "power_battery"),
    ("gestione termica delle batterie di trazione", "it", "thermal_management"),
    ("sistemas de gestión térmica", "es", "thermal_management"),
    ("高安全长寿命客车动力电池系统关键技术研究", "zh", "power_battery"),
    ("early warning of landslides", "en", "landslide_geohazard"),
])
def test_concepts_find_across_languages(text: str, language: str, concept: str) -> None:
    assert concept in {h.concept for h in load_concepts().find(text, language)}


def test_concepts_excepted_surfaces_do_not_count() -> None:
    found = {h.concept for h in load_concepts().find("钙钛矿/晶硅两端叠层太阳电池的设计", "zh")}
    assert "solar_cell" in found
    assert "battery" not in found  # 太阳电池 is a solar cell, not a battery
    assert "alloys_metals" not in found  # 钛 inside 钙钛矿 (perovskite) is no titanium


def test_concepts_word_start_and_whole_word_rules() -> None:
    c = load_concepts()
    assert "crop_breeding" not in {h.concept for h in c.find("prices of resources", "en")}
    assert "crop_breeding" in {h.concept for h in c.find("rice breeding", "en")}
    assert "crop_breeding" not in {h.concept for h in c.find("le risorse del territorio", "it")}


def test_concepts_bad_file_names_the_key() -> None:
    with pytest.raises(ConfigError, match="no terms"):
        parse_concepts({"languages": ["en", "de"], "fields": {"x": {"en": "X"}},
                        "concepts": {"c1": {"fields": ["x"], "en": ["word"]}}})
    with pytest.raises(ConfigError, match="unknown fields"):
        parse_concepts({"languages": ["en"], "fields": {}, "concepts": {"c1": {"fields": ["y"], "en": ["w"]}}})


def _find_scanning_everything(text: str, language: str | None) -> list[ConceptHit]:
    """The concept search as first written: the Latin patterns run over the whole text, Chinese included."""
    c = load_concepts()
    folded = fold(text)
    langs = ["en"] if language == "zh" else ([language, "en"] if language in c._latin else list(c._latin))
    found: dict[str, list[str]] = {}
    for start in range(len(folded)):
        for term in c._cjk_first.get(folded[start], ()):
            if folded.startswith(term, start):
                for cid in c._cjk[term]:
                    if not c._excepted(cid, folded, start, start + len(term)):
                        found.setdefault(cid, []).append(term)
    for lang in dict.fromkeys(langs):
        pattern, lookup = c._latin[lang]
        for m in pattern.finditer(folded):
            for cid in lookup[(m.lastindex or 1) - 1]:
                if not c._excepted(cid, folded, m.start(), m.end()):
                    found.setdefault(cid, []).append(m.group(0))
    return [ConceptHit(cid, tuple(dict.fromkeys(s))) for cid, s in found.items()]


_PIECES = ["动力电池", "电池", "太阳电池", "热管理", "燃料电池", "氢能", "的", "和", "（", "）", "、", " ", "-", "5G",
           "CT", "Li-ion", "battery", "batteries", "solar cell", "fuel cell", "thermal management", "Antriebsbatterie",
           "Wärmemanagement", "robot", "robots", "machine vision", "x", "ion", "ev battery", "2018", "é",
           "Brennstoffzellen", "Solarzellen", "batteries de traction", "gestion thermique", "fuga térmica", "celle",
           "a combustible", "pile", "Lithium-Ionen-Akku", "stockage d'énergie", "5g", "emballement", "thermisches",
           "Durchgehen", "ct$", "CT-Bild", "Ionen", "réseau électrique", "abc", "robotique", "deep-sea"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["zh", "en", "de", "fr", None]))
def test_concepts_latin_runs_find_what_the_whole_text_scan_finds(pieces: list[str], language: str | None) -> None:
    """Searching only the Latin stretches of a Chinese text, and only the terms whose first word starts at a
    position, finds exactly what one alternation over the whole text finds."""
    text = "".join(pieces)
    assert load_concepts().find(text, language) == _find_scanning_everything(text, language)
