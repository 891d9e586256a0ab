"""Register rows to actors and relations, through a column mapping; presets for the shipped registers.

Rows arrive as (line number, {column: value}); nothing here reads files. Every actor and relation keeps
its provenance (citation, ``file:line`` and the row itself as the quote).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field

from riso.catalog import Catalog
from riso.errors import CatalogError, ConfigError
from riso.model import ACTOR_TYPES, Actor, ActorType, Provenance, Relation, RelationType
from riso.network.names import (
    NameKnowledge,
    actor_id,
    classify,
    load_knowledge,
    ownership_from,
    region_of_name,
    split_bodies,
)

__all__ = ["PRESETS", "ColumnMap", "Preset", "RegisterBatch", "actors_from_rows", "parse_mapping", "relation_id"]

_EMPTY = ("", "NA", "N/A", "NULL", "-", "*")  # "*": a value the register withholds (undisclosed funds)
_ROLES = ("name", "type", "region", "field", "lab_level", "name_en", "alias", "host", "supervisor", "funder", "funds",
          "period", "label", "key")


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which part of a record; a value ``=text`` is a constant for every row.

    ``name`` is the row's actor. ``host`` names organisations hosting it (hosting), ``supervisor`` the bodies
    supervising it (supervision), ``funder`` the body funding it (funding, weight = ``funds``); co-hosts of
    one row cooperate. ``key`` makes a row's relations unique (a project number). ``values`` maps a
    column's register codes to riso's (``{"lab_level": {"SKL": "state_key"}}``).
    """

    name: str
    type: str | None = None
    region: str | None = None
    field: str | None = None
    lab_level: str | None = None
    name_en: str | None = None
    alias: str | None = None
    host: str | None = None
    supervisor: str | None = None
    funder: str | None = None
    funds: str | None = None
    period: str | None = None
    label: str | None = None
    key: str | None = None
    values: Mapping[str, Mapping[str, str]] = _field(default_factory=dict)


def parse_mapping(pairs: Iterable[str]) -> ColumnMap:
    """A ColumnMap from ``role=column`` strings (the CLI's --map options); raises ConfigError."""
    found: dict[str, str] = {}
    for pair in pairs:
        role, sep, column = pair.partition("=")
        role = role.strip()
        if not sep or role not in _ROLES or not column.strip():
            raise ConfigError(f"bad column mapping {pair!r}",
                              hint=f"Write ROLE=COLUMN (or ROLE==constant); roles: {', '.join(_ROLES)}.")
        found[role] = column.strip()
    if "name" not in found:
        raise ConfigError("the column mapping names no `name` column", hint="Add --map name=COLUMN.")
    return ColumnMap(**found)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Preset:
    """A shipped register: its file, citation and column mapping."""

    id: str
    file: str
    source: str
    mapping: ColumnMap
    description: str


_TECHME = "via the R package huhuaping/techme (MIT), commit 9ad60a1"
PRESETS: dict[str, Preset] = {
    "skl": Preset(
        "skl", "PubSKLMost.csv",
        f"Ministry of Science and Technology, State Key Laboratories lists (2016-2020), {_TECHME}, "
        "data object PubSKLMost",
        ColumnMap(name="name", type="=laboratory", region="province", field="area", lab_level="type",
                  host="institution", supervisor="administrator", period="year",
                  values={"lab_level": {"SKL": "state_key", "FSKL": "enterprise_state_key",
                                        "PSKL": "province_ministry"}}),
        "State key laboratories with their host institutions, supervising departments, fields and provinces"),
    "nkrdp": Preset(
        "nkrdp", "PubNKRDP.csv",
        f"Ministry of Science and Technology, National Key R&D Programme project lists (2018-2020), {_TECHME}, "
        "data object PubNKRDP",
        ColumnMap(name="institution", funder="=科学技术部", funds="funds", period="year", label="title", key="NO"),
        "National Key R&D Programme projects: lead institution, funds (10k CNY), programme"),
    "openshare": Preset(
        "openshare", "PubOpenShare.csv",
        f"Ministry of Science and Technology / Ministry of Finance, evaluations of open sharing of large research "
        f"instruments (2018-2024), {_TECHME}, data object PubOpenShare",
        ColumnMap(name="institution", region="province", supervisor="administrator", period="year"),
        "Institutions evaluated for opening their research instruments to shared use"),
}


@dataclass
class RegisterBatch:
    """What a register's rows give: actors, relations and the bad rows with their line numbers."""

    actors: list[Actor] = _field(default_factory=list)
    relations: list[Relation] = _field(default_factory=list)
    bad_rows: list[tuple[int, str]] = _field(default_factory=list)
    rows_read: int = 0


def relation_id(source: str, target: str, type: RelationType, ref: str) -> str:
    """A stable relation id: the same ends, type and evidence give the same id."""
    return "r:" + hashlib.sha256(f"{source}|{target}|{type}|{ref}".encode()).hexdigest()[:20]


def _get(row: Mapping[str, str], column: str | None) -> str | None:
    if column is None:
        return None
    if column.startswith("="):
        return column[1:] or None
    value = row.get(column)
    text = "" if value is None else str(value).strip()
    return None if text in _EMPTY else text


class _Builder:
    def __init__(self, mapping: ColumnMap, source: str, file: str, catalog: Catalog, kn: NameKnowledge) -> None:
        self.mapping, self.source, self.file, self.catalog, self.kn = mapping, source, file, catalog, kn
        self.batch = RegisterBatch()

    def _coded(self, role: str, value: str | None) -> str | None:
        if value is None:
            return None
        return self.mapping.values.get(role, {}).get(value, value)

    def _region(self, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return self.catalog.region(value).id
        except CatalogError as err:
            raise ValueError(f"unknown region {value!r}") from err

    def actor(self, name: str, prov: Provenance, *, region: str | None, kind: ActorType | None = None,
              **extra: object) -> Actor:
        guessed, level = classify(name, self.kn)
        place = region_of_name(name, within=region, kn=self.kn) or region
        if place is None:
            place = region_of_name(name, kn=self.kn)
        actor = Actor(id=actor_id(name, self.kn), name=name, type=kind or guessed,
                      names={"zh" if _is_han(name) else "en": name}, region=place, lab_level=level, sources=(prov,))
        actor = actor.model_copy(update={k: v for k, v in extra.items() if v is not None})
        self.batch.actors.append(actor)
        return actor

    def relate(self, source: Actor, target: Actor, type: RelationType, prov: Provenance, ref: str, *,
               weight: float = 1.0, period: str | None = None, label: str | None = None) -> None:
        self.batch.relations.append(Relation(
            id=relation_id(source.id, target.id, type, ref), source=source.id, target=target.id, type=type,
            weight=weight, period=period, label=label, provenance=prov))

    def row(self, line: int, row: Mapping[str, str]) -> None:
        m = self.mapping
        start = len(self.batch.actors)
        name = _get(row, m.name)
        if name is None:
            raise ValueError(f"no name in column {m.name!r}")
        kind = self._coded("type", _get(row, m.type))
        if kind is not None and kind not in ACTOR_TYPES:
            raise ValueError(f"unknown actor type {kind!r} (use one of {', '.join(ACTOR_TYPES)})")
        region = self._region(_get(row, m.region))
        funds_text = _get(row, m.funds)
        try:
            funds = float(funds_text) if funds_text is not None else None
        except ValueError as err:
            raise ValueError(f"funds {funds_text!r} is not a number") from err
        quote = "; ".join(f"{k}={v}" for k, v in row.items() if v not in (None, "", "NA"))
        ref = f"{self.file}:{line}"
        prov = Provenance(source=self.source, row=ref, quote=quote[:1000])
        level = self._coded("lab_level", _get(row, m.lab_level))
        names = {"en": en} if (en := _get(row, m.name_en)) else {}
        alias = _get(row, m.alias)
        main = self.actor(name, prov, region=region, kind=kind,  # type: ignore[arg-type]
                          field=_get(row, m.field), lab_level=level if level else None)
        if names or alias:
            self.batch.actors[-1] = main = main.model_copy(
                update={"names": {**main.names, **names}, "aliases": (alias,) if alias else ()})
        key = _get(row, m.key) or ref
        period, label = _get(row, m.period), _get(row, m.label)
        hosts = [self.actor(h, prov, region=region) for h in split_bodies(_get(row, m.host) or "", self.kn)]
        for host in hosts:
            self.relate(host, main, "hosting", prov, key, period=period, label=main.field)
        for i, a in enumerate(hosts):
            for b in hosts[i + 1 :]:
                self.relate(a, b, "cooperation", prov, key, period=period, label=name)
        supervisors = split_bodies(_get(row, m.supervisor) or "", self.kn)
        for sup in supervisors:
            body = self.actor(sup, prov, region=None, kind="government")
            if body.region is None:
                self.batch.actors[-1] = body = body.model_copy(update={"region": "CN"})
            self.relate(body, main, "supervision", prov, key, period=period)
        owned = ownership_from(supervisors, self.kn)
        if owned:  # the enterprises of a row supervised by the state-assets commission are state-owned
            for i in range(start, len(self.batch.actors)):
                if self.batch.actors[i].type == "enterprise":
                    self.batch.actors[i] = self.batch.actors[i].model_copy(update={"ownership": owned})
        funder_name = _get(row, m.funder)
        if funder_name:
            funder = self.actor(funder_name, prov, region="CN", kind="government")
            self.relate(funder, main, "funding", prov, key, weight=funds or 1.0, period=period, label=label)


def _is_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def actors_from_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    mapping: ColumnMap,
    *,
    source: str,
    file: str,
    catalog: Catalog,
    kn: NameKnowledge | None = None,
) -> RegisterBatch:
    """Actors and relations of register rows; a bad row is listed with its line and adds nothing."""
    builder = _Builder(mapping, source, file, catalog, kn or load_knowledge())
    for line, row in rows:
        builder.batch.rows_read += 1
        keep_actors, keep_rel = len(builder.batch.actors), len(builder.batch.relations)
        try:
            builder.row(line, row)
        except ValueError as err:
            del builder.batch.actors[keep_actors:]
            del builder.batch.relations[keep_rel:]
            builder.batch.bad_rows.append((line, str(err)))
    return builder.batch
