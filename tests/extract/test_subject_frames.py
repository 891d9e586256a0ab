"""A programme a figure is framed in ("se enmarca en el PERTE Chip", "rientra nel PNRR", "dans le cadre du plan
France 2030", "as part of the UK Chips Strategy", "im Rahmen des European Chips Act") is not its subject: the
region the passage is about keeps it (sentences written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


@pytest.mark.parametrize(
    ("lang", "text", "value", "subject"),
    [
        ("es", "El Gobierno catalán aprobó el nuevo centro de chips. El proyecto contará con una inversión de 250 "
               "millones de euros y se enmarca en el PERTE Chip.", 250, "Catalonia"),
        ("it", "La Regione Puglia ha presentato il nuovo polo tecnologico. Il progetto avrà una dotazione di 80 "
               "milioni di euro e rientra nel PNRR.", 80, "Apulia"),
        ("fr", "La Région Bretagne lance un nouveau programme de recherche. Il bénéficie d'une enveloppe de 40 "
               "millions d'euros dans le cadre du plan France 2030.", 40, "Brittany"),
        ("en", "Wales has launched a new semiconductor research centre. It will receive £60 million as part of the "
               "UK Chips Strategy.", 60, "Wales"),
        ("de", "Sachsen baut ein neues Halbleiterzentrum. Es erhält 90 Millionen Euro im Rahmen des European Chips "
               "Act.", 90, "Saxony"),
    ],
)  # fmt: skip
def test_the_framework_a_figure_belongs_to_is_not_its_subject(lang: str, text: str, value: float, subject: str) -> None:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    facts = [f for f in extract(doc) if f.value == value]
    assert facts and facts[0].subject is not None, facts
    assert facts[0].subject.name == subject


@pytest.mark.parametrize(
    ("lang", "text", "value", "subject"),
    [
        # a regional programme (a known owner, or its region in the programme's name) keeps its region
        ("de", "Im Rahmen der Hightech Agenda werden bis 2023 zusätzlich 2 Milliarden Euro in neue Professuren "
               "investiert.", 2, "DE-BY"),
        ("de", "Deutschland baut seine Forschung aus. Im Rahmen der Hightech Agenda fließen 500 Millionen Euro in die "
               "Hochschulen.", 500, "DE-BY"),
        ("fr", "La Belgique renforce sa recherche. Dans le cadre du Plan de relance de la Wallonie, 120 millions "
               "d'euros sont consacrés aux laboratoires.", 120, "BE-WAL"),
        ("en", "The United Kingdom is expanding its research base. As part of the Innovation Strategy for Scotland, "
               "£45 million will go to new laboratories.", 45, "GB-SCT"),
        ("it", "L'Italia rafforza la ricerca. Nell'ambito del Programma regionale della Toscana sono stanziati 30 "
               "milioni di euro per i laboratori.", 30, "IT-52"),
        ("es", "España refuerza la I+D. En el marco del Plan de Ciencia de Andalucía se destinan 75 millones de euros "
               "a los laboratorios.", 75, "ES-AN"),
        # a national programme in a national text: the country
        ("de", "Deutschland baut die Forschung aus. Im Rahmen der Hightech-Strategie werden 3 Milliarden Euro "
               "investiert.", 3, "DE"),
        ("fr", "La France accélère son effort. Dans le cadre du plan France 2030, 54 milliards d'euros sont investis.",
         54, "FR"),
        ("it", "L'Italia potenzia i suoi atenei. Il programma avrà una dotazione di 900 milioni di euro e rientra nel "
               "PNRR.", 900, "IT"),
        ("es", "España impulsa los semiconductores. El proyecto contará con 400 millones de euros y se enmarca en el "
               "PERTE Chip.", 400, "ES"),
        ("en", "Some $52 billion is provided as part of the CHIPS and Science Act.", 52, "US"),
    ],
)  # fmt: skip
def test_the_owner_of_the_framework_is_the_subject_unless_the_passage_names_a_region_inside_it(
    lang: str, text: str, value: float, subject: str
) -> None:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    facts = [f for f in extract(doc) if f.value == value]
    assert facts and facts[0].subject is not None, facts
    assert facts[0].subject.id == subject
