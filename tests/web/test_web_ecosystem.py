"""The ecosystem pages in Debian's headless Chromium: Chongqing's laboratories and hosts, the graph, an
actor's evidence, a chain map with a gap; en and zh, desktop and phone. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from web_helpers import ARTIFACTS, serving

from riso.services.actors import load_shipped_registers
from riso.store import open_store

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def eco_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the three shipped registers (state key labs, NKRDP projects, open sharing)."""
    store = open_store(tmp_path_factory.mktemp("eco") / "riso.duckdb")
    load_shipped_registers(store)
    with serving(store) as url:
        yield url
    store.close()


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_web_ecosystem_shows_laboratories_graph_and_actor_evidence(browser: Any, eco_server: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{eco_server}/regions/CN-CQ/ecosystem?lang=en")
    assert page.locator("h1").inner_text() == "Innovation ecosystem of Chongqing"
    labs = page.locator("#h-labs + div table tbody tr")
    assert labs.count() >= 5
    row = page.locator("#h-labs + div table tbody tr", has_text="机械传动国家重点实验室")
    assert "重庆大学" in row.inner_text()  # the state key laboratory with its host university
    svg = page.locator("svg.netgraph")
    assert svg.get_attribute("role") == "img" and svg.locator("circle").count() >= 30
    assert svg.locator("line").count() >= 20
    page.screenshot(path=str(ARTIFACTS / "ecosystem-cq-en.png"), full_page=True)
    # filter: only laboratories; the picture and the tables follow
    page.select_option("select[name=actor_type]", "laboratory")
    page.click("form.filters button")
    assert "actor_type=laboratory" in page.url
    types = page.locator("#h-leaders + div table tbody tr td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"Laboratory"}
    # an actor page lists relations with their register evidence
    page.goto(f"{eco_server}/regions/CN-CQ/ecosystem?lang=en")
    row.locator("td:nth-child(3) a", has_text="重庆大学").first.click()
    assert page.locator("h1").inner_text() == "重庆大学"
    evidence = page.locator("#h-relations + p + div table tbody tr")
    assert evidence.count() >= 3
    assert re.search(r"row \d+", evidence.first.inner_text())
    page.screenshot(path=str(ARTIFACTS / "actor-cqu-en.png"), full_page=True)
    page.close()


def test_web_chain_map_marks_gaps_and_leaders(browser: Any, eco_server: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{eco_server}/regions/CN-CQ/chains/smart_vehicles?lang=en")
    segments = page.locator("ol.chain > li")
    assert segments.count() >= 4
    gaps = page.locator("ol.chain > li.segment-gap, ol.chain > li.segment-weak")
    assert gaps.count() >= 1
    assert "No strong local actor works on this segment." in gaps.first.inner_text()
    assert page.locator("#h-leaders + div table tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "chain-cq-smart-vehicles-en.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_ecosystem_on_a_phone_in_both_languages(browser: Any, eco_server: str, lang: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in ("/regions/CN-CQ/ecosystem", "/regions/CN-CQ/chains/integrated_circuits"):
        page.goto(f"{eco_server}{path}?lang={lang}")
        assert _no_sideways_scroll(page), path
        text = page.locator("main").inner_text()
        assert "actor_type_" not in text and "eco_" not in text and "chain_" not in text  # no raw keys
    if lang == "zh":
        assert page.locator("h1").inner_text().startswith("重庆")
    page.screenshot(path=str(ARTIFACTS / f"chain-cq-ic-phone-{lang}.png"), full_page=True)
    page.close()
