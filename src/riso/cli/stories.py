"""`riso stories` (list, show, link) and `riso targets` commands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import typer

from riso.cli._util import Format, get_store, render
from riso.link import ReconciledFact
from riso.services import stories as service

__all__ = ["register"]

stories_app = typer.Typer(help="Stories: versions of one document across languages.", no_args_is_help=False)

_TARGET_COLUMNS = (
    "id",
    "region",
    "indicator",
    "value",
    "unit",
    "comparator",
    "deadline",
    "sources",
    "languages",
    "stories",
    "conflict",
    "confidence",
    "metric_text",
)


def _fact_line(fact: Mapping[str, object]) -> str:
    value = fact.get("value")
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    unit = fact.get("unit") or ""
    when = f" in {fact['period']}" if fact.get("period") else ""
    if fact.get("deadline"):
        when = f" by {fact['deadline']}"
    return f"{fact.get('metric') or fact.get('metric_text')}: {shown}{unit}{when}"


def _story_rows(views: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    rows = []
    for view in views:
        docs: list[Mapping[str, object]] = view["documents"]  # type: ignore[assignment]
        facts: list[Mapping[str, object]] = view["facts"]  # type: ignore[assignment]
        lines = sorted({_fact_line(f) for f in facts})
        rows.append(
            {
                "story": view["story"],
                "documents": len(docs),
                "languages": ", ".join(sorted({str(d["language"]) for d in docs if d.get("language")})),
                "title": next((d["title"] for d in docs if d.get("title")), ""),
                "key facts": "; ".join(lines[:4]) + (" …" if len(lines) > 4 else ""),
            }
        )
    return rows


def _target_row(r: ReconciledFact) -> dict[str, object]:
    return {
        "id": r.id,
        "region": r.region,
        "indicator": r.metric,
        "value": r.value,
        "unit": r.unit,
        "comparator": r.comparator,
        "deadline": r.deadline,
        "sources": len(r.sources),
        "languages": ", ".join(r.languages),
        "stories": len(r.stories),
        "conflict": r.conflict,
        "confidence": r.confidence,
        "metric_text": r.metric_text,
    }


@stories_app.callback(invoke_without_command=True)
def stories_cli(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, jsonl or csv."),
    limit: int = typer.Option(None, "--limit", help="Show at most this many stories."),
) -> None:
    """List stories with their documents, languages and key facts."""
    if ctx.invoked_subcommand is not None:
        return
    views = service.story_views(get_store(ctx), limit=limit)
    if fmt in (Format.json, Format.jsonl):
        render(views, fmt)
    else:
        render(_story_rows(views), fmt, title="stories")


@stories_app.command("show")
def show_cli(
    ctx: typer.Context,
    story: str = typer.Argument(..., help="Story id (a unique prefix is enough)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, jsonl or csv."),
) -> None:
    """One story: its documents and its facts reconciled across versions."""
    store = get_store(ctx)
    view = service.story_view(store, story)
    if fmt in (Format.json, Format.jsonl):
        render([view], fmt)
        return
    documents: list[dict[str, object]] = view["documents"]  # type: ignore[assignment]
    render(documents, fmt, columns=("id", "language", "source", "title"), title=f"story {view['story']}")
    found = service.reconciled_facts(store, story=str(view["story"]))
    rows = [_target_row(r) | {"kind": r.kind} for r in found if r.kind in service.KEY_KINDS]
    render(rows, fmt, columns=("kind", *_TARGET_COLUMNS[1:]), title="reconciled facts")


@stories_app.command("link")
def link_cli(ctx: typer.Context) -> None:
    """Link every stored document not yet in a story (ingest does this after each batch)."""
    assigned = service.link_stored_documents(get_store(ctx))
    typer.echo(f"{len(assigned)} documents in {len(set(assigned.values()))} stories")


def targets_cli(
    ctx: typer.Context,
    region: str = typer.Option(None, "--region", "-r", help="Only targets of this region id (e.g. CN-CQ)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, jsonl or csv."),
) -> None:
    """Targets reconciled across versions and stories, with source count, languages and conflicts."""
    found = service.reconciled_targets(get_store(ctx), region=region)
    if fmt in (Format.json, Format.jsonl):
        render([r.model_dump(mode="json") | {"languages": list(r.languages)} for r in found], fmt)
    else:
        render([_target_row(r) for r in found], fmt, columns=_TARGET_COLUMNS, title="targets")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(stories_app, name="stories")
    app.command("targets")(targets_cli)
