"""The extractor registry: each extractor registered by name with the fact kinds it produces.

An extractor is a function ``(Document, LanguageResources, Catalog) -> list[Fact]``. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from riso.errors import ConfigError
from riso.extract.analysis import DocumentView, Sentence
from riso.extract.resources import LanguageResources
from riso.model import Document, Fact, FactKind, Subject

__all__ = ["EXTRACTORS", "Extractor", "ExtractorSpec", "get_extractor", "make_fact", "register"]

Extractor = Callable[[Document, LanguageResources, Any], list[Fact]]


@dataclass(frozen=True)
class ExtractorSpec:
    """A registered extractor: its name, function, the kinds it produces and what it needs."""

    name: str
    func: Extractor
    produces: tuple[FactKind, ...]
    requires: tuple[str, ...] = ()


EXTRACTORS: dict[str, ExtractorSpec] = {}


def register(
    name: str, *, produces: tuple[FactKind, ...], requires: tuple[str, ...] = ()
) -> Callable[[Extractor], Extractor]:
    """Register an extractor under a name (decorator)."""

    def decorate(func: Extractor) -> Extractor:
        EXTRACTORS[name] = ExtractorSpec(name, func, produces, requires)
        return func

    return decorate


def get_extractor(name: str) -> ExtractorSpec:
    """The extractor registered under ``name``; raises ConfigError listing the known names."""
    try:
        return EXTRACTORS[name]
    except KeyError:
        raise ConfigError(
            f"no extractor named {name!r}",
            hint=f"Use one of: {', '.join(sorted(EXTRACTORS))}.",
        ) from None


def make_fact(
    view: DocumentView,
    kind: FactKind,
    start: int,
    end: int,
    *,
    sentence: Sentence | None = None,
    quote: str | None = None,
    language: str | None = None,
    subject: Subject | None = None,
    **fields: Any,
) -> Fact:
    """A fact of the view's document at absolute offsets, quoting its sentence (or ``quote``)."""
    if sentence is not None and quote is None:
        quote = sentence.text
    if quote is None:
        quote = view.document.text[start:end]
    return Fact(
        document=view.document.id,
        kind=kind,
        start=start,
        end=end,
        quote=quote,
        language=language or (sentence.language if sentence else view.document.language),
        subject=subject,
        **fields,
    )
