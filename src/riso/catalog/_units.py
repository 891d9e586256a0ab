"""Units the catalog knows: canonical codes, surface forms in six languages, conversion factors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from riso.catalog._fold import key
from riso.errors import CatalogError, UnitMismatch

__all__ = ["Unit", "Units"]


@dataclass(frozen=True)
class Unit:
    """A canonical unit: ``value * factor`` is the value in the dimension's base unit."""

    code: str
    dimension: str
    factor: float
    forms: tuple[str, ...] = ()


def _strip(text: str) -> str:
    return text.strip().strip("()[]（）【】:：").strip()


class Units:
    """Unit lookup and conversion."""

    def __init__(self, units: Iterable[tuple[Unit, str]]) -> None:
        self.by_code: dict[str, Unit] = {}
        self._by_form: dict[str, str] = {}
        for unit, path in units:
            if unit.code in self.by_code:
                raise CatalogError(
                    f"{path}: unit {unit.code!r} is defined twice",
                    hint="Keep one definition per unit code; add surface forms to its `forms` list.",
                )
            self.by_code[unit.code] = unit
        for unit in self.by_code.values():
            for form in (unit.code, *unit.forms):
                form_key = key(_strip(form))
                other = self._by_form.get(form_key)
                if other is not None and other != unit.code:
                    raise CatalogError(
                        f"unit form {form!r} is listed for both {other!r} and {unit.code!r}",
                        hint="A surface form must name one unit; remove it from one of the two.",
                    )
                self._by_form[form_key] = unit.code

    def normalise(self, text: str) -> str | None:
        """The canonical unit code for a surface form ("Milliarden Yuan" -> "CNY bn"), or None."""
        return self._by_form.get(key(_strip(text)))

    def get(self, unit: str) -> Unit:
        """The unit for a code or surface form; raises UnitMismatch when unknown."""
        code = unit if unit in self.by_code else self.normalise(unit)
        if code is None:
            raise UnitMismatch(
                f"unknown unit {unit!r}",
                hint="Use a unit code from docs/catalog.md or add the unit to a catalog `units:` file.",
            )
        return self.by_code[code]

    def convert(self, value: float, from_unit: str, to_unit: str) -> float:
        """Convert a value between two units of one dimension; raises UnitMismatch otherwise."""
        source, target = self.get(from_unit), self.get(to_unit)
        if source.dimension != target.dimension:
            raise UnitMismatch(
                f"cannot convert {source.code!r} ({source.dimension}) to {target.code!r} ({target.dimension})",
            )
        return value * source.factor / target.factor
