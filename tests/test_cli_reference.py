"""docs/cli.md is generated from the CLI and must be current; every command has a docs entry."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _reference_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    module = _reference_module()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == module.reference(), (
        "docs/cli.md is stale: run .venv/bin/python scripts/cli_reference.py"
    )


def test_cli_reference_lists_every_command() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in ("riso ingest", "riso extract", "riso eval", "riso stories", "riso targets", "riso progress",
                    "riso data import", "riso target add", "riso index build", "riso index uncertainty",
                    "riso serve", "riso user add", "riso demo", "riso documents show", "riso report"):
        assert f"## `{command}" in text
