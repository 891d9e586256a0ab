"""`riso ingest PATH...`: read documents into the store and summarise what happened."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

import typer

from riso.cli._util import err_console, fail, get_store
from riso.errors import BadRequest
from riso.pipeline import IngestReport, Progress, ingest

__all__ = ["register"]


class Engine(str, Enum):
    """Where per-document work runs."""

    local = "local"
    ray = "ray"


class SummaryFormat(str, Enum):
    """How the closing summary is printed."""

    text = "text"
    json = "json"


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A rich progress bar on stderr when it is a terminal; None otherwise."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None)

        def update(done: int, total: int, source: str) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _print_summary(report: IngestReport) -> None:
    """Plain lines (no wrapping), so that scripts can read them."""
    lines = ["interrupted; what was done before the interruption is kept:"] if report.interrupted else []
    lines += [
        f"ingested {len(report.ingested)}, already present {len(report.already_present)}, "
        f"failed {len(report.failed)} ({report.facts} facts)"
    ]
    if report.linked_later:
        lines.append(f"  linked {len(report.linked_later)} stored documents an earlier run left unlinked")
    lines += [f"  already present: {report.sources.get(i)} ({i[:19]})" for i in report.already_present]
    for failure in report.failed:
        lines.append(f"  failed {failure.source}: {failure.reason} [{failure.code}]")
        lines.append(f"    hint: {failure.hint}")
    typer.echo("\n".join(lines))


def ingest_cli(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(None, help="Files, folders (searched recursively) or quoted globs."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="Run per-document work here or on a Ray cluster."),
    ray_address: str = typer.Option(None, "--ray-address", help="Ray cluster address (with --engine ray)."),
    fmt: SummaryFormat = typer.Option(SummaryFormat.text, "--format", help="Summary as text or JSON."),
) -> None:
    """Ingest .txt .md .html .htm .pdf .docx documents: exit 0 when all went in, 1 when some failed."""
    store = get_store(ctx)
    report = IngestReport()
    try:
        with _progress_bar(sys.stderr.isatty() and fmt is SummaryFormat.text) as progress:
            ingest(paths or [], store, engine=engine.value, progress=progress, ray_address=ray_address, report=report)
    except BadRequest as err:
        raise fail(err, code=2) from None
    except KeyboardInterrupt:
        report.interrupted = True  # Ctrl-C: say what was kept, then exit 130 as shells expect
    if fmt is SummaryFormat.json:
        import json

        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_summary(report)
    raise typer.Exit(130 if report.interrupted else 0 if report.ok else 1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("ingest")(ingest_cli)
