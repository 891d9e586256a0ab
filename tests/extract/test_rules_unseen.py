"""Rules for errors seen on unseen text: file sizes, counters, outlines and founding years yield nothing; 的 binds a
year to its number; ranks without a numeral; qualitative milestones beside numeric targets."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "milestone", "measurement", "rank")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Strategiepapier (PDF, 2,3 MB) herunterladen.", "de"),
        ("Download the report (1.2 GB) or the summary (500 KB).", "en"),
        ("浏览次数：1523", "zh"),
        ("阅读量：2.3万", "zh"),
        ("Aufrufe: 1.245", "de"),
        ("Gliederung: 1 Einleitung – 2 Ausgangslage – 3 Ziele bis 2030 – 4 Maßnahmen", "de"),
        ("Sommaire : 1. Contexte 2. Objectifs 3. Mesures", "fr"),
        ("Die Universität wurde 1386 gegründet.", "de"),
        ("The university was founded in 1386.", "en"),
        ("L'université fut fondée en 1257.", "fr"),
        ("L'università fu fondata nel 1088.", "it"),
        ("La universidad fue fundada en 1218.", "es"),
        ("该校始建于1898年。", "zh"),
    ],
)
def test_sizes_counters_outlines_and_founding_years_yield_nothing(text: str, language: str) -> None:
    assert _facts(text, language) == []


def test_a_founding_year_is_no_count_and_no_period() -> None:
    facts = _facts("Die 1386 gegründete Universität zählt heute 30.000 Studierende.", "de")
    assert [(f.value, f.period) for f in facts] == [(30000.0, None)]


def test_a_year_joined_by_de_is_the_period_of_its_number() -> None:
    facts = _facts("全国高新技术企业从2012年的3.9万家增长至2022年的40万家。", "zh")
    assert sorted((f.value, f.period) for f in facts) == [(39000.0, "2012"), (400000.0, "2022")]


@pytest.mark.parametrize(
    ("text", "language", "scope", "duration"),
    [
        ("Guangdong topped the national regional innovation capability ranking.", "en", "national", None),
        ("Madrid ha encabezado la clasificación regional de innovación.", "es", None, None),
        ("Madrid lidera por decimocuarto año consecutivo la clasificación.", "es", None, 14.0),
        ("L'Île-de-France est la première région européenne pour la R&D.", "fr", "EU", None),
        ("La Lombardia è la prima regione italiana per innovazione.", "it", "national", None),
        ("Bayern ist die erste Region Europas bei Patenten.", "de", "EU", None),
    ],
)
def test_ranks_without_a_numeral(text: str, language: str, scope: str | None, duration: float | None) -> None:
    (rank,) = _facts(text, language)
    assert (rank.kind, rank.value, rank.scope, rank.duration) == ("rank", 1.0, scope, duration)


def test_a_run_of_years_takes_no_carried_period() -> None:
    text = "In 2023, spending rose by 5%. Guangdong has topped the ranking for 20 consecutive years."
    (rank,) = [f for f in _facts(text, "en") if f.kind == "rank"]
    assert (rank.duration, rank.period) == (20.0, None)


@pytest.mark.parametrize(
    ("text", "language", "deadline"),
    [
        ("到2025年，具有全国影响力的科技创新中心初步形成。", "zh", 2025),
        ("到2035年，科技创新能力全球领先。", "zh", 2035),
        ("Bis 2035 soll sie weltweit führend sein.", "de", 2035),
        ("The region aims to be at the cutting edge of quantum research by 2030.", "en", 2030),
        ("D'ici 2030, faire émerger des champions régionaux de l'innovation.", "fr", 2030),
    ],
)
def test_qualitative_milestones(text: str, language: str, deadline: int) -> None:
    assert [(f.kind, f.deadline) for f in _facts(text, language)] == [("milestone", deadline)]


def test_a_numberless_clause_beside_targets_is_its_own_milestone() -> None:
    text = "到2025年，研发投入强度达到2.5%，具有全国影响力的科技创新中心初步形成。"
    facts = _facts(text, "zh")
    milestone = next(f for f in facts if f.kind == "milestone")
    assert [f.kind for f in facts] == ["target", "milestone"]
    assert (milestone.deadline, milestone.quote) == (2025, "具有全国影响力的科技创新中心初步形成")


def test_a_bracketed_year_after_a_number_is_its_period() -> None:
    text = "Die Zahl der Hightech-Unternehmen stieg von 39.000 Unternehmen (2012) auf 400.000 Unternehmen (2022)."
    assert sorted((f.value, f.period) for f in _facts(text, "de")) == [(39000.0, "2012"), (400000.0, "2022")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bavaria was the first region in Germany to adopt a hydrogen strategy.", "en"),
        ("La Bretagne est la première région à adopter une stratégie hydrogène.", "fr"),
    ],
)
def test_first_to_do_something_is_no_rank(text: str, language: str) -> None:
    assert _facts(text, language) == []
