"""Store methods: Targets (reconciled from facts, or added by hand)."""

from __future__ import annotations

from riso.store.base import SQLBackend

__all__ = ["TargetsMixin"]


class TargetsMixin(SQLBackend):
    """Targets (reconciled from facts, or added by hand)."""
