"""`riso documents [list]` and `riso documents show ID`."""

from __future__ import annotations

import typer

from riso.cli._util import Format, get_store, render
from riso.model import Document

__all__ = ["register"]

documents_app = typer.Typer(help="Stored documents: list them or show one.", no_args_is_help=False)

_COLUMNS = ("id", "title", "language", "languages", "published", "outlet", "format", "source")


def _row(document: Document, *, short: bool) -> dict[str, object]:
    return {
        "id": document.id[:19] if short else document.id,
        "title": document.title,
        "language": document.language,
        "languages": ", ".join(document.languages) if short else list(document.languages),
        "published": document.published,
        "outlet": document.outlet,
        "format": document.format,
        "source": document.source,
        "story": document.story,
        "ingested_at": document.ingested_at,
    }


def _list(ctx: typer.Context, language: str | None, limit: int, offset: int, fmt: Format) -> None:
    documents = get_store(ctx).list_documents(language=language, limit=limit, offset=offset)
    short = fmt is Format.table
    render([_row(d, short=short) for d in documents], fmt, columns=_COLUMNS if short else None, title="documents")


@documents_app.callback(invoke_without_command=True)
def documents_cli(
    ctx: typer.Context,
    language: str = typer.Option(None, "--language", help="Only documents in this language (ISO 639-1)."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many documents."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many documents."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """List stored documents, newest first (the default when no subcommand is given)."""
    if ctx.invoked_subcommand is None:
        _list(ctx, language, limit, offset, fmt)


@documents_app.command("list")
def list_cli(
    ctx: typer.Context,
    language: str = typer.Option(None, "--language", help="Only documents in this language (ISO 639-1)."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many documents."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many documents."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """List stored documents, newest first."""
    _list(ctx, language, limit, offset, fmt)


@documents_app.command("show")
def show_cli(
    ctx: typer.Context,
    document_id: str = typer.Argument(..., help="Document id or a unique prefix of it (at least 6 characters)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """Show one document's metadata, languages, paragraph, sentence and fact counts."""
    from riso.pipeline import describe_document  # extraction and linking: only `show` needs them

    summary = describe_document(get_store(ctx), document_id)
    if fmt is Format.table:
        render([{"field": k, "value": v} for k, v in summary.items()], fmt, columns=("field", "value"))
    else:
        render([summary], fmt)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(documents_app, name="documents")
