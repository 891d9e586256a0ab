"""The `riso` command line: a thin Typer layer over the library (one module per command group).

Commands are registered in `COMMANDS` (name → module, one line of help) and imported only when they
run, so `riso --help` and light commands start fast. To add a command group, write
`riso/cli/<group>.py` with a `register(app)` function and add one line to the table.
"""

from __future__ import annotations

import sys

import typer

from riso.cli._lazy import LazyGroup
from riso.errors import RisoError

__all__ = ["COMMANDS", "app", "main"]

# name → (module whose register(app) adds it, the help line `riso --help` shows). In `riso --help` order.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": (
        "riso.cli.ingest",
        "Ingest .txt .md .html .htm .pdf .docx documents: exit 0 when all went in, 1 when some failed.",
    ),
    "extract": (
        "riso.cli.extract",
        "Extract facts from documents without storing them (the Fact JSON contract, plus `source`).",
    ),
    "eval": (
        "riso.cli.extract",
        "Print precision, recall and F1 per fact kind and language (or the story-linking scores with --stories).",
    ),
    "targets": (
        "riso.cli.stories",
        "Targets reconciled across versions and stories, with source count, languages and conflicts.",
    ),
    "progress": ("riso.cli.progress", "Assess every target: Eurostat class, growth rates, projection and sources."),
    "report": (
        "riso.cli.progress",
        "Write a self-contained HTML briefing (summary, one card per target), and optionally a PDF.",
    ),
    "chart": ("riso.cli.progress", "Draw one target's series, target point and projection band."),
    "serve": ("riso.cli.serve", "Serve the API (/api/v1) and the dashboard (/) until interrupted."),
    "worker": ("riso.cli.serve", "Process queued uploads (documents and data files) until interrupted, or once."),
    "demo": (
        "riso.cli.demo",
        "Ingest the example corpus and datasets, print what riso found, and serve the dashboard.",
    ),
    "documents": ("riso.cli.documents", "Stored documents: list them or show one."),
    "catalog": ("riso.cli.catalog", "The indicator taxonomy and region gazetteer."),
    "stories": ("riso.cli.stories", "Stories: versions of one document across languages."),
    "data": ("riso.cli.data", "Indicator observations: import, shipped datasets, export."),
    "target": ("riso.cli.progress", "Targets: from documents, or added by hand."),
    "index": ("riso.cli.index", "Composite indices: build, uncertainty and sensitivity, saved results, charts."),
    "user": ("riso.cli.users", "Accounts, roles and API tokens of a shared instance."),
    # the innovation ecosystem (issue 13)
    "actors": ("riso.cli.actors", "Ecosystem actors: registers, entity resolution, merges."),
    "network": ("riso.cli.network", "The innovation ecosystem: analytics, industry chains, leaders and gaps."),
    # review by people (issue 10)
    "review": (
        "riso.cli.review",
        "Review facts: confirm, correct or reject what the extractor read; export the decisions as gold.",
    ),    # technology-transfer matching (issue 14)
    "match": ("riso.cli.match", "Technology-transfer matching: offers, needs, matches, inbox, feedback."),
}


class _RisoGroup(LazyGroup):
    lazy_commands = COMMANDS


app = typer.Typer(
    name="riso",
    cls=_RisoGroup,
    help="riso: the Regional Innovation System Observatory.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        envvar="RISO_DB",
        help="Store: a DuckDB file path (default riso.duckdb) or postgresql:// URL; also accepted after the command.",
    ),
    fmt: str = typer.Option(
        None, "--format", help="Output format of the command (its own --format; may be written before the command)."
    ),
) -> None:
    """riso: the Regional Innovation System Observatory."""
    ctx.obj = {"db": db}


def main() -> None:
    """Entry point: run the app; RisoError becomes message + hint and exit status 1."""
    from riso.cli._util import fail

    try:
        # Outside standalone mode click returns a command's `typer.Exit(code)` instead of raising it.
        code = app(standalone_mode=False)
    except RisoError as err:
        raise SystemExit(fail(err).exit_code) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        sys.stderr.write("Aborted.\n")
        raise SystemExit(130) from None
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted; nothing half-written was kept.\n")
        raise SystemExit(130) from None
    except Exception as err:  # click usage errors arrive here
        import click

        if isinstance(err, click.ClickException):
            err.show()
            raise SystemExit(2) from None
        raise
    if isinstance(code, int) and code:
        raise SystemExit(code)
