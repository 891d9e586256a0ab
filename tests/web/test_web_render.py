"""Dashboard pieces without a browser: UI strings per language, SVG charts, highlighting, table facts."""

from __future__ import annotations

import pytest

from riso.model import Fact
from riso.web._render import highlight
from riso.web.charts import Point, RankBar, rank_chart, series_chart
from riso.web.i18n import DEFAULT_LANGUAGE, available_languages, choose_language, strings, translate
from riso.web.pages import _table


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


def test_web_charts_are_accessible_svg_with_tooltips() -> None:
    svg = series_chart(
        [Point(2020, 2.1), Point(2021, 2.3), Point(2027, 3.0, "target"), Point(2027, 2.9, "projection", "", 2.6, 3.2)],
        title="R&D <intensity>",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and "R&amp;D &lt;intensity&gt;" in svg
    assert svg.count('tabindex="0"') == 4 and svg.count("<title>") == 5
    assert 'class="interval"' in svg
    ranks = rank_chart([RankBar("Chongqing", 2, 1, 3), RankBar("Sichuan", 3)], title="ranks")
    assert ranks.count("<circle") == 2 and "Chongqing: 2 [1–3]" in ranks
    assert series_chart([], title="x") == ""


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
