"""Actor services: import registers (CSV/XLSX with a column mapping), shipped registers, facts, resolution."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from riso.catalog import Catalog, load_catalog
from riso.errors import BadRows, DataImportError
from riso.ingest.data import import_key
from riso.network.facts import actors_from_facts
from riso.network.registers import PRESETS, ColumnMap, actors_from_rows
from riso.network.resolve import PairScore, find_matches
from riso.store import Store

__all__ = [
    "ActorImportReport",
    "actors_from_store_facts",
    "import_register",
    "load_shipped_registers",
    "read_rows",
    "resolve_actors",
    "shipped_register_path",
]

_SHOW_BAD = 20


@dataclass
class ActorImportReport:
    """What one register import did."""

    path: str
    source: str
    rows_read: int = 0
    actors_new: int = 0
    relations_new: int = 0
    skipped: int = 0
    already_imported: bool = False
    bad_rows: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """A plain dict for rendering."""
        data = asdict(self)
        data["bad_rows"] = [{"line": line, "reason": reason} for line, reason in self.bad_rows[:_SHOW_BAD]]
        return data


def read_rows(path: Path) -> Iterator[tuple[int, Mapping[str, str]]]:
    """(line number, row) of a CSV (header on line 1) or the first sheet of an .xlsx; raises DataImportError."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as err:  # openpyxl raises many types for a broken file
            raise DataImportError(f"{path.name}: cannot open as .xlsx ({type(err).__name__})") from err
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        if not rows:
            raise DataImportError(f"{path.name}: the first sheet is empty", hint="Put a header row on line 1.")
        header = [str(c or "").strip() for c in rows[0]]
        for number, cells in enumerate(rows[1:], start=2):
            yield number, {h: "" if c is None else str(c) for h, c in zip(header, cells, strict=False)}
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            _ = reader.fieldnames  # reads the header, so the first row is on line 2 (was numbered 1)
            line = reader.line_num + 1
            for row in reader:
                yield line, {k or "": v or "" for k, v in row.items() if k is not None}
                line = reader.line_num + 1
    except UnicodeDecodeError as err:
        raise DataImportError(f"{path.name}: not UTF-8 text", hint="Save the file as UTF-8 CSV or .xlsx.") from err


def import_register(
    store: Store,
    path: str | Path,
    mapping: ColumnMap,
    *,
    source: str | None = None,
    skip_bad_rows: bool = False,
    catalog: Catalog | None = None,
) -> ActorImportReport:
    """Import actors and relations from a register file; a no-op when the same file was imported before.

    Raises BadRows (nothing stored) when rows are bad and ``skip_bad_rows`` is off.
    """
    file = Path(path)
    name, checksum = import_key(file, source=source, indicator=repr(mapping))
    if store.has_import(checksum):
        return ActorImportReport(path=str(file), source=name, already_imported=True)
    with file.open("rb") as fh:
        if not fh.read(1):
            raise DataImportError(f"{file.name}: the file is empty", hint="Export the register with a header row.")
    missing = _missing_columns(file, mapping)
    if missing:
        raise DataImportError(f"{file.name}: no column {', '.join(map(repr, missing))} in the header",
                              hint="Fix the --map options to name the file's columns.")
    batch = actors_from_rows(read_rows(file), mapping, source=name, file=file.name, catalog=catalog or load_catalog())
    report = ActorImportReport(path=str(file), source=name, rows_read=batch.rows_read, skipped=len(batch.bad_rows),
                               bad_rows=list(batch.bad_rows))
    if batch.bad_rows and not skip_bad_rows:
        listed = "; ".join(f"line {line}: {reason}" for line, reason in batch.bad_rows[:_SHOW_BAD])
        more = f" (and {len(batch.bad_rows) - _SHOW_BAD} more)" if len(batch.bad_rows) > _SHOW_BAD else ""
        raise BadRows(f"{file.name}: {len(batch.bad_rows)} bad row(s), nothing was imported: {listed}{more}",
                      rows=list(batch.bad_rows))
    with store.transaction():
        report.actors_new = store.add_actors(batch.actors)
        report.relations_new = store.add_relations(batch.relations)
        store.record_import(checksum, source=name, path=str(file), format="actors", stored=report.actors_new,
                            skipped=report.skipped)
    return report


def _missing_columns(file: Path, mapping: ColumnMap) -> list[str]:
    first = next(read_rows(file), None)
    if first is None:
        return []
    header = set(first[1])
    roles = [v for k, v in vars(mapping).items() if k != "values" and isinstance(v, str) and not v.startswith("=")]
    return [c for c in roles if c not in header]


def shipped_register_path(preset: str) -> Path:
    """The path of a register shipped with riso."""
    return Path(str(resources.files("riso.network") / "data" / "registers" / PRESETS[preset].file))


def load_shipped_registers(store: Store, *, catalog: Catalog | None = None,
                           directory: Path | None = None) -> list[ActorImportReport]:
    """Import the three shipped registers (SKL, NKRDP, open sharing); a no-op for ones already imported.

    ``directory`` reads the same-named files from elsewhere (the shared raw data) instead.
    """
    catalog = catalog or load_catalog()
    reports = []
    for preset in PRESETS.values():
        path = directory / preset.file if directory else shipped_register_path(preset.id)
        reports.append(import_register(store, path, preset.mapping, source=preset.source, catalog=catalog))
    return reports


def actors_from_store_facts(store: Store) -> tuple[int, int]:
    """Actors from the stored entity facts and their co-mentions; returns (new actors, new relations)."""
    facts = store.list_facts(kind="entity")
    documents = store.get_documents([f.document for f in facts])
    actors, relations = actors_from_facts(facts, documents)
    with store.transaction():
        return store.add_actors(actors), store.add_relations(relations)


def resolve_actors(store: Store, *, apply: bool = False, region: str | None = None) -> list[PairScore]:
    """Pairs of stored actors that are one organisation; with ``apply`` they are merged (reversibly)."""
    actors = store.list_actors(region=region)
    sources = store.actor_sources([a.id for a in actors])
    actors = [a.model_copy(update={"sources": tuple(sources.get(a.id, ()))}) for a in actors]
    matches = find_matches(actors)
    if apply:
        with store.transaction():
            for m in matches:
                if store.canonical_id(m.loser) != store.canonical_id(m.winner):
                    store.merge_actors(m.winner, m.loser, score=m.score, reason=m.reason, by="resolver")
    return matches
