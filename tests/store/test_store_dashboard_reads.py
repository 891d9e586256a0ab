"""The store reads the region, search and comparison pages use, on both backends."""

from __future__ import annotations

from riso.model import Document, Fact, FactKind, Observation, Subject
from riso.store import Store


def _obs(region: str, indicator: str, period: str, value: float, source: str = "S") -> Observation:
    return Observation(region=region, indicator=indicator, period=period, value=value, unit="%", source=source)


def test_store_latest_observations_and_series(store: Store) -> None:
    measured = [_obs("CN-CQ", "rd_intensity", y, v) for y, v in (("2021", 2.1), ("2022", 2.3), ("2023", 2.48))]
    measured += [_obs("CN-CQ", "rd_intensity", "2020", 9.0, "T"), _obs("CN-SC", "rd_intensity", "2023", 2.2),
                 _obs("CN-SC", "patents", "2023", 5.0)]
    store.add_observations(measured)
    rows = store.latest_observations(region="CN-CQ", per_series=2)
    assert [(r["source"], r["period"], r["value"]) for r in rows] == [("S", "2023", 2.48), ("S", "2022", 2.3),
                                                                       ("T", "2020", 9.0)]
    series = store.series_of(indicator="rd_intensity", regions=["CN-SC", "CN-CQ"])
    assert len(series) == 5 and {r["region"] for r in series} == {"CN-CQ", "CN-SC"}
    assert store.series_of(indicator="rd_intensity", regions=[]) == []
    assert {r["indicator"]: r["regions"] for r in store.indicators_of(["CN-CQ", "CN-SC"])} == {
        "patents": 1, "rd_intensity": 2}


def test_store_search_filters_and_document_stories(store: Store) -> None:
    text = "Bis 2030 sollen es 20.000 Hightech-Unternehmen sein. Le texte français."
    doc = Document(source="a.txt", text=text, language="de", id="d:1")
    sub = Subject(id="CN-CQ", name="Chongqing")
    store.add_document(doc, [
        Fact(document="d:1", kind="target", metric="high_tech_enterprises", value=20000, deadline=2030,
             quote=text[:52], start=0, end=52, language="de", subject=sub),
        Fact(document="d:1", kind="measurement", quote=text[53:], start=53, end=len(text), language="fr",
             subject=sub, metric_text="Hightech"),
    ])
    store.set_story("d:1", "s:1")
    assert [f.kind for f in store.search_facts("hightech")] == ["target", "measurement"]
    assert [f.kind for f in store.search_facts("hightech", kind="measurement")] == ["measurement"]
    assert [f.language for f in store.search_facts("hightech", language="de")] == ["de"]
    assert store.search_facts("hightech", region="CN-SC") == []
    assert [f.kind for f in store.search_facts("hightech", metric="high_tech_enterprises")] == ["target"]
    assert store.document_stories(["d:1", "d:none"]) == {"d:1": ("s:1", len(text))}


def test_store_region_facts_of_several_kinds_and_counts_per_region(store: Store) -> None:
    text = "Chongqing hosts the Western Science City; it ranks 8th; its plan aims at 3 %."
    doc = Document(source="b.txt", text=text, language="en", id="d:2")
    cq, sc = Subject(id="CN-CQ", name="Chongqing"), Subject(id="CN-SC", name="Sichuan")
    kinds: tuple[FactKind, ...] = ("entity", "rank", "target", "entity")
    store.add_document(doc, [
        Fact(document="d:2", kind=kind, quote=text, start=n, end=n + 5, language="en", subject=sc if n == 3 else cq,
             value=None if kind == "entity" else 3.0, deadline=2030 if kind == "target" else None)
        for n, kind in enumerate(kinds)
    ])
    found = store.region_facts("CN-CQ", ["entity", "rank", "glossary"])
    assert [(f.kind, f.start) for f in found] == [("entity", 0), ("rank", 1)]  # in FACT_ORDER, other region left out
    assert store.region_facts("CN-CQ", []) == []
    counts = {(r["subject_id"], r["kind"]): r["n"] for r in store.fact_subjects()}
    assert counts == {("CN-CQ", "entity"): 1, ("CN-CQ", "rank"): 1, ("CN-CQ", "target"): 1, ("CN-SC", "entity"): 1}
    store.execute("UPDATE facts SET review = 'rejected' WHERE kind = 'rank'")  # a change: counted again
    assert ("CN-CQ", "rank") not in {(r["subject_id"], r["kind"]) for r in store.fact_subjects()}
