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
    # the index's name from its framework, in the UI language
    expect(caption).to_contain_text("Provincial innovation index" if lang == "en" else "省级创新指数")
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
    page.locator("form", has=page.locator("#pick-unit")).get_by_role("button", name="Show").click()
    expect(page.locator("#profile h3")).to_contain_text("Sichuan")
    page.locator("details summary", has_text="All ranks as a table").click()
    row = page.locator("table.ranks tbody tr", has_text="Beijing")
    expect(row.locator("td").first).to_have_text("1")
    row.get_by_role("link").click()
    expect(page.locator("#profile h3")).to_contain_text("Beijing")


HEADERS = {"en": ["Area", "Cooperation projects", "Key fields", "Investment (CNY bn)"],
           "zh": ["区域", "合作项目数", "重点领域", "投资额 (CNY bn)"]}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_compare_side_by_side_map_tables(browser: Any, server: str, lang: str, viewport: str) -> None:
    from web_helpers import axe_violations, empty_headings, no_sideways_scroll

    page = _page(browser, viewport)
    page.goto(f"{server}/compare?lang={lang}&r=CN-CQ&r=CN-SC&r=CN-BJ&i=rd_intensity")
    table = page.locator("table.side-by-side")
    heads = table.locator("thead th").all_inner_texts()
    assert heads[1:] == (["Chongqing", "Sichuan", "Beijing"] if lang == "en" else ["重庆市", "四川省", "北京市"])
    row = table.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_contain_text("≥ 3 %")
    expect(row.locator("td").nth(0)).to_contain_text("2027")
    expect(row.locator("td").nth(1)).to_contain_text("2.6 %")
    expect(row.locator("td").nth(2)).to_contain_text("7 %")
    expect(row.locator("td").nth(0).locator(".status")).to_have_text("at risk" if lang == "en" else "有风险")
    # the tile map of the provinces: R&D intensity in one year, every tile a link with a tooltip
    tiles = page.locator("#map-figure svg.tilemap a.tile")
    assert tiles.count() >= 30
    cq = page.locator('#map-figure a[data-region="CN-CQ"]')
    expect(cq.locator("title")).to_have_text(("Chongqing" if lang == "en" else "重庆市") + ": 2.48 % (2023)")
    expect(cq).to_have_attribute("href", "/regions/CN-CQ")
    expect(page.locator("#map-figure figcaption")).to_contain_text("2023")
    # the cooperation table: headers and region names in the UI language, numbers as numbers
    coop = page.locator("table.coop").first
    assert coop.locator("thead th").all_inner_texts() == HEADERS[lang]
    first = coop.locator("tbody tr").first
    expect(first.locator("th")).to_have_text("Yangtze River Delta" if lang == "en" else "长江三角洲")
    expect(first.locator("td.num").first).to_have_text("28")
    expect(coop.locator("td[lang=de]").first).to_contain_text("Integrierte Schaltungen")  # text stays, marked
    assert empty_headings(page) == []
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(ARTIFACTS / f"compare-{lang}-{viewport}.png"), full_page=True)
    assert axe_violations(page) == []


def test_web_compare_europe_map_and_index_map(browser: Any, server: str) -> None:
    page = _page(browser, "desktop")
    page.goto(f"{server}/compare?lang=en")
    page.locator("#pick-map").select_option("europe")
    page.locator("#map form button").click()
    de = page.locator('#map-figure a[data-region="DE"]')
    expect(de.locator("title")).to_contain_text("Germany: ")
    expect(de.locator("title")).to_contain_text("%")
    assert page.locator("#map-figure a.tile").count() >= 25
    page.locator("#map-figure").screenshot(path=str(ARTIFACTS / "compare-map-europe.png"))
    page.goto(f"{server}/compare?lang=en&map=china&value=index")
    expect(page.locator('#map-figure a[data-region="CN-CQ"] title')).to_contain_text("Chongqing: 17")
    expect(page.locator("#map-figure figcaption")).to_contain_text("Provincial innovation index")
    page.locator("#map-figure").screenshot(path=str(ARTIFACTS / "compare-map-index.png"))


def test_web_compare_tile_grids_name_gazetteer_regions() -> None:
    """Every tile of the grid file is a gazetteer region, and no two share a square."""
    from riso.catalog import load_catalog
    from riso.web.tilemap import grids

    regions = load_catalog().regions
    for grid in grids().values():
        assert sorted(set(grid.tiles) - set(regions)) == [], grid.id
        assert all(0 <= c < grid.columns and 0 <= r < grid.rows for c, r in grid.tiles.values()), grid.id
    assert "NO" in grids()["europe"].tiles
