"""The matching pages in Debian's headless Chromium over the real National Key R&D projects: a German need
finds the Chinese power-battery projects with their explanation; an offer page lists the interested
enterprise; an editor of the owning organisation decides in the inbox (stored with who and when) and
enters a need in the dashboard; another firm's editor sees no forms and is refused. en and zh, desktop
and phone: no sideways scroll, no axe-core violation. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from web_helpers import ARTIFACTS, EDITOR_PASSWORD, VIEWPORTS, axe_violations, serving

from riso.match import embed
from riso.match.records import Need
from riso.model import Provenance
from riso.services import accounts
from riso.services import match as match_service
from riso.store import Store, open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]
NEED = "n:acme:battery-thermal"
RAW_KEY = re.compile(r"\b(?:match|need|decision|decide|offer_kind|urgency|inbox|lang)_[a-z_]+\b")


@pytest.fixture(scope="module")
def match_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A server over the 2,149 NKRDP projects as offers, an intermediary (edith, editor of acme) and a
    second firm's editor (otto, globex), with one German and one Chinese need."""
    store = open_store(tmp_path_factory.mktemp("match-web") / "riso.duckdb")
    match_service.import_offers(store, "nkrdp")
    accounts.add_user(store, "edith", "editor", EDITOR_PASSWORD, actor="test")
    accounts.add_user(store, "otto", "editor", EDITOR_PASSWORD, actor="test")
    store.add_member("acme", "edith")
    store.add_member("globex", "otto")
    store.save_need(Need(
        id=NEED, title="Batterie-Wärmemanagement für Antriebsbatterien", language="de", owner="acme",
        text="Wir suchen Partner für die Sicherheit und das Thermomanagement von Lithium-Ionen-Antriebsbatterien "
             "in Elektrobussen (thermisches Durchgehen vermeiden).",
        industry="Elektrofahrzeuge", region="CN-CQ", urgency="high", provenance=Provenance(source="test")),
        by="edith")
    store.save_need(Need(id="n:globex:hydrogen", title="燃料电池电堆低温启动", language="zh", owner="globex",
                         text="寻求车用燃料电池电堆在零下30度的冷启动技术。", region="CN-CQ",
                         provenance=Provenance(source="test")), by="otto")
    with serving(store) as url:
        yield url, store
    store.close()


def _page(browser: Any, size: str = "desktop") -> Page:
    return browser.new_context(viewport=VIEWPORTS[size]).new_page()  # type: ignore[no-any-return]


def _login(page: Page, server: str, name: str, then: str) -> None:
    page.goto(f"{server}/login?lang=en&next={then}")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(then.split("?")[0])))


def _check(page: Page, name: str) -> None:
    """No sideways scroll, no raw i18n key, no axe-core violation; a full-page screenshot."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
    assert not RAW_KEY.findall(page.locator("main").inner_text()), name
    page.screenshot(path=str(ARTIFACTS / f"match-{name}.png"), full_page=True)
    assert axe_violations(page) == [], name


def test_web_match_need_page_ranks_chinese_battery_projects_with_explanations(
        browser: Any, match_server: tuple[str, Store]) -> None:
    server, _ = match_server
    page = _page(browser)
    page.goto(f"{server}/match?lang=en")
    page.get_by_role("link", name="Batterie-Wärmemanagement für Antriebsbatterien").click()
    expect(page.locator("h1")).to_have_text("Batterie-Wärmemanagement für Antriebsbatterien")
    mode = page.locator("#h-offers + p").inner_text()
    assert "lexically" in mode
    assert ("not installed" in mode) != embed.available()  # says why no embeddings are used
    cards = page.locator("ol.matches > li.match-card")
    assert cards.count() == 10
    first_five = " ".join(cards.nth(i).inner_text() for i in range(5))
    assert first_five.count("power battery") >= 4 or "thermal runaway" in first_five
    top = cards.first
    assert re.search(r"[\u4e00-\u9fff]", top.locator("h3").inner_text())  # a Chinese project for a German need
    why = top.locator("dl.why").inner_text()
    assert "Shared terms" in why and "Shared concepts" in why and "Distance" in why
    assert re.search("动力电池|热失控|热管理|电池", why)  # the Chinese words that carried the concepts
    assert "Holder" in top.inner_text() and "offers in riso" in top.inner_text()
    top.locator("details.parts summary").click()
    assert "Shared concepts" in top.locator("details.parts table").inner_text()
    assert page.locator("form.decide").count() == 0  # anonymous: no decision forms
    _check(page, "need-desktop-en")

    top.locator("h3 a").click()  # the offer page: the interested enterprises
    expect(page.locator("#h-needs")).to_have_text("Enterprises whose needs fit")
    interested = page.locator("ol.matches > li.match-card").first
    expect(interested).to_contain_text("Batterie-Wärmemanagement")
    expect(interested).to_contain_text("acme")
    _check(page, "offer-desktop-en")
    page.close()


def test_web_match_editor_decides_in_the_inbox_and_enters_a_need(
        browser: Any, match_server: tuple[str, Store]) -> None:
    server, store = match_server
    page = _page(browser)
    _login(page, server, "edith", "/match/inbox")
    expect(page.locator("h1")).to_have_text("My inbox")
    group = page.locator("section.inbox-need").filter(has_text="Batterie-Wärmemanagement")
    expect(group.locator("li.match-card")).to_have_count(5)
    first = group.locator("li.match-card").first
    offer_title = first.locator("h3 a").inner_text()
    first.get_by_role("textbox").fill("Termin mit dem Labor vereinbart")
    first.get_by_role("button", name="Contact").click()
    expect(page.locator(".notice")).to_have_text("The decision is saved.")
    group = page.locator("section.inbox-need").filter(has_text="Batterie-Wärmemanagement")
    first = group.locator("li.match-card").first
    expect(first.locator(".decision")).to_contain_text("contacted")
    expect(first.locator(".decision")).to_contain_text("by edith")
    stored = [d for d in store.list_decisions(need=NEED) if d.decision == "contact"]
    assert len(stored) == 1 and stored[0].by == "edith" and stored[0].decided_at
    assert stored[0].note == "Termin mit dem Labor vereinbart" and "concept" in stored[0].features
    _check(page, "inbox-desktop-en")

    # rejecting on the need page takes the offer off that need's list, and the history keeps it
    page.goto(f"{server}/match/needs/{NEED}")
    second = page.locator("ol.matches > li.match-card").nth(1)
    rejected = second.locator("h3 a").inner_text()
    second.get_by_role("button", name="Reject").click()
    expect(page.locator(".notice")).to_have_text("The decision is saved.")
    titles = page.locator("ol.matches > li.match-card h3 a").all_inner_texts()
    assert rejected not in titles and offer_title in titles
    expect(page.locator("#h-decisions + ul")).to_contain_text("rejected")
    expect(page.locator("#h-decisions + ul")).to_contain_text("by edith")

    # a new need entered in the dashboard is matched at once
    page.goto(f"{server}/match")
    page.get_by_role("link", name="Enter a need").click()
    page.get_by_label("Title (one line)").fill("Fuel cell stacks that start at minus 30 degrees")
    page.get_by_label("Description").fill("We build city buses and need cold-start technology for fuel cell stacks.")
    page.locator("#nf-language").select_option("en")
    page.get_by_label("Region").fill("Chongqing")
    page.locator("#nf-urgency").select_option("high")
    _check(page, "need-form-desktop-en")
    page.get_by_role("button", name="Save the need").click()
    expect(page.locator(".notice")).to_have_text("The need is saved.")
    expect(page.locator("h1")).to_have_text("Fuel cell stacks that start at minus 30 degrees")
    expect(page.locator("ol.matches > li.match-card").first).to_contain_text("燃料电池")  # English finds Chinese
    page.get_by_role("link", name="Edit this need").click()
    page.get_by_label("Title (one line)").fill("Fuel cell stacks that start at -30 °C")
    page.get_by_role("button", name="Save the need").click()
    expect(page.locator("h1")).to_have_text("Fuel cell stacks that start at -30 °C")
    created = [n for n in store.list_needs(owner="acme") if n.title.startswith("Fuel cell")]
    assert len(created) == 1 and created[0].urgency == "high" and created[0].region == "CN-CQ"
    page.close()


def test_web_match_another_firms_editor_sees_no_forms_and_is_refused(
        browser: Any, match_server: tuple[str, Store]) -> None:
    server, store = match_server
    page = _page(browser)
    _login(page, server, "otto", f"/match/needs/{NEED}")
    assert page.locator("form.decide").count() == 0
    assert page.get_by_role("link", name="Edit this need").count() == 0
    before = store.get_need(NEED)
    page.goto(f"{server}/match/needs/{NEED}/edit")
    expect(page.locator("h1")).to_have_text("Not allowed")
    assert store.get_need(NEED) == before
    page.goto(f"{server}/match/inbox")  # otto's inbox holds globex's need, not acme's
    expect(page.locator("section.inbox-need")).to_have_count(1)
    expect(page.locator("section.inbox-need h2")).to_contain_text("燃料电池电堆低温启动")
    page.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_match_pages_on_a_phone_and_in_chinese(browser: Any, match_server: tuple[str, Store], lang: str) -> None:
    server, store = match_server
    offer = match_service.match_need(store, NEED, k=1).matches[0].offer
    page = _page(browser, "phone")
    _login(page, server, "edith", "/match")
    for path, name in ((f"/match/needs/{NEED}", "need"), (f"/match/offers/{offer}", "offer"),
                       ("/match/inbox", "inbox"), ("/match/needs/new", "need-form"),
                       ("/match/offers/import", "import"),
                       ("/match?q=Wärmepumpe+für+Batterien&language=de", "home")):
        page.goto(f"{server}{path}{'&' if '?' in path else '?'}lang={lang}")
        _check(page, f"{name}-phone-{lang}")
    if lang == "zh":
        page.goto(f"{server}/match/needs/{NEED}?lang=zh")
        expect(page.locator("#h-offers")).to_have_text("匹配的成果（按匹配度排序）")
        assert "共有概念" in page.locator("ol.matches").inner_text()
        assert "动力电池" in page.locator("ol.matches").inner_text()
        page.set_viewport_size(VIEWPORTS["desktop"])
        _check(page, "need-desktop-zh")
        page.goto(f"{server}/match/inbox?lang=zh")
        _check(page, "inbox-desktop-zh")
    page.close()


def test_web_match_editor_imports_an_offer_sheet_and_deletes_a_need(
        browser: Any, match_server: tuple[str, Store], tmp_path: Any) -> None:
    """The offer-sheet form stores the rows at once (matched the next moment); deleting a need asks for the
    box to be ticked, then removes it with its decisions and leaves an audit entry."""
    server, store = match_server
    sheet = tmp_path / "patents.csv"
    sheet.write_text("id,kind,title,language,holder,region,year\n"
                     "zl-1,patent,一种用于电动客车动力电池包的液冷板及热失控预警方法,zh,山城电池研究院,Chongqing,2022\n"
                     "pb-1,pilot_base,Test field for battery swapping of electric trucks,en,Yuzhong Test Field,"
                     "CN-CQ,2024\n",
                     encoding="utf-8")
    page = _page(browser)
    _login(page, server, "edith", "/match")
    page.get_by_role("link", name="Import offers from a sheet").click()
    expect(page.locator("h1")).to_have_text("Import offers from a sheet")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(sheet))
    page.locator("#oi-owner").select_option("acme")
    _check(page, "import-desktop-en")
    page.get_by_role("button", name="Import the offers").click()
    expect(page.locator("#import-report")).to_contain_text("patents.csv: 2 rows read, 2 new offers, 0 updated.")
    _check(page, "import-done-desktop-en")
    stored = [o for o in store.list_offers() if o.holder in ("山城电池研究院", "Yuzhong Test Field")]
    assert sorted(o.kind for o in stored) == ["patent", "pilot_base"] and {o.owner for o in stored} == {"acme"}
    assert next(a for a in store.list_audit(limit=10) if a["action"] == "match.offers.import")["actor"] == "edith"
    page.goto(f"{server}/match?lang=en&q=Fl%C3%BCssigkeitsgek%C3%BChlte+Batteriepacks+f%C3%BCr+Elektrobusse&language=de")
    expect(page.locator("ol.matches")).to_contain_text("液冷板")  # a German search finds the imported patent

    victim = Need(id="n:acme:to-delete", title="Kühlplatten für Batteriepacks (doppelt erfasst)", language="de",
                  owner="acme", provenance=Provenance(source="test"))
    store.save_need(victim, by="edith")
    match_service.decide(store, victim.id, stored[0].id, "contact", by="edith")
    page.goto(f"{server}/match/needs/{victim.id}/edit?lang=en")
    expect(page.locator("#h-delete")).to_have_text("Delete this need")
    _check(page, "need-delete-desktop-en")
    page.get_by_role("button", name="Delete the need").click()
    expect(page.locator(".error")).to_contain_text("not ticked")
    assert store.get_need(victim.id).title == victim.title
    page.get_by_label("Yes, delete this need and its decisions").check()
    page.get_by_role("button", name="Delete the need").click()
    expect(page.locator(".notice")).to_have_text("The need is deleted.")
    expect(page).to_have_url(re.compile(r"/match\?deleted=1$"))
    assert victim.id not in {n.id for n in store.list_needs()} and not store.list_decisions(need=victim.id)
    deleted = [a for a in store.list_audit(limit=10) if a["action"] == "match.need.delete"]
    assert deleted and deleted[0]["actor"] == "edith" and deleted[0]["target"] == victim.id
    page.close()
