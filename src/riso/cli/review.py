"""`riso review list|confirm|correct|reject|undo|log|export|threshold`: people review extracted facts."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import typer

from riso.cli._util import Format, console, get_store, render
from riso.errors import PermissionDenied
from riso.services import review
from riso.store import Store

__all__ = [
    "confirm_cli",
    "correct_cli",
    "export_cli",
    "list_cli",
    "log_cli",
    "register",
    "reject_cli",
    "threshold_cli",
    "undo_cli",
]

review_app = typer.Typer(
    help="Review facts: confirm, correct or reject what the extractor read; export the decisions as gold.",
    no_args_is_help=True,
)
_BY = typer.Option(None, "--by", envvar="RISO_USER", help="Who decides (default: $RISO_USER or the login name).")
_NOTE = typer.Option(None, "--note", help="Why (kept with the decision).")


def _reviewer(store: Store, by: str | None) -> str:
    """The reviewer's name; an account of that name must be an editor or admin."""
    name = (by or getpass.getuser() or "cli").strip()
    account = store.get_user(name)
    if account is not None and account.role not in ("editor", "admin"):
        raise PermissionDenied(f"{name} is a {account.role}; reviewing needs the editor role",
                               hint="Ask an admin: `riso user add NAME --role editor`.")  # fmt: skip
    return name


def _show(fact_rows: list[dict[str, object]], fmt: Format) -> None:
    render(fact_rows, fmt, columns=["id", "kind", "value", "unit", "deadline", "period", "subject", "metric",
                                    "confidence", "review", "quote"])  # fmt: skip


@review_app.command("list")
def list_cli(
    ctx: typer.Context,
    everything: bool = typer.Option(False, "--all", help="Every unreviewed fact, not only those below the threshold."),
    threshold: float = typer.Option(None, "--threshold", help="Confidence below which a fact is to review."),
    document: str = typer.Option(None, "--document", help="Only this document's facts (its id)."),
    limit: int = typer.Option(None, "--limit", help="At most this many."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, jsonl or csv."),
) -> None:
    """Facts to review, least sure first."""
    store = get_store(ctx)
    facts = review.to_review(store, threshold=threshold, everything=everything, document=document, limit=limit)
    _show(review.summarise(facts), fmt)


@review_app.command("confirm")
def confirm_cli(ctx: typer.Context, fact: str = typer.Argument(..., help="Fact id."), by: str = _BY,
                note: str = _NOTE) -> None:  # fmt: skip
    """Confirm that a fact reads right."""
    store = get_store(ctx)
    done = review.decide(store, fact, "confirmed", reviewer=_reviewer(store, by), note=note)
    _show(review.summarise([done]), Format.table)


@review_app.command("reject")
def reject_cli(ctx: typer.Context, fact: str = typer.Argument(..., help="Fact id."), by: str = _BY,
               note: str = _NOTE) -> None:  # fmt: skip
    """Reject a fact: it is no fact (it disappears from targets, progress, the API and the dashboard)."""
    store = get_store(ctx)
    review.decide(store, fact, "rejected", reviewer=_reviewer(store, by), note=note)
    console.print(f"rejected {fact}")


@review_app.command("correct")
def correct_cli(
    ctx: typer.Context,
    fact: str = typer.Argument(..., help="Fact id."),
    value: float = typer.Option(None, "--value", help="The right value."),
    unit: str = typer.Option(None, "--unit", help="The right unit (%, count, CNY 100m, EUR bn, rank ...)."),
    kind: str = typer.Option(None, "--kind", help="target, milestone, measurement or rank."),
    subject: str = typer.Option(None, "--subject", help="The region (an id or a name in any language)."),
    metric: str = typer.Option(None, "--metric", help="The catalog indicator (an id or a label)."),
    metric_text: str = typer.Option(None, "--metric-text", help="The metric's wording."),
    deadline: int = typer.Option(None, "--deadline", help="Targets: the year it should be met."),
    period: str = typer.Option(None, "--period", help="Measurements: the period (2023, 2018-2023)."),
    comparator: str = typer.Option(None, "--comparator", help="at_least, at_most, exactly or about."),
    by: str = _BY,
    note: str = _NOTE,
) -> None:
    """Correct a fact's value, unit, kind, subject, metric, deadline, period or comparator."""
    store = get_store(ctx)
    changes = {
        "value": value, "unit": unit, "kind": kind, "subject": subject, "metric": metric, "metric_text": metric_text,
        "deadline": deadline, "period": period, "comparator": comparator,
    }  # fmt: skip
    done = review.decide(store, fact, "corrected", reviewer=_reviewer(store, by), changes=changes, note=note)
    _show(review.summarise([done]), Format.table)


@review_app.command("undo")
def undo_cli(ctx: typer.Context, fact: str = typer.Argument(..., help="Fact id."), by: str = _BY) -> None:
    """Withdraw the decision on a fact: it reads as extracted again."""
    store = get_store(ctx)
    done = review.undo(store, fact, actor=_reviewer(store, by))
    _show(review.summarise([done]), Format.table)


@review_app.command("log")
def log_cli(
    ctx: typer.Context,
    document: str = typer.Option(None, "--document", help="Only this document's decisions."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, jsonl or csv."),
) -> None:
    """Every decision: who, when, what the extractor read and what the fact says now."""
    rows = [r.to_json() for r in review.decisions(get_store(ctx), document=document)]
    columns = ["fact", "decision", "reviewer", "reviewed_at", "fields", "extracted", "note"]
    render(rows, fmt, columns=columns)


@review_app.command("export")
def export_cli(
    ctx: typer.Context, out: Path = typer.Argument(..., help="The gold JSONL file to write (for `riso eval`).")
) -> None:
    """Write the reviewed facts in the real-text gold format, so `riso eval OUT` scores the extractor on them."""
    count = review.write_gold(get_store(ctx), out)
    console.print(f"wrote {count} passages to {os.fspath(out)}")


@review_app.command("threshold")
def threshold_cli(
    ctx: typer.Context,
    value: float = typer.Argument(None, help="New threshold (0-1); omit to print the current one."),
    by: str = _BY,
) -> None:
    """The confidence below which a fact is "to review" (never a headline target)."""
    store = get_store(ctx)
    if value is not None:
        review.set_review_threshold(store, value, actor=_reviewer(store, by))
    console.print(f"{review.review_threshold(store):g}")


def register(app: typer.Typer) -> None:
    """Add the `review` command group to the app."""
    app.add_typer(review_app, name="review")
