"""How the dashboard writes numbers: thousands separators, a unit on every value, comparators as signs."""

from __future__ import annotations

__all__ = ["COMPARATOR_SIGNS", "number", "percent", "with_unit"]

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


def with_unit(value: float | int | None, unit: str | None) -> str:
    """A value and its unit ('3 %', '1,250 CNY 100m'); counts and ranks carry none."""
    if value is None:
        return "—"
    if not unit or unit in _NO_UNIT:
        return number(value)
    return f"{number(value)} {unit}"


def percent(share: float | None) -> str:
    """A 0..1 share as a whole percentage ('79 %'); '—' when missing."""
    return "—" if share is None else f"{round(share * 100):d} %"
