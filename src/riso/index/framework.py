"""Composite-index frameworks: units x indicators data plus the indicator tree, validated. No I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from riso.errors import FrameworkError

__all__ = ["Dataset", "Framework", "Node", "framework_from_coinr", "framework_from_long", "framework_from_spec"]

_RESERVED = {"uCode", "uName", "Time"}


@dataclass(frozen=True)
class Node:
    """One indicator (level 1) or aggregate (level >= 2) of the tree."""

    code: str
    level: int
    parent: str | None
    name: str = ""
    weight: float = 1.0
    direction: int = 1
    denominator: str | None = None
    target: float | None = None
    unit: str | None = None
    labels: tuple[tuple[str, str], ...] = ()  # the name in other languages: (language, name) pairs


@dataclass(frozen=True)
class Dataset:
    """A named units x codes matrix (one stage of a build)."""

    name: str
    units: tuple[str, ...]
    codes: tuple[str, ...]
    values: np.ndarray

    def column(self, code: str) -> np.ndarray:
        """The values of one code over all units."""
        return self.values[:, self.codes.index(code)]

    def to_frame(self) -> pd.DataFrame:
        """The dataset as a DataFrame with a uCode column."""
        frame = pd.DataFrame(self.values, columns=list(self.codes))
        frame.insert(0, "uCode", list(self.units))
        return frame

    def to_rows(self) -> list[dict[str, Any]]:
        """The dataset as records: uCode then one key per code (None for missing)."""
        rows = []
        for i, unit in enumerate(self.units):
            row: dict[str, Any] = {"uCode": unit}
            for j, code in enumerate(self.codes):
                v = self.values[i, j]
                row[code] = None if np.isnan(v) else float(v)
            rows.append(row)
        return rows


@dataclass(frozen=True)
class Framework:
    """Validated index framework: raw data, groups, denominators and the indicator tree."""

    units: tuple[str, ...]
    unit_names: tuple[str, ...]
    indicators: tuple[str, ...]
    values: np.ndarray
    nodes: tuple[Node, ...]
    groups: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    denominators: Mapping[str, np.ndarray] = field(default_factory=dict)

    @property
    def n_levels(self) -> int:
        """The number of levels (1 = indicators)."""
        return max(n.level for n in self.nodes)

    def node(self, code: str) -> Node:
        """The node with this code."""
        for n in self.nodes:
            if n.code == code:
                return n
        raise FrameworkError(f"no indicator or aggregate {code!r} in the framework", hint="Check the iCode.")

    def aggregates(self, level: int) -> tuple[str, ...]:
        """Aggregate codes of a level, in COINr's (sorted) column order."""
        return tuple(sorted({n.parent for n in self.nodes if n.level == level - 1 and n.parent is not None}))

    def children(self, level: int) -> tuple[str, ...]:
        """Codes of a level in dataset column order (indicators in data order, aggregates sorted)."""
        return self.indicators if level == 1 else self.aggregates(level)

    def membership(self, level: int) -> np.ndarray:
        """0/1 matrix (children of `level` x aggregates of level+1)."""
        kids, parents = self.children(level), self.aggregates(level + 1)
        index = {p: j for j, p in enumerate(parents)}
        out = np.zeros((len(kids), len(parents)))
        for i, code in enumerate(kids):
            out[i, index[self.node(code).parent]] = 1.0  # type: ignore[index]
        return out

    def weights(self, level: int) -> np.ndarray:
        """Metadata weights of the children of `level`, in column order."""
        return np.array([self.node(c).weight for c in self.children(level)], dtype=float)

    def directions(self) -> np.ndarray:
        """Direction (1 or -1) of each indicator, in column order."""
        return np.array([self.node(c).direction for c in self.indicators], dtype=float)

    def raw(self) -> Dataset:
        """The raw data as a Dataset."""
        return Dataset("Raw", self.units, self.indicators, self.values)


def _validate(units: Sequence[str], indicators: Sequence[str], values: np.ndarray, nodes: Sequence[Node]) -> None:
    """Raise FrameworkError for a cycle, orphan, level gap, missing data or zero weights."""
    if not units:
        raise FrameworkError("the framework has no units", hint="Give at least one row of data.")
    if len(set(units)) != len(units):
        dup = sorted({u for u in units if list(units).count(u) > 1})
        raise FrameworkError(f"duplicate unit codes: {', '.join(dup)}", hint="Make uCode unique.")
    by_code: dict[str, Node] = {}
    for n in nodes:
        if n.code in by_code:
            raise FrameworkError(f"{n.code!r} appears twice in the tree", hint="Give each iCode one row.")
        by_code[n.code] = n
    for n in nodes:  # cycles first: an orphan check on a cycle would mislead
        seen, cur = [n.code], n
        while cur.parent is not None and cur.parent in by_code:
            if cur.parent in seen:
                loop = " -> ".join([*seen[seen.index(cur.parent):], cur.parent])
                raise FrameworkError(f"cycle in the indicator tree: {loop}", hint="Make every Parent one level up.")
            seen.append(cur.parent)
            cur = by_code[cur.parent]
    top = max(n.level for n in nodes)
    for n in nodes:
        if n.level < 1:
            raise FrameworkError(f"{n.code!r} has level {n.level}", hint="Levels start at 1 for indicators.")
        if n.parent is None and n.level != top:
            raise FrameworkError(f"orphan {n.code!r} (level {n.level}) has no Parent", hint="Set its Parent column.")
        if n.parent is not None:
            parent = by_code.get(n.parent)
            if parent is None:
                raise FrameworkError(
                    f"orphan {n.code!r}: its Parent {n.parent!r} is not in the tree",
                    hint="Add a row for the parent aggregate or fix the Parent code.",
                )
            if parent.level != n.level + 1:
                raise FrameworkError(
                    f"{n.code!r} (level {n.level}) has Parent {n.parent!r} at level {parent.level}",
                    hint="A Parent must be exactly one level above its child.",
                )
    has_child = {n.parent for n in nodes}
    for n in nodes:
        if n.level > 1 and n.code not in has_child:
            raise FrameworkError(f"aggregate {n.code!r} has no children", hint="Remove it or give it children.")
    level1 = [n.code for n in nodes if n.level == 1]
    missing = [c for c in level1 if c not in indicators]
    if missing:
        raise FrameworkError(f"indicator without data: {', '.join(missing)}", hint="Add the data column(s).")
    for j, code in enumerate(indicators):
        if np.all(np.isnan(values[:, j])):
            raise FrameworkError(f"indicator without data: {code} is empty for every unit", hint="Drop it or add data.")
    for pcode in {n.parent for n in nodes if n.parent is not None}:
        total = float(sum(n.weight for n in nodes if n.parent == pcode))
        if not np.isfinite(total) or total == 0:
            raise FrameworkError(f"weights of the children of {pcode!r} sum to zero",
                                 hint="Give them positive weights.")


def _num(value: Any, default: float | None) -> float | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return default
    return float(value)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == "":
        return None
    return str(value)


def _labels(names: Any) -> tuple[tuple[str, str], ...]:
    """A node's ``names`` mapping (language -> name) as sorted pairs; anything else is an error."""
    if names is None or (isinstance(names, float) and names != names):  # absent, or an empty iMeta cell
        return ()
    if not isinstance(names, Mapping) or not all(isinstance(v, str) and v.strip() for v in names.values()):
        raise FrameworkError(f"names must map a language code to a name, not {names!r}",
                             hint="Write e.g. names: {zh: 研发投入, de: FuE-Einsatz}.")
    return tuple(sorted((str(k), v.strip()) for k, v in names.items()))


def _nodes_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[Node]:
    nodes = []
    for r in rows:
        level = _num(r.get("Level"), None)
        if level is None:
            continue
        direction = int(_num(r.get("Direction"), 1) or 1)
        if direction not in (1, -1):
            raise FrameworkError(f"{r.get('iCode')!r} has Direction {direction}", hint="Direction must be 1 or -1.")
        nodes.append(
            Node(
                code=str(r["iCode"]),
                level=int(level),
                parent=_text(r.get("Parent")),
                name=_text(r.get("iName")) or str(r["iCode"]),
                weight=float(_num(r.get("Weight"), 1.0)),  # type: ignore[arg-type]
                direction=direction,
                denominator=_text(r.get("Denominator")),
                target=_num(r.get("Target"), None),
                unit=_text(r.get("Unit")),
                labels=_labels(r.get("iNames")),
            )
        )
    if not nodes:
        raise FrameworkError("the metadata holds no indicator rows", hint="Give each indicator a Level of 1.")
    return nodes


def _assemble(data: pd.DataFrame, nodes: list[Node], group_cols: Sequence[str], denom_cols: Sequence[str]) -> Framework:
    if "uCode" not in data.columns:
        raise FrameworkError("the data has no uCode column", hint="Name the unit-code column uCode.")
    units = tuple(str(u) for u in data["uCode"])
    names = tuple(str(u) for u in data["uName"]) if "uName" in data.columns else units
    level1 = [n.code for n in nodes if n.level == 1]
    indicators = tuple(c for c in data.columns if c in set(level1))
    values = np.column_stack([pd.to_numeric(data[c], errors="coerce").to_numpy(float) for c in indicators]) if (
        indicators) else np.empty((len(units), 0))
    _validate(units, indicators, values, nodes)
    for n in nodes:
        if n.denominator and n.denominator not in data.columns:
            raise FrameworkError(
                f"denominator {n.denominator!r} of {n.code!r} is not a data column", hint="Add the column."
            )
    groups = {g: tuple(data[g]) for g in group_cols if g in data.columns}
    needed = set(denom_cols) | {n.denominator for n in nodes if n.denominator}
    denoms = {d: pd.to_numeric(data[d], errors="coerce").to_numpy(float) for d in needed if d in data.columns}
    return Framework(units, names, indicators, values, tuple(nodes), groups, denoms)


def framework_from_coinr(idata: pd.DataFrame, imeta: pd.DataFrame) -> Framework:
    """A framework from COINr's iData / iMeta tables (as read from their CSV files)."""
    if "iCode" not in imeta.columns or "Level" not in imeta.columns:
        raise FrameworkError("iMeta needs iCode and Level columns", hint="Use COINr's iMeta layout.")
    rows = imeta.to_dict("records")
    nodes = _nodes_from_rows(rows)
    kinds = {str(r["iCode"]): str(r.get("Type", "")) for r in rows}
    groups = [c for c, t in kinds.items() if t == "Group"]
    denoms = [c for c, t in kinds.items() if t == "Denominator"]
    return _assemble(idata, nodes, groups, denoms)


def framework_from_spec(spec: Mapping[str, Any], data: pd.DataFrame) -> Framework:
    """A framework from a riso YAML framework mapping (see docs/index.md) and a wide data table."""
    tree = spec.get("tree")
    if not isinstance(tree, Mapping) or not tree:
        raise FrameworkError("the framework file has no 'tree' mapping", hint="See docs/index.md for the schema.")
    rows: list[dict[str, Any]] = []

    def walk(code: str, body: Any, parent: str | None) -> int:
        body = body or {}
        kids = body.get("children") if isinstance(body, Mapping) else None
        level = 1 if not kids else 1 + max(walk(k, v, code) for k, v in kids.items())
        meta = body if isinstance(body, Mapping) else {}
        rows.append({"iCode": code, "Level": level, "Parent": parent, "iName": meta.get("name"),
                     "iNames": meta.get("names"),
                     "Weight": meta.get("weight", 1.0), "Direction": meta.get("direction", 1),
                     "Denominator": meta.get("denominator"), "Target": meta.get("target"), "Unit": meta.get("unit")})
        return level

    for code, body in tree.items():
        walk(str(code), body, None)
    nodes = _nodes_from_rows(rows)
    return _assemble(data, nodes, list(spec.get("groups", [])), list(spec.get("denominators", [])))


def framework_from_long(
    rows: Sequence[Mapping[str, Any]], spec: Mapping[str, Any], *, period: str | None = None
) -> Framework:
    """A framework from long observations (region, indicator, period, value) and a framework mapping."""
    frame = pd.DataFrame(list(rows), columns=["region", "indicator", "period", "value"])
    if period is not None:
        frame = frame[frame["period"].astype(str) == str(period)]
    if frame.empty:
        raise FrameworkError(f"no observations for period {period}", hint="Import data with `riso data import`.")
    wide = frame.pivot_table(index="region", columns="indicator", values="value", aggfunc="mean").reset_index()
    wide = wide.rename(columns={"region": "uCode"})
    wide.columns.name = None
    return framework_from_spec(spec, wide)
