"""Index services: read frameworks (CSV, YAML, store), build, analyse, save, show and chart composite indices."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from riso.errors import ConfigError, FrameworkError
from riso.index import (
    BuildSpec,
    Framework,
    IndexResult,
    build,
    framework_from_coinr,
    framework_from_long,
    framework_from_spec,
)
from riso.index.uncertainty import UncertaintyResult, UncertaintySpec, run_uncertainty

__all__ = [
    "analyse_index", "build_index", "chart_index", "compare_builds", "export_datasets", "export_workbook",
    "index_view", "load_framework", "make_spec", "read_yaml", "sensitivity_chart", "show_index", "uncertainty_index",
    "workbook_settings",
]


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping from a file; ConfigError when missing or not a mapping."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"cannot read {path}: {err.strerror}", hint="Check the path.") from err
    except yaml.YAMLError as err:
        raise ConfigError(f"{path} is not valid YAML", hint=str(err).splitlines()[0]) from err
    if not isinstance(data, dict):
        raise ConfigError(f"{path} does not hold a YAML mapping", hint="See docs/index.md for the file layout.")
    return data


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, float_precision="round_trip")  # exact doubles, as R reads them
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read CSV {path}", hint=str(err).splitlines()[0]) from err


def load_framework(
    *, data: Path | None = None, meta: Path | None = None, framework: Path | None = None, store: Any = None,
    period: str | None = None, workbook: Path | None = None,
) -> Framework:
    """A framework from iData + iMeta CSV, an Excel workbook, a YAML framework (+ data CSV), or the store."""
    if workbook is not None:
        from riso.index.excel import read_workbook

        return read_workbook(workbook)[0]
    if framework is not None:
        spec = read_yaml(framework)
        if data is not None:
            return framework_from_spec(spec, _read_csv(data))
        if store is None:
            raise ConfigError("a YAML framework needs --data or the store", hint="Pass --data FILE.csv or --db.")
        rows = store.query("SELECT region, indicator, period, value FROM observations")
        return framework_from_long(_select_units(rows, spec.get("units")), spec, period=period)
    if data is None or meta is None:
        raise ConfigError("no framework given", hint="Pass --data iData.csv --meta iMeta.csv, or --framework FILE.")
    return framework_from_coinr(_read_csv(data), _read_csv(meta))


def _select_units(rows: list[dict[str, Any]], units: Any) -> list[dict[str, Any]]:
    """Keep the rows of the regions a framework's ``units`` selects: a list of ids, or {level, parent}."""
    if not units:
        return rows
    if isinstance(units, list):
        wanted = {str(u) for u in units}
    elif isinstance(units, dict):
        from riso.catalog import load_catalog

        level, parent = units.get("level"), units.get("parent")
        wanted = {
            r.id
            for r in load_catalog().regions.values()
            if (level is None or r.level == level) and (parent is None or r.parent == parent)
        }
    else:
        raise ConfigError("`units` must be a list of region ids or a mapping with level/parent",
                          hint="For example: units: {level: province, parent: CN}")
    return [row for row in rows if row["region"] in wanted]


def workbook_settings(workbook: Path | None) -> dict[str, Any]:
    """The build settings kept in a workbook's Settings sheet (empty when there are none)."""
    if workbook is None:
        return {}
    from riso.index.excel import read_workbook

    spec = read_workbook(workbook)[1]
    return spec.to_dict() if spec is not None else {}


def analyse_index(result: IndexResult, *, unit: str | None = None, high: float = 0.9, low: float = -0.4,
                  ) -> dict[str, list[dict[str, Any]]]:
    """Every analysis table of a built index: statistics, correlation flags, Cronbach and PCA per aggregate,
    and strengths and weaknesses (of one unit, or of every unit)."""
    from riso.index import analysis

    fw = result.framework
    tables: dict[str, list[dict[str, Any]]] = {
        "statistics": analysis.indicator_stats(result.datasets.get("Treated", result.datasets["Raw"])),
        "flags": analysis.correlation_flags(result.datasets["Normalised"], fw, high=high, low=low),
    }
    groups = []
    for lev in range(2, fw.n_levels + 1):
        for code in fw.aggregates(lev):
            pca = analysis.group_pca(result, code)
            groups.append({"aggregate": code, "level": lev, "children": len(pca["children"]),
                           "cronbach_alpha": pca["alpha"], "pc1_explained": pca["explained"][0],
                           "pc1_loadings": ", ".join(f"{k} {v:.3f}" for k, v in pca["loadings"].items())})
    tables["groups"] = groups
    units = [unit] if unit else list(result.aggregated.units)
    sw = []
    for u in units:
        found = analysis.strengths_weaknesses(result, u, n=3)
        sw.append({"uCode": u,
                   "strengths": ", ".join(f"{r['iCode']} ({r['rank']})" for r in found["strengths"]),
                   "weaknesses": ", ".join(f"{r['iCode']} ({r['rank']})" for r in found["weaknesses"])})
    tables["units"] = sw
    return tables


def compare_builds(a: list[dict[str, Any]], b: list[dict[str, Any]], code: str, labels: tuple[str, str]
                   ) -> dict[str, Any]:
    """Rank and score differences of two score tables (see riso.index.compare.compare_tables)."""
    from riso.index.compare import compare_tables

    return compare_tables(a, b, code, labels=labels)


def export_workbook(result: IndexResult, out: Path) -> Path:
    """Data, framework, settings and every result of a build in one .xlsx workbook."""
    from riso.index.excel import write_workbook

    return write_workbook(out, result.framework, result=result)


def sensitivity_chart(rows: list[dict[str, Any]], out: Path) -> Path:
    """The sensitivity indices as a bar chart (.png or .svg)."""
    from riso.index import plots

    if out.suffix.lower() not in (".png", ".svg"):
        raise ConfigError(f"chart file must end in .png or .svg, got {out.name}", hint="Use e.g. --plot si.png.")
    fig = plots.sensitivity_figure(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return out


def make_spec(config: Path | None = None, overrides: Mapping[str, Any] | None = None,
              defaults: Mapping[str, Any] | None = None) -> BuildSpec:
    """Build settings: `defaults` (e.g. a workbook's), then the --config YAML, then command-line options."""
    base: dict[str, Any] = dict(defaults or {})
    base.update(dict(read_yaml(config)) if config else {})
    base.pop("uncertainty", None)
    for key, value in (overrides or {}).items():
        if value is not None:
            base[key] = value
    return BuildSpec.from_mapping(base)


def _levels(fw: Framework) -> dict[str, list[str]]:
    return {str(lev): list(fw.children(lev)) for lev in range(1, fw.n_levels + 1)}


def _meta(fw: Framework, period: str | None) -> dict[str, Any]:
    """What the dashboard shows beside a saved index: node names, the data's period, the number of units."""
    return {"names": {n.code: n.name for n in fw.nodes if n.name},
            "labels": {n.code: dict(n.labels) for n in fw.nodes if n.labels},
            "period": period, "units": len(fw.units)}


def node_names(meta: Mapping[str, Any], language: str | None = None) -> dict[str, str]:
    """A saved index's node names in ``language`` where the framework gives one, else as written."""
    names = {str(k): str(v) for k, v in (meta.get("names") or {}).items()}
    if language:
        for code, labels in (meta.get("labels") or {}).items():
            if language in labels:
                names[str(code)] = str(labels[language])
    return names


def build_index(framework: Framework, spec: BuildSpec, *, store: Any = None, save: str | None = None,
                period: str | None = None) -> IndexResult:
    """Build the index; with save, keep its settings, scores and aggregated data (and the period) in the store."""
    result = build(framework, spec)
    if save:
        if store is None:
            raise ConfigError("--save needs a store", hint="Pass --db or set RISO_DB.")
        store.save_index_result(save, spec=spec.to_dict(), top=result.top, scores=result.table(),
                                datasets={"Aggregated": result.aggregated.to_rows(), "levels": _levels(framework),
                                          "meta": _meta(framework, period)})
    return result


def uncertainty_index(
    framework: Framework, spec: BuildSpec, ua_spec: Path, *, sensitivity: bool = False, n_jobs: int = 1,
    store: Any = None, save: str | None = None, period: str | None = None,
) -> UncertaintyResult:
    """Run the uncertainty (and optionally sensitivity) analysis described by a SPEC.yaml file."""
    uspec = UncertaintySpec.from_mapping(read_yaml(ua_spec))
    nominal = build_index(framework, spec, store=store, save=save, period=period)
    result = run_uncertainty(framework, spec, uspec, sensitivity=sensitivity, n_jobs=n_jobs, nominal=nominal)
    if save:
        store.set_index_uncertainty(save, result.rows())
    return result


def export_datasets(result: IndexResult, directory: Path, *, fmt: str = "csv") -> list[Path]:
    """Write every named dataset (and treatment details) to DIRECTORY as CSV or JSON; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    tables: dict[str, pd.DataFrame] = {name: ds.to_frame() for name, ds in result.datasets.items()}
    tables["Ranks"] = result.ranks().to_frame()
    if result.treatment:
        tables["TreatmentDetails"] = pd.DataFrame(result.treatment)
        tables["TreatedPoints"] = pd.DataFrame(result.treated_points_rows())
    paths = []
    for name, frame in tables.items():
        path = directory / f"{name}.{fmt}"
        if fmt == "json":
            frame.to_json(path, orient="records", indent=1)
        else:
            frame.to_csv(path, index=False)
        paths.append(path)
    return paths


def show_index(store: Any, name: str) -> dict[str, Any]:
    """A saved index result (settings, score table, rank bounds if any)."""
    return store.load_index_result(name)  # type: ignore[no-any-return]


def chart_index(store: Any, name: str, *, kind: str, out: Path, unit: str | None = None,
                level: int | None = None) -> Path:
    """Draw a saved index as a PNG or SVG: ranks (with rank bounds), a unit's profile, or correlations."""
    from riso.index import plots

    saved = store.load_index_result(name)
    scores, top = saved["scores"], saved["top"]
    levels = saved["datasets"].get("levels", {})
    if kind == "ranks":
        fig = plots.ranks_figure(scores, top, saved.get("uncertainty"))
    elif kind == "profile":
        if not unit:
            raise ConfigError("the profile chart needs --unit", hint="Pass --unit with a uCode.")
        if unit not in {r["uCode"] for r in scores}:
            raise FrameworkError(f"unit {unit!r} is not in index {name!r}", hint="Use a uCode from `riso index show`.")
        fig = plots.profile_figure(scores, unit, levels.get(str(level or 2), []))
    elif kind == "correlation":
        codes = levels.get(str(level or 2), [])
        agg = pd.DataFrame(saved["datasets"]["Aggregated"])
        matrix = agg[codes].astype(float).corr().to_numpy() if codes else np.zeros((0, 0))
        fig = plots.correlation_figure(codes, codes, matrix, title=f"{name}: correlations, level {level or 2}")
    else:
        raise ConfigError(f"unknown chart kind {kind!r}", hint="Use ranks, profile or correlation.")
    if out.suffix.lower() not in (".png", ".svg"):
        raise ConfigError(f"chart file must end in .png or .svg, got {out.name}", hint="Use --out chart.png.")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return out


def index_view(store: Any, *, name: str | None = None, unit: str | None = None, n: int = 3,
               language: str | None = None) -> dict[str, Any] | None:
    """A saved index for the dashboard: its name, period, ranks with intervals, and one unit's profile.

    ``name`` picks the saved result (default: the first); ``unit`` the profiled unit (default: the best-ranked);
    node names are in ``language`` where the framework names them in it.
    Returns None when no index result is saved. Raises NotFound for an unknown name.
    """
    from riso.index.analysis import profile_from_table

    names = [str(r["name"]) for r in store.list_index_results()]
    if not names:
        return None
    saved = store.load_index_result(name or names[0])
    top = str(saved.get("top") or "")
    datasets = saved.get("datasets") or {}
    meta = datasets.get("meta") or {}
    bounds = {u["uCode"]: u for u in saved.get("uncertainty") or []}
    ranks = []
    for row in saved.get("scores") or []:
        bound = bounds.get(row.get("uCode"), {})
        ranks.append({"unit": row.get("uCode"), "score": row.get(top), "rank": row.get("Rank"),
                      "low": bound.get("q5"), "high": bound.get("q95"), "median": bound.get("median")})
    ranks.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, str(r["unit"])))
    units = [str(r["unit"]) for r in ranks]
    picked = unit if unit in units else (units[0] if units else None)
    levels = datasets.get("levels") or {}
    table = datasets.get("Aggregated") or saved.get("scores") or []
    profile: dict[str, Any] = {"strengths": [], "weaknesses": [], "pillars": []}
    if picked is not None:
        profile = profile_from_table(table, list(levels.get("1") or []), picked, n=n)
        pillars = list(levels.get("2") or []) if len(levels) > 2 else []
        pillar_ranks = profile_from_table(table, pillars, picked, n=len(pillars))["strengths"] if pillars else []
        profile["pillars"] = sorted(pillar_ranks, key=lambda r: pillars.index(r["iCode"]))
    labels = node_names(meta, language)
    return {
        "name": saved["name"], "names": names, "top": top, "title": labels.get(top) or saved["name"],
        "node_names": labels, "period": meta.get("period"), "ranks": ranks,
        "runs": bool(bounds), "unit": picked, "profile": profile,
    }
