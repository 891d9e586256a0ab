"""Offers and needs from register and spreadsheet rows: National Key R&D projects, open instruments, state
key laboratories, enterprises' needs. Pure: rows come in as (line, mapping) pairs, records go out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from riso.catalog import Catalog, load_catalog
from riso.errors import UnknownRegion
from riso.match.concepts import Concepts, load_concepts
from riso.match.records import OFFER_KINDS, URGENCIES, Need, Offer, OfferKind, Urgency, need_id
from riso.model import Provenance

__all__ = ["NEED_COLUMNS", "OFFER_COLUMNS", "SourceBatch", "needs_from_rows", "offers_from_nkrdp",
           "offers_from_openshare", "offers_from_rows", "offers_from_skl", "region_id"]

Rows = Iterable[tuple[int, Mapping[str, str]]]
_EMPTY = {"", "NA", "N/A", "null", "None", "-"}
_RESULT_RANK = {"优秀": 3, "良好": 2, "合格": 1, "较差": 0}
# a year, a date, or a spreadsheet's date cell ("2021", "2021-06-30", "2021/6/30", "2021-06-30 00:00:00")
_YEAR = re.compile(r"(?:19|20)\d\d(?:\.0|[-./]\d{1,2}(?:[-./]\d{1,2})?(?: \d{1,2}:\d{2}(?::\d{2})?)?)?")
NEED_COLUMNS = ("id", "title", "text", "language", "industry", "region", "urgency", "owner", "contact")
OFFER_COLUMNS = ("id", "kind", "title", "text", "language", "holder", "region", "field", "year")


@dataclass
class SourceBatch:
    """Records read from rows, the bad rows (line, reason) and how many rows repeated an earlier record."""

    offers: list[Offer] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    duplicates: int = 0
    rows_read: int = 0


def _cell(row: Mapping[str, str], name: str) -> str | None:
    value = row.get(name)
    text = "" if value is None else str(value).strip()
    return None if text in _EMPTY else text


def region_id(name: str | None, catalog: Catalog | None = None) -> str | None:
    """The gazetteer id of a region name in any language (重庆, Chongqing, CN-CQ), or None."""
    if not name:
        return None
    try:
        return (catalog or load_catalog()).region(name).id
    except UnknownRegion:
        return None


def _holder_region(holder: str, regions: Mapping[str, str]) -> str | None:
    if holder in regions:
        return regions[holder]
    from riso.network.names import region_of_name  # the holder's name may say where it is (重庆大学)

    found = region_of_name(holder)
    return found


def _actor(holder: str) -> str:
    from riso.network.names import actor_id

    return actor_id(holder)


def offers_from_nkrdp(rows: Rows, *, file: str, source: str, regions: Mapping[str, str] | None = None,
                      concepts: Concepts | None = None) -> SourceBatch:
    """National Key R&D Programme projects (PubNKRDP) as offers: one per project number, first row kept."""
    concepts = concepts or load_concepts()
    regions = regions or {}
    batch = SourceBatch()
    seen: set[str] = set()
    for line, row in rows:
        batch.rows_read += 1
        number = (_cell(row, "NO") or "").rstrip("*").strip()
        title = _cell(row, "title")
        holder = _cell(row, "institution")
        if not number or not title:
            batch.bad_rows.append((line, "no project number or title"))
            continue
        if number in seen:
            batch.duplicates += 1
            continue
        seen.add(number)
        title = re.sub(r"\s+", " ", title)
        programme = _cell(row, "type")
        year = _cell(row, "year")
        batch.offers.append(Offer(
            id=f"o:nkrdp:{number}", kind="project", title=title, language="zh", holder=holder,
            holder_actor=_actor(holder) if holder else None,
            region=_holder_region(holder, regions) if holder else None,
            field=programme, fields=concepts.programme_fields(programme),
            year=int(year) if year and year.isdigit() else None,
            provenance=Provenance(source=source, row=f"{file}:{line}",
                                  quote=f"{number} {title} | {holder or ''} | {programme or ''}"),
        ))
    return batch


def offers_from_openshare(rows: Rows, *, file: str, source: str, catalog: Catalog | None = None,
                          concepts: Concepts | None = None) -> SourceBatch:
    """Institutions opening large research instruments (PubOpenShare): one offer each, its latest evaluation."""
    concepts = concepts or load_concepts()
    latest: dict[str, tuple[int, int, Mapping[str, str]]] = {}
    batch = SourceBatch()
    for line, row in rows:
        batch.rows_read += 1
        holder = _cell(row, "institution")
        year_text = _cell(row, "year") or ""
        if not holder or not year_text.isdigit():
            batch.bad_rows.append((line, "no institution or year"))
            continue
        known = latest.get(holder)
        if known is not None:
            batch.duplicates += 1
            if known[0] >= int(year_text):
                continue
        latest[holder] = (int(year_text), line, row)
    template = concepts.templates.get("instrument", "{institution}")
    for holder, (year, line, row) in latest.items():
        result = _cell(row, "result") or ""
        actor = _actor(holder)
        batch.offers.append(Offer(
            id=f"o:openshare:{actor.removeprefix('a:')}", kind="instrument",
            title=template.format(institution=holder, year=year, result=result), language="zh", holder=holder,
            holder_actor=actor, region=region_id(_cell(row, "province"), catalog), field=result or None,
            year=year, provenance=Provenance(source=source, row=f"{file}:{line}",
                                             quote=f"{year} {holder} {result} {_cell(row, 'province') or ''}"),
        ))
    return batch


def offers_from_skl(rows: Rows, *, file: str, source: str, catalog: Catalog | None = None,
                    concepts: Concepts | None = None) -> SourceBatch:
    """State key laboratories (PubSKLMost) as laboratory offers, with their area's fields."""
    concepts = concepts or load_concepts()
    batch = SourceBatch()
    seen: set[str] = set()
    for line, row in rows:
        batch.rows_read += 1
        name = _cell(row, "name")
        if not name:
            batch.bad_rows.append((line, "no laboratory name"))
            continue
        key = _actor(name).removeprefix("a:")
        if key in seen:
            batch.duplicates += 1
            continue
        seen.add(key)
        holder = _cell(row, "institution")
        area = _cell(row, "area")
        year = _cell(row, "year")
        batch.offers.append(Offer(
            id=f"o:skl:{key}", kind="laboratory",
            title=concepts.templates.get("laboratory", "{name}").format(name=name),
            language="zh", holder=holder or name, holder_actor=_actor(holder or name),
            region=region_id(_cell(row, "province"), catalog), field=area, fields=concepts.area_fields(area),
            year=int(year) if year and year.isdigit() else None,
            provenance=Provenance(source=source, row=f"{file}:{line}",
                                  quote=f"{name} | {area or ''} | {holder or ''} | {_cell(row, 'province') or ''}"),
        ))
    return batch


def needs_from_rows(rows: Rows, *, file: str, source: str, owner: str | None = None,
                    columns: Mapping[str, str] | None = None, catalog: Catalog | None = None) -> SourceBatch:
    """Enterprises' needs from a sheet (columns id, title, text, language, industry, region, urgency, owner,
    contact; ``columns`` renames them). A row without title or owner, or with an unknown urgency, is bad."""
    from riso.ingest.language import detect_language

    names = {c: (columns or {}).get(c, c) for c in NEED_COLUMNS}
    batch = SourceBatch()
    seen: set[str] = set()
    for line, row in rows:
        batch.rows_read += 1

        def get(col: str, row: Mapping[str, str] = row) -> str | None:
            return _cell(row, names[col])

        title = get("title")
        need_owner = get("owner") or owner
        if not title or not need_owner:
            batch.bad_rows.append((line, "a need needs a title and an owner organisation"))
            continue
        text = get("text") or ""
        language = get("language") or detect_language(f"{title}. {text}") or ""
        if not language:
            batch.bad_rows.append((line, "cannot tell the language; add a `language` column (en, de, zh ...)"))
            continue
        urgency = (get("urgency") or "normal").lower()
        if urgency not in URGENCIES:
            batch.bad_rows.append((line, f"urgency {urgency!r} is not one of {', '.join(URGENCIES)}"))
            continue
        region_name = get("region")
        region = region_id(region_name, catalog)
        if region_name and region is None:
            batch.bad_rows.append((line, f"unknown region {region_name!r}"))
            continue
        nid = need_id(need_owner, get("id") or f"{title}|{text}")
        if nid in seen:
            batch.duplicates += 1
            continue
        seen.add(nid)
        urgency_value: Urgency = urgency  # type: ignore[assignment]
        batch.needs.append(Need(
            id=nid, title=title, text=text, language=language, industry=get("industry"), region=region,
            urgency=urgency_value, owner=need_owner, contact=get("contact"),
            provenance=Provenance(source=source, row=f"{file}:{line}", quote=title),
        ))
    return batch


def offers_from_rows(rows: Rows, *, file: str, source: str, kind: str | None = None, owner: str = "public",
                     columns: Mapping[str, str] | None = None, catalog: Catalog | None = None,
                     concepts: Concepts | None = None) -> SourceBatch:
    """Offers from any sheet: patents, pilot bases and test fields, results (columns id, kind, title, text,
    language, holder, region, field, year; ``columns`` maps them to the sheet's headers, ``kind`` is the
    kind of rows without a ``kind`` column). A row without a title, or with an unknown kind, region or a
    year that is not a year, is bad; a repeated id is counted and skipped."""
    from riso.ingest.language import detect_language

    concepts = concepts or load_concepts()
    names = {c: (columns or {}).get(c, c) for c in OFFER_COLUMNS}
    batch = SourceBatch()
    seen: set[str] = set()
    for line, row in rows:
        batch.rows_read += 1

        def get(col: str, row: Mapping[str, str] = row) -> str | None:
            return _cell(row, names[col])

        title = get("title")
        if not title:
            batch.bad_rows.append((line, f"no title (column {names['title']!r})"))
            continue
        title = re.sub(r"\s+", " ", title)
        offer_kind = (get("kind") or kind or "").lower()
        if offer_kind not in OFFER_KINDS:
            batch.bad_rows.append((line, f"kind {offer_kind!r} is not one of {', '.join(OFFER_KINDS)}"
                                   if offer_kind else "no kind: add a `kind` column or give the kind of every row"))
            continue
        text = get("text") or ""
        language = get("language") or detect_language(f"{title}. {text}") or ""
        if not language:
            batch.bad_rows.append((line, "cannot tell the language; add a `language` column (en, de, zh ...)"))
            continue
        region_name = get("region")
        region = region_id(region_name, catalog)
        if region_name and region is None:
            batch.bad_rows.append((line, f"unknown region {region_name!r}"))
            continue
        year_text = get("year")
        year = int(year_text[:4]) if year_text and _YEAR.fullmatch(year_text) else None
        if year_text and year is None:
            batch.bad_rows.append((line, f"year {year_text!r} is not a year (2021, 2021-06-30)"))
            continue
        holder = get("holder")
        key = get("id") or ""
        if not key or len(key) > 60 or not re.fullmatch(r"[\w.\-/]+", key):
            key = hashlib.sha256(f"{key}|{title}|{holder or ''}".encode()).hexdigest()[:16]
        oid = f"o:{offer_kind}:{key}"
        if oid in seen:
            batch.duplicates += 1
            continue
        seen.add(oid)
        programme = get("field")
        fields = concepts.programme_fields(programme) or concepts.area_fields(programme)
        kind_value: OfferKind = offer_kind  # type: ignore[assignment]
        batch.offers.append(Offer(
            id=oid, kind=kind_value, title=title, text=text, language=language, holder=holder,
            holder_actor=_actor(holder) if holder else None,
            region=region if region else (_holder_region(holder, {}) if holder else None),
            field=programme, fields=fields, year=year, owner=owner,
            provenance=Provenance(source=source, row=f"{file}:{line}", quote=title),
        ))
    return batch
