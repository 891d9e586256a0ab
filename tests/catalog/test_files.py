"""Catalog data files: schema validation that names the file and key, and user extension directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.catalog import DATA_DIR, catalog_dirs, load_catalog
from riso.errors import CatalogError

INDICATOR = """
indicators:
  - id: {id}
    unit: count
    labels: {{en: Science parks, de: Wissenschaftsparks, fr: parcs scientifiques, it: parchi scientifici,
             es: parques científicos, zh: 科技园区}}
    synonyms: {{de: [Technologieparks]}}
    definition: Science and technology parks.
    source: IASP
"""


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_files_builtin_data_validates() -> None:
    names = sorted(p.name for p in DATA_DIR.glob("*.yaml"))
    assert "indicators.yaml" in names and "units.yaml" in names
    assert load_catalog() is load_catalog()  # cached


def test_files_extra_dir_adds_entries(tmp_path: Path) -> None:
    _write(tmp_path, "parks.yaml", INDICATOR.format(id="science_parks"))
    _write(
        tmp_path,
        "places.yaml",
        "regions:\n  - {id: cn-cq-liangjiang, level: district, parent: CN-CQ,\n"
        "     names: {en: Liangjiang New Area, zh: 两江新区}}\n",
    )
    catalog = load_catalog([tmp_path])
    assert catalog.indicator("Technologieparks").id == "science_parks"
    assert catalog.region("两江新区").parent == "CN-CQ"
    assert catalog.find_regions("重庆两江新区")[-1].id == "cn-cq-liangjiang"
    assert "science_parks" not in load_catalog().indicators


def test_files_env_path_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "parks.yaml", INDICATOR.format(id="science_parks_env"))
    monkeypatch.setenv("RISO_CATALOG_PATH", str(tmp_path))
    assert catalog_dirs()[-1] == tmp_path
    assert "science_parks_env" in load_catalog().indicators


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("indicators:\n  - id: x\n", "indicators[0] (x)"),
        (INDICATOR.format(id="Bad-Id"), "id: String should match pattern"),
        (
            INDICATOR.format(id="parks").replace("zh: 科技园区", "pt: parques"),
            "labels: Value error, labels missing for zh",
        ),
        (INDICATOR.format(id="parks").replace("unit: count", "unit: count\n    direction: 2"), "direction"),
        (INDICATOR.format(id="parks").replace("source: IASP", "source: IASP\n    colour: red"), "colour: Extra inputs"),
        ("regions:\n  - {id: CN-XX, level: planet, names: {en: X}}\n", "regions[0] (CN-XX): level"),
        ("regions:\n  - {id: CN-XX, level: province, names: {zh: 某省}}\n", "names needs at least an English"),
        ("units:\n  - {code: furlong, dimension: length, factor: -1}\n", "units[0] (furlong): factor"),
        ("places:\n  - id: x\n", "must be a mapping with one or more of the keys"),
        ("indicators: {id: x}\n", "`indicators` must be a list"),
        ("indicators:\n  - [1, 2]\n", "is not a mapping"),
        ("indicators: [\n", "cannot read catalog file"),
    ],
)
def test_files_schema_errors_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, "broken.yaml", text)
    with pytest.raises(CatalogError) as err:
        load_catalog([tmp_path])
    assert str(path) in str(err.value)
    assert expected in str(err.value)
    assert err.value.hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (INDICATOR.format(id="rd_intensity"), "indicator 'rd_intensity' is defined twice"),
        (INDICATOR.format(id="parks").replace("[Technologieparks]", "[F&E-Quote]"), "already a name of 'rd_intensity'"),
        (INDICATOR.format(id="parks").replace("unit: count", "unit: hectare"), "unknown unit 'hectare'"),
        ("regions:\n  - {id: CN-CQ, level: province, names: {en: Chongqing}}\n", "region 'CN-CQ' is defined twice"),
        ("regions:\n  - {id: cn-x, level: city, names: {en: Peking}}\n", "already a name of 'CN-BJ'"),
        ("regions:\n  - {id: cn-x, level: city, parent: CN-ZZ, names: {en: Nowhere}}\n", "unknown region 'CN-ZZ'"),
        ("regions:\n  - {id: cn-x, level: city, codes: [CHN], names: {en: Nowhere}}\n", "code 'CHN'"),
        ("units:\n  - {code: '%', dimension: ratio, factor: 0.01}\n", "unit '%' is defined twice"),
        ("units:\n  - {code: pc, dimension: ratio, factor: 0.01, forms: [Prozent]}\n", "'Prozent' is listed for both"),
    ],
)
def test_files_conflicts_are_reported(tmp_path: Path, text: str, expected: str) -> None:
    _write(tmp_path, "extra.yaml", text)
    with pytest.raises(CatalogError) as err:
        load_catalog([tmp_path])
    assert expected in str(err.value)


def test_files_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="catalog directory not found"):
        load_catalog([tmp_path / "nope"])
