"""Opening document files safely: regular files only, never blocking, a byte limit enforced while reading.

A FIFO named ``*.txt`` would block ``open()`` forever and ``/dev/zero`` reports size 0 and never ends,
so the file is opened without blocking, checked with ``fstat`` on the open descriptor (no race with a
rename), and read in chunks that stop at the limit whatever the size said.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

from riso.errors import DocumentTooLarge, UnreadableDocument

__all__ = ["CHUNK", "iter_chunks", "open_regular", "read_limited", "too_large"]

CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def too_large(size: int | None, limit: int) -> DocumentTooLarge:
    """The error for a file over the byte limit (``size`` None when it was found while reading)."""
    over = f"is {size / 1024 / 1024:.1f} MB" if size is not None else "is larger than the limit"
    return DocumentTooLarge(
        f"the document {over}, over the {limit / 1024 / 1024:g} MB limit",
        hint=f"Split the file, or raise the limit, e.g. RISO_MAX_DOCUMENT_MB="
        f"{int((size or limit) / 1024 / 1024) * 2 + 1}.",
    )


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """The file opened for reading in binary; raises UnreadableDocument unless it is a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise UnreadableDocument(
            f"the file cannot be read ({err.strerror or type(err).__name__})",
            hint="Check the file's permissions.",
        ) from err
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise UnreadableDocument(
                f"this is {kind}, not a regular file",
                hint="Only regular files are read; copy the content into a file and ingest that.",
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def iter_chunks(handle: BinaryIO, limit: int, *, size: int = CHUNK) -> Iterator[bytes]:
    """The file's bytes in chunks; raises DocumentTooLarge as soon as more than ``limit`` were read."""
    seen = 0
    while True:
        chunk = handle.read(size)
        if not chunk:
            return
        seen += len(chunk)
        if seen > limit:
            raise too_large(None, limit)
        yield chunk


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """A regular file's bytes, refused past ``limit`` (checked from its size, then while reading)."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise too_large(size, limit)
        return b"".join(iter_chunks(handle, limit))
