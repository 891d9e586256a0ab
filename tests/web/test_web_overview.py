"""The overview's targets table in headless Chromium: filters as permalinks, sorting, chips, downloads, axe, phone."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS, VIEWPORTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _page(browser: Any, viewport: str, lang: str = "en") -> Page:
    options: dict[str, Any] = {"viewport": VIEWPORTS[viewport], "locale": "zh-CN" if lang == "zh" else "en-GB"}
    if viewport == "phone":
        options.update(is_mobile=True, has_touch=True)
    return browser.new_context(**options).new_page()  # type: ignore[no-any-return]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_overview_targets_table_filters_to_chongqing(browser: Any, server: str, lang: str, viewport: str) -> None:
    page = _page(browser, viewport, lang)
    page.goto(f"{server}/?lang={lang}")
    table = page.locator("table.targets-table")
    expect(table).to_be_visible()
    total = table.locator("tbody tr").count()
    assert total > 3, "the seeded store has targets of other regions too"
    page.locator("#f-region").select_option("CN-CQ")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"region=CN-CQ"))
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    chongqing = "Chongqing" if lang == "en" else "重庆"
    for i in range(3):
        expect(rows.nth(i).locator("td").first).to_contain_text(chongqing)
    rd = rows.filter(has_text="R&D" if lang == "en" else "研发")
    expect(rd.locator("td.num").nth(0)).to_contain_text("3 %")  # the target with its unit
    expect(rd.locator("td.num").nth(2)).to_contain_text("(2023)")  # the latest value with its year
    assert "%" in rd.locator("td.num").nth(2).inner_text()
    page.screenshot(path=str(ARTIFACTS / f"overview-table-{lang}-{viewport}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], f"the overview scrolls sideways ({width}px)"
    assert axe_violations(page) == []


def test_web_overview_permalink_sort_chips_and_row_links(browser: Any, server: str) -> None:
    page = _page(browser, "desktop")
    page.goto(f"{server}/?region=CN-CQ&sort=deadline&order=desc")
    rows = page.locator("table.targets-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td.num").nth(1)).to_have_text("2030")  # newest deadline first
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Deadline")
    page.locator("ul.statuses a", has_text="not assessable").click()  # a chip is a link to the filtered table
    expect(page).to_have_url(re.compile(r"status=not_assessable"))
    expect(rows).to_have_count(2)
    rows.first.locator("th a").click()  # a row links to its card
    expect(page).to_have_url(re.compile(r"/regions/CN-CQ#target-"))
    card_id = page.url.split("#", 1)[1]
    expect(page.locator(f"li.card.target[id='{card_id}']")).to_have_count(1)


def test_web_overview_csv_and_xlsx_downloads_open_in_pandas(browser: Any, server: str) -> None:
    page = _page(browser, "desktop")
    page.goto(f"{server}/?region=CN-CQ")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    frame = pd.read_csv(info.value.path())
    assert len(frame) == 3 and set(frame["region"]) == {"CN-CQ"}
    assert {"indicator", "target", "unit", "deadline", "latest_value", "latest_year", "status", "probability"} <= set(
        frame.columns)
    rd = frame[frame["indicator"] == "rd_intensity"].iloc[0]
    assert rd["target"] == 3.0 and rd["unit"] == "%" and int(rd["latest_year"]) == 2023
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    sheet = pd.read_excel(io.BytesIO(info.value.path().read_bytes()))
    assert len(sheet) == 3 and sheet["deadline"].dtype.kind in "if"
