"""Issue 17 (items 2, 4, 8): odd file names, documents never left unlinked, unreadable folders, Ctrl-C."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riso import pipeline
from riso.cli import app
from riso.model import Document, Fact
from riso.pipeline import ingest
from riso.store import Store

TEXTS = [
    "Chengdu is building a science city where universities, laboratories and companies work together.",
    "Die Stadt Chongqing will bis 2027 eine F&E-Quote von 3 % erreichen und die Zusammenarbeit stärken.",
    "重庆将加快建设具有全国影响力的科技创新中心，到2027年研发投入强度达到百分之三。",
    "La région présente sa stratégie d'innovation : écoles, hôpitaux et entreprises coopèrent déjà.",
    "Shenzhen spends a larger share of its economy on research than almost any other Chinese city.",
]


def _first_sentence_fact(document: Document) -> list[Fact]:
    s = document.sentences[0]
    return [Fact(document=document.id, kind="entity", quote=document.text[s.start : s.end], start=s.start, end=s.end)]


def _folder(root: Path, n: int = 5) -> Path:
    folder = root / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc_{i}.txt").write_text(f"{TEXTS[i % len(TEXTS)]} Report {i}.", encoding="utf-8")
    return folder


def _bad_name_folder(root: Path) -> Path:
    folder = root / "names"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    with open(os.fsencode(folder) + b"/bad_\xff.txt", "wb") as handle:  # a Latin-1 byte: not UTF-8
        handle.write(TEXTS[1].encode("utf-8"))
    return folder


def test_issue17_file_name_not_utf8_is_stored_safely(store: Store, tmp_path: Path) -> None:
    folder = _bad_name_folder(tmp_path)
    report = ingest([folder], store)
    assert report.ok and len(report.ingested) == 2
    sources = sorted(d.source for d in store.list_documents())
    assert sources == [f"{folder}/bad_\\xff.txt", f"{folder}/good.txt"]  # the byte as \xff, readable text
    assert all(store.get_document(d).story for d in report.ingested)


def test_issue17_file_name_not_utf8_through_the_cli(tmp_path: Path) -> None:
    folder = _bad_name_folder(tmp_path)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "riso.duckdb"), "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "ingested 2, already present 0, failed 0" in result.output


def test_issue17_interrupt_between_store_and_link_is_linked_by_the_next_run(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("riso.extract.extract", _first_sentence_fact)
    folder = _folder(tmp_path)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "link_stories", interrupted)
        with pytest.raises(KeyboardInterrupt):
            ingest([folder], store)
    stored = [d.id for d in store.list_documents()]
    assert len(stored) == 5 and store.documents_without_story() != []  # stored, the link did not happen

    again = ingest([folder], store)  # every document is "already present", and now linked
    assert sorted(again.already_present) == sorted(stored)
    assert sorted(again.linked_later) == sorted(stored)
    assert store.documents_without_story() == []
    assert all(store.get_document(d).story for d in stored)


def test_issue17_ctrl_c_while_reading_links_what_it_stores(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def extract(document: Document) -> list[Fact]:
        seen.append(document.id)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return _first_sentence_fact(document)

    monkeypatch.setattr("riso.extract.extract", extract)
    with pytest.raises(KeyboardInterrupt):
        ingest([_folder(tmp_path)], store)
    assert store.count_documents() == 2
    assert store.documents_without_story() == []


def test_issue17_unreadable_folder_is_reported(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 2)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(TEXTS[2], encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # the tests run as root, whom chmod 000 does not stop
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    report = ingest([folder], store)
    assert len(report.ingested) == 2 and not report.ok
    assert [(f.source, f.code) for f in report.failed] == [(str(locked), "R201")]
    assert "cannot be read" in report.failed[0].reason and "Permission denied" in report.failed[0].reason

    result = CliRunner().invoke(app, ["--db", str(tmp_path / "cli.duckdb"), "ingest", str(folder)])
    assert result.exit_code == 1 and "locked: the folder cannot be read" in result.output


def test_issue17_ctrl_c_prints_the_summary_and_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def extract(document: Document) -> list[Fact]:
        seen.append(document.id)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return _first_sentence_fact(document)

    monkeypatch.setattr("riso.extract.extract", extract)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "riso.duckdb"), "ingest", str(_folder(tmp_path))])
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.output and "ingested 2, already present 0, failed 0 (2 facts)" in result.output
