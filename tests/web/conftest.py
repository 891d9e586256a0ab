"""Browser fixtures: the riso server on a free loopback port in a thread, and Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from seed import seed_chongqing

from riso.services import accounts, progress
from riso.services.data import load_shipped
from riso.store import open_store

sys.path.insert(0, str(Path(__file__).parent))

from web_helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, CORPUS, EDITOR_PASSWORD, EXAMPLES, serving


def _need(condition: bool, why: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI must run the browser tests)")
    pytest.skip(why)


def _seed_index(store: object, folder: Path) -> None:
    """The demo index of China's provinces (shipped statistics, 2023) with a short uncertainty analysis."""
    from riso.services import index

    examples = Path(__file__).resolve().parents[2] / "examples" / "index"
    spec_file = folder / "uncertainty.yaml"
    spec_file.write_text("runs: 40\nseed: 1\nvary:\n  winmax: [1, 3, 5]\n  aggregate: [amean, gmean]\n"
                         "  weights_noise: {1: 0.25, 2: 0.25}\n", encoding="utf-8")
    fw = index.load_framework(framework=examples / "china_provinces.yaml", store=store, period="2023")
    spec = index.make_spec(None, {"normalise": "minmax", "range": [1, 100], "screen": 0.5})
    index.uncertainty_index(fw, spec, spec_file, store=store, save="provinces", period="2023")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a public riso server over a seeded DuckDB store, with an editor account."""
    if not CORPUS.is_dir():  # shared data may be absent anywhere, CI included: skip, do not fail
        pytest.skip(f"shared corpus not found at {CORPUS} (set RISO_SHARED to the shared/ folder)")
    store = open_store(tmp_path_factory.mktemp("web") / "riso.duckdb")
    seed_chongqing(store, CORPUS)
    load_shipped(store)  # real observations (NBS R&D intensity for Chongqing) so targets get assessed
    accounts.add_user(store, "edith", "editor", EDITOR_PASSWORD, actor="test")
    _seed_index(store, tmp_path_factory.mktemp("index"))
    for region, value, deadline in (("CN-SC", 2.6, 2025), ("CN-BJ", 7.0, 2025), ("CN-GD", 4.0, 2027)):
        progress.add_target(store, region=region, indicator="rd_intensity", value=value, deadline=deadline)
    with serving(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A public riso server over the example corpus and the Chongqing corpus read by the real pipeline (ingest,
    extract, link), the shipped statistics and the demo index: what `make demo` plus the shared corpus serve."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (set RISO_SHARED to the shared/ folder)")
    from riso.pipeline import ingest

    store = open_store(tmp_path_factory.mktemp("corpus") / "riso.duckdb")
    ingest([str(EXAMPLES), str(CORPUS)], store)
    load_shipped(store)
    _seed_index(store, tmp_path_factory.mktemp("corpus-index"))
    with serving(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright."""
    _need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, f"chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
