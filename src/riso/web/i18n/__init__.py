"""UI strings per language, loaded from the YAML files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from riso.errors import ConfigError

__all__ = ["DEFAULT_LANGUAGE", "available_languages", "choose_language", "strings", "translate"]

DEFAULT_LANGUAGE = "en"


@cache
def available_languages() -> tuple[str, ...]:
    """The UI languages, by the YAML files present (English first)."""
    names = sorted(
        e.name.removesuffix(".yaml") for e in resources.files("riso.web.i18n").iterdir() if e.name.endswith(".yaml")
    )
    return tuple(sorted(names, key=lambda n: n != DEFAULT_LANGUAGE))


@cache
def strings(language: str) -> dict[str, str]:
    """The UI strings of one language; every key of the English file must be present."""
    path = resources.files("riso.web.i18n") / f"{language}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ConfigError(f"the UI strings file {language}.yaml is not a mapping")
    if language != DEFAULT_LANGUAGE:
        missing = set(strings(DEFAULT_LANGUAGE)) - set(data)
        if missing:
            raise ConfigError(f"{language}.yaml lacks the keys {sorted(missing)}", hint="Copy them from en.yaml.")
    return {str(k): str(v) for k, v in data.items()}


def translate(language: str, key: str, **values: object) -> str:
    """The string for ``key`` in ``language`` (English as fallback), with {placeholders} filled."""
    text = strings(language).get(key) or strings(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def choose_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The UI language: ?lang=, else the cookie, else the browser's Accept-Language, else English."""
    known = available_languages()
    for pick in (query, cookie):
        if pick in known:
            return str(pick)
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in known:
            return code
    return DEFAULT_LANGUAGE
