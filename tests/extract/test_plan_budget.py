"""Money that a plan of research and innovation sets aside is the R&D budget: a budget word beside the value with
research named in its sentence or, before any other topic, in the two sentences before it in the paragraph; or a
plan word that opens the value's clause in a text about research. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _money(text: str, language: str) -> dict[float, Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f for f in extract(doc) if f.unit and f.unit[:3] in ("EUR", "GBP", "CNY")}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        (
            "es",
            "La comunidad aprobó su estrategia de I+D+i. El plan tiene un presupuesto de 200 millones de euros.",
            200,
        ),
        (
            "it",
            "La Regione ha approvato il nuovo programma per la ricerca e l'innovazione. Il piano è dotato di 50 "
            "milioni di euro.",
            50,
        ),
        (
            "fr",
            "La région a adopté sa stratégie de recherche et d'innovation. Le plan est doté d'un budget de 120 "
            "millions d'euros.",
            120,
        ),
        (
            "de",
            "Das Land hat eine neue Strategie für Forschung und Innovation beschlossen. Das Programm hat ein Budget "
            "von 80 Millionen Euro.",
            80,
        ),
        ("en", "The county adopted a new research and innovation strategy. The plan has a budget of £40 million.", 40),
        ("zh", "省政府发布了科技创新规划。规划安排预算资金50亿元。", 50),
    ],
)
def test_a_budget_takes_research_from_the_sentence_before(language: str, text: str, value: float) -> None:
    assert _money(text, language)[value].metric == "rd_budget"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        (
            "es",
            "El Gobierno aprobó la nueva estrategia de ciencia e innovación. El plan, elaborado por el ministerio, "
            "prevé repartir 9.000 millones de euros hasta 2028.",
            9000,
        ),
        ("es", "Este plan de investigación contempla una inversión de 5.000 millones de euros en seis años.", 5000),
        (
            "it",
            "Il piano regionale per la ricerca e l'innovazione mette a disposizione 300 milioni di euro fino al 2027.",
            300,
        ),
        ("fr", "Le plan régional pour la recherche et l'innovation mobilisera 250 millions d'euros d'ici 2028.", 250),
        ("de", "Das Programm für Forschung und Innovation stellt bis 2027 rund 700 Millionen Euro bereit.", 700),
        ("en", "The research and innovation strategy will provide £300 million over five years.", 300),
        ("zh", "省科技创新规划安排财政投入120亿元。", 120),
    ],
)
def test_money_of_a_research_plan_is_the_rd_budget(language: str, text: str, value: float) -> None:
    assert _money(text, language)[value].metric == "rd_budget"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        # a paragraph break, or a sentence on another topic, ends the search for research
        (
            "en",
            "The county adopted a new research and innovation strategy.\n\nThe road plan has a budget of £40 million.",
            40,
        ),
        ("it", "Il PIL regionale è cresciuto del 2%. Il piano è dotato di 50 milioni di euro.", 50),
        # research named only after the money
        ("en", "The road plan will spend £300 million on bridges. The university also opened a research lab.", 300),
        # the plan is not what the clause is about
        (
            "fr",
            "Dans le budget du ministère de la recherche figurera la première marche de la loi de programmation et "
            "dans celui du plan de relance apparaîtront 4 milliards d'euros.",
            4,
        ),
    ],
)
def test_money_without_a_research_plan_is_no_rd_budget(language: str, text: str, value: float) -> None:
    assert _money(text, language)[value].metric != "rd_budget"
