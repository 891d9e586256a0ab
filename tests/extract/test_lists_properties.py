"""Properties of list reading (riso.extract.lists): a list of names sharing one bracketed value gives each name that
value once and invents no other; names after an order cue are ranked 1..n in the order written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from riso.extract import extract
from riso.model import Document, Fact

_REGIONS = {  # gazetteer names and their ids
    "Bavaria": "DE-BY",
    "Hesse": "DE-HE",
    "Berlin": "DE-BE",
    "Saxony": "DE-SN",
    "Wales": "GB-WLS",
    "Scotland": "GB-SCT",
    "Catalonia": "ES-CT",
    "Galicia": "ES-GA",
}


def _facts(text: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash(text))}", source="test", text=text, language="en")
    return [f for f in extract(doc) if f.kind in ("measurement", "rank")]


def _listed(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1]


_NAMES = st.lists(st.sampled_from(sorted(_REGIONS)), min_size=2, max_size=5, unique=True)


@settings(max_examples=25, deadline=None)
@given(names=_NAMES, tenths=st.integers(min_value=11, max_value=59))
def test_a_shared_bracketed_value_goes_once_to_each_name(names: list[str], tenths: int) -> None:
    value = tenths / 10
    facts = _facts(f"R&D intensity grew fastest in {_listed(names)} ({value} %).")
    assert sorted(f.subject.id for f in facts if f.subject) == sorted(_REGIONS[n] for n in names)
    assert {f.value for f in facts} == {value}


@settings(max_examples=25, deadline=None)
@given(names=_NAMES)
def test_names_after_an_order_cue_are_ranked_in_the_order_written(names: list[str]) -> None:
    facts = _facts(f"The most innovative regions are, in that order, {_listed(names)}.")
    ranks = sorted((f for f in facts if f.unit == "rank"), key=lambda f: f.start)
    assert [f.value for f in ranks] == [float(i) for i in range(1, len(names) + 1)]
    assert [f.subject.id for f in ranks if f.subject] == [_REGIONS[n] for n in names]
