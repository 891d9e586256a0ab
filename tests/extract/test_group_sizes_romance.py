"""The size of a group ("la moyenne des 27 Etats membres", "dei 27 Paesi", "de los 27 Estados miembros") is no
fact, with or without the accent French capitals often drop ("Etats") (sentences written for these tests)."""

from __future__ import annotations

import pytest

from riso.extract import extract
from riso.model import Document


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "En 2021, l'intensité de R&D en Wallonie s'élève à 3,6 %, au-dessus de la moyenne des 27 Etats membres "
               "de l'UE (2,3 %)."),
        ("fr", "En 2021, la France dépense 2,2 % de son PIB en R&D, contre 2,3 % pour les 27 États membres."),
        ("it", "Nel 2021 la spesa in R&S dell'Italia è pari all'1,4% del PIL, contro il 2,2% della media dei 27 Paesi "
               "dell'Unione."),
        ("es", "En 2021 el gasto en I+D de España fue del 1,4% del PIB, frente al 2,2% de la media de los 27 Estados "
               "miembros."),
    ],
)  # fmt: skip
def test_the_size_of_a_group_of_countries_is_no_fact(lang: str, text: str) -> None:
    doc = Document(id=f"test:{lang}:{abs(hash(text))}", source="test", text=text, language=lang)
    assert 27 not in [f.value for f in extract(doc) if f.kind in ("target", "measurement", "rank")]
