"""/api/v1/docs renders Swagger UI offline and under a CSP without inline scripts."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from riso.api import create_app
from riso.store import open_store

CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


@pytest.fixture(scope="module")
def bare_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A riso server over an empty DuckDB store (the docs page needs no data)."""
    import uvicorn

    store = open_store(tmp_path_factory.mktemp("docs") / "riso.duckdb")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    srv = uvicorn.Server(uvicorn.Config(create_app(store, public=True), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_api_docs_page_needs_no_network_and_no_inline_script(bare_server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    outside: list[str] = []
    violations: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if not url.startswith(bare_server):
            outside.append(url)  # offline: anything outside the server fails
            route.abort()
            return
        if url.endswith("/api/v1/docs"):
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})
            return
        route.continue_()

    page.route("**/*", route)
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{bare_server}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20_000)  # the operations of riso's OpenAPI schema
    assert page.locator(".opblock").count() > 10
    assert "riso" in page.locator(".title").first.inner_text()
    assert outside == [] and violations == []
    page.close()


def test_api_docs_page_has_no_inline_script(bare_server: str) -> None:
    import httpx

    html = httpx.get(f"{bare_server}/api/v1/docs").text
    assert "<script>" not in html and "cdn" not in html.lower()
    assert httpx.get(f"{bare_server}/api/v1/docs/init.js").status_code == 200
    assert httpx.get(f"{bare_server}/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
