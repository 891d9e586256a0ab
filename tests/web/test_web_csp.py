"""Issue 16 item 5, checked in Chromium: no page of the dashboard breaks its own Content-Security-Policy.

An admin's browser crawls the dashboard from its entry pages, following every same-site link (a few URLs
per route), in English and Chinese, and fails on any CSP violation the page reports (the
`securitypolicyviolation` event and the console's "Content Security Policy" messages). Every dashboard
route must have been visited. A self-check first shows that a violation is seen.
"""

from __future__ import annotations

import re
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from web_helpers import CORPUS, EDITOR_PASSWORD, serving

from riso.api import create_app
from riso.match.records import Need
from riso.model import Provenance
from riso.services import accounts, jobs, progress
from riso.services import match as match_service
from riso.services.actors import load_shipped_registers
from riso.services.data import load_shipped
from riso.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from seed import seed_chongqing

pytestmark = pytest.mark.xdist_group("browser")

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""
NEED = "n:acme:battery"
PER_ROUTE = 3  # URLs visited per route template (e.g. three region pages)
SKIP = ("/downloads/", "/lang/", "/api/", "/static/")  # files, redirects and the API: not pages


def _route_of(path: str, templates: list[tuple[str, re.Pattern[str]]]) -> str | None:
    for template, pattern in templates:
        if pattern.fullmatch(path):
            return template
    return None


def _templates() -> list[tuple[str, re.Pattern[str]]]:
    """The dashboard's GET routes, as (template, regex)."""
    app = create_app(":memory:", worker=False)
    found = []
    for route in app.routes:
        path = getattr(route, "path", "")
        if "GET" not in (getattr(route, "methods", None) or ()) or path.startswith(SKIP) or path == "/static":
            continue
        if path.startswith("/downloads") or path.startswith("/lang"):
            continue
        regex = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(path))
        found.append((path, re.compile(regex)))
    return found


@pytest.fixture(scope="module")
def csp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server over a store with documents, data, registers, targets, a finished upload and an admin."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (set RISO_SHARED to the shared/ folder)")
    store = open_store(tmp_path_factory.mktemp("csp") / "riso.duckdb")
    seed_chongqing(store, CORPUS)
    load_shipped(store)
    load_shipped_registers(store)
    progress.add_target(store, region="CN-SC", indicator="rd_intensity", value=2.6, deadline=2025)
    accounts.add_user(store, "ada", "admin", EDITOR_PASSWORD, actor="test")
    match_service.import_offers(store, "nkrdp")  # technology offers and an enterprise's need (the match pages)
    store.add_member("acme", "ada")
    store.save_need(Need(id=NEED, title="Batterie-Wärmemanagement", language="de", owner="acme",
                         text="Wir suchen Partner für das Thermomanagement von Antriebsbatterien.", region="CN-CQ",
                         provenance=Provenance(source="test")), by="ada")
    job = jobs.enqueue(store, "document", "labs.txt", b"Bis 2030 sollen in Chongqing 5 neue Labore entstehen.",
                       actor="ada", max_bytes=1_000_000)
    jobs.process_next(store, jobs.Extractor(in_process=True))
    with serving(store) as url:
        yield url, job.id
    store.close()


def _violations(page: Any, console: list[str]) -> list[str]:
    seen = list(page.evaluate("window.__csp || []"))
    return seen + [c for c in console if "Content Security Policy" in c or "Content-Security-Policy" in c]


def test_web_no_page_violates_the_csp(browser: Any, csp_server: tuple[str, str]) -> None:
    base, job_id = csp_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)  # added through CDP: the page's CSP does not apply to it
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    # self-check: an inline style added to a real page is a violation this test sees
    page.goto(base + "/login")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert _violations(page, console), "the CSP watch saw nothing: the check itself is broken"
    console.clear()
    page.fill("input[name=name]", "ada")
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()

    templates = _templates()
    starts = ["/", "/compare", "/search?q=Chongqing", "/upload", f"/upload/jobs/{job_id}", "/review", "/admin",
              "/regions/CN-CQ/ecosystem", "/match", "/match/inbox", "/match/needs/new", f"/match/needs/{NEED}",
              f"/match/needs/{NEED}/edit"]
    queue = deque(starts + [s + ("&" if "?" in s else "?") + "lang=zh" for s in starts[:3]])
    visited: dict[str, list[str]] = {}
    problems: list[str] = []
    seen: set[str] = set()
    while queue and sum(len(v) for v in visited.values()) < 120:
        url = queue.popleft()
        path = urlsplit(url).path
        route = _route_of(path, templates)
        if url in seen or route is None or len(visited.get(route, [])) >= PER_ROUTE:
            continue
        seen.add(url)
        console.clear()
        response = page.goto(base + url)
        assert response is not None and response.status < 500, f"{url}: {response and response.status}"
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # late violations (images, styles applied by script)
        problems += [f"{url}: {v}" for v in _violations(page, console)]
        visited.setdefault(route, []).append(url)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urlsplit(urljoin(base + url, href))
            if target.netloc != urlsplit(base).netloc or target.path.startswith(SKIP):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    context.close()
    assert not problems, "CSP violations:\n" + "\n".join(problems[:20])
    missing = sorted({t for t, _ in templates} - set(visited) - {"/login"})  # /login: visited before signing in
    assert not missing, f"dashboard routes never reached by the crawl: {missing}"
