"""The editors' form on an actor page in headless Chromium: place an actor on a chain segment (the chain map's
gap is filled), correct its type, merge another record into it and split it off again; en and zh, desktop and
phone, axe-core without violations. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS, EDITOR_PASSWORD, axe_violations, new_page, no_sideways_scroll, serving

from riso.services import accounts
from riso.services import network as network_service
from riso.services.actors import load_shipped_registers
from riso.store import open_store

pytestmark = [pytest.mark.xdist_group("browser"), pytest.mark.browser]


@pytest.fixture(scope="module")
def edit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The shipped registers, an editor, and a Chongqing university plus a gap of a chain in Chongqing."""
    store = open_store(tmp_path_factory.mktemp("edit") / "riso.duckdb")
    load_shipped_registers(store)
    accounts.add_user(store, "edith", "editor", EDITOR_PASSWORD, actor="test")
    uni = next(a for a in store.list_actors(region=network_service.region_ids("CN-CQ"), type="university")
               if a.name == "重庆大学")
    other = next(a for a in store.list_actors(region=network_service.region_ids("CN-CQ"), type="university")
                 if a.id != uni.id)
    view = network_service.chain_view(store, "integrated_circuits", "CN-CQ")
    gap = next(s for s in view["segments"] if s["status"] == "gap")  # type: ignore[attr-defined]
    with serving(store) as url:
        yield {"url": url, "actor": uni.id, "other": other.id, "segment": str(gap["id"])}
    store.close()


def _login(page: Page, url: str, path: str) -> None:
    page.goto(f"{url}/login?next={path}")
    page.get_by_label("User name").fill("edith")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_web_editor_places_an_actor_and_the_chain_gap_is_filled(browser: Any, edit_server: dict[str, str]) -> None:
    url, actor, segment = edit_server["url"], edit_server["actor"], edit_server["segment"]
    page = new_page(browser, "desktop")
    assert isinstance(page, Page)
    page.goto(f"{url}/actors/{actor}?lang=en")
    expect(page.locator("#edit")).to_have_count(0)  # visitors see no form
    page.goto(f"{url}/regions/CN-CQ/chains/integrated_circuits")
    expect(page.locator(f"#segment-{segment} .status")).to_have_text("gap")

    _login(page, url, f"/actors/{actor}")
    expect(page.locator("#edit")).to_be_visible()
    page.locator("#ed-target").select_option(f"integrated_circuits/{segment}")
    page.locator("#ed-note").fill("designs chips with local fabs")
    page.locator("#ed-place").click()
    expect(page).to_have_url(re.compile(r"edited=placed"))
    expect(page.locator("#edit .notice")).to_have_text("The actor is placed on the segment.")
    expect(page.locator("#edit ul.placements")).to_contain_text("placed by edith")
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "actor-edit-placed.png"), full_page=True)

    page.goto(f"{url}/regions/CN-CQ/chains/integrated_circuits")
    seg = page.locator(f"#segment-{segment}")
    expect(seg.locator(".status")).not_to_have_text("gap")
    expect(seg).to_contain_text("重庆大学")

    page.goto(f"{url}/actors/{actor}")  # and off again: the gap is back
    page.locator("#ed-target").select_option(f"integrated_circuits/{segment}")
    page.locator("#ed-action-remove").check()
    page.locator("#ed-place").click()
    expect(page).to_have_url(re.compile(r"edited=removed"))
    page.goto(f"{url}/regions/CN-CQ/chains/integrated_circuits")
    expect(page.locator(f"#segment-{segment} .status")).to_have_text("gap")


def test_web_editor_corrects_the_type_and_merges_and_unmerges(browser: Any, edit_server: dict[str, str]) -> None:
    url, actor, other = edit_server["url"], edit_server["actor"], edit_server["other"]
    page = new_page(browser, "desktop")
    assert isinstance(page, Page)
    _login(page, url, f"/actors/{other}")
    page.locator("#ed-type").select_option("research_institute")
    page.locator("#ed-type-save").click()
    expect(page).to_have_url(re.compile(r"edited=typed"))
    expect(page.locator("dl.facts-dl")).to_contain_text("Research institute")
    expect(page.locator("#h-sources + ul")).to_contain_text("type corrected to research_institute")
    page.locator("#ed-type").select_option("university")
    page.locator("#ed-type-save").click()
    expect(page.locator("dl.facts-dl")).to_contain_text("University")

    page.goto(f"{url}/actors/{actor}")
    page.locator("#ed-other").fill(actor)  # itself: refused with a clear message, nothing merged
    page.locator("#ed-merge").click()
    expect(page.locator("#edit .error")).to_contain_text("cannot be merged into itself")
    page.locator("#ed-other").fill(other)
    page.locator("#ed-reason").fill("test merge")
    page.locator("#ed-merge").click()
    expect(page).to_have_url(re.compile(r"edited=merged"))
    unmerge = page.get_by_role("button", name=f"Split {other} off again")
    expect(unmerge).to_be_visible()
    page.goto(f"{url}/actors/{other}")  # the merged record opens as the actor it belongs to
    expect(page.locator("h1")).to_have_text("重庆大学")
    page.goto(f"{url}/actors/{actor}")
    page.get_by_role("button", name=f"Split {other} off again").click()
    expect(page).to_have_url(re.compile(r"edited=unmerged"))
    expect(page.get_by_role("button", name=f"Split {other} off again")).to_have_count(0)
    page.goto(f"{url}/actors/{other}")
    expect(page.locator("h1")).not_to_have_text("重庆大学")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_web_editor_form_in_chinese_fits_and_passes_axe(browser: Any, edit_server: dict[str, str],
                                                        viewport: str) -> None:
    url, actor = edit_server["url"], edit_server["actor"]
    page = new_page(browser, viewport)
    assert isinstance(page, Page)
    _login(page, url, f"/lang/zh?next=/actors/{actor}")
    page.goto(f"{url}/actors/{actor}")
    expect(page.locator("#h-edit")).to_have_text("编辑此记录")
    expect(page.locator("#place-form legend")).to_have_text("归入产业链环节")
    expect(page.locator("#ed-target optgroup")).to_have_count(2)
    no_sideways_scroll(page, viewport)
    assert axe_violations(page) == []
    page.locator("#edit").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"actor-edit-zh-{viewport}.png"), full_page=True)
