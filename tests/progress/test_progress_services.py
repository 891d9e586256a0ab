"""Progress services on both backends: targets synced from facts, manual targets, document measurements."""

from __future__ import annotations

from riso.model import Document, Fact, Subject
from riso.services.progress import add_target, progress_records, sync_targets
from riso.store import Store

TEXT = {
    "de": "Bis 2030 soll die Zahl der High-Tech-Unternehmen auf 20.000 steigen. 2021 waren es 5000, 2022 "
          "6000 und 2023 7500.",
    "it": "Entro il 2030, l’obiettivo è raggiungere 20.000 imprese high-tech nella città.",
}


def _facts(lang: str) -> tuple[Document, list[Fact]]:
    text = TEXT[lang]
    doc = Document(id=f"sha256:{lang * 32}", source=f"{lang}.txt", text=text, language=lang)
    cq = Subject(id="CN-CQ", name="Chongqing")
    end = text.index(".") + 1
    facts = [Fact(document=doc.id, kind="target", metric="high_tech_enterprises", value=20000, unit="count",
                  comparator="at_least", deadline=2030, subject=cq, quote=text[:end], start=0, end=end,
                  language=lang)]
    if lang == "de":
        start = end + 1
        for year, value in ((2021, 5000), (2022, 6000), (2023, 7500)):
            facts.append(Fact(document=doc.id, kind="measurement", metric="high_tech_enterprises", value=value,
                              unit="count", period=str(year), subject=cq, quote=text[start:], start=start,
                              end=len(text), language=lang))
    return doc, facts


def test_services_sync_is_idempotent_and_uses_document_measurements(store: Store) -> None:
    for lang in TEXT:
        store.add_document(*_facts(lang))
    assert sync_targets(store) == 1
    assert sync_targets(store) == 1
    assert len(store.list_targets()) == 1
    assert store.count_observations(origin="document") == 3
    rec = progress_records(store, region="CN-CQ")[0]
    assert {s["language"] for s in rec["sources"] if s["kind"] == "document"} == {"de", "it"}
    assert any(s["kind"] == "documents" for s in rec["sources"])
    assert rec["latest"] == {"period": "2023", "value": 7500.0}
    assert rec["status"] == "significant"  # (7500/5000)^(1/2) - 1 = 22.5 %/yr against 16.7 %/yr required


def test_services_manual_target_lists_as_unassessable(store: Store) -> None:
    target = add_target(store, region="Chongqing", indicator="national science and technology innovation platforms",
                        value=150, deadline=2027)
    assert target.indicator == "national_innovation_platforms" and target.origin == "manual"
    rec = progress_records(store)[0]
    assert rec["status"] == "not_assessable" and rec["reason"] == "no measured data"
    assert "riso data import" in rec["hint"]
    store.remove_target(target.id)
    assert progress_records(store) == []
