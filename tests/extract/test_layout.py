"""Tables (pipe and HTML) and closing glossaries: zones, typed columns, cell measurements, refusals."""

from __future__ import annotations

from riso.extract import extract
from riso.extract.layout import find_glossary, find_tables
from riso.extract.patterns import patterns_for
from riso.extract.tables import header_unit
from riso.model import Document, Segment

PIPE = (
    "Kooperation in Zahlen.\n"
    "Region | Projekte | Investitionen (Milliarden Yuan) |\n"
    "---|---|---|\n"
    "Jangtse River Delta | 28 | 120 |\n"
    "Greater Bay Area | 35 | 180,5 |\n"
)
HTML = (
    "<p>Dépenses de R&D</p><table><tr><th>Région</th><th>Dépenses (milliards d'euros)</th></tr>"
    "<tr><td>Île-de-France</td><td>22,1</td></tr><tr><td>Bavière</td><td>19,4</td></tr></table>"
)


def _doc(text: str, language: str) -> Document:
    return Document(id=f"sha256:t-{len(text)}", source="test", text=text, language=language)


def test_layout_pipe_table_is_found_with_cells_at_their_offsets() -> None:
    (table,) = find_tables(PIPE)
    assert [c.text for c in table.header] == ["Region", "Projekte", "Investitionen (Milliarden Yuan)"]
    assert len(table.rows) == 2
    for row in table.rows:
        for cell in row:
            assert PIPE[cell.start : cell.end] == cell.text


def test_layout_header_units_per_language() -> None:
    assert header_unit("Investitionsbetrag (Milliarden Yuan)", patterns_for("de")) == "CNY bn"
    assert header_unit("Dépenses (milliards d'euros)", patterns_for("fr")) == "EUR bn"
    assert header_unit("Anteil (%)", patterns_for("de")) == "%"
    assert header_unit("研发经费（亿元）", patterns_for("zh")) == "CNY 100m"
    assert header_unit("Anzahl der Projekte (fast 10 Tage)", patterns_for("de")) is None


def test_layout_table_cells_become_measurements_with_regions() -> None:
    doc = _doc(PIPE, "de")
    facts = extract(doc)
    (table,) = [f for f in facts if f.kind == "table"]
    assert [c["unit"] for c in table.payload["columns"]] == [None, "count", "CNY bn"]  # type: ignore[index]
    cells = sorted((f.subject.id if f.subject else None, f.value, f.unit) for f in facts if f.payload.get("table"))
    assert cells == [("cn-gba", 35.0, "count"), ("cn-gba", 180.5, "CNY bn"), ("cn-yrd", 28.0, "count"),
                     ("cn-yrd", 120.0, "CNY bn")]  # fmt: skip
    for f in facts:
        f.check_against(doc.text)


def test_layout_html_table_is_read() -> None:
    facts = extract(_doc(HTML, "fr"))
    values = sorted(f.value for f in facts if f.kind == "measurement" and f.value is not None)
    assert values == [19.4, 22.1]
    assert {f.unit for f in facts if f.kind == "measurement"} == {"EUR bn"}


GLOSSARY = (
    "Die Stadt baut bis 2027 einen Innovationskorridor auf und will dabei vieles erreichen.\n"
    "Innovationskorridor\n"
    "Der Innovationskorridor ist eine geplante Zone, die Unternehmen und Forschungseinrichtungen bündelt.\n"
    "„416“-Strategie\n"
    "Ich kann keine Zusammenfassung für die „416“-Strategie liefern, da dazu keine Informationen vorliegen.\n"
)


def _paragraphs(text: str, lang: str) -> tuple[Segment, ...]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line:
            out.append(Segment(start=pos, end=pos + len(line), language=lang))
        pos += len(line) + 1
    return tuple(out)


def test_layout_glossary_blocks_at_the_end() -> None:
    blocks = find_glossary(GLOSSARY, _paragraphs(GLOSSARY, "de"))
    assert [b.term.text for b in blocks] == ["Innovationskorridor", "„416“-Strategie"]


def test_layout_glossary_needs_the_heading_named_in_its_paragraph() -> None:
    text = (
        "Ergebnisse\nDie Stadt hat 2023 viel erreicht und baut weiter aus, so der Bericht.\n"
        "Ausblick\nMehr folgt im nächsten Jahr, wenn die neuen Zahlen vorliegen.\n"
    )
    assert find_glossary(text, _paragraphs(text, "de")) == []


def test_layout_glossary_facts_link_entities_and_flag_refusals() -> None:
    doc = _doc(GLOSSARY, "de")
    facts = extract(doc)
    glossary = [f for f in facts if f.kind == "glossary"]
    entities = {f.id: f for f in facts if f.kind == "entity"}
    assert [g.payload["uninformative"] for g in glossary] == [False, True]
    assert all(g.payload["entity"] in entities for g in glossary)
    assert entities[str(glossary[0].payload["entity"])].payload["type"] == "corridor"
