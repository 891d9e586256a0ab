"""The README's tour runs as written (issue 11 item 4): every command of its code block, in order, through the
installed `riso`, on a fresh store, from a folder laid out like a clone with ../shared beside it."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("RISO_SHARED", ROOT.parent / "shared"))
RISO = Path(sys.executable).parent / "riso"


def tour_commands(readme: str) -> list[list[str]]:
    """The commands of the README's tour block: comments cut, ``a && b`` split, each as argv."""
    section = readme.split("## A short tour of the CLI", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the tour has no ```sh block"
    commands = []
    for line in block.group(1).splitlines():
        line = re.split(r"\s#\s", line, maxsplit=1)[0].strip()
        for part in filter(None, (p.strip() for p in line.split("&&"))):
            commands.append(shlex.split(part))
    return commands


def test_the_tour_parser_reads_comments_and_chains() -> None:
    text = "## A short tour of the CLI\n\n```sh\nriso a x   # note # more\nriso b && riso c y\n```\n"
    assert tour_commands(text) == [["riso", "a", "x"], ["riso", "b"], ["riso", "c", "y"]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    """`riso serve` runs until stopped: start it (on a free port: 8000 may be taken here), see it answer, stop it."""
    port = _free_port()
    proc = subprocess.Popen([str(RISO), *argv[1:], "--port", str(port)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/me", timeout=5)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                assert time.monotonic() < deadline, "riso serve did not answer"
                time.sleep(0.5)
        assert response.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_every_readme_tour_command_runs(tmp_path: Path) -> None:
    for needed in ("corpus/chongqing", "data/asem/iData.csv"):
        if not (SHARED / needed).exists():
            pytest.skip(f"the shared {needed} the tour names is absent at {SHARED}")
    clone = tmp_path / "riso"
    clone.mkdir()
    for name in ("examples", "src", "tests"):  # read-only inputs the tour names, as in a clone
        (clone / name).symlink_to(ROOT / name)
    (tmp_path / "shared").symlink_to(SHARED)  # ../shared from the clone
    env = {**os.environ, "RISO_DB": str(tmp_path / "tour.duckdb"), "RISO_LOCK_WAIT": "60"}
    commands = tour_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) >= 10 and all(c[0] == "riso" for c in commands)
    outputs = {}
    for argv in commands:
        if argv[1] == "serve":
            _serve(argv, clone, env)
            continue
        done = subprocess.run([str(RISO), *argv[1:]], cwd=clone, env=env, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, f"{shlex.join(argv)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        outputs[shlex.join(argv[:3])] = done.stdout
    assert (clone / "chongqing.html").stat().st_size > 1000
    assert (clone / "reviewed.jsonl").exists()
    facts = json.loads(outputs["riso extract examples/corpus/03_shenzhen_hetao_en.txt"])
    assert facts, "the example document yields facts"
    ranks = [line for line in outputs["riso index build"].splitlines() if "│" in line or "|" in line]
    assert len(ranks) > 40  # the ASEM example's 51 units, best first
