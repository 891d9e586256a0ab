"""Language identification per paragraph and document."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.ingest import detect_language, read_document
from riso.ingest.resources import detector_settings, language_rules, rule_languages


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The city plans to raise spending on research and development over the next five years.", "en"),
        ("Die Stadt will die Ausgaben für Forschung und Entwicklung in den nächsten Jahren erhöhen.", "de"),
        ("La ville prévoit d'augmenter les dépenses de recherche et développement dans les années à venir.", "fr"),
        ("La città prevede di aumentare la spesa per ricerca e sviluppo nei prossimi cinque anni.", "it"),
        ("La ciudad prevé aumentar el gasto en investigación y desarrollo en los próximos cinco años.", "es"),
        ("重庆计划在未来五年内提高研究与开发支出。", "zh"),
        ("重慶市は今後五年間で研究開発費を増やす計画です。", "ja"),
        ("Город планирует увеличить расходы на исследования и разработки в ближайшие пять лет.", "ru"),
        ("2026-01-28", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_mixed_document_records_both_languages(chongqing: Path) -> None:
    document = read_document(next(chongqing.glob("004_*.txt")))
    assert document.language == "en"
    assert document.languages == ("en", "zh")
    assert {p.language for p in document.paragraphs} == {"en", "zh"}


@pytest.mark.parametrize(("prefix", "language"), [("000", "de"), ("001", "it"), ("002", "fr"), ("003", "de")])
def test_chongqing_versions_have_one_language(chongqing: Path, prefix: str, language: str) -> None:
    document = read_document(next(chongqing.glob(f"{prefix}_*.txt")))
    assert document.languages == (language,)


def test_language_files_are_valid() -> None:
    settings = detector_settings()
    assert {"en", "de", "fr", "it", "es", "zh"} <= set(rule_languages()) <= set(settings.languages)
    for code in rule_languages():
        rules = language_rules(code)
        assert rules.code == code
        assert not rules.abbreviations & rules.final_abbreviations, code
