"""The demo job: ingest a corpus and the shipped datasets into a store, and summarise what was found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from riso.model import FACT_KINDS
from riso.store import Store

__all__ = ["DEFAULT_CORPUS", "DemoSummary", "run_demo"]

DEFAULT_CORPUS = Path("examples/corpus")


@dataclass
class DemoSummary:
    """Counts of what the demo stored, and notes on steps that could not run."""

    documents: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def print(self, console: Console) -> None:
        """Print the summary as a small table."""
        table = Table(title="riso demo: what is in the store")
        table.add_column("record")
        table.add_column("count", justify="right")
        table.add_row("documents", str(self.documents))
        for kind, n in self.facts.items():
            table.add_row(f"facts: {kind}", str(n))
        for key, value in self.extra.items():
            table.add_row(key, str(value))
        console.print(table)
        for note in self.notes:
            console.print(f"[yellow]note:[/] {note}")


def run_demo(store: Store, *, corpus: Path, echo: Callable[[str], None] = print) -> DemoSummary:
    """Ingest ``corpus`` and the shipped datasets into ``store`` and count the results."""
    summary = DemoSummary()
    if not corpus.is_dir():
        summary.notes.append(f"corpus folder {corpus} not found; pass --corpus PATH")
    else:
        from riso import pipeline

        echo(f"Ingesting {corpus} ...")
        pipeline.ingest([str(corpus)], store)
    summary.documents = store.count_documents()
    summary.facts = {kind: store.count_facts(kind=kind) for kind in FACT_KINDS}
    return summary
