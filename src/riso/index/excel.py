"""A whole index in one Excel workbook: data and framework in COINr's iData/iMeta layout, settings, results.

`write_workbook` writes what `read_workbook` reads back (and what COINr users keep in Excel): sheets `iData`
(uCode, uName, group and denominator columns, indicators), `iMeta` (Level, iCode, iName, Direction, Weight,
Unit, Target, Denominator, Parent, Type), `Settings` (key, value as JSON), and for a built index every named
dataset, `Scores`, `Weights` (with effective weights) and `TreatmentDetails`. No network, no formulas.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from riso.errors import ConfigError, FrameworkError
from riso.index.framework import Framework, framework_from_coinr
from riso.index.pipeline import BuildSpec, IndexResult
from riso.index.weights import effective_weights

__all__ = ["framework_tables", "read_workbook", "write_workbook"]

_MAX_BYTES = 50 * 1024 * 1024


def framework_tables(fw: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """COINr's iData and iMeta tables of a framework."""
    data: dict[str, Any] = {"uCode": list(fw.units), "uName": list(fw.unit_names)}
    data.update({g: list(v) for g, v in fw.groups.items()})
    data.update({d: list(v) for d, v in fw.denominators.items()})
    raw = fw.raw()
    data.update({c: raw.column(c).tolist() for c in fw.indicators})
    meta = [{"Level": n.level, "iCode": n.code, "iName": n.name, "Direction": n.direction, "Weight": n.weight,
             "Unit": n.unit, "Target": n.target, "Denominator": n.denominator, "Parent": n.parent,
             "Type": "Indicator" if n.level == 1 else "Aggregate"} for n in fw.nodes]
    meta += [{"iCode": g, "Type": "Group"} for g in fw.groups]
    meta += [{"iCode": d, "Type": "Denominator"} for d in fw.denominators]
    return pd.DataFrame(data), pd.DataFrame(meta)


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula (=, +, -, @) get a leading apostrophe."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in out[col]]
    return out


def _unsafe(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo `_safe`: drop the apostrophe riso put before text that starts like a formula."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [v[1:] if isinstance(v, str) and len(v) > 1 and v[0] == "'" and v[1] in "=+-@" else v
                        for v in out[col]]
    return out


def write_workbook(path: Path, fw: Framework, *, spec: BuildSpec | None = None,
                   result: IndexResult | None = None) -> Path:
    """Write the framework (and settings and results, when given) to an .xlsx workbook."""
    if path.suffix.lower() != ".xlsx":
        raise ConfigError(f"an Excel workbook must end in .xlsx, got {path.name}", hint="Use e.g. --out index.xlsx.")
    idata, imeta = framework_tables(fw)
    sheets: dict[str, pd.DataFrame] = {"iData": idata, "iMeta": imeta}
    settings = (result.spec if result is not None else spec)
    if settings is not None:
        sheets["Settings"] = pd.DataFrame([{"key": k, "value": json.dumps(v)} for k, v in settings.to_dict().items()])
    if result is not None:
        for name, ds in result.datasets.items():
            sheets[name] = ds.to_frame()
        sheets["Scores"] = pd.DataFrame(result.table())
        eff = effective_weights(fw, result.weights)
        sheets["Weights"] = pd.DataFrame([{"iCode": c, "Level": fw.node(c).level, "Weight": w,
                                           "EffWeight": eff.get(c)} for c, w in result.weights.items()])
        if result.treatment:
            sheets["TreatmentDetails"] = pd.DataFrame(result.treatment)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xl:  # openpyxl keeps every float digit (round trip)
        for name, frame in sheets.items():
            _safe(frame).to_excel(xl, sheet_name=name[:31], index=False)
    return path


def read_workbook(path: Path) -> tuple[Framework, BuildSpec | None]:
    """The framework (iData + iMeta sheets) and, when the workbook has a Settings sheet, the build settings."""
    if not path.is_file():
        raise ConfigError(f"no workbook at {path}", hint="Check the path.")
    if path.stat().st_size > _MAX_BYTES:
        raise ConfigError(f"workbook {path.name} is larger than {_MAX_BYTES // 2**20} MB",
                          hint="Split it, or pass the data as CSV (--data, --meta).")
    try:
        sheets = {name: _unsafe(frame) for name, frame in
                  pd.read_excel(path, sheet_name=None, engine="openpyxl").items()}
        if "Settings" in sheets:
            sheets["Settings"] = _unsafe(pd.read_excel(path, sheet_name="Settings", engine="openpyxl", dtype=str,
                                                       keep_default_na=False))
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise ConfigError(f"cannot read workbook {path.name}: {type(err).__name__}",
                          hint="Save it again as .xlsx from Excel or LibreOffice.") from err
    missing = [s for s in ("iData", "iMeta") if s not in sheets]
    if missing:
        raise FrameworkError(f"workbook {path.name} has no sheet {', '.join(missing)}",
                             hint="Name the sheets iData and iMeta (COINr's layout).")
    fw = framework_from_coinr(sheets["iData"], sheets["iMeta"])
    spec = None
    if "Settings" in sheets:
        values = {str(r["key"]): json.loads(str(r["value"])) for r in sheets["Settings"].to_dict("records")}
        spec = BuildSpec.from_mapping(values)
    return fw, spec
