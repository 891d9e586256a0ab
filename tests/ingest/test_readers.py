"""Readers for each format and the errors for bad input."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import matplotlib
import pytest

from riso.errors import DocumentTooLarge, EmptyDocument, UnreadableDocument, UnsupportedFormat
from riso.ingest import read_bytes, read_document

matplotlib.use("pdf")

ENGLISH = "Chengdu is building a science city where universities, laboratories and companies work together."
GERMAN = "Die Stadt Chongqing will bis 2027 eine F&E-Quote von 3 % erreichen und die Zusammenarbeit stärken."

SCRIPT_PAGE = (
    "<html><head><title>Innovation in Chengdu</title><script>var x = 'tracking code here';</script>"
    "<style>body { color: red }</style></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<script>document.write('advertising banner text')</script><article><h1>Innovation in Chengdu</h1>"
    f"<p>{ENGLISH}</p><p>The city government expects the number of high-tech enterprises to keep growing.</p>"
    "</article>" + "<script>track('x');</script>" * 50 + "</body></html>"
)


def make_pdf(text: str, *, title: str = "Research plan") -> bytes:
    """A small one-page PDF with a text layer, written by matplotlib's PDF backend."""
    import matplotlib.pyplot as plt

    figure = plt.figure()
    figure.text(0.05, 0.5, text, fontsize=6)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf", metadata={"Title": title})
    plt.close(figure)
    return buffer.getvalue()


def make_docx(paragraphs: list[str], *, title: str = "Strategie") -> bytes:
    """A .docx with paragraphs, a table and a core title."""
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Region"
    table.cell(0, 1).text = "Chongqing"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_read_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH + "\r\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Plan\n\n" + GERMAN, encoding="utf-8")
    txt = read_document(tmp_path / "a.txt")
    assert (txt.text, txt.format, txt.language, txt.source) == (ENGLISH, "txt", "en", str(tmp_path / "a.txt"))
    md = read_document(tmp_path / "b.md")
    assert (md.title, md.format, md.language) == ("Plan", "md", "de")


def test_read_html_drops_scripts_and_navigation() -> None:
    document = read_bytes(SCRIPT_PAGE.encode(), source="page.html", fmt="html")
    assert ENGLISH in document.text
    for junk in ("tracking code", "advertising banner", "track(", "color: red", "Home"):
        assert junk not in document.text
    assert document.title == "Innovation in Chengdu"
    assert document.language == "en"


def test_read_html_with_only_scripts_is_empty() -> None:
    page = "<html><body>" + "<script>var a = 1;</script>" * 20 + "</body></html>"
    with pytest.raises(EmptyDocument) as info:
        read_bytes(page.encode(), source="s.html", fmt="html")
    assert "no main text" in info.value.message


def test_read_pdf_text_and_title() -> None:
    document = read_bytes(make_pdf(ENGLISH), source="plan.pdf", fmt="pdf")
    assert "science city" in document.text
    assert document.title == "Research plan"


def test_read_truncated_pdf_says_so() -> None:
    data = make_pdf(ENGLISH)
    with pytest.raises(UnreadableDocument) as info:
        read_bytes(data[: len(data) // 2], source="cut.pdf", fmt="pdf")
    assert "truncated" in info.value.message
    assert "again" in info.value.hint
    assert info.value.source == "cut.pdf"


def test_read_pdf_that_is_not_a_pdf() -> None:
    with pytest.raises(UnreadableDocument):
        read_bytes(b"hello world, not a pdf", source="x.pdf", fmt="pdf")


def test_read_docx_paragraphs_tables_title() -> None:
    document = read_bytes(
        make_docx([GERMAN, "Zweiter Absatz über Forschung und Innovation in der Region."]), source="s.docx", fmt="docx"
    )
    assert document.text.startswith(GERMAN)
    assert "Region\tChongqing" in document.text
    assert (document.title, document.language) == ("Strategie", "de")


def test_read_damaged_docx() -> None:
    with pytest.raises(UnreadableDocument) as info:
        read_bytes(b"PK\x03\x04 not really a zip", source="bad.docx", fmt="docx")
    assert "damaged" in info.value.message


def test_read_empty_and_blank(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t \n", encoding="utf-8")
    for name in ("empty.txt", "blank.txt"):
        with pytest.raises(EmptyDocument):
            read_document(tmp_path / name)


def test_read_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 64)
    with pytest.raises(UnreadableDocument) as info:
        read_document(tmp_path / "image.txt")
    assert "binary" in info.value.message and info.value.hint


def test_read_control_characters_without_nul(tmp_path: Path) -> None:
    (tmp_path / "ctl.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 65]) * 200)
    with pytest.raises(UnreadableDocument):
        read_document(tmp_path / "ctl.txt")


def test_size_limit_by_argument_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 20_000, encoding="utf-8")  # about 2 MB
    with pytest.raises(DocumentTooLarge) as info:
        read_document(path, max_bytes=1024 * 1024)
    assert "RISO_MAX_DOCUMENT_MB" in info.value.hint
    monkeypatch.setenv("RISO_MAX_DOCUMENT_MB", "1")
    with pytest.raises(DocumentTooLarge):
        read_document(path)
    with pytest.raises(DocumentTooLarge):
        read_bytes(path.read_bytes(), source="upload", fmt="txt")
    monkeypatch.setenv("RISO_MAX_DOCUMENT_MB", "3")
    assert read_document(path).language == "en"


def test_broken_symlink_missing_folder_and_unsupported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    with pytest.raises(UnreadableDocument) as info:
        read_document(tmp_path / "link.txt")
    assert "broken symbolic link" in info.value.message
    with pytest.raises(UnreadableDocument):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(UnreadableDocument):
        read_document(tmp_path)
    (tmp_path / "data.xlsx").write_bytes(b"x")
    with pytest.raises(UnsupportedFormat):
        read_document(tmp_path / "data.xlsx")
    with pytest.raises(UnsupportedFormat):
        read_bytes(b"x", source="u", fmt="xlsx")


def test_same_text_in_any_encoding_has_one_id(tmp_path: Path) -> None:
    text = "重庆科技创新\n" + GERMAN
    ids = set()
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "gb18030"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
        ids.add(read_document(path).id)
    assert len(ids) == 1


def test_offsets_index_the_text(chongqing: Path) -> None:
    for path in sorted(chongqing.glob("*.txt")):
        document = read_document(path)
        for seg in document.paragraphs + document.sentences:
            chunk = document.text[seg.start : seg.end]
            assert chunk and chunk == chunk.strip()
