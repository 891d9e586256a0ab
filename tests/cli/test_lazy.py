"""The lazy root group: `riso --help` imports no command module; global options go anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from riso.cli import COMMANDS, app
from riso.cli._lazy import hoist_global_options, load_commands


def test_table_help_matches_each_command_and_every_command_is_listed() -> None:
    modules = {module for module, _ in COMMANDS.values()}
    for module in modules:
        for name, command in load_commands(module).items():
            assert name in COMMANDS, f"{module} registers {name!r}, missing from riso.cli.COMMANDS"
            assert COMMANDS[name][0] == module
            assert COMMANDS[name][1] == command.get_short_help_str(limit=1000), f"help of {name!r} drifted"


def test_help_lists_every_group_without_importing_any() -> None:
    code = (
        "import sys\n"
        "from riso.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\nMODULES', ' '.join(sorted(m for m in sys.modules if m.startswith(('riso', 'pandas', 'scipy',"
        " 'numpy', 'duckdb')))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    help_text, _, modules = proc.stdout.rpartition("MODULES")
    for name in COMMANDS:
        assert f" {name} " in help_text
    loaded = set(modules.split())
    assert loaded <= {"riso", "riso.cli", "riso.cli._lazy", "riso.cli._util", "riso.errors"}, loaded


@pytest.mark.parametrize("argv", [["documents", "list"], ["index", "list"], ["index", "--help"]])
def test_light_commands_do_not_load_the_numeric_stack(tmp_path: Path, argv: list[str]) -> None:
    """Reading the store lists needs neither pandas, SciPy, NumPy nor pyarrow (each costs 0.1-0.3 s to import)."""
    db = tmp_path / "light.duckdb"
    doc = tmp_path / "a.txt"
    doc.write_text("Bis 2027 soll die F&E-Quote in Chongqing 3 % erreichen.", encoding="utf-8")
    assert CliRunner().invoke(app, ["--db", str(db), "ingest", str(doc)]).exit_code == 0
    code = (
        "import sys\n"
        "from riso.cli import main\n"
        "code = 0\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "print('\\nMODULES', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('pandas', 'scipy', 'numpy', 'pyarrow'))))\n"
        "print('CODE', code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, "--db", str(db), *argv], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("CODE 0"), proc.stdout[-500:]
    loaded = proc.stdout.rpartition("MODULES")[2].split("CODE")[0].split()
    assert loaded == [], loaded


def test_a_command_loads_only_its_module() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    ctx = click.Context(group)
    command = group.get_command(ctx, "catalog")
    assert isinstance(command, click.Group) and "regions" in command.commands
    assert group.get_command(ctx, "no-such-command") is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["documents", "list", "--db", "x.duckdb"], ["--db", "x.duckdb", "documents", "list"]),
        (["documents", "list", "--db=x.duckdb"], ["--db=x.duckdb", "documents", "list"]),
        (["--format", "json", "documents", "list"], ["documents", "list", "--format", "json"]),
        (["--db", "ingest", "ingest", "a.txt"], ["--db", "ingest", "ingest", "a.txt"]),  # a file named ingest
        (["extract", "--", "--db", "x"], ["extract", "--", "--db", "x"]),  # after -- it is an argument
        (["--help"], ["--help"]),
    ],
)
def test_hoist_global_options(argv: list[str], expected: list[str]) -> None:
    assert hoist_global_options(argv, COMMANDS) == expected


def test_db_and_format_on_either_side_of_the_command(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Bis 2027 soll die F&E-Quote in Chongqing 3 % erreichen.", encoding="utf-8")
    db = tmp_path / "after.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(doc), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()
    result = runner.invoke(app, ["--format", "json", "documents", "list", f"--db={db}"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 1
