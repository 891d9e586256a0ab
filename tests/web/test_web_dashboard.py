"""The dashboard in real headless Chromium: overview, region, evidence, language switch, upload (screenshots kept)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS, CORPUS, EDITOR_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _page(browser: Any, **options: Any) -> Page:
    context = browser.new_context(**options)
    return context.new_page()  # type: ignore[no-any-return]


def test_web_overview_region_targets_and_evidence(browser: Any, server: str) -> None:
    page = _page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text("Overview")
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    page.get_by_role("link", name="Chongqing").first.click()
    expect(page).to_have_url(re.compile(r"/regions/CN-CQ$"))
    cards = page.locator("li.card.target")
    expect(cards).to_have_count(3)
    for i in range(3):
        card = cards.nth(i)
        assert card.locator("progress, .unavailable").count() >= 1  # a bar, or a clear 'not available yet'
        assert card.locator("svg.chart").count() == 1
        for language in ("de", "it", "fr"):
            expect(card.locator(f'blockquote[lang="{language}"]')).to_have_count(1)
    rd = cards.filter(has=page.locator(".figure", has_text="3 %"))
    expect(rd.locator("progress")).to_have_count(1)  # assessed against the NBS series shipped with riso
    expect(rd.locator(".status")).not_to_have_text("not assessed")
    assert rd.locator("svg.chart g.pt.observed").count() >= 5
    high_tech = cards.filter(has=page.locator(".figure", has_text="20,000"))
    expect(high_tech).to_have_count(1)
    expect(high_tech.locator('blockquote[lang="de"]')).to_contain_text("20.000")
    expect(high_tech.locator('blockquote[lang="fr"]')).to_contain_text("20 000")
    page.screenshot(path=str(ARTIFACTS / "region.png"), full_page=True)

    high_tech.locator("li", has=page.locator('blockquote[lang="de"]')).get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("20,000")
    expect(page.locator("blockquote.passage mark")).to_contain_text("20.000")
    expect(page.locator(".fact-language")).to_have_text("de")
    expect(page.get_by_role("link", name="all language versions side by side")).to_be_visible()
    main = page.locator("main")
    expect(main).not_to_contain_text(str(CORPUS))  # no local path, no ids, no character offsets
    expect(main).not_to_contain_text("sha256:")
    expect(main).not_to_contain_text("high_tech_enterprises")
    page.get_by_role("link", name="Back to the target's progress").click()
    expect(page).to_have_url(re.compile(r"/regions/CN-CQ$"))
    page.go_back()
    page.screenshot(path=str(ARTIFACTS / "evidence.png"), full_page=True)

    page.get_by_role("link", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.locator("h1")).to_contain_text("证据")
    page.get_by_role("link", name="总览").click()
    expect(page.locator("h1")).to_have_text("总览")
    page.screenshot(path=str(ARTIFACTS / "overview-zh.png"), full_page=True)
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Overview")


def test_web_story_compare_search_and_keyboard(browser: Any, server: str) -> None:
    page = _page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server + "/stories/s:chongqing-innovation")
    page.locator("article.version h3 a").first.click()  # a document page: metadata, full text with its facts
    expect(page.locator("main")).not_to_contain_text(str(CORPUS))
    assert page.locator("div.full-text mark").count() >= 3
    assert page.title().endswith("· riso")
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)
    page.goto(server + "/stories/s:chongqing-innovation")
    expect(page.locator("article.version")).to_have_count(3)
    assert page.locator("article.version mark").count() >= 9
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)

    page.goto(server + "/compare")
    expect(page.locator("section[aria-labelledby=h-coop] table").first).to_contain_text("Greater Bay Area")
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)

    page.goto(server + "/search")
    page.get_by_label("Search documents and facts in any language").fill("haute technologie")
    page.keyboard.press("Enter")
    expect(page.locator("blockquote[lang=fr] mark").first).to_have_text("haute technologie")

    page.goto(server + "/")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_web_phone_layout(browser: Any, server: str) -> None:
    page = _page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(server + "/regions/CN-CQ")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the region page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(ARTIFACTS / "region-phone.png"), full_page=True)


def test_web_editor_uploads_a_document_and_sees_its_facts(browser: Any, server: str, tmp_path: Any) -> None:
    page = _page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server + "/upload")
    expect(page.locator(".unavailable")).to_be_visible()  # anonymous visitors may not upload
    page.get_by_role("link", name="Log in").last.click()
    page.get_by_label("User name").fill("edith")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/upload$"))
    upload = tmp_path / "wasserstoff.txt"
    upload.write_text(
        "Chongqing baut seine Wasserstoffwirtschaft aus.\n\n"
        "Bis 2027 sollen in Chongqing 50 neue Wasserstofftankstellen entstehen.\n\n"
        "Bis 2030 strebt die Stadt an, eine F&E-Quote von 3,5 % zu erreichen.\n",
        encoding="utf-8",
    )
    page.locator("#doc-file").set_input_files(str(upload))
    page.locator("form.upload").first.get_by_role("button", name="Upload").click()
    expect(page).to_have_url(re.compile(r"/upload/jobs/up_"))  # queued: the worker reads it off the request
    page.screenshot(path=str(ARTIFACTS / "upload-queued.png"), full_page=True)
    expect(page).to_have_url(re.compile(r"/documents/sha256:"), timeout=180_000)  # the page refreshes itself
    notice = page.locator(".notice")
    expect(notice).to_contain_text("Stored with")
    shown = int(re.search(r"(\d+)", notice.inner_text()).group(1))  # type: ignore[union-attr]
    expect(page.locator("table.facts tbody tr")).to_have_count(shown)
    assert shown >= 1, "the extraction stage found no facts in the uploaded document"
    expect(page.locator("table.facts")).to_contain_text("2027")
    page.screenshot(path=str(ARTIFACTS / "upload-result.png"), full_page=True)
    page.goto(server + "/search?q=Wasserstofftankstellen")
    expect(page.locator("main")).to_contain_text("Bis 2027 sollen in Chongqing 50 neue Wasserstofftankstellen")
