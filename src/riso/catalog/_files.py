"""Read and validate catalog data files (YAML): one schema, errors name the file and the key at fault."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from riso.errors import CatalogError

__all__ = [
    "LANGUAGES",
    "AliasEntry",
    "CatalogFiles",
    "DemonymEntry",
    "IndicatorEntry",
    "RegionEntry",
    "UnitEntry",
    "cache_dir",
    "read_dirs",
]  # fmt: skip

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "it", "es", "zh")
FILE_KINDS = ("indicators", "regions", "units", "demonyms", "aliases")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IndicatorEntry(_Entry):
    """One indicator as written in an indicators file."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    unit: str
    direction: Literal[1, -1] = 1
    kind: Literal["value", "rank", "score"] = "value"
    labels: dict[str, str]
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    definition: str
    source: str
    # a variant of another indicator: its growth rate, its value as a share of GDP, or its share of a total
    derived_from: str | None = None
    relation: Literal["growth", "gdp_share", "share", "rank"] | None = None

    @field_validator("labels")
    @classmethod
    def _all_languages(cls, labels: dict[str, str]) -> dict[str, str]:
        missing = [lang for lang in LANGUAGES if not labels.get(lang)]
        if missing:
            raise ValueError(f"labels missing for {', '.join(missing)}")
        return labels


class RegionEntry(_Entry):
    """One region as written in a regions file."""

    id: str = Field(pattern=r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|[a-z]{2}(-[a-z0-9]+)+|EU|world)$")
    level: Literal["world", "supranational", "country", "macro_region", "province", "city", "district", "cluster"]
    names: dict[str, str]
    aliases: list[str] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)  # ISO 3166-1 alpha-2/alpha-3, ISO 3166-2, other official codes
    parent: str | None = None
    members: list[str] = Field(default_factory=list)

    @field_validator("names")
    @classmethod
    def _has_english(cls, names: dict[str, str]) -> dict[str, str]:
        if not names.get("en"):
            raise ValueError("names needs at least an English ('en') name")
        return names


class DemonymEntry(_Entry):
    """Adjectives and demonyms naming a region, per language ("española" -> ES): matched like its names."""

    region: str
    forms: dict[str, list[str]]


class AliasEntry(_Entry):
    """More names of a region defined in another file (script variants such as traditional Chinese)."""

    region: str
    forms: dict[str, list[str]]


class UnitEntry(_Entry):
    """One unit: its code, what it measures, its factor to the dimension's base and its surface forms."""

    code: str
    dimension: str  # "CNY", "EUR", "USD", "ratio", "count", "rank", "score", ...
    factor: float = Field(gt=0)
    forms: list[str] = Field(default_factory=list)


class CatalogFiles(BaseModel):
    """Everything read from the catalog directories, with the file each entry came from."""

    indicators: list[tuple[IndicatorEntry, str]] = Field(default_factory=list)
    regions: list[tuple[RegionEntry, str]] = Field(default_factory=list)
    units: list[tuple[UnitEntry, str]] = Field(default_factory=list)
    demonyms: list[tuple[DemonymEntry, str]] = Field(default_factory=list)
    aliases: list[tuple[AliasEntry, str]] = Field(default_factory=list)


_SCHEMAS: dict[str, type[_Entry]] = {
    "indicators": IndicatorEntry, "regions": RegionEntry, "units": UnitEntry, "demonyms": DemonymEntry,
    "aliases": AliasEntry,
}  # fmt: skip


def _describe(err: ValidationError) -> str:
    parts = []
    for item in err.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entry"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def cache_dir() -> Path | None:
    """Where parsed catalog files are kept: $RISO_CACHE_DIR, else $XDG_CACHE_HOME/riso, else ~/.cache/riso;
    None when RISO_CACHE_DIR is "off"."""
    configured = os.environ.get("RISO_CACHE_DIR")
    if configured is not None and configured.strip().lower() in ("off", "0", "none", ""):
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "riso"


def _parse(path: Path) -> object:
    """A YAML file's data, from the JSON copy of its parse when the file is unchanged (YAML parsing is ~15x
    slower than JSON and dominated catalog load time). The copy is keyed by path, size, mtime and content hash;
    an unwritable cache directory only means no copy is kept."""
    data = path.read_bytes()
    folder = cache_dir()
    cached: Path | None = None
    if folder is not None:
        stat = path.stat()
        digest = hashlib.sha256(data).hexdigest()[:24]
        name = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        cached = folder / "catalog" / f"{name}-{digest}.json"
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    raw = yaml.load(data.decode("utf-8"), Loader=_LOADER)
    if cached is not None:
        try:
            text = json.dumps(raw, ensure_ascii=False)
            if json.loads(text) == raw:  # only data JSON keeps as it is (no dates, no non-string keys)
                cached.parent.mkdir(parents=True, exist_ok=True)
                temporary = cached.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, cached)
        except (OSError, TypeError, ValueError):
            pass
    return raw


def _read_file(path: Path, into: CatalogFiles) -> None:
    try:
        raw = _parse(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise CatalogError(
            f"{path}: cannot read catalog file ({type(err).__name__})",
            hint="Check that the file is UTF-8 YAML; see docs/catalog.md for the layout.",
        ) from err
    if not isinstance(raw, dict) or not set(raw) <= set(FILE_KINDS) or not raw:
        raise CatalogError(
            f"{path}: a catalog file must be a mapping with one or more of the keys {', '.join(FILE_KINDS)}",
            hint="Start the file with `indicators:`, `regions:`, `units:`, `demonyms:` or `aliases:` and a list.",
        )
    for kind, entries in raw.items():
        if not isinstance(entries, list):
            raise CatalogError(f"{path}: `{kind}` must be a list of entries", hint="Write each entry as `- id: ...`.")
        schema = _SCHEMAS[kind]
        target: list[tuple[_Entry, str]] = getattr(into, kind)
        for position, entry in enumerate(entries):
            name = entry.get("id") or entry.get("code") or entry.get("region") if isinstance(entry, dict) else None
            label = f"{kind}[{position}]" + (f" ({name})" if name else "")
            if not isinstance(entry, dict):
                raise CatalogError(f"{path}: {label} is not a mapping", hint="Write each entry as `- id: ...`.")
            try:
                target.append((schema.model_validate(entry), str(path)))
            except ValidationError as err:
                raise CatalogError(
                    f"{path}: {label}: {_describe(err)}",
                    hint="Fix the named key; docs/catalog.md describes every field.",
                ) from None


def _files(directory: Path) -> Iterable[Path]:
    if not directory.is_dir():
        raise CatalogError(
            f"catalog directory not found: {directory}",
            hint="Check RISO_CATALOG_PATH or the directories passed to load_catalog().",
        )
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def read_dirs(dirs: Sequence[Path]) -> CatalogFiles:
    """Read and validate every YAML file in the directories, in order."""
    files = CatalogFiles()
    for directory in dirs:
        for path in _files(directory):
            _read_file(path, files)
    return files
