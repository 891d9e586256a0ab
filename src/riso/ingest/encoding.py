"""Bytes to text: byte-order marks, UTF-16 without BOM, strict UTF-8, GB18030/GBK, CP1252/Latin-1.

Also the one text normalisation (Unicode NFC, newlines) that happens before a document is hashed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

from riso.errors import EmptyDocument, UnreadableDocument

__all__ = ["decode", "document_id", "is_binary", "normalise_text", "sniff_encoding"]

# UTF-32 marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 4096
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BINARY_HINT = "Only text documents can be ingested: convert it to .txt, .pdf or .docx, or leave it out."


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 byte order guessed from where the NUL bytes sit (ASCII-range text has one per character)."""
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _gbk_plausible(data: bytes) -> bool:
    """Whether non-ASCII bytes pair up as GB2312 characters (both bytes >= 0xA1), as real Chinese text does.

    Latin-1 text also decodes as GB18030 (an accented letter plus the next ASCII letter form a pair),
    but those pairs have an ASCII trail byte, so their share of GB2312-range pairs is low.
    """
    pairs = gb2312 = 0
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:
            i += 1
            continue
        if i + 1 >= n:
            return False
        trail = data[i + 1]
        if 0x30 <= trail <= 0x39:  # a four-byte GB18030 sequence
            i += 4
            pairs += 1
            continue
        pairs += 1
        if byte >= 0xA1 and trail >= 0xA1:
            gb2312 += 1
        i += 2
    return pairs > 0 and gb2312 / pairs >= 0.8


def _legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF: GB18030 when they look Chinese, else the best single-byte guess."""
    if _gbk_plausible(data[:65536]):
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    # charset-normalizer only chooses among single-byte and CJK codecs we accept, in this order.
    best = from_bytes(data[:65536], cp_isolation=["cp1252", "cp1251", "big5", "shift_jis", "euc_kr"]).best()
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if best is not None and best.encoding != "cp1252":
        try:
            text = data.decode(best.encoding)
            if text != western:  # codecs that agree on these bytes: keep the western name
                return text, best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    if western is not None:
        return western, "cp1252"
    return data.decode("latin-1"), "latin-1"


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file's bytes and the encoding used; raises UnreadableDocument for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise UnreadableDocument(
                    f"the file starts with a {encoding} byte-order mark but is not valid {encoding}",
                    hint="Re-save the file as UTF-8.",
                ) from err
    sample = data[:_SAMPLE]
    utf16 = _utf16_without_bom(sample) if b"\x00" in sample else None
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UnreadableDocument("the file holds binary data (NUL bytes), not text", hint=_BINARY_HINT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _legacy(data)


def sniff_encoding(sample: bytes) -> str:
    """The codec to stream a file with, from its first bytes (a BOM is skipped by the codec named).

    Raises UnreadableDocument for binary data. A sample cut inside a character still counts as UTF-8.
    """
    streaming = {
        "utf-8": "utf-8-sig",
        "utf-16-le": "utf-16",
        "utf-16-be": "utf-16",
        "utf-32-le": "utf-32",
        "utf-32-be": "utf-32",
    }
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return streaming.get(encoding, encoding)
    utf16 = _utf16_without_bom(sample[:_SAMPLE]) if b"\x00" in sample[:_SAMPLE] else None
    if utf16 is not None:
        return utf16
    if b"\x00" in sample:
        raise UnreadableDocument("the file holds binary data (NUL bytes), not text", hint=_BINARY_HINT)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return _legacy(sample)[1]


def is_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters, as binary data read as text is."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > 0.01


def normalise_text(text: str) -> str:
    """NFC, one newline convention, no BOM, no trailing spaces; raises EmptyDocument when nothing is left."""
    text = text.replace("\ufeff", "")
    text = _NEWLINES.sub("\n", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text).strip()
    if not text:
        raise EmptyDocument("the document holds no text")
    return text


def document_id(text: str) -> str:
    """The document id: ``sha256:`` and the hex digest of the normalised text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
