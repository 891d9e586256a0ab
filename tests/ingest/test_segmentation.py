"""Paragraph and sentence segmentation: per-language rules and offset invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.ingest import split_paragraphs, split_sentences
from riso.model import Segment


def _sentences(text: str, language: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, [Segment(start=0, end=len(text), language=language)])]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "de",
            "Das gilt z. B. für Chongqing. Die Stadt wächst.",
            ["Das gilt z. B. für Chongqing.", "Die Stadt wächst."],
        ),
        (
            "de",
            "Äpfel, Birnen usw. Die Quote liegt bei 3,5%. Gut.",
            ["Äpfel, Birnen usw.", "Die Quote liegt bei 3,5%.", "Gut."],
        ),
        (
            "de",
            "Laut Dr. Wang steigt sie. Am 12. März 2025 kam es.",
            ["Laut Dr. Wang steigt sie.", "Am 12. März 2025 kam es."],
        ),
        (
            "de",
            "1.Das Bündnis wurde gegründet. 2.Der Bau beschleunigt.",
            ["1.Das Bündnis wurde gegründet.", "2.Der Bau beschleunigt."],
        ),
        ("de", "1. Heiße Themen der Kooperation", ["1. Heiße Themen der Kooperation"]),
        (
            "en",
            "Dr. Li spoke. The rate rose to 2.5 percent, e.g. in Chengdu. Next!",
            ["Dr. Li spoke.", "The rate rose to 2.5 percent, e.g. in Chengdu.", "Next!"],
        ),
        ("en", 'He said "It works." Then he left.', ['He said "It works."', "Then he left."]),
        (
            "fr",
            "M. Dupont est arrivé. La ville croît de 3,5 %. Fin.",
            ["M. Dupont est arrivé.", "La ville croît de 3,5 %.", "Fin."],
        ),
        (
            "it",
            "Il sig. Rossi parla. La città cresce ecc. Bene.",
            ["Il sig. Rossi parla.", "La città cresce ecc.", "Bene."],
        ),
        ("es", "El Sr. García habló. ¿Crece la ciudad? Sí.", ["El Sr. García habló.", "¿Crece la ciudad?", "Sí."]),
        (
            "zh",
            "重庆将建设科技创新中心。研发投入强度达到3%！目标明确？是的；继续",
            ["重庆将建设科技创新中心。", "研发投入强度达到3%！", "目标明确？", "是的；", "继续"],
        ),
    ],
)
def test_split_sentences_per_language(language: str, text: str, expected: list[str]) -> None:
    assert _sentences(text, language) == expected


def test_split_paragraphs_lines_or_blocks() -> None:
    assert split_paragraphs("a\nb") == [(0, 1), (2, 3)]
    text = "first line\nsame block\n\nsecond block"
    assert [text[s:e] for s, e in split_paragraphs(text)] == ["first line\nsame block", "second block"]


def test_sentences_stay_inside_paragraphs() -> None:
    text = "Title without stop\nA sentence. Another one."
    paras = [Segment(start=s, end=e, language="en") for s, e in split_paragraphs(text)]
    assert [text[s.start : s.end] for s in split_sentences(text, paras)] == [
        "Title without stop",
        "A sentence.",
        "Another one.",
    ]


_ALPHABET = st.sampled_from([*'abcXYZ 。！？；.!?…"”)\n 12,%', "Dr.", "z. B.", "usw.", "1.Das", "3,5"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_ALPHABET, max_size=80), language=st.sampled_from(["en", "de", "fr", "it", "es", "zh", None]))
def test_segments_are_valid_ordered_and_cover_the_text(parts: list[str], language: str | None) -> None:
    text = "".join(parts)
    paras = [Segment(start=s, end=e, language=language) for s, e in split_paragraphs(text)]
    sentences = split_sentences(text, paras)
    position = 0
    for seg in sentences:
        assert position <= seg.start < seg.end <= len(text)
        chunk = text[seg.start : seg.end]
        assert chunk == chunk.strip()
        assert text[position : seg.start].strip() == ""  # nothing but whitespace is skipped
        position = seg.end
    assert text[position:].strip() == ""
    for para in paras:  # no sentence crosses a paragraph boundary
        inside = [s for s in sentences if para.start <= s.start < para.end]
        assert all(s.end <= para.end for s in inside)


def test_a_chinese_sentence_wrapped_across_lines_is_one_paragraph() -> None:
    text = (
        "2022年全市创新工作稳步推进。全社会研发经费\n"
        "投入强度达到2.8%、高新技术企业达到1520家、约\n"
        "为五年前的两倍。新增省级重点实验室3家。\n"
        "二、主要任务\n"
        "加快建设创新平台,培育科技型中小企业。"
    )
    paras = [text[s:e] for s, e in split_paragraphs(text)]
    assert paras[0].startswith("2022年") and paras[0].endswith("新增省级重点实验室3家。")
    assert paras[1:] == ["二、主要任务", "加快建设创新平台,培育科技型中小企业。"]  # a short heading stays apart
    sentences = _sentences(text, "zh")
    assert "全社会研发经费\n投入强度达到2.8%、高新技术企业达到1520家、约\n为五年前的两倍。" in sentences


def test_chinese_lines_that_end_a_sentence_or_are_short_stay_apart() -> None:
    text = "浙江省科技厅关于印发规划的通知\n各市科技局、各有关单位:\n现将规划印发给你们,请认真贯彻实施。"
    assert len(split_paragraphs(text)) == 3
    text = "全市研发投入强度达到2.8%。\n高新技术企业达到1520家。"
    assert len(split_paragraphs(text)) == 2


def test_chinese_table_rows_are_not_wrapped_sentences() -> None:
    text = (
        "南京市研发投入强度  3.6  高新技术企业  9500\n"
        "苏州市研发投入强度  4.1  高新技术企业  13000\n"
        "无锡市研发投入强度  3.3  高新技术企业  5600"
    )
    assert len(split_paragraphs(text)) == 3
