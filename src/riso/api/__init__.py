"""The HTTP API (FastAPI) under /api/v1, with accounts, roles, tokens and the dashboard mounted beside it."""

from __future__ import annotations

from riso.api.app import API_PREFIX, create_app, error_body

__all__ = ["API_PREFIX", "create_app", "error_body"]
