"""Regions the gazetteer does not know, named by a head ("Region Ulm/Neu-Ulm", "Landkreis Tuttlingen"), and
paragraphs of figures under headings that name an indicator (section titles, no glossary entries)."""

from __future__ import annotations

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str = "de") -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "milestone", "measurement", "rank")]


def test_a_region_head_names_its_region_as_the_subject() -> None:
    facts = _facts("Die Region Ulm/Neu-Ulm belegte mit 380 Patentanmeldungen je 100.000 Beschäftigten Platz 4.")
    assert {(f.kind, f.value) for f in facts} == {("measurement", 380.0), ("rank", 4.0)}
    assert {f.subject.name for f in facts if f.subject} == {"Region Ulm/Neu-Ulm"}


def test_a_region_named_after_its_verb_is_the_subject() -> None:
    (fact,) = _facts("Bei den Patentanmeldungen liegt auf Platz 7 der Landkreis Tuttlingen.")
    assert (fact.kind, fact.value) == ("rank", 7.0)
    assert fact.subject is not None and fact.subject.name == "Landkreis Tuttlingen"


def test_a_known_region_after_a_head_keeps_its_id() -> None:
    (fact,) = _facts("Die Region Bayern meldete 2022 rund 13.000 Patente an.")
    assert fact.subject is not None and fact.subject.id == "DE-BY"


def test_paragraphs_under_headings_that_name_an_indicator_are_figures_not_a_glossary() -> None:
    text = (
        "Forschung in Baden-Württemberg\n"
        "Unternehmensgründungen\n"
        "Bei den Unternehmensgründungen liegt auf Platz 2 von 96 die Region Stuttgart, mit 30 Gründungen.\n"
        "Zahl der Patentanmeldungen\n"
        "Patentanmeldungen sind wichtig. Die Region Heilbronn-Franken belegte mit 310 Patentanmeldungen Platz 6.\n"
    )
    facts = _facts(text)
    assert {(f.kind, f.value) for f in facts} >= {("rank", 2.0), ("rank", 6.0), ("measurement", 310.0)}
    assert {f.subject.name for f in facts if f.kind == "rank" and f.subject} == {
        "Region Stuttgart",
        "Region Heilbronn-Franken",
    }


def test_a_place_right_before_a_count_is_no_label_of_it() -> None:
    (fact,) = _facts("Im Jahr 2021 kamen auf 100.000 Einwohner im Bundesgebiet 57 Patentanmeldungen.")
    assert (fact.kind, fact.value, fact.period) == ("measurement", 57.0, "2021")
    assert fact.metric == "patent_applications"
    (fact,) = _facts("2021 kamen auf 100.000 Einwohner in Deutschland 57 Patentanmeldungen.")
    assert fact.value == 57.0


def test_a_label_after_a_place_preposition_stays_a_label() -> None:
    assert _facts("Die Messe zur Forschung findet in Halle 4 statt.") == []
