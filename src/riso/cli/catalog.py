"""`riso catalog` commands: list indicators and regions, resolve a name, mirror the catalog into the store."""

from __future__ import annotations

import typer

from riso.catalog import describe_indicators, describe_regions, load_catalog, resolve_text
from riso.cli._util import Format, console, get_store, render

__all__ = ["register"]

catalog_app = typer.Typer(help="The indicator taxonomy and region gazetteer.", no_args_is_help=True)

_LANGUAGE = typer.Option(None, "--language", "-l", help="Show labels in this language (en, de, fr, it, es, zh).")
_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.")


@catalog_app.command("indicators")
def indicators_cli(language: str = _LANGUAGE, fmt: Format = _FORMAT) -> None:
    """List the catalog's indicators."""
    rows = describe_indicators(load_catalog(), language=language)
    columns = ["id", "label", "unit", "direction", "kind", "synonyms", "source"]
    render(rows, fmt, columns=columns, title="indicators")


@catalog_app.command("regions")
def regions_cli(
    language: str = _LANGUAGE,
    level: str = typer.Option(None, "--level", help="Only this level (country, province, city, cluster, ...)."),
    fmt: Format = _FORMAT,
) -> None:
    """List the gazetteer's regions."""
    rows = describe_regions(load_catalog(), language=language, level=level)
    render(rows, fmt, columns=["id", "level", "name", "parent", "members", "codes"], title="regions")


@catalog_app.command("resolve")
def resolve_cli(
    text: str = typer.Argument(..., help="A name, code, unit or sentence."),
    language: str = _LANGUAGE,
    fmt: Format = _FORMAT,
) -> None:
    """Show what a name resolves to: region, indicator or unit, and every mention inside the text."""
    rows = resolve_text(load_catalog(), text, language=language)
    render(rows, fmt, columns=["kind", "how", "id", "name", "surface", "start", "end"])


@catalog_app.command("sync")
def sync_cli(ctx: typer.Context) -> None:
    """Write the catalog (built-in data and RISO_CATALOG_PATH files) into the store's regions and indicators."""
    counts = get_store(ctx).sync_catalog(load_catalog())
    console.print(f"synced {counts['regions']} regions and {counts['indicators']} indicators")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(catalog_app, name="catalog")
