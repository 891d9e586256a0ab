"""Only the commands that bring data in create a missing DuckDB store; every other command of every group refuses.

The test walks the whole command tree (every group is loaded), so a command added later is covered without
anyone remembering to list it: it refuses a missing file unless it is added to CREATING_COMMANDS on purpose.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer.main

import riso
from riso.cli import app
from riso.cli._util import CREATING_COMMANDS, command_path, get_store
from riso.errors import NoSuchStore


def _leaves() -> Iterator[tuple[str, list[tuple[str, click.Command]]]]:
    root = typer.main.get_command(app)
    probe = click.Context(root)

    def walk(cmd: click.Command, chain: list[tuple[str, click.Command]]) -> Iterator[
            tuple[str, list[tuple[str, click.Command]]]]:
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(probe):
                sub = cmd.get_command(probe, name)
                assert sub is not None, name
                yield from walk(sub, [*chain, (name, sub)])
        else:
            yield " ".join(name for name, _ in chain), chain

    yield from walk(root, [])


LEAVES = dict(_leaves())


def _context(chain: list[tuple[str, click.Command]], db: Path) -> click.Context:
    ctx = click.Context(typer.main.get_command(app), info_name="riso", obj={"db": str(db)})
    for name, cmd in chain:
        ctx = click.Context(cmd, parent=ctx, info_name=name)
    return ctx


def test_the_walk_sees_every_group() -> None:
    assert len(LEAVES) > 60
    assert {"match run", "index list", "network analytics", "data export", "review list"} <= LEAVES.keys()


def test_every_creating_command_exists() -> None:
    assert LEAVES.keys() >= CREATING_COMMANDS, sorted(CREATING_COMMANDS - LEAVES.keys())


@pytest.mark.parametrize("path", sorted(set(LEAVES) - CREATING_COMMANDS))
def test_a_command_that_does_not_bring_data_in_refuses_a_missing_store(tmp_path: Path, path: str) -> None:
    db = tmp_path / "riso.duckbd"
    ctx = _context(LEAVES[path], db)
    assert command_path(ctx) == path
    with pytest.raises(NoSuchStore) as err:
        get_store(ctx)  # type: ignore[arg-type]
    assert str(db) in str(err.value) and f"riso {path}" in str(err.value)
    assert not db.exists()


@pytest.mark.parametrize("command", [["match", "run"], ["index", "list"], ["data", "export", "--out", "out.csv"],
                                     ["review", "list"], ["actors", "list"]])
def test_sub_group_read_commands_refuse_through_the_entry_point(tmp_path: Path, command: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(riso.__file__).resolve().parents[1])}  # this checkout's riso
    done = subprocess.run([sys.executable, "-c", "from riso.cli import main; main()", "--db", "typo.duckdb",
                           *command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1, done.stderr
    assert "R504" in done.stderr and "typo.duckdb" in done.stderr and "riso data import" in done.stderr
    assert not (tmp_path / "typo.duckdb").exists()
