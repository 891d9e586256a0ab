"""A change in points right after the level it changes is of that level: when the catalog does not know the level's
name, the change is unresolved too, not the growth of a metric carried from an earlier sentence."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


def _metrics(text: str, language: str) -> dict[tuple[float, str | None], str | None]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language=language)
    return {(f.value, f.unit): f.metric for f in extract(doc) if f.value is not None}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("zh", "2020年,浙江研发投入达2100亿元。全省高校毕业生留浙率达65%,比2015年提高5个百分点。"),
        (
            "en",
            "In 2022, R&D spending in Wales was £0.9 billion. "
            "The graduate retention rate in Wales reached 65%, up 5 percentage points.",
        ),
    ],
)
def test_the_change_of_an_unnamed_level_is_unresolved(language: str, text: str) -> None:
    metrics = _metrics(text, language)
    assert metrics[(65.0, "%")] is None
    assert metrics[(5.0, "pp")] is None


def test_the_change_of_a_named_level_keeps_its_metric() -> None:
    text = "2020年,浙江研发投入达2100亿元;占地区生产总值比重达2.9%,比2015年提高0.6个百分点。"
    metrics = _metrics(text, "zh")
    assert metrics[(2.9, "%")] == metrics[(0.6, "pp")] == "rd_intensity"
