"""Review in real headless Chromium: an editor corrects a fact on its evidence page; the target page shows it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS, EDITOR_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _page(browser: Any) -> Page:
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[no-any-return]


def test_web_editor_corrects_a_fact_and_the_target_page_shows_it(browser: Any, server: str) -> None:
    page = _page(browser)
    page.goto(server + "/regions/CN-CQ")
    card = page.locator("li.card.target").filter(has=page.locator(".figure", has_text="20,000"))
    card.locator("li", has=page.locator('blockquote[lang="de"]')).get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("20,000")
    expect(page.locator("form.review-form")).to_have_count(0)  # anonymous visitors see no review form
    evidence = page.url

    page.goto(server + "/login?next=" + evidence.removeprefix(server))
    page.get_by_label("User name").fill("edith")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(evidence)
    form = page.locator("form.review-form")
    expect(form).to_be_visible()
    expect(page.locator("#rv-value")).to_have_value("20000")
    page.locator("#rv-value").fill("25000")
    page.locator("#rv-deadline").fill("2029")
    page.locator("#rv-note").fill("Der Plan nennt 25.000")
    page.locator("#rv-correct").click()
    expect(page).to_have_url(re.compile(r"reviewed=corrected"))
    expect(page.locator(".notice")).to_be_visible()
    expect(page.locator(".review-state")).to_contain_text("corrected")
    expect(page.locator(".review-state")).to_contain_text("edith")
    expect(page.locator("section.review")).to_contain_text("20000")  # what the extractor had read
    expect(page.locator("h1")).to_contain_text("25,000")
    page.screenshot(path=str(ARTIFACTS / "review-corrected.png"), full_page=True)

    page.goto(server + "/regions/CN-CQ")
    corrected = page.locator("li.card.target").filter(has=page.locator(".figure", has_text="25,000"))
    expect(corrected).to_have_count(1)
    expect(corrected).to_contain_text("2029")
    expect(corrected.locator('blockquote[lang="de"]')).to_contain_text("20.000")  # the quote stays the source's
    original = page.locator("li.card.target").filter(has=page.locator(".figure", has_text="20,000"))
    expect(original).to_have_count(1)  # it/fr versions still say so
    page.screenshot(path=str(ARTIFACTS / "review-region.png"), full_page=True)

    page.goto(server + "/review")
    expect(page.locator("main")).to_contain_text("edith")  # the recent decisions, with who made them
    page.goto(server + "/lang/zh?next=/review")
    expect(page.locator("h1")).to_have_text("待审核的事实")
