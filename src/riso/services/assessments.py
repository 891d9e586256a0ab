"""Stored target assessments: made once per change, read by the dashboard, the API and the briefing.

A target is assessed again when it has no stored assessment, when its fields differ from the ones assessed
(a sync after new facts, a review decision, a target added by hand), when its region's observations changed
since (an import, a deleted source, a fact's observation: the store marks the region), or when the catalog's
indicators or this module's ``VERSION`` changed. Everything else is read back as it was stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, cast

from riso.catalog import Catalog, load_catalog
from riso.errors import NotFound
from riso.model import Fact, Observation
from riso.progress import ProgressAssessor
from riso.store import Store
from riso.store.targets import TARGET_COLUMNS, target_from_row

__all__ = ["BASIS_SETTING", "TARGETS_SETTING", "VERSION", "refresh_assessments", "stored_records", "target_record"]

VERSION = 1  # bump when an assessment record's shape or the assessor's defaults change
BASIS_SETTING = "assessments_basis"  # the catalog and VERSION the stored assessments were made with
TARGETS_SETTING = "assessments_targets_at"  # target_changes() when every target's assessment was last compared
_BATCH = 500  # regions assessed together (one observation read each)


def _basis(catalog: Catalog) -> dict[str, str]:
    """What each catalog indicator contributes to an assessment (unit, kind, label), by indicator id."""
    return {i.id: hashlib.sha256(f"{i.unit}|{i.kind}|{i.label}".encode()).hexdigest()[:12]
            for i in catalog.indicators.values()}


def _check_basis(store: Store, catalog: Catalog) -> None:
    """Drop the assessments the catalog changed since they were made: all of them after a new ``VERSION``, else
    those of the indicators added, removed or changed (an edit to one indicator keeps the others' rows)."""
    basis = _basis(catalog)
    try:
        stored = json.loads(store.get_setting(BASIS_SETTING) or "{}")
    except ValueError:
        stored = {}
    if stored.get("version") == VERSION and stored.get("indicators") == basis:
        return
    with store.transaction():
        if stored.get("version") != VERSION or not isinstance(stored.get("indicators"), dict):
            store.clear_assessments()
        else:
            before = stored["indicators"]
            store.clear_assessments(indicators=sorted(k for k in set(before) | set(basis)
                                                      if before.get(k) != basis.get(k)))
        store.set_setting(BASIS_SETTING, json.dumps({"version": VERSION, "indicators": basis}, sort_keys=True))
        store.set_setting(TARGETS_SETTING, "")


class _Point(NamedTuple):
    """The fields of an observation the assessor reads (a pydantic model per point cost half of a refresh)."""

    region: str
    indicator: str
    period: str
    value: float
    source: str
    origin: str


def _observations(columns: Mapping[str, Sequence[Any]]) -> list[Observation]:
    if not columns:
        return []
    keys = _Point._fields
    points = [_Point(*values) for values in zip(*(columns[k] for k in keys), strict=True)]
    return cast(list[Observation], points)  # read by attribute only (ProgressAssessor.fit)


def _row(record: dict[str, Any], stored: Mapping[str, Any]) -> tuple[Any, ...]:
    """An assessments row: the target's stored row as it was read (so it compares equal), then the assessment."""
    latest = record.get("latest") or {}
    projection = record.get("projection") or {}
    return (*(stored[c] for c in TARGET_COLUMNS), record["status"], latest.get("value"),
            None if not latest else str(latest["period"]), projection.get("probability"), json.dumps(record))


def refresh_assessments(store: Store, *, region: str | None = None, catalog: Catalog | None = None) -> int:
    """Assess again the stale targets (of one region) and store them; returns how many were assessed.

    Costs three small queries when nothing changed: the catalog basis, the target-change sequence and the
    newest stale mark.
    """
    from riso.services.progress import assessment_record

    catalog = catalog or load_catalog()
    _check_basis(store, catalog)
    changes = store.target_changes()
    upto = store.stale_mark()
    if not upto and changes is not None and store.get_setting(TARGETS_SETTING) == str(changes):
        return 0  # no target written and no observation changed since the last refresh
    stale = store.stale_targets(region=region)
    rows = []
    regions = sorted({r["region"] for r in stale})
    for start in range(0, len(regions), _BATCH):
        batch = regions[start : start + _BATCH]
        wanted = set(batch)
        chosen = [r for r in stale if r["region"] in wanted]
        found = ProgressAssessor().fit(_observations(store.target_observations(batch)))
        assessed = found.assess([target_from_row(r) for r in chosen], indicators=catalog.indicators)
        for a, stored in zip(assessed, chosen, strict=True):
            # stored without the quotes (read from the facts when shown: their text may change on its own)
            rows.append(_row(assessment_record(store, a, catalog=catalog, facts={}, sources={}), stored))
    if region is not None:  # other regions' targets may still be stale: the next refresh of all looks again
        if rows or upto:
            store.put_assessments(rows, regions=[region], upto=upto)
        return len(rows)
    with store.transaction():
        store.put_assessments(rows, upto=upto)
        if changes is not None:
            store.set_setting(TARGETS_SETTING, str(changes))
    return len(rows)


def stored_records(store: Store, *, region: str | None = None, ids: Sequence[str] | None = None,
                   catalog: Catalog | None = None, region_facts: Sequence[Fact] | None = None) -> list[dict[str, Any]]:
    """Every target (of a region, or with these ids) with its stored assessment, as `progress_records` gives them
    (``region_facts``: that region's target facts, when the caller read them already)."""
    from riso.services.progress import document_sources, target_json

    catalog = catalog or load_catalog()
    refresh_assessments(store, region=region, catalog=catalog)
    rows = store.assessment_records(region=region, ids=ids)
    targets = [target_from_row(r) for r in rows]
    wanted = [f for t in targets for f in t.facts]
    facts: dict[str, Fact] = {}
    if region is not None:  # a region's target facts through the region's index, not a scan for the ids
        known = set(wanted)
        stated = store.list_facts(region=region, kind="target") if region_facts is None else region_facts
        facts = {f.id: f for f in stated if f.id in known}
    facts.update(store.get_facts([f for f in wanted if f not in facts]))
    sources = store.document_sources(sorted({f.document for f in facts.values() if not f.source}))
    out = []
    for t, row in zip(targets, rows, strict=True):
        record = json.loads(row["record"])
        record["target"] = target_json(t, catalog)  # wording and origin as the target reads now
        record["sources"] = document_sources(store, t, facts=facts, sources=sources) + record["sources"]
        out.append(record)
    return out


def target_record(store: Store, target_id: str) -> dict[str, Any]:
    """One target (exact id) with its stored assessment, as `progress_records` gives it; raises NotFound."""
    from riso.services.progress import sync_targets

    sync_targets(store)
    found = stored_records(store, region=store.get_target(target_id).region, ids=[target_id])
    if not found:
        raise NotFound(f"no target with id {target_id!r}", hint="List the targets at /api/v1/targets.")
    return found[0]
