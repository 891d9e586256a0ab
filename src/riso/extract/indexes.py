"""Which index an unnamed innovation ranking or score belongs to: the one its subject's scope is ranked by.

Used by riso.extract.metrics when a rank or score names no index in its clause nor in its document
("la France arrive en 11e position", "Svezia (64.2)"). The scopes are data (``data/index_scopes.yaml``).
Pure: no I/O past the first load.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as importlib_resources

import yaml

from riso.extract.analysis import DocumentView, Sentence
from riso.model import Region

__all__ = ["scope_index", "scoped_generic"]

_SUBNATIONAL = frozenset({"macro_region", "province", "city", "district"})


@cache
def _scopes() -> dict[str, str]:
    path = importlib_resources.files("riso.extract").joinpath("data", "index_scopes.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("scopes") or {}).items()}


@cache
def _generic_index() -> str | None:
    path = importlib_resources.files("riso.extract").joinpath("data", "index_scopes.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = data.get("generic_index")
    return str(found) if found else None


def _scope(view: DocumentView, region_id: str) -> str | None:
    """country, eu_region (a region of an EU member state), region, or None (a cluster, the world, the EU)."""
    regions = view.catalog.regions
    region = regions.get(region_id)
    if region is None:
        return None
    if region.level == "country":
        return "country"
    if region.level not in _SUBNATIONAL:
        return None
    country = _country_of(view, region.parent)
    return "eu_region" if country is not None and country.parent == "EU" else "region"


def _country_of(view: DocumentView, region_id: str | None) -> Region | None:
    """The country a region belongs to, following its parents (at most six steps)."""
    for _ in range(6):
        region = view.catalog.regions.get(region_id) if region_id else None
        if region is None or region.level == "country":
            return region
        region_id = region.parent
    return None


def scope_index(view: DocumentView, sentence: Sentence, start: int, end: int) -> str | None:
    """The index (a score indicator id) the value at [start, end) ranks or scores its subject by, from the
    subject's scope; None when the subject is no region or its scope has no index in the catalog."""
    subject = view.subject_at(sentence, start, end)
    if subject is None or subject.id is None:
        return None
    scope = _scope(view, subject.id)
    index = _scopes().get(scope) if scope else None
    return index if index is not None and index in view.catalog.indicators else None


def scoped_generic(view: DocumentView, sentence: Sentence, start: int, end: int, indicator_id: str) -> str:
    """A generic innovation-index name ("innovation ranking", "ranking de innovación", 创新指数) resolved to the
    index of the subject's scope (an EU region: the Regional Innovation Scoreboard; a country: the GII); any
    other indicator is kept."""
    generic = _generic_index()
    base = view.catalog.base_of(indicator_id)
    if generic is None or generic not in (indicator_id, base[0] if base else None):
        return indicator_id
    scoped = scope_index(view, sentence, start, end)
    if scoped is None or scoped == generic:
        return indicator_id
    if base is not None:
        return view.catalog.derived(scoped, base[1]) or indicator_id
    return scoped
