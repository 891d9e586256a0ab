"""`riso extract` (stateless fact extraction from files) and `riso eval` (scores against gold data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from riso.cli._util import Format, err_console, render
from riso.errors import BadRequest, RisoError

if TYPE_CHECKING:
    from riso.extract.realgold import RealReport

__all__ = ["extract_paths", "register"]

_TABLE_COLUMNS = ["source", "kind", "metric", "value", "unit", "comparator", "deadline", "period", "subject", "quote"]


def extract_paths(paths: list[Path]) -> tuple[list[dict[str, object]], list[tuple[str, RisoError]]]:
    """Read each file and extract its facts (Fact JSON plus ``source``); unreadable files are reported, not fatal."""
    from riso.extract import extract
    from riso.ingest import read_document

    rows: list[dict[str, object]] = []
    failed: list[tuple[str, RisoError]] = []
    for path in paths:
        try:
            document = read_document(path)
        except RisoError as err:
            failed.append((str(path), err))
            continue
        for fact in extract(document):
            row = fact.model_copy(update={"source": str(path)}).to_json()
            rows.append(row)
    return rows, failed


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _table_row(row: dict[str, object]) -> dict[str, object]:
    subject = row.get("subject")
    quote = str(row.get("quote") or "")
    return {
        **row,
        "subject": subject.get("id") or subject.get("name") if isinstance(subject, dict) else None,
        "quote": quote if len(quote) <= 90 else quote[:87] + "...",
        "metric": row.get("metric") or row.get("metric_text"),
    }


def extract_cli(
    paths: list[Path] = typer.Argument(..., help="Documents to read (.txt .md .html .pdf .docx)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json (one array of facts), jsonl, csv."),
    kind: list[str] = typer.Option([], "--kind", "-k", help="Only these fact kinds (repeatable)."),
) -> None:
    """Extract facts from documents without storing them (the Fact JSON contract, plus `source`)."""
    rows, failed = extract_paths(paths)
    for source, err in failed:
        err_console.print(f"[yellow]skipped[/] {source}: {err.message} ({err.hint})", highlight=False)
    if kind:
        rows = [r for r in rows if r.get("kind") in set(kind)]
    if fmt in (Format.table, Format.csv):
        render([_table_row(r) for r in rows], fmt, columns=_TABLE_COLUMNS)
    else:
        render(rows, fmt)
    if failed and not rows:
        raise typer.Exit(1)


def eval_cli(
    ctx: typer.Context,
    gold: Path | None = typer.Argument(None, help="Gold passages (JSONL) to score the extractors on."),
    stories: Path | None = typer.Option(
        None, "--stories", help="Story pairs file, or a folder holding pairs.jsonl: score the story linker instead."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    misses: bool = typer.Option(False, "--misses", help="Also list every missed and spurious fact."),
    match: bool = typer.Option(False, "--match", help="Score the technology-transfer matcher: P@5, MRR, nDCG@10 "
                               "per language, beside plain BM25 (GOLD: another pair set YAML)."),
    embed: bool = typer.Option(False, "--embed", help="With --match: also run the hybrid with embeddings "
                               "(the embed extra; vectors are cached in the store)."),
) -> None:
    """Print precision, recall and F1 per fact kind and language (or the story-linking scores with --stories)."""
    if match:
        _eval_match(ctx, gold, fmt, embed)
        return
    if stories is not None:
        from riso.link import evaluate_story_pairs

        report = evaluate_story_pairs(stories).as_dict()
        if fmt is Format.table:
            render([{"metric": k, "value": v} for k, v in report.items()], fmt)
        else:
            _print_json(report)
        return
    if gold is None:
        raise BadRequest("give a gold JSONL file or --stories PAIRS", hint="riso eval tests/extract/gold/dev.jsonl")
    from riso.extract.evaluate import evaluate
    from riso.extract.realgold import RealReport

    result = evaluate(gold)
    if isinstance(result, RealReport):
        _render_real(result, fmt, misses)
        return
    if fmt is Format.table:
        render(result.rows(), fmt, title=f"{result.passages} passages")
        if misses:
            render([{"passage": m["passage"], "type": m["type"], "fact": m.get("gold") or m.get("predicted")}
                    for m in result.misses], fmt)  # fmt: skip
        return
    data = result.as_dict()
    if not misses:
        data.pop("misses")
    _print_json(data)


def _eval_match(ctx: typer.Context, gold: Path | None, fmt: Format, embed: bool) -> None:
    from riso.cli._util import get_store
    from riso.services.match import evaluate

    report = evaluate(get_store(ctx) if embed else None, gold, with_embeddings=embed)
    if fmt is Format.table:
        render(report.rows(), fmt, title=f"{report.needs} needs x {report.offers} offers (P@5, MRR, nDCG@10)")
        for note in report.notes:
            err_console.print(f"[dim]{note}[/]", highlight=False)
    else:
        _print_json(report.as_dict())


def _render_real(result: RealReport, fmt: Format, misses: bool) -> None:
    if fmt is not Format.table:
        data = result.as_dict()
        if not misses:
            data.pop("misses")
        _print_json(data)
        return
    if misses:
        render([{"passage": m["passage"], "type": m["type"], "fact": m["fact"], "gold": m.get("gold")}
                for m in result.misses], fmt)  # fmt: skip
    render(result.rows(), fmt, title=f"{result.passages} passages (real-text gold format)")
    render([{"matched": k, "accuracy": v} for k, v in result.accuracy.as_dict().items()], fmt,
           title="accuracy on value-matched pairs")  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("extract")(extract_cli)
    app.command("eval")(eval_cli)
