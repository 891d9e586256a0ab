"""Streaming text: bytes decoded chunk by chunk, and a long text cut into bounded parts at paragraph ends.

A file longer than one part becomes several documents (``source#part-N``), so reading and extracting a
200 MB file holds one part in memory at a time.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator

from riso.ingest.encoding import sniff_encoding

__all__ = ["Part", "decode_stream", "split_parts"]

_SAMPLE = 65536


class Part(str):
    """The text of one part, with where it starts in the whole text (in characters)."""

    offset: int

    def __new__(cls, text: str, offset: int) -> Part:
        made = super().__new__(cls, text)
        made.offset = offset
        return made


def decode_stream(chunks: Iterable[bytes], notes: list[str]) -> Iterator[str]:
    """Text from a stream of byte chunks, the codec chosen from the first 64 KB.

    Bytes that do not fit that codec later in the file are replaced (U+FFFD), with a note.
    """
    source = iter(chunks)
    head = b""
    for chunk in source:
        head += chunk
        if len(head) >= _SAMPLE:
            break
    if not head:
        return
    decoder = codecs.getincrementaldecoder(sniff_encoding(head[:_SAMPLE]))("strict")

    def feed(data: bytes, final: bool = False) -> str:
        try:
            return decoder.decode(data, final)
        except UnicodeDecodeError:
            decoder.errors = "replace"
            notes.append("some bytes did not fit the file's encoding and were replaced by U+FFFD")
            return decoder.decode(data, final)

    yield feed(head)
    for chunk in source:
        yield feed(chunk)
    yield feed(b"", final=True)


def _cut(text: str, limit: int) -> int:
    """Where to end a part of at most ``limit`` characters: after a blank line, a line, a space."""
    floor = limit // 2
    for mark in ("\n\n", "\n", " "):
        at = text.rfind(mark, floor, limit)
        if at >= 0:
            return at + len(mark)
    return limit


def _line_end(text: str, lines: int) -> int:
    """The end of the first ``lines`` lines of ``text``, or -1 when it has fewer."""
    at = -1
    for _ in range(lines):
        at = text.find("\n", at + 1)
        if at < 0:
            return -1
    return at + 1


def split_parts(pieces: Iterable[str], part_chars: int, part_lines: int = 20_000) -> Iterator[Part]:
    """The text of ``pieces`` in parts of at most ``part_chars`` characters and ``part_lines`` lines,
    cut at paragraph ends (each line can be a paragraph, and paragraphs cost memory)."""
    if part_chars >= sys.maxsize:  # one part: the whole text
        whole = "".join(pieces)
        if whole:
            yield Part(whole, 0)
        return
    pending = ""
    offset = 0
    for piece in pieces:
        pending += piece
        while True:
            by_lines = _line_end(pending[: part_chars + 1], part_lines)
            if by_lines > 0:
                cut = by_lines
            elif len(pending) > part_chars:
                cut = _cut(pending, part_chars)
            else:
                break
            yield Part(pending[:cut], offset)
            offset += cut
            pending = pending[cut:]
    if pending:
        yield Part(pending, offset)
