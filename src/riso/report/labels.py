"""The words of reports and progress output, read from labels.yaml."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["hint_text", "labels", "reason_text", "status_text"]


@lru_cache(maxsize=8)
def labels(language: str = "en") -> dict[str, Any]:
    """Every label, by section, in a language (labels_<code>.yaml over the English labels.yaml)."""
    base: dict[str, Any] = yaml.safe_load((resources.files("riso.report") / "labels.yaml").read_text(encoding="utf-8"))
    if language == "en":
        return base
    path = resources.files("riso.report") / f"labels_{language}.yaml"
    if not path.is_file():
        from riso.errors import ConfigError

        raise ConfigError(f"no briefing language {language!r}", hint="Use --lang en or --lang zh.")
    extra = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {section: {**base.get(section, {}), **(extra.get(section) or {})} for section in base}


def status_text(status: str) -> str:
    """A status code in words."""
    return str(labels()["status"].get(status, status))


def reason_text(reason: str | None) -> str | None:
    """A not-assessable reason in words."""
    return None if reason is None else str(labels()["reason"].get(reason, reason))


def hint_text(reason: str | None, **fields: str) -> str | None:
    """What to do about a reason, with the target's fields filled in."""
    template = labels()["hint"].get(reason or "")
    return None if template is None else str(template).format(**fields)
