"""Title, published date/time and outlet found in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.ingest import find_metadata, read_document

BODY = "\nThe city will build new laboratories and attract companies to the science park in the coming years.\n"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "Berlin, 12. März 2025\nDie Stadt baut neue Labore und wirbt Unternehmen für den Wissenschaftspark an.",
            "2025-03-12",
        ),
        ("Pubblicato il 3 maggio 2024\nLa città costruirà nuovi laboratori nel parco scientifico.", "2024-05-03"),
        ("2025年3月12日 09:30\n重庆将建设新的实验室。", "2025-03-12T09:30"),
        ("Published on March 12, 2025" + BODY, "2025-03-12"),
        ("Paris, le 1er juillet 2023\nLa ville construira de nouveaux laboratoires.", "2023-07-01"),
        ("Madrid, 5 de junio de 2024\nLa ciudad construirá nuevos laboratorios.", "2024-06-05"),
        ("Berlin, 31. Februar 2025" + BODY, None),
        ("By 2027 the rate shall reach 3 percent." + BODY, None),
    ],
)
def test_find_metadata_published(text: str, published: str | None) -> None:
    assert find_metadata(text).published == published
    assert find_metadata(text, language="en").published in (published, None)


def test_find_metadata_title_rules() -> None:
    assert find_metadata("# Innovation in Chengdu\n\nText follows here.").title == "Innovation in Chengdu"
    assert find_metadata("A first line that is a sentence." + BODY).title is None
    assert find_metadata("Regional cooperation deepens" + BODY).title == "Regional cooperation deepens"
    assert find_metadata("Sources: NBS; MOST (2023)" + BODY).title is None
    assert find_metadata("Quellen: NBS (2023)\nDie Quote steigt\n" + BODY, language="de").title == "Die Quote steigt"


def test_outlet_line_from_aggregated_news(chongqing: Path) -> None:
    document = read_document(next(chongqing.glob("004_*.txt")))
    assert document.published == "2026-01-28T18:54"
    assert document.outlet == "Xin Lang Cai Jing"
    assert document.title == "如何激活发展新动能? 改革“破局”与科技“赋能”双向奔赴"


def test_outlet_label_line() -> None:
    found = find_metadata("Quelle: Chongqing Daily" + BODY + "more text\nand more\nlast line here")
    assert found.outlet == "Chongqing Daily"
