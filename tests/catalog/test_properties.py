"""Property tests: every name of every region and indicator resolves back to it, alone and inside a text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from riso.catalog import load_catalog

CATALOG = load_catalog()
REGION_NAMES = sorted({(n, r.id) for r in CATALOG.regions.values() for n in (*r.names.values(), *r.aliases)})
INDICATOR_NAMES = sorted(
    {
        (n, i.id)
        for i in CATALOG.indicators.values()
        for n in (*i.labels.values(), *(s for v in i.synonyms.values() for s in v))
    }
)
CONTEXT = st.sampled_from(["", "Laut Bericht ", "Selon le rapport, ", "In 2023 ", "根据报告，", "Secondo i dati, "])
TAIL = st.sampled_from(["", ".", " wächst.", " grows fast.", "，增长较快。", " è cresciuta."])


def test_properties_every_region_name_resolves_back() -> None:
    for name, region_id in REGION_NAMES:
        assert CATALOG.region(name).id == region_id, name
        assert CATALOG.region(name.upper() if name.isascii() else name).id == region_id, name


def test_properties_every_indicator_name_resolves_back() -> None:
    for name, indicator_id in INDICATOR_NAMES:
        assert CATALOG.indicator(name).id == indicator_id, name


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(REGION_NAMES), CONTEXT, TAIL)
def test_properties_region_name_found_in_text(entry: tuple[str, str], before: str, after: str) -> None:
    name, region_id = entry
    text = before + name + after
    mentions = CATALOG.find_regions(text)
    covering = [m for m in mentions if m.start <= len(before) and m.end >= len(before) + len(name)]
    assert covering and covering[0].id == region_id, (text, mentions)
    assert all(text[m.start : m.end] == m.surface for m in mentions)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(INDICATOR_NAMES), CONTEXT, TAIL)
def test_properties_indicator_name_found_in_text(entry: tuple[str, str], before: str, after: str) -> None:
    name, indicator_id = entry
    text = before + name + after
    mentions = CATALOG.find_indicators(text)
    covering = [m for m in mentions if m.start <= len(before) and m.end >= len(before) + len(name)]
    assert covering and covering[0].id == indicator_id, (text, mentions)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_properties_find_never_fails_and_offsets_hold(text: str) -> None:
    for mention in CATALOG.find_regions(text) + CATALOG.find_indicators(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface


# names that cross, touch and nest: slice edges fall inside names, inside words and between scripts
_PIECES = st.sampled_from(
    [*(n for n, _ in REGION_NAMES[::40]), "EU", "USA", " ", ". ", "，", "。", "-", "s", "x", "Baden", "Württemberg",
     "重庆", "市", "the province", "China's", "turkey", "Turkey", "（", "）", "Nordrhein", "-Westfalen", "7"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=8))
def test_properties_one_pass_gives_each_slice_what_a_search_of_the_slice_gives(
    pieces: list[str], cuts: list[tuple[int, int]]
) -> None:
    text = "".join(pieces)
    scan = CATALOG.scan_regions(text)
    assert scan.all() == CATALOG.find_regions(text)
    for a, b in cuts:
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        assert scan.within(start, end) == CATALOG.find_regions(text[start:end]), (text, start, end)


def test_properties_one_pass_slices_of_a_document_are_its_sentences_mentions() -> None:
    text = "Bayern und Baden-Württemberg. Das Land Nordrhein-Westfalen; die EU. 重庆市和四川省。China's share"
    scan = CATALOG.scan_regions(text)
    cuts = [0, 29, 30, 58, 60, 68, 76, len(text)]
    for start in cuts:
        for end in cuts:
            if start <= end:
                assert scan.within(start, end) == CATALOG.find_regions(text[start:end]), (start, end)
