"""The three techme registers imported on both backends; bad rows with their lines; merged provenance."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from riso.errors import BadRows, ConfigError, DataImportError
from riso.network.registers import PRESETS, parse_mapping
from riso.services.actors import import_register, load_shipped_registers, shipped_register_path
from riso.store import Store

TECHME = ("data", "raw", "techme")


@pytest.fixture
def techme(shared_data: Path) -> Path:
    folder = shared_data.joinpath(*TECHME[1:])
    if not (folder / "PubSKLMost.csv").is_file():
        pytest.skip(f"techme registers not found in {folder}")
    return folder


def test_registers_shipped_copies_are_the_shared_files(techme: Path) -> None:
    for preset in PRESETS.values():
        shipped = shipped_register_path(preset.id).read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == hashlib.sha256((techme / preset.file).read_bytes()).hexdigest()


def test_registers_import_all_three_idempotent(store: Store, techme: Path) -> None:
    reports = load_shipped_registers(store, directory=techme)
    assert [r.rows_read for r in reports] == [509, 2579, 2453]
    assert all(not r.bad_rows for r in reports)
    actors, relations = store.count_actors(), store.count_relations()
    assert actors > 1500 and relations > 3000
    again = load_shipped_registers(store, directory=techme)
    assert all(r.already_imported for r in again)
    assert (store.count_actors(), store.count_relations()) == (actors, relations)
    # Chongqing's state key laboratories with their hosts
    cq = {a.name: a for a in store.list_actors(region="CN-CQ", type="laboratory")}
    assert len(cq) == 10 and cq["机械传动国家重点实验室"].lab_level == "state_key"
    assert cq["省部共建超声医学工程国家重点实验室"].lab_level == "province_ministry"
    hosts = {r.source for r in store.relations_of(cq["汽车噪声振动和安全技术国家重点实验室"].id) if r.type == "hosting"}
    names = {store.get_actor(h).name for h in hosts}
    assert names == {"中国汽车工程研究院股份有限公司", "重庆长安汽车股份有限公司"}
    changan = next(a for a in store.list_actors(query="重庆长安汽车股份"))
    assert changan.ownership == "state_owned" and changan.type == "enterprise"
    # one actor from three registers keeps every provenance
    cqu = store.get_actor(next(a.id for a in store.list_actors(query="重庆大学") if a.name == "重庆大学"))
    files = {str(p.row).split(":")[0] for p in cqu.sources}
    assert files == {"PubSKLMost.csv", "PubNKRDP.csv", "PubOpenShare.csv"}
    assert all(p.quote for p in cqu.sources)


def test_registers_bad_rows_are_listed_with_lines_and_nothing_is_stored(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "labs.csv"
    path.write_text("name,province,host\n重庆甲实验室,重庆,重庆大学\n,重庆,x\n乙实验室,火星,y\n", encoding="utf-8")
    mapping = parse_mapping(["name=name", "region=province", "host=host"])
    with pytest.raises(BadRows) as err:
        import_register(store, path, mapping)
    assert err.value.rows == [(3, "no name in column 'name'"), (4, "unknown region '火星'")]
    assert "line 3" in str(err.value) and store.count_actors() == 0
    report = import_register(store, path, mapping, skip_bad_rows=True)
    assert report.actors_new == 2 and report.skipped == 2 and store.count_relations() == 1


def test_registers_xlsx_and_mapping_errors(store: Store, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "parks.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, row in enumerate([["园区", "省份"], ["两江新区", "重庆"], ["西部科学城重庆高新区", "重庆"]]):
        sheet.write_row(r, 0, row)
    book.close()
    report = import_register(store, path, parse_mapping(["name=园区", "region=省份", "type==park"]))
    assert report.actors_new == 2 and {a.type for a in store.list_actors()} == {"park"}
    with pytest.raises(ConfigError):
        parse_mapping(["region=省份"])
    with pytest.raises(ConfigError):
        parse_mapping(["nom=x"])
    with pytest.raises(DataImportError, match="no column '省'"):
        import_register(store, path, parse_mapping(["name=园区", "region=省"]))
