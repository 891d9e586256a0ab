"""Subject choice: the nearest region of the clause, adjectives, deictic words, carried subjects.

The sentences are written here, none is taken from the real-text dev set."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"test:{hash(text)}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank") and f.value is not None]


def _subject_of(facts: list[Fact], value: float) -> str | None:
    found = [f for f in facts if f.value is not None and abs(f.value - value) < 1e-9]
    assert found, f"no fact with value {value}: {[(f.value, f.unit) for f in facts]}"
    return found[0].subject.id if found[0].subject else None


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "In 2021 Finland spent 2.9% of GDP on R&D, while Portugal spent 1.7% and Greece 1.4%.",
         {2.9: "FI", 1.7: "PT", 1.4: "GR"}),
        ("de", "Im Jahr 2021 lag die F&E-Quote in Sachsen bei 2,8 %, in Hessen bei 3,1 % und in Bremen bei 2,5 %.",
         {2.8: "DE-SN", 3.1: "DE-HE", 2.5: "DE-HB"}),
        ("fr", "En 2020, l'effort de recherche atteint 2,9 % en Autriche contre 1,3 % en Espagne.",
         {2.9: "AT", 1.3: "ES"}),
        ("it", "Nel 2021 l'intensità di R&S è stata del 2,1 % in Piemonte e dell'1,2 % in Puglia.",
         {2.1: "IT-21", 1.2: "IT-75"}),
        ("es", "En 2021 el gasto en I+D sobre el PIB fue del 2,1 % en el País Vasco y del 0,9 % en Extremadura.",
         {2.1: "ES-PV", 0.9: "ES-EX"}),
        ("zh", "2021年，浙江研发投入强度为2.9%，江西为1.7%，云南为1.0%。", {2.9: "CN-ZJ", 1.7: "CN-JX", 1.0: "CN-YN"}),
    ],
)  # fmt: skip
def test_each_value_takes_the_nearest_region_of_its_clause(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _facts(text, language)
    assert {v: _subject_of(facts, v) for v in expected} == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Swedish business R&D expenditure rose to 2.5% of GDP in 2021.", 2.5, "SE"),
        ("de", "Die österreichischen F&E-Ausgaben erreichten 2022 rund 3,2 % des BIP.", 3.2, "AT"),
        ("fr", "La dépense intérieure de R&D française représente 2,2 % du PIB en 2021.", 2.2, "FR"),
        ("it", "La spesa in R&S tedesca è pari al 3,1 % del PIL nel 2021.", 3.1, "DE"),
        ("es", "La inversión española en I+D alcanzó el 1,4 % del PIB en 2021.", 1.4, "ES"),
    ],
)  # fmt: skip
def test_an_adjective_names_the_subject(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Ontario publishes its strategy. In 2021 the province spent 1.6% of GDP on R&D.", 1.6,
         "CA-ON"),
        ("zh", "合肥市发布科技创新规划。2022年，全市研发投入强度达到3.9%。", 3.9, "cn-ah-hefei"),
        ("zh", "安徽省科技厅发布通知。2022年，全省高新技术企业达到1.5万家。", 15000.0, "CN-AH"),
        ("fr", "La Bretagne présente sa stratégie. En 2021, la région consacre 1,8 % de son PIB à la R&D.", 1.8,
         "FR-BRE"),
        ("es", "Aragón aprueba su plan. En 2021, la Comunidad invirtió el 0,9 % del PIB en I+D.", 0.9, "ES-AR"),
    ],
)  # fmt: skip
def test_a_deictic_word_names_the_documents_own_region(language: str, text: str, value: float, expected: str) -> None:
    assert _subject_of(_facts(text, language), value) == expected


@pytest.mark.parametrize(
    ("language", "text", "value", "expected"),
    [
        ("en", "Denmark leads the Global Innovation Index. In 2023 it ranked 9th worldwide.", 9.0, "DK"),
        ("de", "Schweden führt den Innovationsindex an. Es belegt 2023 weltweit den 2. Platz.", 2.0, "SE"),
        ("it", "La Lombardia pubblica i dati. Nel 2021 la spesa in R&S ha raggiunto 5,1 miliardi di euro.",
         5.1, "IT-25"),
    ],
)  # fmt: skip
def test_a_sentence_without_a_region_carries_the_previous_ones(
    language: str, text: str, value: float, expected: str
) -> None:
    assert _subject_of(_facts(text, language), value) == expected


def test_a_later_region_of_the_document_does_not_take_over_an_earlier_sentence() -> None:
    text = (
        "Im Jahr 2021 erreichte Thüringen eine F&E-Quote von 2,2 %.\n\n"
        "Niedersachsen meldet 3,1 %. Niedersachsen wächst. Niedersachsen investiert."
    )
    facts = _facts(text, "de")
    assert _subject_of(facts, 2.2) == "DE-TH"
