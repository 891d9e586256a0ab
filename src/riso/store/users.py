"""Store methods: Accounts, roles, API tokens, sessions and the audit log."""

from __future__ import annotations

from riso.store.base import SQLBackend

__all__ = ["UsersMixin"]


class UsersMixin(SQLBackend):
    """Accounts, roles, API tokens, sessions and the audit log."""
