"""Target cards in headless Chromium: charts with axes, unit, target line and deadline; progress in words; quotes
one per language; what data would assess a target without data (en, zh; desktop, phone; axe)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS, EDITOR_PASSWORD, VIEWPORTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _page(browser: Any, viewport: str) -> Page:
    options: dict[str, Any] = {"viewport": VIEWPORTS[viewport]}
    if viewport == "phone":
        options.update(is_mobile=True, has_touch=True)
    return browser.new_context(**options).new_page()  # type: ignore[no-any-return]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_region_cards_explain_themselves(browser: Any, server: str, lang: str, viewport: str) -> None:
    page = _page(browser, viewport)
    page.goto(f"{server}/regions/CN-CQ?lang={lang}")
    cards = page.locator("li.card.target")
    expect(cards).to_have_count(3)
    for i in range(3):
        chart = cards.nth(i).locator("svg.target-chart")
        expect(chart).to_have_count(1)
        expect(chart.locator("text.axis-label.x")).to_have_text("Year" if lang == "en" else "年份")
        expect(chart.locator("text.axis-label.y")).not_to_be_empty()
        expect(chart.locator("line.target-line").first).to_be_attached()
        expect(chart.locator("line.deadline-line")).to_have_count(1)
        assert chart.locator("text.tick").count() >= 4
        for language in ("de", "it", "fr"):  # one quote per language, the others behind "n more"
            expect(cards.nth(i).locator(f':scope > ul.quotes > li > blockquote[lang="{language}"]')).to_have_count(1)
    rd = cards.filter(has=page.locator("svg.target-chart polygon.band"))
    expect(rd).to_have_count(1)  # the R&D intensity card: measured, projected
    expect(rd.locator(".progress-words")).to_contain_text("%")
    expect(rd.locator("figcaption.source")).to_contain_text("NBS")
    expect(rd.locator("dl.values")).to_contain_text("2.48 %")
    high_tech = cards.filter(has=page.locator(".figure", has_text="20,000"))
    expect(high_tech.locator("svg text.no-data")).to_have_count(1)
    needs = high_tech.locator(".unavailable")
    expect(needs).to_contain_text("Chongqing" if lang == "en" else "重庆")
    expect(needs).not_to_contain_text("riso data")  # words for a user, no command line
    expect(needs.get_by_role("link")).to_have_count(0)  # the upload link is for editors
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], f"the region page scrolls sideways ({width}px)"
    page.screenshot(path=str(ARTIFACTS / f"region-cards-{lang}-{viewport}.png"), full_page=True)
    assert axe_violations(page) == []


def test_web_region_editor_gets_the_upload_link(browser: Any, server: str) -> None:
    page = _page(browser, "desktop")
    page.goto(f"{server}/login?next=/regions/CN-CQ")
    page.get_by_label("User name").fill("edith")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server}/regions/CN-CQ")
    high_tech = page.locator("li.card.target").filter(has=page.locator(".figure", has_text="20,000"))
    high_tech.get_by_role("link", name="Upload a data file with these values").click()
    expect(page.locator("h1")).to_have_text("Upload")


def test_web_region_chart_downloads_svg_and_png(browser: Any, server: str) -> None:
    page = _page(browser, "desktop")
    page.goto(f"{server}/regions/CN-CQ")
    rd = page.locator("li.card.target").filter(has=page.locator("svg.target-chart polygon.band"))
    with page.expect_download() as info:
        rd.get_by_role("link", name="SVG").click()
    svg = info.value.path().read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<style>" in svg and 'class="target-line"' in svg and "NBS" in svg
    with page.expect_download() as info:
        rd.get_by_role("link", name="PNG").click()
    assert info.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shown = _page(browser, "desktop")
    shown.set_content(svg.split("?>", 1)[1])  # the file on its own, with no page stylesheet
    shown.locator("svg").screenshot(path=str(ARTIFACTS / "chart-download.png"))
