"""How the dashboard writes numbers: thousands separators, a unit on every value, comparators as signs."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

__all__ = ["COMPARATOR_SIGNS", "number", "percent", "unit_name", "with_unit"]

COMPARATOR_SIGNS = {"at_least": "≥", "at_most": "≤", "exactly": "=", "about": "≈"}
_NO_UNIT = ("", "count", "rank")


def number(value: float | int | None, *, digits: int = 3) -> str:
    """A value with thousands separators and at most ``digits`` significant decimals; '—' when missing."""
    if value is None:
        return "—"
    x = float(value)
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    text = f"{x:.{digits}g}"
    return text if "e" not in text else f"{x:,.2f}"


@cache
def _unit_names() -> dict[str, dict[str, str]]:
    text = (resources.files("riso.web") / "data" / "unit_names.yaml").read_text(encoding="utf-8")
    return {str(lang): {str(k): str(v) for k, v in names.items()} for lang, names in yaml.safe_load(text).items()}


def unit_name(unit: str, language: str | None = None) -> str:
    """A unit code as the UI language writes it ('CNY 100m' -> '亿元' in Chinese); the code itself otherwise."""
    return _unit_names().get(language or "", {}).get(unit, unit)


def with_unit(value: float | int | None, unit: str | None, language: str | None = None) -> str:
    """A value and its unit in the UI language ('3 %', '1,250 CNY 100m', '1,250 亿元'); counts and ranks carry
    none."""
    if value is None:
        return "—"
    if not unit or unit in _NO_UNIT:
        return number(value)
    return f"{number(value)} {unit_name(unit, language)}"


def percent(share: float | None) -> str:
    """A 0..1 share as a whole percentage ('79 %'); '—' when missing."""
    return "—" if share is None else f"{round(share * 100):d} %"
