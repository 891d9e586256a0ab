"""`riso actors` commands: import registers, list and show actors, resolve, merge and unmerge, evaluate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from riso.cli._util import Format, console, get_store, render
from riso.errors import ConfigError
from riso.network.registers import PRESETS, parse_mapping
from riso.network.resolve import evaluate_pairs, load_pairs
from riso.services import actors as actor_service

__all__ = ["register"]

actors_app = typer.Typer(help="Ecosystem actors: registers, entity resolution, merges.", no_args_is_help=True)

_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.")
_IMPORT_COLUMNS = ["source", "rows_read", "actors_new", "relations_new", "skipped", "already_imported"]
_ACTOR_COLUMNS = ["id", "name", "type", "region", "lab_level", "ownership", "field", "merged_into"]


@actors_app.command("import")
def import_cli(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="A register as CSV (header on line 1) or .xlsx (first sheet)."),
    preset: str = typer.Option(None, "--preset", help=f"A shipped register's mapping: {', '.join(PRESETS)}."),
    mapping: list[str] = typer.Option(
        [], "--map", help="ROLE=COLUMN (or ROLE==constant); roles: name, type, region, field, lab_level, name_en, "
        "alias, host, supervisor, funder, funds, period, label, key."),
    source: str = typer.Option(None, "--source", help="Citation stored with every actor (default: file name)."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Import the good rows of a file with bad ones."),
    fmt: Format = _FORMAT,
) -> None:
    """Import actors and relations from a register (a no-op when the same file was imported before)."""
    if preset is not None and preset not in PRESETS:
        raise ConfigError(f"unknown preset {preset!r}", hint=f"Use one of {', '.join(PRESETS)}.")
    if preset is None and not mapping:
        raise ConfigError("give --preset or a column mapping", hint="e.g. --map name=institution --map region=province")
    columns = PRESETS[preset].mapping if preset else parse_mapping(mapping)
    citation = source or (PRESETS[preset].source if preset else None)
    report = actor_service.import_register(get_store(ctx), path, columns, source=citation,
                                          skip_bad_rows=skip_bad_rows)
    rec = report.to_json()
    if fmt is Format.table:
        render([rec], fmt, columns=_IMPORT_COLUMNS, title=str(path))
        for bad in report.bad_rows[:20]:
            console.print(f"[yellow]skipped[/] line {bad[0]}: {bad[1]}", highlight=False)
    else:
        render([rec], fmt)


@actors_app.command("load-shipped")
def load_shipped_cli(
    ctx: typer.Context,
    directory: Path = typer.Option(None, "--from", help="Read the registers' files from this folder instead."),
    fmt: Format = _FORMAT,
) -> None:
    """Import the shipped registers: state key laboratories, National Key R&D projects, open sharing."""
    reports = actor_service.load_shipped_registers(get_store(ctx), directory=directory)
    render([r.to_json() for r in reports], fmt, columns=_IMPORT_COLUMNS, title="shipped registers")


@actors_app.command("from-facts")
def from_facts_cli(ctx: typer.Context) -> None:
    """Actors from extracted entity facts (hubs, platforms, alliances, parks) and their co-mentions."""
    actors, relations = actor_service.actors_from_store_facts(get_store(ctx))
    console.print(f"stored {actors} new actors and {relations} co-mention relations (weak evidence)",
                  highlight=False)


@actors_app.command("list")
def list_cli(
    ctx: typer.Context,
    region: str = typer.Option(None, "--region", help="Only this region id (CN-CQ, cn-sc-chengdu ...)."),
    actor_type: str = typer.Option(None, "--type", help="Only this actor type (laboratory, university ...)."),
    query: str = typer.Option(None, "--query", "-q", help="Only names containing this text."),
    limit: int = typer.Option(100, "--limit", help="At most this many."),
    fmt: Format = _FORMAT,
) -> None:
    """List actors (merged ones are shown under the actor they were merged into)."""
    found = get_store(ctx).list_actors(region=region, type=actor_type, query=query, limit=limit)
    render([a.model_dump(mode="json", exclude={"sources", "names", "aliases"}) for a in found], fmt,
           columns=_ACTOR_COLUMNS)


@actors_app.command("show")
def show_cli(ctx: typer.Context, actor_id: str = typer.Argument(..., help="An actor id (a:…).")) -> None:
    """One actor with its provenance and relations, as JSON."""
    from riso.services import network

    sys.stdout.write(json.dumps(network.actor_page(get_store(ctx), actor_id), ensure_ascii=False, indent=2,
                                default=str) + "\n")


@actors_app.command("resolve")
def resolve_cli(
    ctx: typer.Context,
    apply: bool = typer.Option(False, "--apply", help="Merge the pairs found (an editor can unmerge each)."),
    region: str = typer.Option(None, "--region", help="Only actors of this region."),
    fmt: Format = _FORMAT,
) -> None:
    """Find actors that are one organisation (across registers, languages, spellings), with the reason."""
    found = actor_service.resolve_actors(get_store(ctx), apply=apply, region=region)
    render([vars(m) for m in found], fmt, columns=["winner_name", "loser_name", "score", "reason", "loser"])
    if apply:
        console.print(f"merged {len(found)} pairs; undo one with `riso actors unmerge ID`", highlight=False)


@actors_app.command("merge")
def merge_cli(
    ctx: typer.Context,
    winner: str = typer.Argument(..., help="The actor that stays."),
    loser: str = typer.Argument(..., help="The actor merged into it."),
    reason: str = typer.Option("editor's decision", "--reason", help="Why (kept with the merge)."),
    by: str = typer.Option("editor", "--by", help="Who decided."),
) -> None:
    """Merge one actor into another (recorded; undo with unmerge)."""
    get_store(ctx).merge_actors(winner, loser, reason=reason, by=by)
    console.print(f"merged {loser} into {winner}", highlight=False)


@actors_app.command("unmerge")
def unmerge_cli(
    ctx: typer.Context,
    actor_id: str = typer.Argument(..., help="The merged actor to stand alone again."),
    by: str = typer.Option("editor", "--by", help="Who decided."),
) -> None:
    """Undo a merge: the actor stands alone again with its own provenance and relations."""
    was = get_store(ctx).unmerge_actor(actor_id, by=by)
    console.print(f"{actor_id} is no longer merged into {was}", highlight=False)


@actors_app.command("merges")
def merges_cli(ctx: typer.Context, fmt: Format = _FORMAT) -> None:
    """Every merge with its score, reason, who made it and whether it was undone."""
    render(get_store(ctx).list_merges(), fmt)


@actors_app.command("eval")
def eval_cli(
    pairs: Path = typer.Option(None, "--pairs", help="A CSV of labelled pairs (a,b,same,note); default: shipped."),
    errors: bool = typer.Option(False, "--errors", help="Also list every wrong verdict with its reason."),
    fmt: Format = _FORMAT,
) -> None:
    """Precision and recall of entity resolution on a labelled pair set (shipped: 299 pairs)."""
    text = pairs.read_text(encoding="utf-8") if pairs else None
    report = evaluate_pairs(load_pairs(text)).as_dict()
    wrong = report.pop("errors")
    if fmt is Format.table:
        render([{"metric": k, "value": v} for k, v in report.items()], fmt, title="entity resolution")
        if errors:
            render(wrong, fmt)  # type: ignore[arg-type]
        return
    if errors:
        report["errors"] = wrong
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(actors_app, name="actors")
