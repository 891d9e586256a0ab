"""The comparison page in headless Chromium: index ranks with intervals, a unit's strengths and weaknesses (en, zh)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def _page(browser: Any, viewport: str) -> Page:
    options: dict[str, Any] = {"viewport": VIEWPORTS[viewport]}
    if viewport == "phone":
        options.update(is_mobile=True, has_touch=True)
    return browser.new_context(**options).new_page()  # type: ignore[no-any-return]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_compare_index_ranks_and_profile(browser: Any, server: str, lang: str, viewport: str) -> None:
    page = _page(browser, viewport)
    page.goto(f"{server}/compare?lang={lang}&unit=CN-CQ")
    chart = page.locator("#index-chart svg.chart.ranks")
    expect(chart).to_have_count(1)
    caption = page.locator("#index-chart figcaption")
    expect(caption).to_contain_text("Provincial innovation index")  # the index's name from its framework
    expect(caption).to_contain_text("2023")  # and the data year
    expect(chart.locator("text.axis-label")).to_have_text("Rank (1 = best)" if lang == "en" else "排名（1 = 最佳）")
    assert chart.locator("text.tick").count() >= 3  # a rank axis with ticks
    points = chart.locator("g.pt")
    assert points.count() >= 20  # the provinces with enough data
    assert chart.locator("line.interval").count() >= points.count()  # every rank has its interval (and the legend)
    chongqing = "Chongqing" if lang == "en" else "重庆"
    expect(chart.locator("g.pt.current")).to_have_count(1)
    expect(chart.locator("text.label.current")).to_contain_text(chongqing)
    profile = page.locator("#profile")
    expect(profile.locator("h3")).to_contain_text(chongqing)
    expect(profile.locator("ol.strengths li")).to_have_count(3)
    expect(profile.locator("ol.weaknesses li")).to_have_count(3)
    expect(profile.locator("table.pillars tbody tr")).to_have_count(2)
    if lang == "en":
        expect(profile).to_contain_text("R&D intensity")  # indicator labels from the catalog
        expect(profile.locator(".figure")).to_contain_text("rank")
    else:
        expect(profile.locator(".figure")).to_contain_text("名")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], f"the comparison page scrolls sideways ({width}px)"
    page.screenshot(path=str(ARTIFACTS / f"compare-index-{lang}-{viewport}.png"), full_page=True)


def test_web_compare_pick_another_region(browser: Any, server: str) -> None:
    page = _page(browser, "desktop")
    page.goto(f"{server}/compare?lang=en")
    page.get_by_label("Region profile").select_option("CN-SC")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#profile h3")).to_contain_text("Sichuan")
    page.locator("details summary", has_text="All ranks as a table").click()
    row = page.locator("table.ranks tbody tr", has_text="Beijing")
    expect(row.locator("td").first).to_have_text("1")
    row.get_by_role("link").click()
    expect(page.locator("#profile h3")).to_contain_text("Beijing")
