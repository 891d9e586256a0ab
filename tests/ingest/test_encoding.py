"""Encoding detection, binary detection, normalisation and document ids."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from riso.errors import EmptyDocument, UnreadableDocument
from riso.ingest import decode, document_id, normalise_text

CHINESE = "重庆将加快建设具有全国影响力的科技创新中心，到2027年研发投入强度达到百分之三。"
FRENCH = "La région a présenté sa stratégie d'innovation : écoles, hôpitaux et entreprises coopèrent déjà."
GERMAN = "Die Förderung der Forschung wächst: Universitäten und Unternehmen gründen gemeinsame Zentren."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + GERMAN.encode("utf-32-le"), "utf-32-le"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (GERMAN.encode("utf-16-be"), "utf-16-be"),
        (CHINESE.encode("utf-8"), "utf-8"),
        (CHINESE.encode("gbk"), "gb18030"),
        ((CHINESE * 3).encode("gb18030"), "gb18030"),
        (FRENCH.encode("latin-1"), "cp1252"),
        (GERMAN.encode("cp1252"), "cp1252"),
        ("Die Quote stieg um 3 % – „ein Erfolg“, sagt die Stadt.".encode("cp1252"), "cp1252"),
    ],
)
def test_decode_finds_the_encoding(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert found == encoding
    assert text in (FRENCH, GERMAN, CHINESE, CHINESE * 3) or text.startswith("Die Quote")


def test_decode_gbk_is_not_mistaken_for_latin1() -> None:
    text, _ = decode(("标题\n" + CHINESE + "\n" + CHINESE).encode("gbk"))
    assert CHINESE in text


def test_decode_latin1_is_not_mistaken_for_gbk() -> None:
    text, _ = decode((FRENCH + "\n" + GERMAN).encode("latin-1"))
    assert text == FRENCH + "\n" + GERMAN


def test_decode_rejects_binary_with_a_hint() -> None:
    with pytest.raises(UnreadableDocument) as info:
        decode(bytes(range(256)) * 20)
    assert "binary" in info.value.message
    assert info.value.hint


def test_normalise_text_nfc_newlines_and_blank() -> None:
    decomposed = unicodedata.normalize("NFD", "Café\r\nZürich\r")
    assert normalise_text("\ufeff" + decomposed + "  \n") == "Café\nZürich"
    with pytest.raises(EmptyDocument):
        normalise_text(" \n\t\r\n ")


def test_document_id_is_sha256_of_normalised_text() -> None:
    a = document_id(normalise_text("Straße\r\n"))
    b = document_id(normalise_text(unicodedata.normalize("NFD", "Straße\n")))
    assert a == b and a.startswith("sha256:") and len(a) == 7 + 64


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_unicode(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding))[0] == text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_HANZI = "重庆成都科技创新中心研发投入强度达到建设全国影响力的产业集群合作区域发展数字经济人工智能"
_ACCENTED = "aàâäbcçdeéèêëfghiîïjklmnoôöpqrstuùûüvwxyzß "


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.sampled_from(_HANZI + "，。、 0123456789"), min_size=4, max_size=120))
def test_decode_round_trips_gbk_chinese(text: str) -> None:
    data = text.encode("gbk")
    assume(sum(ch in _HANZI for ch in text) >= 2 and not _is_utf8(data))  # valid UTF-8 is read as UTF-8
    assert decode(data)[0] == text


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.text(st.sampled_from(_ACCENTED.strip()), min_size=2, max_size=9), min_size=3, max_size=30))
def test_decode_round_trips_latin1_words(words: list[str]) -> None:
    text = "Voilà " + " ".join(words) + " déjà."
    assert decode(text.encode("latin-1"))[0] == text
