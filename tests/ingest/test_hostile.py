"""Hostile inputs (issue 16 item 1, issue 17 item 6, issue 11 item 5): each file is read in a child process
under a memory limit, and the child reports its CPU time and peak memory; every file ends (read, or refused
with a reason) within those bounds.

The corpus is built here, at a small scale of the shapes that exhausted the machine before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from riso.errors import DocumentTooLarge, UnreadableDocument
from riso.ingest import read_document, read_parts

# The child: a memory limit on itself, then the ingest pipeline's per-file work, then what it used.
CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]) * 1024 * 1024,) * 2)
from riso.pipeline import process_file
start = time.process_time()
documents, facts, notes, failures = [], 0, [], []
for r in process_file(sys.argv[1]):  # one part at a time, as ingest stores and drops them
    if r.document is not None:
        documents.append(r.document.source)
        notes.extend(r.document.notes)
    facts += len(r.facts)
    if r.failure is not None:
        failures.append([r.failure.code, r.failure.reason])
    del r
print(json.dumps({
    "cpu": time.process_time() - start,
    # VmHWM is this program's own peak; ru_maxrss keeps the forking parent's peak across exec on Linux
    "peak_mb": next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024,
    "documents": documents, "facts": facts, "notes": notes, "failures": failures,
}))
"""
MEMORY_LIMIT_MB = 1500  # address space: the interpreter with riso's imports maps about 700 MB
PEAK_MB = 400  # resident memory the child may reach
CPU_SECONDS = 30  # CPU time the child may use (generous: the machine is shared)


def _run(path: Path, **env: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(MEMORY_LIMIT_MB)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    assert float(report["cpu"]) < CPU_SECONDS, report  # type: ignore[arg-type]
    assert float(report["peak_mb"]) < PEAK_MB, report  # type: ignore[arg-type]
    return report


def _docx(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(80):
                member.write(block)
    return path


SHAPES: dict[str, Callable[[Path], Path]] = {
    "zip_bomb.docx": _zip_bomb,
    "many_members.docx": lambda p: _docx(p, {f"word/media/{i}.bin": b"x" for i in range(3000)}),
    "many_attributes.html": lambda p: _write(
        p, "<html><body><div " + " ".join(f'a{i}="v"' for i in range(60_000)) + "><p>Text.</p></div></body></html>"
    ),
    "many_paragraphs.html": lambda p: _write(
        p, "<html><body>" + "".join(f"<p>Paragraph {i} of the plan.</p>" for i in range(8_000)) + "</body></html>"
    ),
    "mostly_tags.html": lambda p: _write(
        p, "<html><body><div>" + "<span><b></b></span>" * 250_000 + "<p>Some text.</p></div></body></html>"
    ),
    "digits.txt": lambda p: _write(p, "7" * 2_000_000),
    "percentages.txt": lambda p: _write(p, " ".join(f"{i % 97}%" for i in range(10_000))),
    "one_line.txt": lambda p: _write(p, "word " * 1_000_000),
    "one_line_paragraphs.txt": lambda p: _write(p, "".join(f"item {chr(97 + i % 26)}x\n" for i in range(200_000))),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# Shapes known to be slow (a non-strict xfail each); none since every number's clause questions are answered
# by bisection over cue positions found once per sentence (the percentage flood was ~30 CPU-s, quadratic).
_SLOW_NOW: dict[str, str] = {}


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=_SLOW_NOW[n], strict=False))
                                  if n in _SLOW_NOW else n for n in sorted(SHAPES)])
def test_hostile_file_ends_within_bounds(tmp_path: Path, name: str) -> None:
    path = SHAPES[name](tmp_path / name)
    report = _run(path, RISO_MAX_UNZIPPED_MB="32")
    failures = report["failures"]
    assert isinstance(failures, list)
    if name.endswith(".docx"):  # the zip shapes are refused, with the setting to raise
        assert failures and failures[0][0] == "R204", report
    else:  # the others are read (the extractors see bounded sentences)
        assert not failures and report["documents"], report
    if name in ("digits.txt", "one_line.txt"):
        assert report["notes"], report  # the record says what was cut or split


def test_large_text_is_read_in_parts_with_flat_memory(tmp_path: Path) -> None:
    para = "The region supports its universities and firms with programmes for research and training.\n\n"
    small = _write(tmp_path / "small.txt", para * (1_000_000 // len(para)))
    large = _write(tmp_path / "large.txt", para * (6_000_000 // len(para)))
    env = {"RISO_PART_CHARS": "250000"}
    small_report, large_report = _run(small, **env), _run(large, **env)
    documents = large_report["documents"]
    assert isinstance(documents, list) and len(documents) >= 24
    assert documents[0] == f"{large}#part-1" and documents[-1] == f"{large}#part-{len(documents)}"
    # six times the text, about the same peak: one part is in memory at a time
    assert float(large_report["peak_mb"]) < float(small_report["peak_mb"]) * 1.5 + 80  # type: ignore[arg-type]


def test_parts_cover_the_text_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [f"Paragraph {i}: the plan sets {i % 9} goals." for i in range(3000)]
    path = _write(tmp_path / "plan.txt", "\n\n".join(lines))
    monkeypatch.setenv("RISO_PART_CHARS", "20000")
    parts = list(read_parts(path))
    assert len(parts) > 4
    assert all(len(p.text) <= 20000 for p in parts)
    joined = "\n\n".join(p.text for p in parts)
    assert joined == read_document(path).text  # parts end at paragraph ends: nothing lost, nothing doubled
    assert all(p.notes[0].startswith(f"part {n} of") for n, p in enumerate(parts, start=1))
    assert list(read_parts(path)) == parts  # the same parts (and ids) on every read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_txt_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = _run(fifo)  # would block forever in open() before
    assert report["failures"] and "named pipe" in report["failures"][0][1], report  # type: ignore[index]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    link = tmp_path / "data.txt"
    link.symlink_to(device)
    with pytest.raises(UnreadableDocument, match="character device"):
        read_document(link)
    report = _run(link)
    assert report["failures"] and report["failures"][0][0] == "R201"  # type: ignore[index]


def test_byte_limit_holds_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "grows.txt", "a few words. " * 200_000)  # 2.6 MB
    monkeypatch.setenv("RISO_MAX_DOCUMENT_MB", "1")
    with pytest.raises(DocumentTooLarge, match="limit") as info:
        list(read_parts(path))
    assert "RISO_MAX_DOCUMENT_MB" in info.value.hint


def test_long_sentences_and_digit_runs_are_bounded_with_a_note(tmp_path: Path) -> None:
    text = "Intro sentence. " + "word " * 5000 + "\n\n" + "9" * 500 + " and 3 % more."
    document = read_document(_write(tmp_path / "odd.txt", text))
    assert max(s.end - s.start for s in document.sentences) <= 2000
    assert not any("9" * 100 in document.text[s.start : s.end] for s in document.sentences)
    assert "9" * 500 in document.text  # kept in the text
    assert any("split" in n for n in document.notes) and any("digits" in n for n in document.notes)
