"""The PDF briefing of Chongqing (shared corpus + shipped statistics) in en and zh: summary, region name, date,
vintage, page numbers, no card split across pages, no near-empty last page (pypdf); pages kept as PNG artifacts."""

from __future__ import annotations

import html as html_lib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from seed import seed_chongqing

from riso.services import progress as progress_service
from riso.services.data import load_shipped
from riso.store import open_store

CORPUS = Path(os.environ.get("RISO_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "corpus" / "chongqing"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_briefing_pdf_of_chongqing(tmp_path: Path, lang: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed")
    from pypdf import PdfReader

    store = open_store(tmp_path / "riso.duckdb")
    seed_chongqing(store, CORPUS)
    load_shipped(store)
    html = progress_service.report(store, region="CN-CQ", language=lang, issued="2026-12-02")
    store.close()
    name = "Chongqing" if lang == "en" else "重庆"
    assert name in html and "CN-CQ —" not in html and "riso data" not in html
    assert ("Executive summary" if lang == "en" else "执行摘要") in html
    assert "2026-12-02" in html and "2023" in html  # issue date and data vintage
    pdf = progress_service.html_to_pdf(html)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    # tagged for accessibility: marked content with a structure tree in the document's language, and bookmarks
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root, sorted(root)
    assert str(root.get("/Lang", "")).startswith(lang), root.get("/Lang")
    assert reader.outline, "the PDF has no bookmarks"
    pages = [page.extract_text() or "" for page in reader.pages]
    total = len(pages)
    assert 1 <= total <= 4
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number}\s*/\s*{total}\b", text), f"page {number} has no page number"
    cards = re.findall(r'<section class="card".*?<h2>(.*?)</h2>.*?</section>', html, flags=re.S)
    assert len(cards) == 3
    for section in re.findall(r'<section class="card".*?</section>', html, flags=re.S):
        first = re.sub(r"<.*?>", "", re.search(r"<h2>(.*?)</h2>", section).group(1))[:12]  # type: ignore[union-attr]
        last = re.sub(r"<.*?>", " ", section.split("</svg>")[-1]).split()[-1]  # the card's last word
        last = " ".join(re.sub(r"<.*?>", " ", section.split("</svg>")[-1]).split()[-4:])
        on = [i for i, text in enumerate(pages) if _squash(first) in _squash(text)]
        assert on, f"card {first!r} not found in the PDF"
        assert any(_squash(last) in _squash(pages[i]) for i in on), f"card {first!r} is split across pages"
    if total > 1:
        assert len(_squash(pages[-1])) > 300, "the last page is nearly empty"
    blank = [number for number, text in enumerate(pages, start=1) if len(_squash(text)) < 60]
    assert not blank, f"pages {blank} are (nearly) blank"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (tmp_path / "b.pdf").write_bytes(pdf)
    for old in ARTIFACTS.glob(f"briefing-{lang}-*.png"):
        old.unlink()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "b.pdf"), str(ARTIFACTS / f"briefing-{lang}")],
                       check=True)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", html_lib.unescape(text))
