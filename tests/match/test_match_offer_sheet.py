"""Offers from any sheet (patents, pilot bases): column mapping, CSV and XLSX, bad rows with line numbers,
and the imported offers are matched like the registers' projects."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.errors import BadRequest, BadRows
from riso.match.sources import OFFER_COLUMNS, offers_from_rows
from riso.services import match as match_service
from riso.store import open_store


def _rows(*rows: dict[str, str]) -> list[tuple[int, dict[str, str]]]:
    return [(i + 2, r) for i, r in enumerate(rows)]


def test_offer_sheet_patents_with_mapped_chinese_headers(tmp_path: Path) -> None:
    sheet = tmp_path / "patents.csv"
    sheet.write_text(
        "公开号,专利名称,摘要,申请人,省份,申请日\n"
        "CN112002001A,一种动力电池热管理系统及其控制方法,通过液冷板控制电池包温度，防止热失控,重庆大学,重庆,2020-08-14\n"
        "CN112002001A,一种动力电池热管理系统及其控制方法,重复的行,重庆大学,重庆,2020-08-14\n"
        "CN113000002B,燃料电池电堆低温冷启动装置,,清华大学,北京,2021\n", encoding="utf-8")
    columns = {"id": "公开号", "title": "专利名称", "text": "摘要", "holder": "申请人", "region": "省份",
               "year": "申请日"}
    with open_store(tmp_path / "m.duckdb") as store:
        report = match_service.import_offer_sheet(store, sheet, kind="patent", columns=columns)
        assert (report.rows_read, report.new, report.duplicates) == (3, 2, 1)
        offer = store.get_offer("o:patent:CN112002001A")
        assert offer.kind == "patent" and offer.language == "zh" and offer.region == "CN-CQ" and offer.year == 2020
        assert offer.holder == "重庆大学" and offer.holder_actor and offer.provenance.row == "patents.csv:2"
        found = match_service.match_text(store, "Wärmemanagement für Antriebsbatterien", language="de", k=2,
                                         mode="lexical")
        assert found.matches[0].offer == "o:patent:CN112002001A"  # a German need finds the Chinese patent
        assert "thermal_management" in found.matches[0].explanation.concepts


def test_offer_sheet_pilot_bases_from_xlsx_with_a_kind_column(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["id", "kind", "title", "text", "holder", "region", "year"])
    ws.append(["cq-pilot-1", "pilot_base", "Pilot line for solid-state battery cells", "Open to SMEs", "Chongqing "
               "Institute of Green and Intelligent Technology", "Chongqing", 2022])
    ws.append(["cq-test-2", "pilot_base", "智能网联汽车测试场", "封闭测试道路 12 公里", "中国汽车工程研究院", "CN-CQ",
               None])
    book.save(tmp_path / "bases.xlsx")
    with open_store(tmp_path / "m.duckdb") as store:
        report = match_service.import_offer_sheet(store, tmp_path / "bases.xlsx")
        assert report.new == 2
        first = store.get_offer("o:pilot_base:cq-pilot-1")
        assert first.language == "en" and first.year == 2022 and first.region == "CN-CQ"
        assert store.get_offer("o:pilot_base:cq-test-2").language == "zh"


def test_offer_sheet_bad_rows_name_their_line_and_nothing_is_imported(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("title,kind,region,year,language\nGood patent on lidar,patent,Sichuan,2019,en\n,patent,,,en\n"
                     "Rocket,spaceship,,,en\nSensor,patent,Atlantis,,en\nValve,patent,,next year,en\n"
                     "Ventil,patent,,,\n", encoding="utf-8")
    with open_store(tmp_path / "m.duckdb") as store:
        with pytest.raises(BadRows) as err:
            match_service.import_offer_sheet(store, sheet)
        text = str(err.value)
        for line, says in ((3, "no title"), (4, "spaceship"), (5, "Atlantis"), (6, "not a year"),
                           (7, "cannot tell the language")):
            assert f"line {line}: " in text and says in text
        assert store.count_offers() == 0
        report = match_service.import_offer_sheet(store, sheet, skip_bad_rows=True)
        assert report.new == 1 and report.skipped == 5
        with pytest.raises(BadRequest, match="unknown offer column"):
            match_service.import_offer_sheet(store, sheet, columns={"name": "title"})
        with pytest.raises(BadRequest, match="unknown offer kind"):
            match_service.import_offer_sheet(store, sheet, kind="gadget")


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(OFFER_COLUMNS), st.text(max_size=40), max_size=len(OFFER_COLUMNS)))
def test_offer_sheet_any_row_is_an_offer_or_a_bad_row(row: dict[str, str]) -> None:
    batch = offers_from_rows(_rows(row), file="x.csv", source="x.csv", kind="result")
    assert len(batch.offers) + len(batch.bad_rows) == 1
    for offer in batch.offers:
        assert offer.title.strip() and offer.id.startswith(f"o:{offer.kind}:")
