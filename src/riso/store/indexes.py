"""Store methods: composite-index results kept for later display."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from riso.errors import NotFound
from riso.store.base import SQLBackend

__all__ = ["IndexResultsMixin"]


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class IndexResultsMixin(SQLBackend):
    """Composite-index results kept for later display."""

    def save_index_result(
        self,
        name: str,
        *,
        spec: Mapping[str, Any],
        top: str,
        scores: Sequence[Mapping[str, Any]],
        datasets: Mapping[str, Any] | None = None,
        uncertainty: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        """Save (or replace) a named index result: settings, score table, datasets and rank bounds."""
        with self.transaction():
            self.execute("DELETE FROM index_results WHERE name = ?", (name,))
            self.execute(
                "INSERT INTO index_results (name, spec, top, scores, datasets, uncertainty) VALUES (?, ?, ?, ?, ?, ?)",
                (name, _dump(dict(spec)), top, _dump(list(scores)), _dump(dict(datasets or {})),
                 None if uncertainty is None else _dump(list(uncertainty))),
            )

    def set_index_uncertainty(self, name: str, uncertainty: Sequence[Mapping[str, Any]]) -> None:
        """Attach per-unit rank bounds to a saved result."""
        self.load_index_result(name)
        self.execute("UPDATE index_results SET uncertainty = ? WHERE name = ?", (_dump(list(uncertainty)), name))

    def load_index_result(self, name: str) -> dict[str, Any]:
        """A saved result as a dict; raises NotFound for an unknown name."""
        row = self.query_one(
            "SELECT name, spec, top, scores, datasets, uncertainty, created_at FROM index_results WHERE name = ?",
            (name,),
        )
        if row is None:
            raise NotFound(f"no saved index named {name!r}", hint="Run `riso index build ... --save NAME` first.")
        out = dict(row)
        for key in ("spec", "scores", "datasets", "uncertainty"):
            if out[key] is not None:
                out[key] = json.loads(out[key])
        return out

    def list_index_results(self) -> list[dict[str, Any]]:
        """Name, top aggregate and time of every saved result."""
        return self.query("SELECT name, top, created_at FROM index_results ORDER BY name")

    def delete_index_result(self, name: str) -> None:
        """Remove a saved result; raises NotFound for an unknown name."""
        self.load_index_result(name)
        self.execute("DELETE FROM index_results WHERE name = ?", (name,))
