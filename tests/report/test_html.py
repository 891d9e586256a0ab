"""The HTML briefing and charts, built from hand-made progress records; one real Chromium render."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from riso.model import Document, Fact, Subject, Target
from riso.report import chart_bytes, render_html, svg_chart
from riso.services.data import import_file
from riso.services.progress import add_target, progress_records
from riso.store import Store

QUOTES = {
    "de": "Bis 2027 strebt die Stadt an, eine F&E-Quote von 3 % zu erreichen.",
    "fr": "D’ici 2027, la ville vise à atteindre une intensité de R&D de 3 %.",
    "it": "Entro il 2027, la città mira a raggiungere un’intensità di R&S del 3%.",
}
SERIES = "region,indicator,period,value,unit\n" + "".join(
    f"CN-CQ,rd_intensity,{y},{v},%\n" for y, v in zip(range(2017, 2024), [1.88, 2.01, 1.99, 2.11, 2.16, 2.36, 2.48],
                                                      strict=True))


def _records(store: Store, tmp_path: Path) -> list[dict[str, object]]:
    for lang, text in QUOTES.items():
        doc = Document(id=f"sha256:{lang * 32}", source=f"cq_{lang}.txt", text=text, language=lang)
        fact = Fact(document=doc.id, kind="target", metric="rd_intensity", value=3.0, unit="%", comparator="at_least",
                    deadline=2027, subject=Subject(id="CN-CQ", name="Chongqing"), quote=text, start=0, end=len(text),
                    language=lang)
        store.add_document(doc, [fact])
    path = tmp_path / "cq.csv"
    path.write_text(SERIES, encoding="utf-8")
    import_file(store, path, source="NBS bulletin")
    add_target(store, region="Chongqing", indicator="national_innovation_platforms", value=150, deadline=2027)
    return progress_records(store, region="CN-CQ")


def test_report_cards_have_status_bar_chart_and_quotes(duck_store: Store, tmp_path: Path) -> None:
    records = _records(duck_store, tmp_path)
    html = render_html(records, region="CN-CQ")
    assert html.count('class="card"') == 2
    assert html.count("<svg") == 2 and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for text in QUOTES.values():
        assert text.replace("&", "&amp;") in html
    assert "moderate progress" in html and "no measured data" in html and "NBS bulletin" in html
    assert 'class="bar"' in html and "riso data import" not in html  # words for a reader, no command lines


def test_report_svg_is_well_formed(duck_store: Store, tmp_path: Path) -> None:
    for rec in _records(duck_store, tmp_path):
        root = ET.fromstring(svg_chart(rec))
        assert root.tag.endswith("svg")


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_report_chart_bytes(duck_store: Store, tmp_path: Path, fmt: str, magic: bytes) -> None:
    records = _records(duck_store, tmp_path)
    for rec in records:
        assert chart_bytes(rec, fmt=fmt).startswith(magic)


def test_report_manual_target_round_trip(duck_store: Store) -> None:
    target = add_target(duck_store, region="重庆", indicator="F&E-Quote", value=2.0, deadline=2025)
    assert isinstance(target, Target) and (target.region, target.indicator) == ("CN-CQ", "rd_intensity")
    assert duck_store.get_target(target.id[:8]).id == target.id
    duck_store.remove_target(target.id)
    assert duck_store.list_targets() == []


@pytest.mark.browser
@pytest.mark.slow
def test_report_renders_in_chromium(duck_store: Store, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    page = tmp_path / "report.html"
    page.write_text(render_html(_records(duck_store, tmp_path), region="CN-CQ"), encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120)
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000


@pytest.mark.browser
@pytest.mark.slow
def test_report_pdf_via_chromium(duck_store: Store, tmp_path: Path) -> None:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from riso.services.progress import html_to_pdf

    pdf = html_to_pdf(render_html(_records(duck_store, tmp_path), region="CN-CQ"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
