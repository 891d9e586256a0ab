"""The catalog: indicator taxonomy, region gazetteer and units, as data files plus one loader.

The built-in data lives in ``catalog/data/``; users extend it by adding YAML files in
directories passed to ``load_catalog`` or listed in ``RISO_CATALOG_PATH`` (os.pathsep-separated).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from riso.catalog._catalog import Catalog
from riso.catalog._files import LANGUAGES, read_dirs
from riso.catalog._matcher import Matcher, Mention
from riso.catalog._units import Unit
from riso.catalog._views import describe_indicators, describe_regions, resolve_text

__all__ = [
    "DATA_DIR",
    "LANGUAGES",
    "Catalog",
    "Matcher",
    "Mention",
    "Unit",
    "catalog_dirs",
    "describe_indicators",
    "describe_regions",
    "load_catalog",
    "resolve_text",
]

DATA_DIR = Path(__file__).parent / "data"


def catalog_dirs(extra_dirs: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The directories read: the built-in data, then RISO_CATALOG_PATH entries, then ``extra_dirs``."""
    env = [Path(p) for p in os.environ.get("RISO_CATALOG_PATH", "").split(os.pathsep) if p.strip()]
    return (DATA_DIR, *env, *(Path(d) for d in extra_dirs))


@lru_cache(maxsize=8)
def _load(dirs: tuple[Path, ...]) -> Catalog:
    return Catalog(read_dirs(dirs))


def load_catalog(extra_dirs: Sequence[Path] = ()) -> Catalog:
    """The catalog from the built-in data, RISO_CATALOG_PATH and ``extra_dirs`` (cached per directory set).

    Raises CatalogError naming the file and entry when a data file is invalid.
    """
    return _load(catalog_dirs(extra_dirs))
