"""`riso demo`: ingest a corpus and the shipped datasets, print a summary, serve the dashboard."""

from __future__ import annotations

from pathlib import Path

import typer

from riso.cli._util import console, get_store
from riso.services.demo import DEFAULT_CORPUS, run_demo

__all__ = ["register"]


def demo_cli(
    ctx: typer.Context,
    corpus: Path = typer.Option(None, "--corpus", help="Folder of documents to ingest (default: the example corpus)."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the dashboard when done."),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
) -> None:
    """Ingest the example corpus and datasets, print what riso found, and serve the dashboard."""
    if serve:
        from riso.cli.serve import check_port

        check_port(host, port)  # a busy port is said before minutes of ingesting, not after
    store = get_store(ctx)
    summary = run_demo(store, corpus=corpus or DEFAULT_CORPUS, echo=console.print)
    summary.print(console)
    if serve:
        from riso.cli.serve import serve_app

        console.print(f"\n[bold]Dashboard:[/] http://{host}:{port}/  (Ctrl-C to stop)")
        url = store.url
        store.close()
        ctx.find_root().obj["store"] = None
        serve_app(url, host=host, port=port, public=True)


def register(app: typer.Typer) -> None:
    """Add `riso demo`."""
    app.command("demo")(demo_cli)
