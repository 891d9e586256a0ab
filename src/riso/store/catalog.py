"""Store methods: The catalog (indicators, regions) mirrored into the database."""

from __future__ import annotations

from riso.store.base import SQLBackend

__all__ = ["CatalogMixin"]


class CatalogMixin(SQLBackend):
    """The catalog (indicators, regions) mirrored into the database."""
