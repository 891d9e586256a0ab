"""Browser test constants: where Chromium, the corpus and the screenshots are."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("RISO_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CORPUS = Path(os.environ.get("RISO_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "corpus" / "chongqing"
EDITOR_PASSWORD = "editor password 1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
