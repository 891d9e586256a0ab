"""Loads the ingest language data under ingest/lang/ (detector languages, sentence rules, date words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from riso.errors import LanguageResourceError

__all__ = [
    "LANG_DIR",
    "DetectorSettings",
    "LanguageRules",
    "MetadataPatterns",
    "detector_settings",
    "function_words",
    "language_rules",
    "match_groups",
    "metadata_patterns",
    "rule_languages",
]

LANG_DIR = Path(__file__).with_name("lang")
_SPECIAL = {"languages", "common"}


@dataclass(frozen=True)
class DetectorSettings:
    """Which languages the detector may answer and how it samples a paragraph."""

    languages: tuple[str, ...]
    scripts: dict[str, str]
    min_letters: int
    sample_chars: int
    model_letters: int


@dataclass(frozen=True)
class LanguageRules:
    """Sentence rules of one language."""

    code: str
    abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    ordinal_dot: bool
    terminators: str
    function_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MetadataPatterns:
    """Compiled patterns for datelines and outlets, with month names to numbers."""

    outlet_lines: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    any_outlet: re.Pattern[str]  # all outlet patterns as one alternation (one search per line)
    any_dateline: re.Pattern[str]  # all dateline patterns, those of the first language first
    months: dict[str, int]
    title_max_chars: int
    source_line: re.Pattern[str]  # a line citing sources: "Quellen: ...", "来源：..."


def _load(name: str) -> dict[str, Any]:
    path = LANG_DIR / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise LanguageResourceError(f"cannot read ingest language file {path.name}: {err}") from err
    if not isinstance(data, dict):
        raise LanguageResourceError(f"ingest language file {path.name} must hold a mapping")
    return data


def _strings(data: dict[str, Any], key: str, file: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LanguageResourceError(f"{file}.yaml: key {key!r} must be a list of strings")
    return value


@cache
def rule_languages() -> tuple[str, ...]:
    """Codes of the languages that have a rules file."""
    return tuple(sorted(p.stem for p in LANG_DIR.glob("*.yaml") if p.stem not in _SPECIAL))


@cache
def detector_settings() -> DetectorSettings:
    """The detector's settings from languages.yaml."""
    data = _load("languages")
    return DetectorSettings(
        languages=tuple(_strings(data, "detect", "languages")),
        scripts={str(k): str(v) for k, v in (data.get("scripts") or {}).items()},
        min_letters=int(data.get("min_letters", 12)),
        sample_chars=int(data.get("sample_chars", 240)),
        model_letters=int(data.get("model_letters", 40)),
    )


@cache
def language_rules(code: str | None) -> LanguageRules:
    """Sentence rules for a language; languages without a file get the generic rules."""
    if code is None or code not in rule_languages():
        return LanguageRules(code or "", frozenset(), frozenset(), False, "")
    data = _load(code)
    seg = data.get("segment") or {}
    if not isinstance(seg, dict):
        raise LanguageResourceError(f"{code}.yaml: key 'segment' must be a mapping")
    return LanguageRules(
        code=code,
        abbreviations=frozenset(a.lower() for a in _strings(seg, "abbreviations", code)),
        final_abbreviations=frozenset(a.lower() for a in _strings(seg, "final_abbreviations", code)),
        ordinal_dot=bool(seg.get("ordinal_dot", False)),
        terminators=str(seg.get("terminators", "")),
        function_words=frozenset(w.lower() for w in _strings(data, "function_words", code)),
    )


@cache
def function_words() -> dict[str, tuple[str, ...]]:
    """Word -> the languages (with a rules file) in which it is a frequent function word."""
    index: dict[str, list[str]] = {}
    for code in rule_languages():
        for word in language_rules(code).function_words:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def _compile(pattern: str, file: str, months: list[str]) -> re.Pattern[str]:
    alternation = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True)) or r"(?!x)x"
    try:
        return re.compile(pattern.replace("{month}", alternation), re.IGNORECASE | re.MULTILINE)
    except re.error as err:
        raise LanguageResourceError(f"{file}.yaml: bad pattern {pattern!r}: {err}") from err


@cache
def metadata_patterns(language: str | None = None) -> MetadataPatterns:
    """Dateline and outlet patterns of ``language`` (every language when None or unknown) and common ones.

    Restricting to the document's language keeps the combined pattern small and the search fast.
    """
    common = _load("common")
    codes = [language] if language in rule_languages() else list(rule_languages())
    outlets = [_compile(p, "common", []) for p in _strings(common, "outlet_lines", "common")]
    datelines: list[re.Pattern[str]] = []
    months: dict[str, int] = {}
    labels = sorted({label for code in rule_languages() for label in _strings(_load(code), "source_labels", code)})
    for code in codes:
        data = _load(code)
        names = _month_names(data, code)
        for name, number in names.items():
            months.setdefault(name, number)
        datelines += [_compile(p, code, list(names)) for p in _strings(data, "datelines", code)]
        outlets += [_compile(p, code, list(names)) for p in _strings(data, "outlets", code)]
    datelines += [_compile(p, "common", []) for p in _strings(common, "datelines", "common")]
    return MetadataPatterns(
        tuple(outlets),
        tuple(datelines),
        _alternation(outlets),
        _alternation(datelines),
        months,
        int(common.get("title_max_chars", 200)),
        re.compile(rf"^\s*(?:{'|'.join(map(re.escape, labels)) or '(?!x)x'})\s*[:：]", re.IGNORECASE | re.MULTILINE),
    )


def _alternation(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern matching any of them; branch i's groups are renamed ``name__i`` (see ``match_groups``)."""
    branches = [re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{i}>", p.pattern) for i, p in enumerate(patterns)]
    return re.compile("|".join(f"(?:{b})" for b in branches), re.IGNORECASE | re.MULTILINE)


def match_groups(match: re.Match[str]) -> dict[str, str | None]:
    """The named groups of the branch that matched an alternation, under their original names."""
    return {name.rsplit("__", 1)[0]: value for name, value in match.groupdict().items() if value is not None}


def _month_names(data: dict[str, Any], code: str) -> dict[str, int]:
    """Month name -> number; a list entry holds the variants of one month."""
    value = data.get("months", [])
    if not isinstance(value, list) or len(value) not in (0, 12):
        raise LanguageResourceError(f"{code}.yaml: key 'months' must list the twelve months (or be empty)")
    names: dict[str, int] = {}
    for number, entry in enumerate(value, start=1):
        for name in [entry] if isinstance(entry, str) else entry:
            names[str(name).lower()] = number
    return names
