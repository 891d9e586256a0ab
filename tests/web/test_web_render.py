"""Dashboard pieces without a browser: UI strings per language, SVG charts, highlighting, table facts."""

from __future__ import annotations

import itertools

import pytest

from riso.model import Fact
from riso.web._render import highlight
from riso.web.charts import RankBar, rank_chart
from riso.web.i18n import DEFAULT_LANGUAGE, available_languages, choose_language, strings, translate
from riso.web.pages import _table
from riso.web.target_chart import ChartText, Projection, nice_ticks, target_chart


@pytest.mark.parametrize("language", available_languages())
def test_web_i18n_every_language_has_every_key(language: str) -> None:
    assert set(strings(language)) == set(strings(DEFAULT_LANGUAGE))
    assert all(value.strip() for value in strings(language).values())


def test_web_i18n_choice_and_placeholders() -> None:
    assert {"en", "zh"} <= set(available_languages())
    assert choose_language("zh", "en", "de") == "zh"
    assert choose_language(None, "zh", "en") == "zh"
    assert choose_language(None, None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert choose_language("xx", None, "fr") == "en"
    assert translate("zh", "search_results", n=3) == "找到 3 条事实"


TEXT = ChartText(title="R&D <intensity>", x_axis="Year", y_axis="%", observed="measured", target="target",
                 projection="projection", no_data="no data yet")


def test_web_charts_are_accessible_svg_with_tooltips() -> None:
    svg = target_chart([(2020, 2.1), (2021, 2.3)], target=3.0, deadline=2027, unit="%", text=TEXT,
                       projection=Projection(2.9, 2.6, 3.2))
    assert svg.startswith("<svg") and 'role="img"' in svg and "R&amp;D &lt;intensity&gt;" in svg
    assert svg.count('tabindex="0"') == 4  # two measured points, the target, the projection
    assert 'class="target-line"' in svg and 'class="deadline-line"' in svg and 'class="band"' in svg
    assert "axis-label x" in svg and ">Year<" in svg and ">2027<" in svg and "target: 3 % (2027)" in svg
    empty = target_chart([], target=20000, deadline=2030, unit="count", text=TEXT)
    assert "no data yet" in empty and 'class="target-line"' in empty and "<polyline" not in empty
    assert ">20,000<" in empty or ">25,000<" in empty  # y ticks with thousands separators
    ranks = rank_chart([RankBar("Chongqing", 2, 1, 3), RankBar("Sichuan", 3)], title="ranks")
    assert ranks.count("<circle") == 2 and "Chongqing: 2 [1–3]" in ranks


@pytest.mark.parametrize(("low", "high"), [(0, 3.2), (0, 20000), (-1.5, 2.5), (0.12, 0.13), (5, 5)])
def test_web_nice_ticks_cover_the_range(low: float, high: float) -> None:
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high and 2 <= len(ticks) <= 8
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1


def test_web_highlight_escapes_and_links_spans() -> None:
    html = highlight("a <b> 20.000 c", [(6, 12, "/facts/f:1", "target"), (0, 99, "/x", "bad span")])
    assert html == 'a &lt;b&gt; <a class="mark" href="/facts/f:1" title="target"><mark>20.000</mark></a> c'


def test_web_table_facts_accept_header_objects() -> None:
    fact = Fact(
        document="sha256:x", kind="table", quote="t", start=0, end=1,
        payload={"columns": [{"name": "Bereich", "header": "Bereich"}, {"header": "Projekte"}],
                 "rows": [["Jangtse River Delta", "28"]]},
    )
    table = _table(fact)
    assert table is not None and table["columns"] == ["Bereich", "Projekte"]
    assert table["rows"] == [["Jangtse River Delta", "28"]]
