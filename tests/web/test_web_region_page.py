"""The region page an analyst reads, in headless Chromium: the summary first (targets by status, index rank with its
interval, latest data), measured data with dataset and row, the strategy once across languages in the UI language,
rankings with indicator, year and scope, clusters, no empty heading (en, zh; desktop, phone; axe)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from web_helpers import ARTIFACTS, axe_violations, empty_headings, new_page, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CIRCLE = {"en": "Chengdu-Chongqing Economic Circle", "zh": "成渝地区双城经济圈"}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_region_page_summary_data_strategy(browser: Any, server: str, lang: str, viewport: str) -> None:
    page: Any = new_page(browser, viewport)
    page.goto(f"{server}/regions/CN-CQ?lang={lang}")
    sections = page.locator("main > section")
    expect(sections.first).to_have_id("summary")  # the summary comes before the cards
    summary = page.locator("#summary")
    counts = summary.locator("ul.statuses li strong")
    assert sum(int(c) for c in counts.all_inner_texts()) == page.locator("li.card.target").count() == 3
    expect(summary.locator("ul.statuses")).to_contain_text("at risk" if lang == "en" else "有风险")
    rank = summary.locator(".figure")
    expect(rank).to_contain_text("rank" if lang == "en" else "名")  # the index rank, of n regions
    expect(summary).to_contain_text("Provincial innovation index" if lang == "en" else "省级创新指数")
    expect(summary).to_contain_text("90 %")  # its interval
    changes = summary.locator("ul.changes li")
    assert changes.count() >= 3
    expect(changes.filter(has_text="2023").first).to_be_visible()
    expect(summary.locator("ul.changes")).to_contain_text("R&D intensity" if lang == "en" else "研发投入强度")
    # money in the unit as the UI language writes it (亿元, not the code CNY 100m)
    expect(summary.locator("ul.changes")).to_contain_text("CNY 100m" if lang == "en" else "亿元")
    if lang == "zh":
        expect(summary.locator("ul.changes")).not_to_contain_text("CNY 100m")
    # measured data: one page of rows, each with its dataset and file row, a pager, downloads
    obs = page.locator("table.observations-table tbody tr")
    assert 0 < obs.count() <= 50
    first = obs.first.locator("td")
    expect(first.nth(1)).not_to_be_empty()  # year, value, dataset, row (the indicator is the row header)
    expect(first.nth(2)).to_contain_text("China Statistical Yearbook")
    expect(first.nth(2).locator("span")).to_have_attribute("title", re.compile("techme"))
    expect(first.nth(3)).to_contain_text("row" if lang == "en" else "行")
    total = int(page.locator("#observations p.meta").inner_text().split()[0])
    assert total > 50  # Chongqing has more measured values than one page
    expect(page.locator("#observations nav.pager a[rel=next]")).to_have_count(1)
    expect(page.locator("#observations nav.pager")).to_contain_text(str(-(-total // 50)))
    # the strategy: the economic circle in the UI language (the gazetteer's name), once
    circle = page.locator("ul.entities li", has_text=CIRCLE[lang])
    expect(circle).to_have_count(1)
    expect(page.locator("ul.entities > li > a:first-child", has_text="Chengdu-Chongqing-Wirtschaftskreis")) \
        .to_have_count(0 if lang in CIRCLE else 1)
    expect(circle.get_by_role("link", name="its page" if lang == "en" else "区域页面")).to_have_attribute(
        "href", "/regions/cn-chengdu-chongqing-circle")
    # clusters the region is part of
    expect(page.locator("#h-clusters ~ ul.inline-list").first).to_contain_text(CIRCLE[lang])
    # rankings: indicator, rank, year, scope columns
    heads = page.locator("table.ranks-table thead th").all_inner_texts()
    assert heads[:4] == (["Indicator", "Rank", "Year", "Ranked among"] if lang == "en"
                         else ["指标", "名次", "年份", "排名范围"])
    rank_row = page.locator("table.ranks-table tbody tr").first
    expect(rank_row.locator("td").nth(0)).to_have_text("7")
    expect(rank_row.locator("td").nth(2)).to_have_text("national" if lang == "en" else "全国")  # rank, year, scope
    assert empty_headings(page) == []
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(ARTIFACTS / f"region-page-{lang}-{viewport}.png"), full_page=True)
    assert axe_violations(page) == []


def test_web_region_page_pages_and_downloads(browser: Any, server: str) -> None:
    page: Any = new_page(browser, "desktop")
    page.goto(f"{server}/regions/CN-CQ")
    before = page.locator("table.observations-table tbody tr").first.inner_text()
    page.locator("#observations nav.pager").get_by_role("link", name="Next page").click()
    expect(page.locator("#observations nav.pager")).to_contain_text("page 2 of 3")
    assert page.locator("table.observations-table tbody tr").first.inner_text() != before
    with page.expect_download() as info:
        page.locator("#observations").get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == int(page.locator("#observations p.meta").inner_text().split()[0])
    assert all(r["dataset"] and r["source_row"] and r["region"] == "CN-CQ" for r in rows)
    rd = [r for r in rows if r["indicator"] == "rd_intensity" and r["period"] == "2023"]
    assert rd and float(rd[0]["value"]) == 2.48 and rd[0]["indicator_label"] == "R&D intensity"
    with page.expect_download() as info:
        page.locator("section", has=page.locator("#h-ranks")).get_by_role("link", name="Excel").click()
    assert info.value.path().read_bytes()[:2] == b"PK"  # an xlsx is a zip
    ranks = page.request.get(f"{server}/downloads/regions/CN-CQ/rankings.csv").text()
    assert "innovation_index_rank" in ranks and "national" in ranks
    assert page.request.get(f"{server}/downloads/regions/XX-NOPE/rankings.csv").status == 404


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_region_page_strategy_once_across_languages(browser: Any, corpus_server: str, lang: str) -> None:
    """On the real pipeline's facts: hubs named in the German, Italian and French versions are listed once."""
    page: Any = new_page(browser, "desktop")
    page.goto(f"{corpus_server}/regions/CN-CQ?lang={lang}")
    links = page.locator("ul.entities > li > a:first-child").all_inner_texts()
    assert len(links) == len(set(links)), "an entity is listed twice"
    hub = page.locator("ul.entities > li", has_text="Polo di innovazione per i nuovi materiali")
    expect(hub).to_have_count(1)  # one line, with its other-language names
    expect(hub).to_contain_text("Innovationszentrum für neue Materialien")
    expect(hub).to_contain_text("nouveaux matériaux")
    assert empty_headings(page) == []
    page.screenshot(path=str(ARTIFACTS / f"region-corpus-{lang}-desktop.png"), full_page=True)
    page.locator("section", has=page.locator("#h-strategy")).screenshot(
        path=str(ARTIFACTS / f"region-corpus-strategy-{lang}.png"))
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_region_page_cluster_and_quiet_region(browser: Any, server: str, lang: str) -> None:
    """A cluster lists its member regions; a region with few facts says what is missing instead of empty headings."""
    page: Any = new_page(browser, "phone")
    page.goto(f"{server}/regions/cn-chengdu-chongqing-circle?lang={lang}")
    members = page.locator("#h-clusters ~ ul.inline-list").first
    expect(members.get_by_role("link")).to_have_text(["Chongqing", "Sichuan"] if lang == "en" else ["重庆市", "四川省"])
    assert empty_headings(page) == []
    assert axe_violations(page) == []
    page.goto(f"{server}/regions/CN-XZ?lang={lang}")
    expect(page.locator("#h-targets ~ p.unavailable")).to_be_visible()  # no target: how one is added
    expect(page.locator("section", has=page.locator("#h-strategy")).locator("p.unavailable")).to_be_visible()
    assert empty_headings(page) == []
    no_sideways_scroll(page, "phone")
    page.screenshot(path=str(ARTIFACTS / f"region-quiet-{lang}-phone.png"), full_page=True)
    assert axe_violations(page) == []
