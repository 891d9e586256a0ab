"""riso: the Regional Innovation System Observatory.

The package is laid out as its pipeline:
ingest -> extract -> link -> store -> progress, index -> api, web, cli.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
