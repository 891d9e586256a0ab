"""Data to take away, in headless Chromium: every table of the comparison page downloads as CSV and Excel, its
charts as SVG, and a region's briefing as HTML and PDF from its page (issue 12 items 4 and 9)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from playwright.sync_api import expect
from web_helpers import ARTIFACTS, new_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _download(page: Any, link: Any) -> Any:
    with page.expect_download() as info:
        link.click()
    return info.value


def test_web_compare_downloads(browser: Any, server: str) -> None:
    page: Any = new_page(browser, "desktop")
    page.goto(f"{server}/compare?lang=en&r=CN-CQ&r=CN-SC&i=rd_intensity")
    side = page.locator("#side-by-side")
    got = _download(page, side.get_by_role("link", name="CSV"))
    rows = list(csv.DictReader(io.StringIO(got.path().read_text(encoding="utf-8"))))
    assert sorted(r["region"] for r in rows) == ["CN-CQ", "CN-SC"]
    assert {r["indicator"] for r in rows} == {"rd_intensity"}
    assert _download(page, side.get_by_role("link", name="Excel")).path().read_bytes()[:2] == b"PK"
    side.get_by_role("link", name="Link to this view").click()
    expect(page.locator("table.side-by-side thead th")).to_have_count(3)  # the permalink keeps the choice
    svg = _download(page, page.locator("#map-figure").get_by_role("link", name="SVG")).path().read_text("utf-8")
    assert svg.startswith("<?xml") and "<style>" in svg and 'data-region="CN-CQ"' in svg
    shown = new_page(browser, "desktop")
    shown.set_content(svg.split("?>", 1)[1])
    shown.locator("svg").screenshot(path=str(ARTIFACTS / "map-download.png"))
    index = page.locator("#index-chart")
    ranks = _download(page, index.get_by_role("link", name="CSV")).path().read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(ranks)))
    assert len(table) >= 20 and table[0]["rank"] == "1" and table[0]["rank_q5"]
    chart = _download(page, index.get_by_role("link", name="SVG")).path().read_text(encoding="utf-8")
    assert chart.startswith("<?xml") and "Provincial innovation index" in chart
    coop = page.locator("section", has=page.locator("#h-coop"))
    text = _download(page, coop.get_by_role("link", name="CSV").first).path().read_text(encoding="utf-8")
    body = list(csv.reader(io.StringIO(text)))
    assert body[0] == ["Area", "Cooperation projects", "Key fields", "Investment (CNY bn)"]
    assert body[1][0] == "Yangtze River Delta" and float(body[1][1]) == 28


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_region_briefing_download(browser: Any, server: str, lang: str) -> None:
    page: Any = new_page(browser, "desktop")
    page.goto(f"{server}/regions/CN-CQ?lang={lang}")
    html = _download(page, page.locator("#summary .briefing").get_by_role("link", name="HTML"))
    text = html.path().read_text(encoding="utf-8")
    assert ("Chongqing" if lang == "en" else "重庆") in text and "riso data" not in text
    shown = new_page(browser, "desktop")
    shown.set_content(text)
    shown.screenshot(path=str(ARTIFACTS / f"briefing-download-{lang}.png"))
    if lang == "en":
        pdf = _download(page, page.locator("#summary .briefing").get_by_role("link", name="PDF"))
        assert pdf.path().read_bytes()[:5] == b"%PDF-"
