"""`riso data` commands: import data files, load the shipped datasets, export observations."""

from __future__ import annotations

from pathlib import Path

import typer

from riso.cli._util import Format, console, get_store, render
from riso.services import data as data_service

__all__ = ["register"]

data_app = typer.Typer(help="Indicator observations: import, shipped datasets, export.", no_args_is_help=True)

_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.")
_COLUMNS = ["source", "format", "rows_read", "stored", "skipped", "duplicates", "already_imported"]


@data_app.command("import")
def import_cli(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="A long/wide CSV, .xlsx, SDMX-CSV file or datapackage.json."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Import the good rows of a file with bad ones."),
    source: str = typer.Option(None, "--source", help="Dataset citation stored with every row (default: file name)."),
    indicator: str = typer.Option(None, "--indicator", help="Indicator of every row, for files without that column."),
    unit: str = typer.Option(None, "--unit", help="Unit of every row, for files without that column."),
    fmt: Format = _FORMAT,
) -> None:
    """Import observations from a data file (a no-op when the same file was imported before)."""
    report = data_service.import_file(
        get_store(ctx), path, skip_bad_rows=skip_bad_rows, source=source, indicator=indicator, unit=unit
    )
    rec = report.to_json()
    if fmt is Format.table:
        render([rec], fmt, columns=_COLUMNS, title=str(path))
        for bad in rec["bad_rows"]:  # type: ignore[attr-defined]
            console.print(f"[yellow]skipped[/] line {bad['line']}: {bad['reason']}", highlight=False)
    else:
        render([rec], fmt)


@data_app.command("load-shipped")
def load_shipped_cli(ctx: typer.Context, fmt: Format = _FORMAT) -> None:
    """Load the datasets shipped with riso (NBS provincial R&D, World Bank WDI, patents, technology market)."""
    reports = data_service.load_shipped(get_store(ctx))
    render([r.to_json() for r in reports], fmt, columns=_COLUMNS, title="shipped datasets")


@data_app.command("export")
def export_cli(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    export_format: str = typer.Option("csv", "--format", "-f", help="csv, parquet or sdmx (SDMX-CSV)."),
    region: str = typer.Option(None, "--region", help="Only this region id."),
    indicator: str = typer.Option(None, "--indicator", help="Only this indicator id."),
) -> None:
    """Write the stored observations to CSV, Parquet or SDMX-CSV."""
    n = data_service.export_observations(get_store(ctx), out, fmt=export_format, region=region, indicator=indicator)
    console.print(f"wrote {n} observations to {out}", highlight=False)


@data_app.command("from-facts")
def from_facts_cli(ctx: typer.Context) -> None:
    """Turn extracted measurement facts (region, indicator, period) into observations."""
    n = data_service.observations_from_facts(get_store(ctx))
    console.print(f"stored {n} observations from documents", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(data_app, name="data")
