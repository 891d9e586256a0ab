"""The ingest pipeline on both backends: bad input, idempotence, interruption, re-extraction."""

from __future__ import annotations

import codecs
import importlib.util
import os
from pathlib import Path

import pytest

from riso import pipeline
from riso.errors import BadRequest, RisoError
from riso.model import Document, Fact
from riso.pipeline import expand_paths, ingest, process_path, reextract
from riso.store import Store

ENGLISH = "Chengdu is building a science city where universities, laboratories and companies work together."
GERMAN = "Die Stadt Chongqing will bis 2027 eine F&E-Quote von 3 % erreichen und die Zusammenarbeit stärken."
CHINESE = "重庆将加快建设具有全国影响力的科技创新中心，到2027年研发投入强度达到百分之三。"
FRENCH = "La région présente sa stratégie d'innovation : écoles, hôpitaux et entreprises coopèrent déjà."
SCRIPT_PAGE = (
    "<html><head><title>Shenzhen</title><script>var tracking = 1;</script><style>p {}</style></head><body>"
    "<nav><a href='/'>Home</a></nav>" + "<script>ad('banner');</script>" * 40 + "<article><h1>Shenzhen</h1>"
    "<p>Shenzhen spends a larger share of its economy on research than almost any other Chinese city.</p>"
    "<p>Its companies file many international patent applications every year.</p></article></body></html>"
)


def _first_sentence_fact(document: Document) -> list[Fact]:
    s = document.sentences[0]
    return [Fact(document=document.id, kind="entity", quote=document.text[s.start : s.end], start=s.start, end=s.end)]


def _write_good(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"good_{i}.txt"
        path.write_text(f"{ENGLISH} Report number {i} of the series.", encoding="utf-8")
        paths.append(path)
    return paths


def _bad_input_folder(root: Path) -> Path:
    folder = root / "bad"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (folder / "empty.txt").write_bytes(b"")
    with open(folder / "huge.txt", "wb") as handle:  # 60 MB, written in large chunks
        chunk = (ENGLISH + "\n").encode() * 10_000
        while handle.tell() < 60 * 1024 * 1024:
            handle.write(chunk)
    (folder / "gbk.txt").write_bytes(("标题：科技创新\n" + CHINESE * 2).encode("gbk"))
    (folder / "latin1.txt").write_bytes((FRENCH + "\n" + FRENCH.upper()).encode("latin-1"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + (GERMAN + "\n").encode("utf-16-le"))
    (folder / "scripts.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids ["
    (folder / "truncated.pdf").write_bytes(pdf)
    os.symlink(folder / "vanished.txt", folder / "broken.txt")
    (folder / "notes.xlsx").write_bytes(b"ignored: not a supported suffix inside a folder")
    return folder


def test_bad_input_folder(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISO_MAX_DOCUMENT_MB", "32")  # huge.txt is 60 MB
    before = ingest(_write_good(tmp_path / "before", 1), store)
    assert len(before.ingested) == 1
    kept = store.get_document(before.ingested[0])

    report = ingest([_bad_input_folder(tmp_path)], store)

    failed = {Path(f.source).name: f for f in report.failed}
    assert set(failed) == {"binary.txt", "empty.txt", "huge.txt", "truncated.pdf", "broken.txt"}
    assert failed["huge.txt"].code == "R204" and "RISO_MAX_DOCUMENT_MB" in failed["huge.txt"].hint
    assert "binary" in failed["binary.txt"].reason
    assert failed["empty.txt"].code == "R203"
    assert "truncated" in failed["truncated.pdf"].reason
    assert "broken symbolic link" in failed["broken.txt"].reason
    assert all(f.reason and f.hint for f in report.failed)
    assert sorted(Path(report.sources[i]).name for i in report.ingested) == [
        "gbk.txt",
        "latin1.txt",
        "scripts.html",
        "utf16.txt",
    ]
    by_name = {Path(d.source).name: d for d in store.list_documents()}
    assert CHINESE in store.get_document(by_name["gbk.txt"].id).text
    assert store.get_document(by_name["latin1.txt"].id).text.startswith(FRENCH)
    assert store.get_document(by_name["utf16.txt"].id).language == "de"
    assert "ad(" not in store.get_document(by_name["scripts.html"].id).text
    assert store.get_document(kept.id) == kept  # nothing stored before was touched
    assert store.count_documents() == 5


def test_reingest_is_a_no_op(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("riso.extract.extract", _first_sentence_fact)
    paths = _write_good(tmp_path / "docs", 3)
    first = ingest(paths, store)
    assert (len(first.ingested), first.facts) == (3, 3)
    snapshot = [store.get_document(i) for i in first.ingested]
    again = ingest([tmp_path / "docs"], store)
    assert again.ingested == [] and sorted(again.already_present) == sorted(first.ingested) and again.ok
    assert [store.get_document(i) for i in first.ingested] == snapshot
    assert store.count_facts() == 3


def test_interrupt_between_documents_keeps_whole_documents_only(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def interrupted(document: Document) -> list[Fact]:
        calls.append(document.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return _first_sentence_fact(document)

    monkeypatch.setattr("riso.extract.extract", interrupted)
    paths = _write_good(tmp_path / "docs", 5)
    with pytest.raises(KeyboardInterrupt):
        ingest(paths, store)
    assert store.count_documents() == 2
    assert store.count_facts() == 2
    assert {f.document for f in store.list_facts()} == set(calls[:2])

    monkeypatch.setattr("riso.extract.extract", _first_sentence_fact)
    resumed = ingest(paths, store)
    assert (len(resumed.already_present), len(resumed.ingested)) == (2, 3)
    assert store.count_facts() == 5


def test_crash_while_storing_leaves_no_half_written_document(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("riso.extract.extract", _first_sentence_fact)

    def broken_insert(facts: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_facts", broken_insert)
    with pytest.raises(RuntimeError):
        ingest(_write_good(tmp_path / "docs", 2), store)
    assert store.count_documents() == 0 and store.count_facts() == 0


def test_a_failing_extractor_skips_only_that_document(
    duck_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flaky(document: Document) -> list[Fact]:
        if "number 1 " in document.text:
            raise ValueError("extractor bug")
        return []

    monkeypatch.setattr("riso.extract.extract", flaky)
    report = ingest(_write_good(tmp_path / "docs", 3), duck_store)
    assert len(report.ingested) == 2
    assert [Path(f.source).name for f in report.failed] == ["good_1.txt"]
    assert report.failed[0].code == "R300" and "extractor bug" in report.failed[0].reason


def test_on_error_raise_stops(duck_store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(RisoError):
        ingest([tmp_path / "empty.txt"], duck_store, on_error="raise")


def test_link_stories_gets_new_ids_and_progress_is_reported(
    duck_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linked: list[list[str]] = []
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(pipeline, "link_stories", lambda store, ids, **kw: linked.append(list(ids)))
    report = ingest(_write_good(tmp_path / "docs", 3), duck_store, progress=lambda d, t, s: seen.append((d, t)))
    assert linked == [report.ingested]
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_expand_paths(tmp_path: Path) -> None:
    good = _write_good(tmp_path / "a" / "b", 2)
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "table.xlsx").write_text("x")
    (tmp_path / "a" / "page.HTML").write_text("<p>x</p>")
    found = expand_paths([tmp_path / "a"])
    assert found == [str(tmp_path / "a" / "page.HTML")] + [str(p) for p in good]  # a folder's files, then subfolders
    assert expand_paths([str(tmp_path / "a" / "**" / "*.txt"), good[0]]) == [str(p) for p in good]
    for bad in ([], [tmp_path / "nope.txt"], [str(tmp_path / "*.docx")]):
        with pytest.raises(BadRequest):
            expand_paths(bad)
    assert expand_paths([tmp_path / "a" / "table.xlsx"]) == [str(tmp_path / "a" / "table.xlsx")]
    assert process_path(str(tmp_path / "a" / "table.xlsx")).failure.code == "R202"  # type: ignore[union-attr]


def test_reextract_replaces_facts(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(_write_good(tmp_path / "docs", 3), store)
    assert store.count_facts() == 0
    monkeypatch.setattr("riso.extract.extract", _first_sentence_fact)
    assert reextract(store, page=2) == 3
    assert reextract(store) == 3
    assert store.count_facts() == 3


def test_describe_document(duck_store: Store, chongqing: Path) -> None:
    report = ingest([chongqing], duck_store)
    assert len(report.ingested) == 5 and report.ok
    mixed = next(i for i in report.ingested if report.sources[i].endswith(next(chongqing.glob("004_*")).name))
    summary = pipeline.describe_document(duck_store, mixed[7:19])
    assert summary["languages"] == ["en", "zh"]
    assert summary["published"] == "2026-01-28T18:54" and summary["outlet"] == "Xin Lang Cai Jing"
    assert summary["paragraphs"] == 3 and summary["facts"] == duck_store.count_facts(document=mixed)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("riso.scale") is None, reason="riso.scale (ray_map) not written yet")
def test_ray_engine_stores_the_same(duck_store: Store, tmp_path: Path) -> None:
    report = ingest(_write_good(tmp_path / "docs", 3), duck_store, engine="ray")
    assert len(report.ingested) == 3 and report.ok


def test_ingest_links_as_stored_documents_one_at_a_time(
    store: Store, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import drop_store, make_store

    from riso.link import link_document
    from riso.services.stories import StoreState, features_for

    pairs = Path(__file__).parent / "link" / "pairs"
    monkeypatch.setattr(pipeline, "BATCH", 5)  # several groups: later ones meet stored candidates
    report = ingest([pairs], store)
    reference = make_store(backend, tmp_path / "reference")
    try:
        with monkeypatch.context() as m:
            m.setattr(pipeline, "link_stories", lambda store, ids, **kw: None)
            assert ingest([pairs], reference).ingested == report.ingested
        state = StoreState(reference)
        for doc_id in report.ingested:  # the linking of before: features re-read from the store, one by one
            with reference.transaction():
                link_document(features_for(reference, doc_id), state)
        assert store.story_map() == reference.story_map()
        assert [(s.id, s.title, s.languages, s.documents) for s in store.list_stories()] == [
            (s.id, s.title, s.languages, s.documents) for s in reference.list_stories()
        ]
        for doc_id in report.ingested[:4]:
            assert process_path(report.sources[doc_id]).features == features_for(store, doc_id)
    finally:
        drop_store(reference)


def test_add_documents_as_one_by_one(store: Store) -> None:
    docs = [Document(id=f"sha256:{i:064x}", source=f"d{i}", text=f"{ENGLISH} {i}", title=None) for i in range(3)]
    fact = Fact(document=docs[1].id, kind="entity", quote=docs[1].text[:7], start=0, end=7)
    assert store.add_document(docs[0])
    assert store.add_documents([(docs[1], [fact, fact]), (docs[0], ()), (docs[2], ()), (docs[1], ())]) == [
        True,
        False,
        True,
        False,
    ]
    assert store.count_documents() == 3
    assert store.count_facts(document=docs[1].id) == 1
    assert store.get_document(docs[2].id).text == docs[2].text
