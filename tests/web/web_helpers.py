"""Browser test constants: where Chromium, the corpus and the screenshots are."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from riso.api import create_app
from riso.store import Store

CHROMIUM = os.environ.get("RISO_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CORPUS = Path(os.environ.get("RISO_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "corpus" / "chongqing"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
EDITOR_PASSWORD = "editor password 1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(os.environ.get("RISO_AXE", Path(__file__).resolve().parents[2] / ".venv" / "axe" / "node_modules"
                          / "axe-core" / "axe.min.js"))
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def axe_violations(page: object) -> list[dict[str, object]]:
    """axe-core's violations on the page as loaded (WCAG 2 A/AA rules); axe comes from npm (make install-test)."""
    import pytest

    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core not found at {AXE} (make install-test installs it)")
        pytest.skip(f"axe-core not found at {AXE} (make install-test installs it)")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]  # CDP evaluation: not blocked by the CSP
    result = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document,"
        " {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return list(result)


def new_page(browser: object, viewport: str) -> object:
    """A page in a fresh context of the named viewport (the phone one is mobile, with touch)."""
    options: dict[str, object] = {"viewport": VIEWPORTS[viewport]}
    if viewport == "phone":
        options.update(is_mobile=True, has_touch=True)
    return browser.new_context(**options).new_page()  # type: ignore[attr-defined]


def no_sideways_scroll(page: object, viewport: str) -> None:
    """Fail when the page is wider than the viewport (it would scroll sideways)."""
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= VIEWPORTS[viewport]["width"], f"the page scrolls sideways ({width}px)"


def empty_headings(page: object) -> list[str]:
    """Headings in main followed by nothing but another heading or the end of their section."""
    return list(page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('main h2, main h3')].filter(h => {
             let n = h.nextElementSibling;
             while (n && !n.textContent.trim() && !n.querySelector('svg, img, input, select')) n = n.nextElementSibling;
             return !n || /^H[1-6]$/.test(n.tagName) && n.tagName <= h.tagName;
           }).map(h => h.textContent.trim())"""))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """A public riso server over ``store`` on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    app = create_app(store, public=True, cache_seconds=0)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
