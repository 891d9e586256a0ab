"""Hand-built test data from the Chongqing corpus: real documents (read by the ingest stage), facts by str.find.

Used until the extraction stage lands, and to keep API and browser tests independent of its heuristics.
"""

from __future__ import annotations

from pathlib import Path

from riso.ingest import read_bytes
from riso.model import Document, Fact, Subject
from riso.store import Store

__all__ = ["CQ", "STORY", "seed_chongqing"]

CQ = Subject(id="CN-CQ", name="Chongqing")
STORY = "s:chongqing-innovation"

# (file prefix, language, [(kind, metric, metric_text, value, unit, deadline, quote needle)])
_TARGETS = {
    "000": [
        ("rd_intensity", "F&E-Quote", 3.0, "%", 2027,
         "Bis 2027 strebt die Stadt an, eine F&E-Quote von 3 % zu erreichen"),
        ("national_innovation_platforms", "nationale Plattformen", 150.0, "count", 2027,
         "Bis 2027 sollen 150 nationale Plattformen für wissenschaftliche und technologische Innovation"),
        ("high_tech_enterprises", "High-Tech-Unternehmen", 20000.0, "count", 2030,
         "Bis 2030 soll die Zahl der High-Tech-Unternehmen in der Stadt auf 20.000 steigen"),
    ],
    "001": [
        ("rd_intensity", "intensità di R&S", 3.0, "%", 2027,
         "Entro il 2027, la città mira a raggiungere un’intensità di R&S del 3%"),
        ("national_innovation_platforms", "piattaforme nazionali", 150.0, "count", 2027,
         "Entro il 2027, punta ad avere 150 piattaforme nazionali"),
        ("high_tech_enterprises", "imprese ad alta tecnologia", 20000.0, "count", 2030,
         "Entro il 2030, l’obiettivo è raggiungere 20"),
    ],
    "002": [
        ("rd_intensity", "intensité de R&D", 3.0, "%", 2027,
         "D’ici 2027, la ville vise à atteindre une intensité de R&D de 3 %"),
        ("national_innovation_platforms", "plateformes nationales", 150.0, "count", 2027,
         "D’ici 2027, elle vise à disposer de 150 plateformes nationales"),
        ("high_tech_enterprises", "entreprises de haute technologie", 20000.0, "count", 2030,
         "D’ici 2030, l’objectif est d’atteindre 20 000 entreprises de haute technologie dans la ville"),
    ],
}
_ENTITIES = [
    ("hub", "Innovationskorridor"),
    ("strategy", "„416“-Innovationsstrategie"),
    ("cluster", "Chengdu-Chongqing-Wirtschaftskreis"),
    ("hub", "Innovationszentrum für digitale Intelligenztechnologie"),
]


def _file(folder: Path, prefix: str) -> Path:
    return next(folder.glob(f"{prefix}_*.txt"))


def _span(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.find(needle)
    if start < 0:
        raise AssertionError(f"{needle!r} not in {doc.source}")
    end = doc.text.find(".", start + len(needle) - 1)
    if end < 0 or end - start > 400:
        end = start + len(needle)
    while doc.text[end + 1 : end + 4].isdigit():  # "20.000": the sentence goes on after a thousands dot
        end = doc.text.find(".", end + 4)
    return start, end + 1


def _fact(doc: Document, language: str, needle: str, **fields: object) -> Fact:
    start, end = _span(doc, needle)
    return Fact(document=doc.id, quote=doc.text[start:end], start=start, end=end, language=language,
                subject=CQ, confidence=0.9, **fields)  # type: ignore[arg-type]


def seed_chongqing(store: Store, folder: Path) -> dict[str, Document]:
    """Store the five corpus documents with targets, entities, a rank and the cooperation table."""
    docs: dict[str, Document] = {}
    languages = {"000": "de", "001": "it", "002": "fr", "003": "de", "004": "en"}
    for prefix, language in languages.items():
        path = _file(folder, prefix)
        doc = read_bytes(path.read_bytes(), source=str(path), fmt="txt")
        docs[prefix] = doc
        facts: list[Fact] = []
        for metric, text, value, unit, deadline, needle in _TARGETS.get(prefix, []):
            facts.append(_fact(doc, language, needle, kind="target", metric=metric, metric_text=text, value=value,
                               unit=unit, deadline=deadline, comparator="at_least"))
        if prefix == "000":
            for kind, name in _ENTITIES:
                start = doc.text.find(name)
                facts.append(Fact(document=doc.id, kind="entity", quote=name, start=start, end=start + len(name),
                                  language="de", subject=CQ, payload={"type": kind, "name": name}))
            facts.append(_fact(doc, "de", "Der umfassende Innovationsindex der Stadt liegt national auf Platz 7",
                               kind="rank", metric="innovation_index_rank", metric_text="Innovationsindex",
                               value=7.0, unit="rank", scope="national"))
        if prefix == "003":
            start = doc.text.find("Bereich |")
            end = doc.text.find("| 75 |") + len("| 75 |")
            facts.append(Fact(
                document=doc.id, kind="table", quote=doc.text[start:end], start=start, end=end, language="de",
                subject=Subject(id="CN", name="China"),
                payload={"columns": ["Bereich", "Kooperationsprojekte", "Schlüsselbereiche", "Investition (Mrd. Yuan)"],
                         "rows": [["Jangtse River Delta", 28, "Integrierte Schaltungen, neue Energie", 120],
                                  ["Guangdong-Hong Kong-Macao Greater Bay Area", 35,
                                   "Künstliche Intelligenz, Biomedizin", 180],
                                  ["Chengdu-Chongqing Twin Cities Wirtschaftskreis", 15,
                                   "Elektronische Informationen, High-End-Geräte", 75]]}))
        for fact in facts:
            fact.check_against(doc.text)
        store.add_document(doc, facts)
    for prefix in ("000", "001", "002"):
        store.set_story(docs[prefix].id, STORY)
    return docs
