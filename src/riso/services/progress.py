"""Progress services: targets from facts and by hand, assessments as JSON records, reports and charts."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from typing import Any

from riso.catalog import Catalog, load_catalog
from riso.errors import BadRequest, ConfigError, NotFound
from riso.link import reconcile_targets
from riso.model import COMPARATORS, Fact, Target
from riso.progress import Assessment, ProgressAssessor
from riso.progress.assessor import DOCUMENTS
from riso.report.labels import hint_text, labels, reason_text, status_text
from riso.store import Store

__all__ = [
    "add_target",
    "assess",
    "assessment_record",
    "chart",
    "document_sources",
    "headline_records",
    "html_to_pdf",
    "progress_records",
    "remove_target",
    "report",
    "sync_targets",
    "target_json",
    "target_records",
]


def sync_targets(store: Store) -> int:
    """Reconcile stored target facts into targets and measurement facts into observations (idempotent).

    Returns how many targets now come from facts.
    """
    from riso.services.data import observations_from_facts

    changes = store.fact_changes()
    if changes is not None and store.get_setting(SYNCED_SETTING) == str(changes):
        return store.count_targets(origin="document")  # no fact or document changed since the last sync
    observations_from_facts(store)
    facts = store.list_facts(kind="target")
    docs = {f.document for f in facts}
    story_of = {d: store.get_document(d).story for d in docs}
    targets = reconcile_targets(facts, story_of)
    with store.transaction():
        store.put_targets(targets)
        store.remove_targets(origin="document", keep=[t.id for t in targets])
        if changes is not None:  # the sync wrote targets and observations only: fact_changes() is unchanged
            store.set_setting(SYNCED_SETTING, str(changes))
    from riso.services.assessments import refresh_assessments

    refresh_assessments(store)  # the targets that changed, assessed now (a review decision, new documents)
    return len(targets)


SYNCED_SETTING = "targets_synced_at"  # fact_changes() when targets were last reconciled from the facts


def add_target(
    store: Store,
    *,
    region: str,
    indicator: str,
    value: float,
    deadline: int,
    comparator: str = "at_least",
    baseline_period: str | None = None,
    baseline_value: float | None = None,
    catalog: Catalog | None = None,
) -> Target:
    """Add a manual target; region and indicator by code or name in any catalog language."""
    catalog = catalog or load_catalog()
    if comparator not in COMPARATORS:
        raise BadRequest(f"unknown comparator {comparator!r}", hint=f"Use one of {', '.join(COMPARATORS)}.")
    if (baseline_period is None) != (baseline_value is None):
        raise BadRequest("a baseline needs both a period and a value",
                         hint="Pass --baseline-period and --baseline-value together.")
    region_id = catalog.region(region).id
    ind = catalog.indicator(indicator)
    key = f"{region_id}|{ind.id}|{value}|{deadline}|{comparator}"
    target = Target(
        id="m:" + hashlib.sha256(key.encode()).hexdigest()[:16], region=region_id, indicator=ind.id, value=value,
        comparator=comparator, deadline=deadline, unit=ind.unit, baseline_period=baseline_period,  # type: ignore[arg-type]
        baseline_value=baseline_value, origin="manual", confidence=1.0,
    )
    store.put_targets([target])
    return target


def remove_target(store: Store, target_id: str) -> Target:
    """Remove a target by id; raises NotFound."""
    return store.remove_target(target_id)


def assess(
    store: Store, *, region: str | None = None, as_of: float | None = None, catalog: Catalog | None = None
) -> list[Assessment]:
    """Assess every stored target (of one region) against the stored observations."""
    catalog = catalog or load_catalog()
    if region is not None:
        region = catalog.region(region).id
    targets = store.list_targets(region=region)
    observations = []
    wanted = {(t.region, t.indicator) for t in targets if t.indicator}
    by_region: dict[str, set[str]] = {}
    for region_id, indicator_id in wanted:
        by_region.setdefault(region_id, set()).add(str(indicator_id))
    for region_id, indicator_ids in sorted(by_region.items()):
        if len(indicator_ids) == 1:
            observations += store.list_observations(region=region_id, indicator=next(iter(indicator_ids)))
        else:  # one read per region, not per series
            observations += [o for o in store.list_observations(region=region_id) if o.indicator in indicator_ids]
    return ProgressAssessor().fit(observations).assess(targets, indicators=catalog.indicators, as_of=as_of)


def _facts(store: Store, ids: Sequence[str]) -> list[Fact]:
    found = []
    for fid in ids:
        try:
            found.append(store.get_fact(fid))
        except NotFound:
            continue
    return found


def _doc_source(store: Store, document: str) -> str | None:
    try:
        return store.get_document(document).source
    except NotFound:
        return None


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, digits)


def target_json(t: Target, catalog: Catalog) -> dict[str, Any]:
    """The ``target`` object of an assessment record."""
    ind = catalog.indicators.get(t.indicator or "")
    return {"region": t.region, "indicator": t.indicator, "metric_text": t.metric_text, "value": t.value,
            "comparator": t.comparator, "deadline": t.deadline, "unit": t.unit or (ind.unit if ind else None),
            "origin": t.origin, "label": ind.label if ind else t.metric_text}


def document_sources(
    store: Store, t: Target, *, facts: Mapping[str, Fact] | None = None, sources: Mapping[str, str | None] | None = None
) -> list[dict[str, Any]]:
    """The quotes that state a target, as the ``sources`` of its record (``facts`` and documents' ``sources``
    by id when the caller read them for many targets at once)."""
    listed: list[dict[str, Any]] = []
    stated = [facts[f] for f in t.facts if f in facts] if facts is not None else _facts(store, t.facts)
    for fact in stated:
        source = fact.source or (sources.get(fact.document) if sources is not None and fact.document in sources
                                 else _doc_source(store, fact.document))
        listed.append({"kind": "document", "quote": fact.quote, "language": fact.language,
                       "document": fact.document, "source": source, "fact": fact.id})
    return listed


def assessment_record(
    store: Store, a: Assessment, *, catalog: Catalog, facts: Mapping[str, Fact] | None = None,
    sources: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """One assessment as the JSON object of `riso progress --format json` (``facts`` by id and documents'
    ``sources`` by id, when the caller read them for many assessments at once)."""
    t = a.target
    ind = catalog.indicators.get(t.indicator or "")
    sources_out = document_sources(store, t, facts=facts, sources=sources)
    if a.series_source == DOCUMENTS:
        sources_out.append({"kind": "documents", "citation": labels()["text"]["documents_series"]})
    elif a.series_source:
        sources_out.append({"kind": "dataset", "citation": a.series_source})
    projection = a.projection
    fields = {"region": t.region, "indicator": t.indicator or "INDICATOR", "unit": (ind.unit if ind else t.unit) or ""}
    return {
        "id": t.id,
        "target": target_json(t, catalog),
        "status": a.status,
        "status_text": status_text(a.status),
        "reason": reason_text(a.reason),
        "hint": hint_text(a.reason, **fields),
        "latest": {"period": a.latest[0], "value": a.latest[1]} if a.latest else None,
        "start": {"period": a.start[0], "value": a.start[1]} if a.start else None,
        "n_points": a.n_points,
        "scale": a.scale,
        "actual_cagr": _round(a.actual_cagr),
        "required_cagr": _round(a.required_cagr),
        "ratio": _round(a.ratio),
        "distance": _round(a.distance),
        "years_to_target": _round(a.years_to_target, 2),
        "projection": None if not projection else {
            "model": a.headline_model, "deadline": t.deadline, "value": _round(projection["value"]),
            "interval": [_round(projection["low"]), _round(projection["high"])], "level": projection["level"],
            "probability": _round(projection["probability"], 4),
        },
        "projections": {m: {k: _round(v) if isinstance(v, float) else v for k, v in p.items()}
                        for m, p in a.projections.items()},
        "series": [{"period": p, "value": v} for p, v in a.series],
        "sources": sources_out,
    }


def progress_records(
    store: Store, *, region: str | None = None, as_of: float | None = None, sync: bool = True, stored: bool = True
) -> list[dict[str, Any]]:
    """Every target with its assessment, as JSON objects (targets from facts are synced first unless ``sync``=False).

    Assessments as of now are read from the store (made again for the targets and regions that changed,
    `riso.services.assessments`) unless ``stored``=False; ``as_of`` assesses afresh.
    """
    catalog = load_catalog()
    if region is not None:
        region = catalog.region(region).id
    if sync:
        sync_targets(store)
    if stored and as_of is None:
        from riso.services.assessments import stored_records

        return stored_records(store, region=region, catalog=catalog)
    found = assess(store, region=region, as_of=as_of, catalog=catalog)
    facts = store.get_facts([f for a in found for f in a.target.facts])  # a few queries, not one per fact
    sources = store.document_sources(sorted({f.document for f in facts.values() if not f.source}))
    return [assessment_record(store, a, catalog=catalog, facts=facts, sources=sources) for a in found]


def target_records(store: Store, *, region: str | None = None) -> list[dict[str, Any]]:
    """Targets for `riso target list`: id, region, indicator, value, deadline, origin, assessable and why not."""
    rows = []
    for rec in progress_records(store, region=region):
        t = rec["target"]
        rows.append({"id": rec["id"], "region": t["region"], "indicator": t["indicator"] or t["metric_text"],
                     "comparator": t["comparator"], "value": t["value"], "deadline": t["deadline"],
                     "origin": t["origin"], "assessable": rec["status"] != "not_assessable",
                     "reason": rec["reason"], "sources": len(rec["sources"])})
    return rows


def report(store: Store, *, region: str | None = None, as_of: float | None = None, language: str = "en",
           issued: str | None = None) -> str:
    """The HTML briefing for all targets (of a region) in a language, dated ``issued`` (default: today)."""
    import datetime

    from riso.report import render_html

    catalog, name = load_catalog(), None
    if region is not None:
        found = catalog.region(region)
        region, name = found.id, str(found.names.get(language) or found.name)
    issued = issued or datetime.date.today().isoformat()
    labels = {i.id: str(i.labels.get(language) or i.label) for i in catalog.indicators.values()}
    records = progress_records(store, region=region, as_of=as_of)
    return render_html(headline_records(store, records), region=region, region_name=name,
                       issued=issued, language=language, indicator_labels=labels)


def headline_records(store: Store, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records a briefing shows: targets entered by hand, and targets read from documents whose metric
    resolved to a catalog indicator (an unresolved metric is kept in the store and listed, never briefed)."""
    from riso.services.review import is_headline

    threshold = _threshold(store)
    targets = {t.id: t for t in store.list_targets()}
    return [r for r in records if r["id"] not in targets or is_headline(targets[r["id"]], threshold)]


def _threshold(store: Store) -> float:
    from riso.services.review import review_threshold

    return review_threshold(store)


def chart(store: Store, target_id: str, *, fmt: str = "png") -> bytes:
    """A chart of one target's series, target point and projection band, as PNG, SVG or PDF bytes."""
    from riso.report import chart_bytes

    target = store.get_target(target_id)
    wanted = target.id
    for rec in progress_records(store, region=target.region):
        if rec["id"] == wanted:
            return chart_bytes(rec, fmt=fmt)
    raise NotFound(f"no target with id {target_id!r}")


def html_to_pdf(html: str, *, chromium: str = "/usr/bin/chromium") -> bytes:
    """Print the HTML briefing to PDF with headless Chromium (playwright); raises ConfigError when unavailable."""
    import shutil

    exe = chromium if shutil.which(chromium) else shutil.which("chromium")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise ConfigError("PDF output needs the playwright package", hint="pip install playwright") from err
    if not exe:
        raise ConfigError("PDF output needs Chromium, which is not installed",
                          hint="apt-get install chromium (or write HTML only, without --pdf)")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox"])
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            data = page.pdf(
                format="A4", landscape=True, print_background=True, display_header_footer=True,
                header_template="<span></span>",
                footer_template=('<div style="font-size:9px;width:100%;text-align:center;color:#57606a">'
                                 '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'),
                margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                tagged=True, outline=True,  # a structure tree (headings, tables, figures) and bookmarks
            )
            browser.close()
    except PlaywrightError as err:
        raise ConfigError(f"Chromium could not print the PDF: {err.message}",
                          hint="Check that `chromium --headless` runs on this machine.") from err
    return bytes(data)
