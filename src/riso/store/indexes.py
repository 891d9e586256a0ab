"""Store methods: Composite-index results kept for later display."""

from __future__ import annotations

from riso.store.base import SQLBackend

__all__ = ["IndexResultsMixin"]


class IndexResultsMixin(SQLBackend):
    """Composite-index results kept for later display."""
