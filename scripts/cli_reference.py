"""Write docs/cli.md from the CLI's own definitions, so the reference cannot drift.

Run: .venv/bin/python scripts/cli_reference.py  (tests/test_cli_reference.py checks it is current)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
import typer.main

from riso.cli import app

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in sorted(command.list_commands(ctx)):  # the root's commands load on demand
            sub = command.get_command(ctx, name)
            if sub is not None:
                yield from _commands(sub, [*path, name])


def _param(param: click.Parameter) -> str:
    if isinstance(param, click.Argument):
        return f"| `{param.human_readable_name}` | argument | {'required' if param.required else 'optional'} |"
    assert isinstance(param, click.Option)
    names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
    text = (param.help or "").replace("|", "\\|").replace("\n", " ")
    default = param.default
    if default not in (None, False, ()) and not callable(default) and not param.is_flag:
        text += f" (default: `{default}`)"
    return f"| {names} | option | {text} |"


def reference() -> str:
    """The CLI reference as Markdown."""
    root = typer.main.get_command(app)
    lines = [
        "# riso command-line reference",
        "",
        "Generated from the CLI itself by `scripts/cli_reference.py`; do not edit by hand.",
        "Every command takes the global `--db PATH|URL` (or `RISO_DB`), before or after the command name.",
        "",
    ]
    for path, command in _commands(root, ["riso"]):
        if path == ["riso"]:
            continue
        lines += [f"## `{' '.join(path)}`", "", (command.help or "").strip().split("\n\n")[0], ""]
        params = [p for p in command.params if p.name != "help"]
        if params:
            lines += ["| parameter | kind | meaning |", "| --- | --- | --- |"]
            lines += [_param(p) for p in params]
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    text = reference()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
