"""Text for matching: folding, tokens per language (jieba for Chinese), stopwords from ``data/tokens.yaml``.

Pure functions of their arguments; the stopword file is read once, as package data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from riso.errors import ConfigError

__all__ = ["fold", "has_cjk", "stem", "stopwords", "tokenize"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_STEM = 7  # a Latin word is reduced to its first seven letters: batteries/battery -> "batteri"


def fold(text: str) -> str:
    """Lower case, compatibility forms (full-width -> ASCII), accents removed, ß -> ss."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_cjk(text: str) -> bool:
    """Whether the text holds Chinese characters."""
    return _CJK.search(text) is not None


def stem(word: str) -> str:
    """A Latin word's matching key: its first letters (morphology-agnostic, language-neutral)."""
    return word[:_STEM]


@lru_cache(maxsize=1)
def _stopword_data() -> dict[str, frozenset[str]]:
    raw: Any = yaml.safe_load((resources.files("riso.match") / "data" / "tokens.yaml").read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("stopwords"), dict):
        raise ConfigError("riso/match/data/tokens.yaml: `stopwords` must map languages to word lists")
    return {lang: frozenset(fold(str(w)) for w in words or ()) for lang, words in raw["stopwords"].items()}


def stopwords(language: str | None = None) -> frozenset[str]:
    """The stopwords of a language (all languages' when None)."""
    data = _stopword_data()
    if language is None:
        return frozenset().union(*data.values())
    return data.get(language, frozenset())


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _latin_tokens(text: str, stop: frozenset[str]) -> list[str]:
    return [stem(w) for w in _LATIN_WORD.findall(text) if w not in stop and (len(w) > 1 or w.isdigit())]


def tokenize(text: str, language: str | None = None) -> list[str]:
    """Matching tokens of a text: jieba search-mode words for Chinese, stemmed words for the rest."""
    folded = fold(text)
    stop = stopwords(language) | stopwords("en") if language else stopwords()
    if not has_cjk(folded):
        return _latin_tokens(folded, stop)
    zh_stop = stopwords("zh")
    out: list[str] = []
    for word in _jieba().cut_for_search(folded):
        word = word.strip()
        if not word or word in zh_stop:
            continue
        if has_cjk(word):
            out.append(word)
        else:
            out.extend(_latin_tokens(word, stop))
    return out
