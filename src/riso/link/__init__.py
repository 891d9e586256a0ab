"""Linking: documents into stories across languages, and facts reconciled across versions.

Pure stage: works on records passed in; the caller stores the result.
"""

from __future__ import annotations

__all__: list[str] = []
