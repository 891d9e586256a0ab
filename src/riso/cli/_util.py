"""What every command shares: the Typer app, the store option, output rendering, error reporting."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import typer
from rich.console import Console
from rich.table import Table

from riso.errors import RisoError

if TYPE_CHECKING:
    from riso.store import Store

__all__ = ["CREATING_COMMANDS", "Format", "command_path", "console", "err_console", "fail", "get_store", "render"]

# Off a terminal (pipes, CI logs) rich would wrap tables at 80 columns; give them room instead.
console = Console(width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True)


class Format(str, Enum):
    """Output formats of list commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


# The only commands that may create a DuckDB store that does not exist yet: the ones that bring data in.
# Every other command (list, show, compute, review, serve, and any command added later) refuses a missing
# file, so a mistyped --db never silently creates an empty store; tests/cli/test_store_creation.py walks
# every command of every group against this set.
CREATING_COMMANDS = frozenset({
    "ingest", "demo", "data import", "data load-shipped", "actors import", "actors load-shipped",
    "match import-offers", "match import-offer-sheet", "match import-needs", "match need", "target add",
    "user add", "catalog sync", "index build", "index uncertainty",
})


def command_path(ctx: click.Context) -> str:
    """The command's path below the root, e.g. "match run"."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def get_store(ctx: typer.Context) -> Store:
    """Open the store named by the global --db option (or $RISO_DB, or ./riso.duckdb)."""
    obj = ctx.find_root().obj or {}
    store = obj.get("store")
    if store is None:
        from riso.store import open_store, resolve_db_url

        url = resolve_db_url(obj.get("db"))
        command = command_path(ctx) or ctx.find_root().invoked_subcommand or ""
        if (command not in CREATING_COMMANDS and url != ":memory:"
                and not url.startswith(("postgresql://", "postgres://")) and not Path(url).exists()):
            from riso.errors import NoSuchStore

            raise NoSuchStore(f"no riso store at {url}: `riso {command}` does not create one (it needs stored data)")
        store = open_store(obj.get("db"))
        obj["store"] = store
        ctx.find_root().obj = obj
        ctx.find_root().call_on_close(store.close)
    return store


def fail(error: RisoError, *, code: int = 1) -> typer.Exit:
    """Print an error's message and hint to stderr; return the Exit to raise."""
    err_console.print(f"[bold red]error[/] [{error.code}] {error}", highlight=False)
    err_console.print(f"[dim]hint:[/] {error.hint}", highlight=False)
    return typer.Exit(code)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _dumps(data: Any, *, indent: int | None = None) -> str:
    """Strict JSON: a non-finite float (inf, nan) is written as null, never as the invalid ``Infinity``."""
    try:
        return json.dumps(data, ensure_ascii=False, default=str, indent=indent, allow_nan=False)
    except ValueError:
        from riso.api._render import finite  # only on this rare path: the API's helper

        return json.dumps(finite(data), ensure_ascii=False, default=str, indent=indent, allow_nan=False)


def render(
    rows: Sequence[Mapping[str, Any]],
    fmt: Format | str,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print records as a table, JSON array, JSON lines or CSV."""
    fmt = Format(fmt)
    if fmt is Format.json:
        sys.stdout.write(_dumps(list(rows), indent=2) + "\n")
        return
    if fmt is Format.jsonl:
        for row in rows:
            sys.stdout.write(_dumps(row) + "\n")
        return
    cols = list(columns) if columns else (list(rows[0].keys()) if rows else [])
    if fmt is Format.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        from riso.ingest.data.cells import safe_cell  # formula-like text is written as text

        for row in rows:
            writer.writerow([safe_cell(_cell(row.get(c))) for c in cols])
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in cols))
    console.print(table)
