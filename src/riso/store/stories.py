"""Store methods: Stories (document versions linked across languages) and reconciled facts."""

from __future__ import annotations

from riso.store.base import SQLBackend

__all__ = ["StoriesMixin"]


class StoriesMixin(SQLBackend):
    """Stories (document versions linked across languages) and reconciled facts."""
