"""Baseline years, data years and allocated budgets in French, Italian and Spanish (sentences written for these
tests): a year after a comparison word ("sul 2022", "que el de 2021") is the base of a change, not the period;
a data year ("dati aggiornati al 2019") is a period, not a deadline; money a plan or a government allocates
("contempla una inversión de", "metterà a disposizione", "une dotation de") is a target (`exactly`)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, lang: str) -> list[Fact]:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _one(text: str, lang: str, value: float) -> Fact:
    found = [f for f in _facts(text, lang) if f.value == value]
    assert found, _facts(text, lang)
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "value", "period"),
    [
        ("it", "Nel 2023 la spesa regionale in ricerca e sviluppo è salita a 640 milioni di euro (+4,2% sul 2022).",
         4.2, "2023"),
        ("it", "Nel 2023 la spesa regionale in ricerca e sviluppo è salita a 640 milioni di euro (+4,2% sul 2022).",
         640, "2023"),
        ("es", "En 2022 el presupuesto regional de I+D fue de 410 millones de euros, un 12% mayor que el de 2021.",
         12, "2022"),
        ("fr", "En 2022, la dépense de R&D de la région atteint 1,8 milliard d'euros, en hausse de 3,1 % par rapport "
               "à 2021.", 3.1, "2022"),
    ],
)  # fmt: skip
def test_a_year_after_a_comparison_word_is_the_base_not_the_period(
    lang: str, text: str, value: float, period: str
) -> None:
    fact = _one(text, lang, value)
    assert (fact.kind, fact.period) == ("measurement", period)


def test_a_data_year_is_a_period_not_a_deadline() -> None:
    text = "Secondo i dati aggiornati al 2019, la spesa in ricerca e sviluppo del Molise vale lo 0,9% del PIL."
    fact = _one(text, "it", 0.9)
    assert (fact.kind, fact.period, fact.deadline) == ("measurement", "2019", None)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("es", "El plan regional contempla una inversión de 950 millones de euros durante seis años.", 950),
        ("es", "La Junta aprobó el programa de ayudas a la innovación con una inversión directa de 120 millones de "
               "euros.", 120),
        ("it", "La Regione metterà a disposizione 45 milioni di euro per i progetti di ricerca delle imprese.", 45),
        ("it", "Il programma regionale per la ricerca ha una dotazione finanziaria di 800 milioni di euro.", 800),
        ("fr", "La Région mettra à disposition 35 millions d'euros pour les projets de recherche des PME.", 35),
        ("fr", "Le programme régional de recherche bénéficie d'une dotation de 210 millions d'euros.", 210),
    ],
)  # fmt: skip
def test_money_a_plan_allocates_is_a_target(lang: str, text: str, value: float) -> None:
    fact = _one(text, lang, value)
    assert (fact.kind, fact.comparator) == ("target", "exactly")


def test_money_already_spent_stays_a_measurement() -> None:
    fact = _one("Entre 2019 y 2023, la región ha destinado 1.200 millones de euros a la I+D.", "es", 1200)
    assert fact.kind == "measurement"
