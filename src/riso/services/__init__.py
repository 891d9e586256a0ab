"""Services: thin wiring that reads the store, calls a pure stage, and returns records.

The CLI, the API and the dashboard all call these, so each view computes its data once.
One module per area (progress, stories, index, ...).
"""

from __future__ import annotations

__all__: list[str] = []
