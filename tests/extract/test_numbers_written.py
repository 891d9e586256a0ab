"""Numbers as people write them, in every language a class applies to (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riso.extract import extract
from riso.extract.numbers import parse_number_words
from riso.extract.resources import load_language
from riso.model import Document, Fact


def _facts(text: str, lang: str) -> list[Fact]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _values(text: str, lang: str) -> list[tuple[float | None, str | None]]:
    return [(f.value, f.unit) for f in _facts(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "The region spent three percent of its output on research in 2021.", 3, "%"),
        ("de", "Die Region gab 2021 drei Prozent ihrer Wirtschaftsleistung für Forschung aus.", 3, "%"),
        ("de", "Das Land verfehlte 2021 sein Drei-Prozent-Ziel knapp.", 3, "%"),
        ("fr", "La région a consacré trois pour cent de son PIB à la recherche en 2021.", 3, "%"),
        ("it", "La regione ha investito il tre per cento del PIL in ricerca nel 2021.", 3, "%"),
        ("es", "La región destinó el seis por ciento de su PIB a la investigación en 2021.", 6, "%"),
        ("es", "El gasto en innovación subió un veintidós por ciento en 2021.", 22, "%"),
        ("de", "Die Hochschulen warben 2022 zwei Milliarden Euro an Drittmitteln ein.", 2, "EUR bn"),
    ],
)  # fmt: skip
def test_number_words_before_a_unit_are_read(lang: str, text: str, value: float, unit: str) -> None:
    assert (value, unit) in _values(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Un consorcio de universidades presentó un informe sobre innovación."),
        ("fr", "Une équipe a publié un rapport sur la recherche régionale."),
        ("de", "Ein Verbund aus drei Hochschulen stellte einen Bericht vor."),
    ],
)
def test_number_words_without_a_unit_are_no_facts(lang: str, text: str) -> None:
    assert _values(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "In 2022 business R&D fell by 1.2% while public R&D grew.", -1.2),
        ("en", "In 2022 business R&D changed by -1.2% compared with the year before.", -1.2),
        ("de", "Die FuE-Ausgaben der Wirtschaft verzeichneten 2022 einen Rückgang um 2,4 %.", -2.4),
        ("de", "Die Zahl der Patentanmeldungen lag 2022 bei minus 5,7 % gegenüber dem Vorjahr.", -5.7),
        ("fr", "En 2022, la dépense de recherche des entreprises est en baisse de 3,4 %.", -3.4),
        ("it", "Nel 2022 la spesa in ricerca delle imprese è in calo di circa 2,5 punti percentuali.", -2.5),
        ("es", "En 2022 el gasto empresarial en I+D registró una caída de 4,1% respecto al año anterior.", -4.1),
        ("zh", "2022年，全市规模以上工业企业研发经费比上年下降3.9%。", -3.9),
        ("zh", "2022年，全市技术合同成交额增速为负3.9%。", -3.9),
    ],
)  # fmt: skip
def test_negatives_and_declines_give_negative_values(lang: str, text: str, value: float) -> None:
    assert value in [v for v, _ in _values(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "2022年，全市研发经费投入强度下降到2.1%。"),
        ("en", "In 2022 the R&D intensity dropped to 2.1% of GDP."),
    ],
)
def test_a_decline_to_a_level_keeps_the_level_positive(lang: str, text: str) -> None:
    assert 2.1 in [v for v, _ in _values(text, lang)]


def test_a_range_written_with_a_hyphen_is_not_negative() -> None:
    values = [v for v, _ in _values("In 2022 the programme funded 5-10 new research centres.", "en")]
    assert all(v is not None and v > 0 for v in values)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Between 2012 and 2022 the university's research budget tripled.", 3),
        ("de", "Zwischen 2012 und 2022 hat sich das Forschungsbudget der Region verdoppelt.", 2),
        ("fr", "Entre 2012 et 2022, le budget de recherche de la région a doublé.", 2),
        ("it", "Nel 2022 la spesa in ricerca della regione era 2,7 volte quella del 2012.", 2.7),
        ("es", "En 2022 el presupuesto regional de investigación se ha triplicado respecto a 2012.", 3),
        ("zh", "2022年，全省高新技术企业数量较2012年翻一番。", 2),
        ("zh", "2022年，全省研发投入是2012年的2倍。", 2),
    ],
)  # fmt: skip
def test_multipliers_are_times_baseline(lang: str, text: str, value: float) -> None:
    assert (value, "times") in _values(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("es", "En 2022 el sector privado financió un tercio de la inversión en I+D.", 33.33),
        ("it", "Nel 2022 tre quarti della spesa in ricerca erano sostenuti dalle imprese.", 75),
        ("de", "2022 trugen die Unternehmen die Hälfte der Forschungsausgaben.", 50),
        ("fr", "En 2022, les entreprises ont financé les deux tiers de la recherche.", 66.67),
    ],
)  # fmt: skip
def test_fractions_in_words_are_percentages(lang: str, text: str, value: float) -> None:
    assert (value, "%") in _values(text, lang)


def test_full_width_digits_and_separators_are_read() -> None:
    assert (2.5, "CNY 100m") in _values("２０２３年，全市技术合同成交额达到２．５亿元。", "zh")


_SPACED = [
    ("fr", "En 2022, la région comptait 735 600 emplois dans la recherche."),
    ("de", "Im Jahr 2022 zählte das Land 735 600 Beschäftigte in der Forschung."),
]


@pytest.mark.parametrize(("lang", "text"), _SPACED)
def test_space_thousands_are_one_number(lang: str, text: str) -> None:
    assert 735600 in [v for v, _ in _values(text, lang)]


def test_a_footnote_marker_glued_to_a_percentage_is_not_read() -> None:
    values = _values("In 2021 the share of innovative firms was 28 %2 in the region.", "en")
    assert (28, "%") in values and all(v != 2 for v, _ in values)


def test_a_sentence_that_is_only_a_number_is_not_list_numbering() -> None:
    text = "Number of researchers in the city in 2022:\n\n45000."
    assert 45000 in [v for v, _ in _values(text, "en")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The index ranks 132 economies on 80 indicators."),
        ("de", "Der Index vergleicht 130 Volkswirtschaften anhand von 80 Indikatoren."),
        ("fr", "Le tableau de bord compare 240 régions couvertes par 32 indicateurs."),
        ("it", "L'indice confronta 132 economie con 80 indicatori."),
        ("es", "El índice compara 132 economías según 80 indicadores."),
        ("zh", "该指数涵盖132个经济体，共80项指标。"),
    ],
)
def test_counts_of_a_method_are_no_facts(lang: str, text: str) -> None:
    assert _values(text, lang) == []


_WORDS = {"en": "twenty-seven", "de": "siebenundzwanzig", "fr": "vingt-sept", "it": "ventisette", "es": "veintisiete"}


@pytest.mark.parametrize("lang", sorted(_WORDS))
def test_number_words_parse_compounds(lang: str) -> None:
    assert parse_number_words(_WORDS[lang], load_language(lang)) == 27


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["en", "de", "fr", "it", "es"]))
def test_number_words_never_crash_and_digits_are_no_words(n: int, lang: str) -> None:
    assert parse_number_words(str(n), load_language(lang)) is None


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäéèàñü -")), max_size=30))
def test_number_words_accept_any_text(text: str) -> None:
    for lang in ("en", "de", "fr", "it", "es", "zh"):
        value = parse_number_words(text, load_language(lang))
        assert value is None or value >= 0


def test_many_digits_separated_by_spaces_are_scanned_without_reading_the_whole_prefix() -> None:
    # 20,000 single digits in one sentence: the per-number checks look at a window, so this stays fast and empty
    text = " ".join(str(i % 10) for i in range(20000))
    assert _values(text, "en") == []
