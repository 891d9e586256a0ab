"""Search across languages in headless Chromium, on the real pipeline's facts (example corpus + Chongqing corpus):
a name in one language finds the statement in every language, merged, with filters and the region as a hit."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from web_helpers import ARTIFACTS, axe_violations, empty_headings, new_page, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _target_hit(page: Any) -> Any:
    return page.locator("li.hit.hit-target").filter(has=page.locator(".hit-head", has_text="20,000"))


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_search_one_language_finds_all(browser: Any, corpus_server: str, lang: str, viewport: str) -> None:
    page: Any = new_page(browser, viewport)
    page.goto(f"{corpus_server}/search?lang={lang}")
    page.locator("#q").fill("Hightech-Unternehmen")
    page.locator("form.search-form button").click()
    hit = _target_hit(page)
    expect(hit).to_have_count(1)  # the 20,000-enterprise target once, quoted in every language
    for language in ("de", "it", "fr", "zh"):
        expect(hit.locator(f'blockquote[lang="{language}"]')).to_have_count(1)
    expect(hit.locator('blockquote[lang="zh"]')).to_contain_text("2万")
    expect(hit.locator('blockquote[lang="it"] mark')).to_have_count(1)  # the Italian name of the indicator marked
    expect(hit.locator(".hit-head a")).to_have_attribute("href", re.compile(r"^/regions/CN-CQ#target-t-"))
    expect(page.locator("p.understood")).to_contain_text("high-tech enterprises" if lang == "en" else "高新技术企业")
    assert empty_headings(page) == []
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(ARTIFACTS / f"search-{lang}-{viewport}.png"), full_page=True)
    assert axe_violations(page) == []


def test_web_search_chinese_name_and_filters(browser: Any, corpus_server: str) -> None:
    page: Any = new_page(browser, "desktop")
    page.goto(f"{corpus_server}/search?q={quote('高新技术企业')}&lang=en")
    hit = _target_hit(page)
    expect(hit).to_have_count(1)
    expect(hit.locator('blockquote[lang="de"]')).to_have_count(1)  # the Chinese name finds the German quote
    n_all = page.locator("li.hit").count()
    page.get_by_label("Kind of fact").select_option("measurement")
    page.locator("form.search-form button").click()
    expect(page).to_have_url(re.compile(r"kind=measurement"))  # a permalink
    assert 0 < page.locator("li.hit").count() < n_all
    expect(page.locator("li.hit.hit-target")).to_have_count(0)
    page.locator("#f-language").select_option("es")
    page.locator("form.search-form button").click()
    quotes = page.locator("li.hit blockquote")
    assert quotes.count() > 0
    assert set(quotes.evaluate_all("qs => qs.map(q => q.lang)")) == {"es"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_search_region_is_a_hit(browser: Any, corpus_server: str, lang: str) -> None:
    page: Any = new_page(browser, "desktop")
    page.goto(f"{corpus_server}/search?q=Chongqing&lang={lang}")
    region = page.locator("li.region-hit")
    expect(region).to_have_count(1)
    expect(region.get_by_role("link")).to_have_text("Chongqing" if lang == "en" else "重庆市")
    expect(region.get_by_role("link")).to_have_attribute("href", "/regions/CN-CQ")
    heads = page.locator("li.hit.hit-target .hit-head").all_inner_texts()
    assert len(heads) == len(set(heads)), "a target is listed twice"
    page.goto(f"{corpus_server}/search?q={quote('Innovationszentrum für neue Materialien')}&lang={lang}")
    entity = page.locator("li.hit.hit-entity")
    expect(entity).to_have_count(1)
    for language in ("de", "it", "fr"):  # the hub's names in the other versions of the plan
        expect(entity.locator(f'blockquote[lang="{language}"]')).to_have_count(1)
    page.goto(f"{corpus_server}/search?q=zzqqxx&lang={lang}")
    expect(page.locator("p.unavailable")).to_be_visible()
    assert empty_headings(page) == []
    page.screenshot(path=str(ARTIFACTS / f"search-none-{lang}.png"), full_page=True)
    assert axe_violations(page) == []
