"""Parsed catalog files are kept as JSON beside the user's cache (catalog load was dominated by YAML parsing):
the copy is used only while the file is unchanged, and a cache that cannot be written changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from riso.catalog import DATA_DIR
from riso.catalog._catalog import Catalog
from riso.catalog._files import read_dirs

USER_FILE = """indicators:
  - id: science_museums
    unit: count
    labels: {en: science museums, de: Wissenschaftsmuseen, fr: musées des sciences, it: musei della scienza,
             es: museos de ciencia, zh: 科技馆}
    definition: Science museums and centres open to the public.
    source: test
"""


def _user_dir(tmp_path: Path, text: str = USER_FILE) -> Path:
    folder = tmp_path / "catalog"
    folder.mkdir(exist_ok=True)
    (folder / "extra.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_cached_parse_gives_the_same_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISO_CACHE_DIR", str(tmp_path / "cache"))
    first = Catalog(read_dirs([DATA_DIR]))
    copies = list((tmp_path / "cache" / "catalog").glob("*.json"))
    assert len(copies) == len(list(DATA_DIR.glob("*.yaml")))
    second = Catalog(read_dirs([DATA_DIR]))  # read from the copies
    assert dict(first.indicators) == dict(second.indicators) and dict(first.regions) == dict(second.regions)


def test_a_changed_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISO_CACHE_DIR", str(tmp_path / "cache"))
    folder = _user_dir(tmp_path)
    assert Catalog(read_dirs([DATA_DIR, folder])).indicator("science_museums").labels["en"] == "science museums"
    path = folder / "extra.yaml"
    path.write_text(USER_FILE.replace("en: science museums", "en: science centres"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert Catalog(read_dirs([DATA_DIR, folder])).indicator("science_museums").labels["en"] == "science centres"


def test_no_cache_when_switched_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISO_CACHE_DIR", "off")
    read_dirs([_user_dir(tmp_path)])
    assert not list(tmp_path.rglob("*.json"))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be", encoding="utf-8")
    monkeypatch.setenv("RISO_CACHE_DIR", str(blocked))
    files = read_dirs([_user_dir(tmp_path)])
    assert [e.id for e, _ in files.indicators] == ["science_museums"]
