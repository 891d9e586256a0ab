"""A bare percentage set as a goal ("l'obiettivo europeo del 3%", "aiming to reach 2.5 per cent") takes R&D
intensity from its topic: the previous percentage of the sentence, or of the paragraph within three sentences, is
R&D intensity and no percentage of another topic stands between. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document, Fact


def _targets(text: str, language: str) -> dict[float, Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return {f.value: f for f in extract(doc) if f.kind == "target"}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        (
            "it",
            "La spesa in ricerca e sviluppo della Liguria vale l'1,3% del PIL. Resta lontano l'obiettivo europeo "
            "del 3%.",
            3,
        ),
        (
            "it",
            "La spesa in ricerca e sviluppo delle Marche vale l'1,1% del PIL, contro l'obiettivo nazionale dell'1,53%.",
            1.53,
        ),
        ("fr", "La Bretagne consacre 1,7 % de son PIB à la R&D. L'objectif régional est de 2 % en 2030.", 2),
        ("fr", "La France consacre 2,2 % de son PIB à la R&D, loin de l'objectif européen de 3 %.", 3),
        (
            "es",
            "La inversión en I+D de Aragón fue del 0,9 % del PIB en 2022. El objetivo es llegar al 2 % en 2030.",
            2,
        ),
        ("en", "Scotland spent 1.6% of GDP on R&D in 2021, aiming to reach 2.5 per cent by 2030.", 2.5),
        (
            "de",
            "Sachsen gab 2021 2,8 Prozent des BIP für Forschung und Entwicklung aus. Das Ziel liegt bei 3,5 Prozent "
            "bis 2025.",
            3.5,
        ),
        ("zh", "2022年全省研发经费投入强度为2.1%。目标是到2025年达到2.5%。", 2.5),
    ],
)
def test_a_bare_goal_after_rd_intensity_is_rd_intensity(language: str, text: str, value: float) -> None:
    assert _targets(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        # a percentage of another topic stands between
        (
            "it",
            "La spesa in ricerca e sviluppo della Liguria vale l'1,3% del PIL. Il PIL regionale è cresciuto del 2%. "
            "Resta lontano l'obiettivo europeo del 3%.",
            3,
        ),
        (
            "fr",
            "La Bretagne consacre 1,7 % de son PIB à la R&D. Le chômage recule à 6 %. L'objectif régional est de 2 % "
            "en 2030.",
            2,
        ),
        # the goal has a base of its own
        (
            "fr",
            "La Bretagne consacre 1,7 % de son PIB à la R&D. L'objectif est que 40 % des entreprises utilisent le "
            "cloud.",
            40,
        ),
        (
            "en",
            "Scotland spent 1.6% of GDP on R&D in 2021. The goal is that 60% of firms use cloud services by 2030.",
            60,
        ),
    ],
)
def test_a_goal_of_another_topic_is_no_rd_intensity(language: str, text: str, value: float) -> None:
    facts = _targets(text, language)
    assert value not in facts or facts[value].metric != "rd_intensity"
