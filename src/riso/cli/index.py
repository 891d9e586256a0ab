"""`riso index build | uncertainty | show | list | chart`: composite indices from COINr-style or riso frameworks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from riso.cli._util import Format, err_console, get_store, render
from riso.errors import ConfigError

# Each command imports riso.services.index (NumPy, pandas, SciPy: ~0.6 s) when it computes; `list` and `show`
# read the store only and start without it.

__all__ = ["register"]

index_app = typer.Typer(help="Composite indices: build, uncertainty and sensitivity, saved results, charts.",
                        no_args_is_help=True)

DATA = typer.Option(None, "--data", help="Indicator data CSV (COINr iData layout, or wide data for --framework).")
META = typer.Option(None, "--meta", help="Indicator metadata CSV (COINr iMeta layout).")
FRAMEWORK = typer.Option(None, "--framework", help="riso YAML framework file (tree, groups, denominators).")
PERIOD = typer.Option(None, "--period", help="With --framework and no --data: store observations of this period.")
IMPUTE = typer.Option(None, "--impute", help="indicator-mean|indicator-median|group-mean|group-median|unit-mean|"
                                             "unit-median|em|regression.")
IMPUTE_GROUP = typer.Option(None, "--impute-group", help="Group column for group-mean / group-median.")
SCREEN = typer.Option(None, "--screen", help="Keep units with at least this share of data (0-1).")
TREAT = typer.Option(None, "--treat", help="winsorise (COINr: log fallback), boxcox (Box-Cox fallback) or none.")
WINMAX = typer.Option(None, "--winmax", help="Most points winsorised per indicator.")
NORMALISE = typer.Option(None, "--normalise", help="minmax|zscore|rank|prank|borda|dist2max|dist2targ|dist2ref|"
                                                   "fracmax|goalposts|scaled|none.")
RANGE = typer.Option(None, "--range", help="Min-max range as L,U (default 0,100).")
MEAN = typer.Option(None, "--mean", help="Z-score mean.")
SD = typer.Option(None, "--sd", help="Z-score standard deviation.")
WEIGHTS = typer.Option(None, "--weights", help="manual (metadata), equal, pca, pca-squared, optimised or "
                                               "optimised-groups.")
AGGREGATE = typer.Option(None, "--aggregate", help="amean|gmean|hmean|median|copeland|genmean:P, or per level: "
                                                   "amean,gmean,...")
WORKBOOK = typer.Option(None, "--workbook", help="Excel workbook with iData and iMeta sheets (and Settings).")
CONFIG = typer.Option(None, "--config", help="YAML file with the same settings (and per-level choices).")
SAVE = typer.Option(None, "--save", help="Keep the result in the store under this name.")


def _overrides(impute: str | None, impute_group: str | None, screen: float | None, treat: str | None,
               winmax: int | None, normalise: str | None, range_: str | None, mean: float | None, sd: float | None,
               weights: str | None, aggregate: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"impute": impute, "impute_group": impute_group, "screen": screen, "treat": treat,
                           "winmax": winmax, "normalise": normalise, "mean": mean, "sd": sd, "weights": weights}
    if range_ is not None:
        try:
            lo, hi = (float(v) for v in range_.split(","))
        except ValueError as err:
            raise ConfigError(f"--range {range_!r} is not L,U", hint="Write it as two numbers, e.g. --range 1,100.") \
                from err
        out["range"] = [lo, hi]
    if aggregate is not None:
        out["aggregate"] = aggregate.split(",") if "," in aggregate else aggregate
    return out


def _exact(rows: list[dict[str, Any]], fmt: Format) -> list[dict[str, Any]]:
    """Floats at full precision for CSV (render's default rounds to 6 digits; scripts compare to 1e-9)."""
    if fmt is not Format.csv:
        return rows
    return [{k: repr(v) if isinstance(v, float) else v for k, v in row.items()} for row in rows]


def _store_if(ctx: typer.Context, needed: bool) -> Any:
    return get_store(ctx) if needed else None


@index_app.command("build")
def build_cli(
    ctx: typer.Context, data: Path = DATA, meta: Path = META, framework: Path = FRAMEWORK, period: str = PERIOD,
    impute: str = IMPUTE, impute_group: str = IMPUTE_GROUP, screen: float = SCREEN, treat: str = TREAT,
    winmax: int = WINMAX, normalise: str = NORMALISE, range_: str = RANGE, mean: float = MEAN, sd: float = SD,
    weights: str = WEIGHTS, aggregate: str = AGGREGATE, config: Path = CONFIG, save: str = SAVE,
    export: Path = typer.Option(None, "--export", help="Also write every named dataset into this directory."),
    excel: Path = typer.Option(None, "--excel", help="Also write data, framework, settings and results to .xlsx."),
    workbook: Path = WORKBOOK,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """Build an index; print one row per unit: uCode, every aggregate score, and the top-level Rank."""
    from riso.services import index as service

    spec = service.make_spec(config, _overrides(impute, impute_group, screen, treat, winmax, normalise, range_,
                                                mean, sd, weights, aggregate), service.workbook_settings(workbook))
    store = _store_if(ctx, bool(save) or (framework is not None and data is None and workbook is None))
    fw = service.load_framework(data=data, meta=meta, framework=framework, store=store, period=period,
                                workbook=workbook)
    result = service.build_index(fw, spec, store=store, save=save, period=period)
    if export is not None:
        service.export_datasets(result, export, fmt="json" if fmt is Format.json else "csv")
    if excel is not None:
        err_console.print(f"workbook written to {service.export_workbook(result, excel)}")
    rows = result.table()
    render(_exact(rows, fmt), fmt, columns=["uCode", *result.scores().codes, "Rank"], title=result.top)


@index_app.command("uncertainty")
def uncertainty_cli(
    ctx: typer.Context, spec_file: Path = typer.Option(..., "--spec", help="SPEC.yaml: runs, seed, vary."),
    sensitivity: bool = typer.Option(False, "--sensitivity", help="Saltelli design: first-order and total indices."),
    out_sensitivity: Path = typer.Option(None, "--out-sensitivity", help="Sensitivity table file (.csv or .json)."),
    jobs: int = typer.Option(1, "--jobs", min=1, help="Worker processes for the replications."),
    plot: Path = typer.Option(None, "--plot", help="With --sensitivity: bar chart of Si and STi (.png or .svg)."),
    workbook: Path = WORKBOOK,
    data: Path = DATA, meta: Path = META, framework: Path = FRAMEWORK, period: str = PERIOD,
    impute: str = IMPUTE, impute_group: str = IMPUTE_GROUP, screen: float = SCREEN, treat: str = TREAT,
    winmax: int = WINMAX, normalise: str = NORMALISE, range_: str = RANGE, mean: float = MEAN, sd: float = SD,
    weights: str = WEIGHTS, aggregate: str = AGGREGATE, config: Path = CONFIG, save: str = SAVE,
    fmt: Format = typer.Option(Format.csv, "--format", help="csv, json, jsonl or table."),
) -> None:
    """Monte Carlo ranks: one row per unit with uCode, nominal, mean, median, q5, q95 of the top-level rank."""
    from riso.services import index as service

    if plot is not None and not sensitivity:
        raise ConfigError("--plot draws the sensitivity indices", hint="Add --sensitivity.")
    spec = service.make_spec(config, _overrides(impute, impute_group, screen, treat, winmax, normalise, range_,
                                                mean, sd, weights, aggregate), service.workbook_settings(workbook))
    store = _store_if(ctx, bool(save) or (framework is not None and data is None and workbook is None))
    fw = service.load_framework(data=data, meta=meta, framework=framework, store=store, period=period,
                                workbook=workbook)
    result = service.uncertainty_index(fw, spec, spec_file, sensitivity=sensitivity, n_jobs=jobs, store=store,
                                       save=save, period=period)
    render(_exact(result.rows(), fmt), fmt, columns=["uCode", "nominal", "mean", "median", "q5", "q95"])
    if sensitivity:
        table = result.sensitivity_rows()
        if out_sensitivity is not None:
            if out_sensitivity.suffix.lower() == ".json":
                out_sensitivity.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
            else:
                import pandas as pd

                pd.DataFrame(table).to_csv(out_sensitivity, index=False)
        elif fmt is Format.table:
            render(table, fmt, title="sensitivity")
        else:
            sys.stdout.write("\n")
            render(_exact(table, fmt), fmt)
        if out_sensitivity is not None:
            err_console.print(f"sensitivity indices written to {out_sensitivity}")
        if plot is not None:
            err_console.print(f"sensitivity chart written to {service.sensitivity_chart(table, plot)}")


@index_app.command("show")
def show_cli(
    ctx: typer.Context, name: str = typer.Argument(..., help="Name given with --save."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """Show a saved index: its score table (with rank bounds when an uncertainty run was saved)."""
    saved = get_store(ctx).load_index_result(name)
    bounds = {r["uCode"]: r for r in saved.get("uncertainty") or []}
    rows = [{**r, **{f"rank_{k}": bounds[r["uCode"]][k] for k in ("q5", "median", "q95") if r["uCode"] in bounds}}
            for r in saved["scores"]]
    render(rows, fmt, title=f"{name} ({saved['top']})")


@index_app.command("list")
def list_cli(ctx: typer.Context, fmt: Format = typer.Option(Format.table, "--format")) -> None:
    """List saved indices."""
    render(get_store(ctx).list_index_results(), fmt, title="saved indices")


@index_app.command("chart")
def chart_cli(
    ctx: typer.Context, name: str = typer.Argument(..., help="Name given with --save."),
    kind: str = typer.Option("ranks", "--kind", help="ranks, profile or correlation."),
    unit: str = typer.Option(None, "--unit", help="Unit code for the profile chart."),
    level: int = typer.Option(None, "--level", help="Level of the aggregates shown (default 2, the pillars)."),
    out: Path = typer.Option(..., "--out", help="Output file, .png or .svg."),
) -> None:
    """Draw a saved index: ranked bars with rank whiskers, a unit's pillar profile, or the correlation heat map."""
    from riso.services import index as service

    path = service.chart_index(get_store(ctx), name, kind=kind, out=out, unit=unit, level=level)
    err_console.print(f"chart written to {path}")


def _built(ctx: typer.Context, data: Path | None, meta: Path | None, framework: Path | None, period: str | None,
           workbook: Path | None, config: Path | None, overrides: dict[str, Any]) -> Any:
    from riso.services import index as service

    spec = service.make_spec(config, overrides, service.workbook_settings(workbook))
    store = _store_if(ctx, framework is not None and data is None and workbook is None)
    fw = service.load_framework(data=data, meta=meta, framework=framework, store=store, period=period,
                                workbook=workbook)
    return service.build_index(fw, spec)


ANALYSES = ("statistics", "flags", "groups", "units")


@index_app.command("analyse")
def analyse_cli(
    ctx: typer.Context,
    what: str = typer.Option("all", "--what", help="statistics, flags, groups (Cronbach, PCA), units or all."),
    unit: str = typer.Option(None, "--unit", help="Strengths and weaknesses of this unit only."),
    high: float = typer.Option(0.9, "--high", help="Flag indicator pairs in one pillar correlated above this."),
    low: float = typer.Option(-0.4, "--low", help="Flag indicator pairs in one pillar correlated below this."),
    data: Path = DATA, meta: Path = META, framework: Path = FRAMEWORK, period: str = PERIOD, workbook: Path = WORKBOOK,
    impute: str = IMPUTE, impute_group: str = IMPUTE_GROUP, screen: float = SCREEN, treat: str = TREAT,
    winmax: int = WINMAX, normalise: str = NORMALISE, range_: str = RANGE, mean: float = MEAN, sd: float = SD,
    weights: str = WEIGHTS, aggregate: str = AGGREGATE, config: Path = CONFIG,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """Analyse a build: indicator statistics, correlation flags with p-values, Cronbach's alpha and PCA per
    aggregate, and each unit's strengths and weaknesses."""
    from riso.services import index as service

    if what != "all" and what not in ANALYSES:
        raise ConfigError(f"unknown analysis {what!r}", hint=f"Use one of {', '.join(ANALYSES)} or all.")
    result = _built(ctx, data, meta, framework, period, workbook, config,
                    _overrides(impute, impute_group, screen, treat, winmax, normalise, range_, mean, sd, weights,
                               aggregate))
    tables = service.analyse_index(result, unit=unit, high=high, low=low)
    chosen = list(ANALYSES) if what == "all" else [what]
    if fmt is Format.json:
        sys.stdout.write(json.dumps({k: tables[k] for k in chosen}, indent=2, default=str) + "\n")
        return
    for i, name in enumerate(chosen):
        if i and fmt is not Format.table:
            sys.stdout.write("\n")
        render(tables[name], fmt, title=name)


def _score_table(ctx: typer.Context, source: str, build_args: dict[str, Any]) -> list[dict[str, Any]]:
    """A score table from a saved index name, or from a build with a --config YAML file at that path."""
    from riso.services import index as service

    path = Path(source)
    if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
        return list(_built(ctx, **build_args, config=path, overrides={}).table())
    if path.suffix.lower() in (".yaml", ".yml"):
        raise ConfigError(f"no settings file at {source}", hint="Give a saved index name or a YAML settings file.")
    return list(service.show_index(get_store(ctx), source)["scores"])


@index_app.command("compare")
def compare_cli(
    ctx: typer.Context,
    first: str = typer.Argument(..., help="A saved index name, or a YAML settings file built on --data/--meta."),
    second: str = typer.Argument(..., help="The other build: a saved name or a YAML settings file."),
    code: str = typer.Option(None, "--code", help="Aggregate to compare (default: the top index)."),
    data: Path = DATA, meta: Path = META, framework: Path = FRAMEWORK, period: str = PERIOD, workbook: Path = WORKBOOK,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """Compare two builds (COINr's compare_coins): per unit the scores, ranks and their differences."""
    from riso.services import index as service

    build_args = {"data": data, "meta": meta, "framework": framework, "period": period, "workbook": workbook}
    a, b = _score_table(ctx, first, build_args), _score_table(ctx, second, build_args)
    if not a or not b:
        raise ConfigError("one of the builds has no units", hint="Check the saved names and the data.")
    top = code or next(k for k in reversed(list(a[0])) if k not in ("uCode", "Rank"))
    out = service.compare_builds(a, b, top, ("A", "B"))
    if fmt is Format.json:
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    render(out["rows"], fmt, title=f"{top}: A = {first}, B = {second}")
    s = out["summary"]
    err_console.print(f"{s['changed']} of {s['units']} units change rank; mean |rank change| "
                      f"{s['mean_abs_rank_diff']:.2f}, largest {s['max_abs_rank_diff']}")


@index_app.command("remove")
def remove_cli(
    ctx: typer.Context,
    level: int = typer.Option(1, "--level", help="Remove each element of this level in turn (1 = indicators)."),
    code: str = typer.Option(None, "--code", help="Aggregate whose ranks are compared (default: the index)."),
    data: Path = DATA, meta: Path = META, framework: Path = FRAMEWORK, period: str = PERIOD, workbook: Path = WORKBOOK,
    impute: str = IMPUTE, impute_group: str = IMPUTE_GROUP, screen: float = SCREEN, treat: str = TREAT,
    winmax: int = WINMAX, normalise: str = NORMALISE, range_: str = RANGE, mean: float = MEAN, sd: float = SD,
    weights: str = WEIGHTS, aggregate: str = AGGREGATE, config: Path = CONFIG,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """What each indicator or pillar adds (COINr's remove_elements): the rank shifts when it is removed."""
    from riso.index.compare import remove_elements

    result = _built(ctx, data, meta, framework, period, workbook, config,
                    _overrides(impute, impute_group, screen, treat, winmax, normalise, range_, mean, sd, weights,
                               aggregate))
    out = remove_elements(result, level, code=code)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    render(out["summary"], fmt, columns=["removed", "mean_abs_rank_diff", "max_abs_rank_diff", "note"],
           title=f"rank shifts of {out['code']} when each level-{level} element is removed")


@index_app.command("export")
def export_cli(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="Workbook to write (.xlsx)."),
    data: Path = DATA, meta: Path = META, framework: Path = FRAMEWORK, period: str = PERIOD, workbook: Path = WORKBOOK,
    impute: str = IMPUTE, impute_group: str = IMPUTE_GROUP, screen: float = SCREEN, treat: str = TREAT,
    winmax: int = WINMAX, normalise: str = NORMALISE, range_: str = RANGE, mean: float = MEAN, sd: float = SD,
    weights: str = WEIGHTS, aggregate: str = AGGREGATE, config: Path = CONFIG,
) -> None:
    """Build and write data, framework (iData/iMeta), settings and every result to one Excel workbook;
    `--workbook` reads such a file back."""
    from riso.services import index as service

    result = _built(ctx, data, meta, framework, period, workbook, config,
                    _overrides(impute, impute_group, screen, treat, winmax, normalise, range_, mean, sd, weights,
                               aggregate))
    err_console.print(f"workbook written to {service.export_workbook(result, out)}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(index_app, name="index")
