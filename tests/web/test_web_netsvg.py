"""The server-side network picture: the same SVG every time, the most central nodes kept, weak links dashed."""

from __future__ import annotations

from riso.web.netsvg import graph_svg


def _graph(n: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    nodes = [{"id": f"a{i}", "name": f"Actor {i}", "type": "university" if i % 2 else "enterprise",
              "eigenvector": 1.0 / (i + 1), "degree": n - i, "local": i < n // 2} for i in range(n)]
    rels: list[dict[str, object]] = [{"source": f"a{i}", "target": f"a{(i * 7 + 3) % n}", "weak": i % 5 == 0}
                                     for i in range(n)]
    rels.append({"source": "b-lonely", "target": "c-lonely", "weak": False})  # ends not drawn: skipped
    return nodes, rels


def test_graph_svg_is_deterministic_and_keeps_the_most_central_nodes() -> None:
    nodes, rels = _graph(60)
    first = graph_svg(nodes, rels, title="t", max_nodes=25)
    assert first.svg == graph_svg(nodes, rels, title="t", max_nodes=25).svg
    assert (first.drawn, first.total) == (25, 60)
    assert str(first.svg).count("<circle") == 25
    assert "<title>Actor 0</title>" in first.svg and "<title>Actor 59</title>" not in first.svg
    shown = {f"a{i}" for i in range(25)}
    among = {frozenset((r["source"], r["target"])) for r in rels if r["source"] in shown and r["target"] in shown
             and r["source"] != r["target"]}
    assert str(first.svg).count("<line") == len(among)  # every link between drawn nodes, once


def test_graph_svg_dashes_weak_links_escapes_names_and_handles_tiny_graphs() -> None:
    nodes = [{"id": "x", "name": "<script>", "type": "laboratory", "eigenvector": 1.0, "degree": 1},
             {"id": "y", "name": "B & C", "type": "other", "eigenvector": 0.5, "degree": 1}]
    pic = graph_svg(nodes, [{"source": "x", "target": "y", "weak": True}], title="a \"title\"")
    svg = str(pic.svg)
    assert "stroke-dasharray" in svg and "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert 'aria-label="a &quot;title&quot;"' in svg
    assert "<circle" in str(graph_svg(nodes[:1], [], title="one").svg)
    assert "<circle" not in str(graph_svg([], [], title="none").svg)
