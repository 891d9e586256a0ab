"""Store methods: Observations (indicator values from datasets and documents)."""

from __future__ import annotations

from riso.store.base import SQLBackend

__all__ = ["ObservationsMixin"]


class ObservationsMixin(SQLBackend):
    """Observations (indicator values from datasets and documents)."""
