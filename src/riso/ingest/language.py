"""Language identification per paragraph and per document (lingua, restricted to languages.yaml).

CJK scripts are decided by counting characters; lingua sees a bounded prefix of each paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from riso.ingest.resources import detector_settings, function_words, metadata_patterns

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["detect_language", "identify_paragraphs", "main_languages"]

_SCRIPTS = {
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
}
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# Function-word vote: the winner needs this many hits and this many times the runner-up's.
_MIN_HITS = 3
_MARGIN = 1.6
# A paragraph this short whose detected language differs from the document's is re-checked.
_SHORT = 160


@cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    settings = detector_settings()
    codes = [getattr(IsoCode639_1, code.upper()) for code in settings.languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def _by_script(sample: str, letters: int) -> str | None:
    scripts = detector_settings().scripts
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS.items() if name in scripts}
    if counts.get("kana", 0) > 0.1 * letters:
        return scripts["kana"]
    if counts.get("hangul", 0) > 0.3 * letters:
        return scripts["hangul"]
    if counts.get("han", 0) > 0.3 * letters:
        return scripts["han"]
    return None


def _word_hits(sample: str) -> dict[str, float]:
    """Function-word votes per language; a word shared by k languages gives each 1/k."""
    index = function_words()
    hits: dict[str, float] = {}
    for word in _WORD.findall(sample.lower()):
        codes = index.get(word, ())
        for code in codes:
            hits[code] = hits.get(code, 0.0) + 1.0 / len(codes)
    return hits


def _by_function_words(sample: str) -> str | None:
    """The language whose frequent short words clearly dominate the sample, else None (ask lingua)."""
    hits = _word_hits(sample)
    if not hits:
        return None
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best if count >= _MIN_HITS and count >= _MARGIN * runner_up else None


def detect_language(sample: str, *, min_letters: int | None = None) -> str | None:
    """ISO 639-1 code of a piece of text, or None when it has too few letters to tell."""
    settings = detector_settings()
    sample = sample[: settings.sample_chars]
    floor = settings.min_letters if min_letters is None else min_letters
    if not sample.isascii() and _CJK.search(sample):
        letters = len(_LETTER.findall(sample))
        if letters < floor:
            return None
        by_script = _by_script(sample, letters)
        if by_script is not None:
            return by_script
    voted = _by_function_words(sample)  # cheapest decisive test for most prose
    if voted is not None:
        return voted
    letters = len(_LETTER.findall(sample))
    if letters < floor or (letters < settings.model_letters and min_letters is None):
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def _recheck(sample: str, detected: str, main: str) -> str:
    """Keep a short paragraph in the document's language unless the detector clearly prefers another."""
    from lingua import IsoCode639_1, Language

    hits = _word_hits(sample)
    if hits.get(main, 0) > hits.get(detected, 0):
        return main
    detector = _detector()
    main_lang = Language.from_iso_code_639_1(getattr(IsoCode639_1, main.upper()))
    other = Language.from_iso_code_639_1(getattr(IsoCode639_1, detected.upper()))
    conf_main = detector.compute_language_confidence(sample, main_lang)
    conf_other = detector.compute_language_confidence(sample, other)
    return main if conf_main >= 0.5 * conf_other else detected


def main_languages(texts: Sequence[tuple[int, str | None]]) -> list[str]:
    """Languages weighted by characters, heaviest first, from (length, language) pairs."""
    weight: dict[str, int] = {}
    for length, lang in texts:
        if lang is not None:
            weight[lang] = weight.get(lang, 0) + length
    return sorted(weight, key=lambda k: (-weight[k], k))


def identify_paragraphs(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None]:
    """The language of each paragraph span (None for one too short to tell)."""
    settings = detector_settings()
    source_line = metadata_patterns().source_line  # "Quellen: NBS, World Bank ...": names, not prose
    langs = [
        None if source_line.match(text, s, e) else detect_language(text[s : min(e, s + settings.sample_chars)])
        for s, e in spans
    ]
    ranked = main_languages([(e - s, lang) for (s, e), lang in zip(spans, langs, strict=True)])
    if not ranked:
        return langs
    main = ranked[0]
    scripted = set(settings.scripts.values())
    for i, ((s, e), lang) in enumerate(zip(spans, langs, strict=True)):
        if lang is not None and lang != main and lang not in scripted and e - s < _SHORT and main not in scripted:
            langs[i] = _recheck(text[s:e], lang, main)
    return langs
