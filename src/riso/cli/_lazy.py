"""The root command group: command groups imported only when they run, global options anywhere.

`riso --help` lists every command from `riso.cli.COMMANDS` (name → module, help) without importing
any command module, so it starts in a fraction of a second; running `riso index build` imports
`riso.cli.index` only. The table's help texts are checked against the commands' own docstrings by
`tests/cli/test_lazy.py`, so they cannot drift.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

import click
import typer
import typer.main
from typer.core import TyperGroup

__all__ = ["LazyGroup", "hoist_global_options"]

# Options of the root group that may also be written after the subcommand (`riso documents list --db x`).
_ROOT_VALUE_OPTIONS = ("--db",)
# Options every leaf command has its own copy of; written before the subcommand they move behind it.
_LEAF_VALUE_OPTIONS = ("--format",)


def _take(args: list[str], i: int, name: str) -> tuple[list[str], int] | None:
    """The tokens of option `name` at position i (`--db x` or `--db=x`) and how many they are."""
    token = args[i]
    if token == name:
        return (args[i : i + 2], 2) if i + 1 < len(args) else None
    if token.startswith(name + "="):
        return [token], 1
    return None


def hoist_global_options(args: Sequence[str], known: Mapping[str, Any]) -> list[str]:
    """Reorder argv so `--db` after the subcommand reaches the root and `--format` before it reaches the leaf.

    `known` holds the root's command names: the first of them in `args` is where the subcommand starts.
    Nothing after a bare `--` is touched.
    """
    args = list(args)
    end = args.index("--") if "--" in args else len(args)
    head, tail = args[:end], args[end:]
    start, i = None, 0
    while i < len(head):
        if head[i] in (*_ROOT_VALUE_OPTIONS, *_LEAF_VALUE_OPTIONS):
            i += 2  # an option's value is never the subcommand (`--db ingest`)
            continue
        if head[i] in known:
            start = i
            break
        i += 1
    if start is None:
        return args
    root, rest = head[:start], head[start:]
    hoisted: list[str] = []
    lowered: list[str] = []
    kept_rest: list[str] = []
    i = 0
    while i < len(rest):
        for name in _ROOT_VALUE_OPTIONS:
            got = _take(rest, i, name)
            if got:
                hoisted += got[0]
                i += got[1]
                break
        else:
            kept_rest.append(rest[i])
            i += 1
    kept_root: list[str] = []
    i = 0
    while i < len(root):
        for name in _LEAF_VALUE_OPTIONS:
            got = _take(root, i, name)
            if got:
                lowered += got[0]
                i += got[1]
                break
        else:
            kept_root.append(root[i])
            i += 1
    return [*kept_root, *hoisted, *kept_rest, *lowered, *tail]


class LazyGroup(TyperGroup):
    """A Typer group whose subcommands come from a table and are imported on first use."""

    lazy_commands: Mapping[str, tuple[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[str, click.Command] = {}
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.lazy_commands, *(n for n in super().list_commands(ctx) if n not in self.lazy_commands)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.lazy_commands.get(cmd_name)
        if entry is None:
            return super().get_command(ctx, cmd_name)
        module_name, help_text = entry
        if self._listing:  # `riso --help`: a name and a line of help, no import
            return click.Command(cmd_name, help=help_text, short_help=help_text)
        if cmd_name not in self._loaded:
            self._loaded.update(load_commands(module_name))
        return self._loaded.get(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = hoist_global_options(args, self.lazy_commands)
        return super().parse_args(ctx, args)


def load_commands(module_name: str) -> dict[str, click.Command]:
    """Import one command module and return the click commands its `register(app)` adds."""
    module = importlib.import_module(module_name)
    scratch = typer.Typer()
    module.register(scratch)
    group = typer.main.get_group(scratch)
    return dict(group.commands)
