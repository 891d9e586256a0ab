"""`riso target`, `riso progress`, `riso report` and `riso chart`: targets, their progress and briefings."""

from __future__ import annotations

from pathlib import Path

import typer

from riso.cli._util import Format, console, get_store, render
from riso.errors import ConfigError
from riso.services import progress as progress_service

__all__ = ["register"]

target_app = typer.Typer(help="Targets: from documents, or added by hand.", no_args_is_help=True)

_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.")
_REGION = typer.Option(None, "--region", "-r", help="Only this region (code or name in any language).")
_TABLE = ["id", "region", "indicator", "value", "deadline", "status", "latest", "actual", "required", "ratio",
          "projection", "probability"]


@target_app.command("add")
def add_cli(
    ctx: typer.Context,
    region: str = typer.Option(..., "--region", help="Region code or name in any catalog language."),
    indicator: str = typer.Option(..., "--indicator", help="Indicator id or name in any catalog language."),
    value: float = typer.Option(..., "--value", help="Target value, in the indicator's unit."),
    deadline: int = typer.Option(..., "--deadline", help="Year by which the target is to be reached."),
    comparator: str = typer.Option("at_least", "--comparator", help="at_least, at_most or exactly."),
    baseline_period: str = typer.Option(None, "--baseline-period", help="Baseline period, e.g. 2020."),
    baseline_value: float = typer.Option(None, "--baseline-value", help="Baseline value."),
) -> None:
    """Add a target by hand."""
    target = progress_service.add_target(
        get_store(ctx), region=region, indicator=indicator, value=value, deadline=deadline, comparator=comparator,
        baseline_period=baseline_period, baseline_value=baseline_value,
    )
    console.print(f"added target {target.id}: {target.region} {target.indicator} {target.comparator} "
                  f"{target.value:g} by {target.deadline}", highlight=False)


@target_app.command("list")
def list_cli(ctx: typer.Context, region: str = _REGION, fmt: Format = _FORMAT) -> None:
    """List targets, with whether each can be assessed and why not."""
    rows = progress_service.target_records(get_store(ctx), region=region)
    render(rows, fmt, columns=["id", "region", "indicator", "comparator", "value", "deadline", "origin",
                               "assessable", "reason", "sources"], title="targets")


@target_app.command("remove")
def remove_cli(ctx: typer.Context, target_id: str = typer.Argument(..., help="Target id (or unique prefix).")) -> None:
    """Remove a target."""
    target = progress_service.remove_target(get_store(ctx), target_id)
    console.print(f"removed target {target.id}", highlight=False)


def _row(rec: dict[str, object]) -> dict[str, object]:
    t = rec["target"]
    latest, proj = rec["latest"], rec["projection"]
    pct = "{:.2%}".format
    return {
        "id": rec["id"], "region": t["region"], "indicator": t["indicator"] or t["metric_text"],  # type: ignore[index]
        "value": t["value"], "deadline": t["deadline"], "status": rec["status_text"],  # type: ignore[index]
        "latest": f"{latest['value']:g} ({latest['period']})" if latest else rec["reason"],  # type: ignore[index]
        "actual": pct(rec["actual_cagr"]) if rec["actual_cagr"] is not None else "",
        "required": pct(rec["required_cagr"]) if rec["required_cagr"] is not None else "",
        "ratio": pct(rec["ratio"]) if rec["ratio"] is not None else "",
        "projection": f"{proj['value']:.4g} [{proj['interval'][0]:.4g}, {proj['interval'][1]:.4g}]"  # type: ignore[index]
        if proj and proj["value"] is not None else "",  # type: ignore[index]
        "probability": f"{proj['probability']:.0%}" if proj and proj["probability"] is not None else "",  # type: ignore[index]
    }


def progress_cli(
    ctx: typer.Context,
    region: str = _REGION,
    as_of: int = typer.Option(None, "--as-of", help="Use only observations up to this year."),
    fmt: Format = _FORMAT,
) -> None:
    """Assess every target: Eurostat class, growth rates, projection and sources."""
    records = progress_service.progress_records(get_store(ctx), region=region, as_of=as_of)
    if fmt in (Format.json, Format.jsonl):
        render(records, fmt)
    else:
        render([_row(r) for r in records], fmt, columns=_TABLE, title="progress")


def report_cli(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", "-o", help="HTML file to write."),
    region: str = _REGION,
    pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF beside the HTML (headless Chromium)."),
    lang: str = typer.Option("en", "--lang", help="Language of the briefing: en or zh."),
) -> None:
    """Write a self-contained HTML briefing (summary, one card per target), and optionally a PDF."""
    html = progress_service.report(get_store(ctx), region=region, language=lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    console.print(f"wrote {out}", highlight=False)
    if pdf:
        pdf_path = out.with_suffix(".pdf")
        pdf_path.write_bytes(progress_service.html_to_pdf(html))
        console.print(f"wrote {pdf_path}", highlight=False)


def chart_cli(
    ctx: typer.Context,
    target_id: str = typer.Argument(..., help="Target id (or unique prefix) from `riso target list`."),
    out: Path = typer.Option(..., "--out", "-o", help="chart.png, chart.svg or chart.pdf"),
) -> None:
    """Draw one target's series, target point and projection band."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise ConfigError(f"cannot write a chart as {out.suffix or 'a file without suffix'}",
                          hint="Name the output .png, .svg or .pdf.")
    out.write_bytes(progress_service.chart(get_store(ctx), target_id, fmt=fmt))
    console.print(f"wrote {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(target_app, name="target")
    app.command("progress")(progress_cli)
    app.command("report")(report_cli)
    app.command("chart")(chart_cli)
