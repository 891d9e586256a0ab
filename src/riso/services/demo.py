"""The demo job: ingest a corpus and the shipped datasets into a store, build the demo index, summarise."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from riso.errors import RisoError
from riso.model import FACT_KINDS
from riso.store import Store

__all__ = ["DEFAULT_CORPUS", "DEMO_INDEX", "DemoSummary", "run_demo"]

DEFAULT_CORPUS = Path("examples/corpus")
DEMO_INDEX = Path("examples/index")
DEMO_INDEX_NAME = "china-provinces-2023"


@dataclass
class DemoSummary:
    """Counts of what the demo stored, the targets' statuses, and notes on steps that could not run."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    stories: int = 0
    observations: int = 0
    actors: int = 0
    relations: int = 0
    targets: list[dict[str, object]] = field(default_factory=list)
    to_review: int = 0
    index_top: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def print(self, console: Console) -> None:
        """Print the summary: counts, then every target with its status."""
        table = Table(title="riso demo: what is in the store")
        table.add_column("record")
        table.add_column("count", justify="right")
        table.add_row("documents", str(self.documents))
        for kind, n in self.facts.items():
            table.add_row(f"  facts: {kind}", str(n))
        table.add_row("stories", str(self.stories))
        table.add_row("observations", str(self.observations))
        table.add_row("ecosystem actors", str(self.actors))
        table.add_row("ecosystem relations", str(self.relations))
        table.add_row("targets", str(len(self.targets) + self.to_review))
        console.print(table)
        if self.targets:
            tt = Table(title="Targets and progress")
            columns = ("region", "indicator", "target", "status", "latest", "sources")
            for col in columns:
                tt.add_column(col)
            for row in self.targets:
                tt.add_row(*(str(row.get(c, "")) for c in columns))
            console.print(tt)
        if self.to_review:
            console.print(
                f"{self.to_review} more targets read from the documents are to review (their metric names no catalog "
                "indicator, or the extractor is unsure): the dashboard lists them under \"Targets to review\"."
            )
        if self.index_top:
            console.print(f"Demo index {DEMO_INDEX_NAME}, top 5: " + ", ".join(self.index_top[:5]))
        for failure in self.failed:
            console.print(f"[yellow]not ingested:[/] {failure}")
        for note in self.notes:
            console.print(f"[yellow]note:[/] {note}")


def _step(summary: DemoSummary, what: str, func: Callable[[], object]) -> object:
    """Run one demo step; a RisoError becomes a note so the rest of the demo still runs."""
    try:
        return func()
    except RisoError as err:
        summary.notes.append(f"{what}: {err} ({err.hint})")
        return None


def run_demo(
    store: Store, *, corpus: Path, index_dir: Path = DEMO_INDEX, echo: Callable[[str], None] = print
) -> DemoSummary:
    """Ingest ``corpus`` and the shipped datasets into ``store``, assess the targets, build the demo index."""
    from riso import pipeline
    from riso.services import data, progress

    summary = DemoSummary()
    if corpus.is_dir():
        echo(f"Ingesting {corpus} ...")
        report = pipeline.ingest([str(corpus)], store)
        summary.failed = [f"{f.source}: {f.reason}" for f in getattr(report, "failed", [])]
    else:
        summary.notes.append(f"corpus folder {corpus} not found; pass --corpus PATH")
    echo("Loading the shipped datasets (NBS, World Bank WDI, techme) ...")
    _step(summary, "shipped datasets", lambda: data.load_shipped(store))
    _step(summary, "observations from document facts", lambda: data.observations_from_facts(store))
    _step(summary, "targets", lambda: progress.sync_targets(store))
    echo("Loading the ecosystem registers (state key laboratories, NKRDP projects, open sharing) ...")
    _step(summary, "ecosystem registers", lambda: _ecosystem(store))
    echo("Building the demo index and its uncertainty analysis ...")
    _step(summary, "demo index", lambda: _build_index(store, index_dir, summary))

    summary.documents = store.count_documents()
    summary.actors = store.count_actors()
    summary.relations = store.count_relations()
    summary.facts = {kind: store.count_facts(kind=kind) for kind in FACT_KINDS}
    row = store.query_one("SELECT count(DISTINCT story) AS n FROM documents")
    summary.stories = int(row["n"]) if row else 0
    row = store.query_one("SELECT count(*) AS n FROM observations")
    summary.observations = int(row["n"]) if row else 0
    records = _step(summary, "progress", lambda: progress.progress_records(store))
    shown = progress.headline_records(store, records) if records else []  # type: ignore[arg-type]
    summary.to_review = len(records or []) - len(shown)  # type: ignore[arg-type]
    for rec in shown:  # an unresolved metric or a low confidence is to review, no headline
        target = rec.get("target", {})
        latest = rec.get("latest") or {}
        summary.targets.append(
            {
                "region": target.get("region"),
                "indicator": target.get("indicator"),
                "target": f"{target.get('value'):g} {target.get('unit') or ''} by {target.get('deadline')}",
                "status": rec.get("status"),
                "latest": f"{latest.get('value'):g} ({latest.get('period')})" if latest else rec.get("reason") or "-",
                "sources": ", ".join(sorted(Counter(s.get("language") or "data" for s in rec.get("sources", [])))),
            }
        )
    return summary


def _ecosystem(store: Store) -> None:
    """The shipped registers, then actors from the corpus's entity facts (hubs, platforms, alliances, parks)."""
    from riso.services import actors

    actors.load_shipped_registers(store)
    actors.actors_from_store_facts(store)


def _build_index(store: Store, index_dir: Path, summary: DemoSummary) -> None:
    from riso.services import index

    framework_file = index_dir / "china_provinces.yaml"
    spec_file = index_dir / "uncertainty.yaml"
    if not framework_file.is_file():
        summary.notes.append(f"demo index framework {framework_file} not found; skipped")
        return
    period = "2023"
    fw = index.load_framework(framework=framework_file, store=store, period=period)
    # units with under half the indicators (Hong Kong, Macao: R&D intensity only) are screened out
    spec = index.make_spec(None, {"normalise": "minmax", "range": [1, 100], "screen": 0.5})
    result = index.uncertainty_index(fw, spec, spec_file, store=store, save=DEMO_INDEX_NAME, period=period)
    rows = sorted(result.rows(), key=lambda r: r["nominal"])
    summary.index_top = [str(r["uCode"]) for r in rows]
