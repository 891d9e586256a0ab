"""The `riso` command line: a thin Typer layer over the library (one module per command group)."""

from __future__ import annotations

import sys

import typer

from riso.cli import (
    actors,
    catalog,
    data,
    demo,
    documents,
    extract,
    index,
    ingest,
    network,
    progress,
    review,
    serve,
    stories,
    users,
)
from riso.cli._util import app, fail
from riso.errors import RisoError

__all__ = ["app", "main"]


@app.callback()
def _root(
    ctx: typer.Context,
    db: str = typer.Option(
        None, "--db", envvar="RISO_DB", help="Store: a DuckDB file path (default riso.duckdb) or postgresql:// URL."
    ),
) -> None:
    """riso: the Regional Innovation System Observatory."""
    ctx.obj = {"db": db}


for _module in (ingest, documents, extract, catalog, stories, data, progress, index, serve, users, demo):
    _module.register(app)
for _module in (actors, network):  # the innovation ecosystem (issue 13)
    _module.register(app)
review.register(app)  # review by people (issue 10)


def main() -> None:
    """Entry point: run the app; RisoError becomes message + hint and exit status 1."""
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
