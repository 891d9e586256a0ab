"""Whole-process start-up time of the `riso` command: `--help` and light commands (goal < 0.5 s).

    .venv/bin/python benchmarks/startup.py            # 7 runs of each command, median and best
    .venv/bin/python benchmarks/startup.py --runs 15

Each command runs as a new process (`python -m riso` is not used: the installed `riso` script is what a
user types), so the figures include the interpreter's own start-up. The import trace of `riso --help`
(`python -X importtime`) is summarised too: what it still loads, the largest first.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RISO = Path(sys.executable).with_name("riso")
TXT = "Bis 2027 soll die F&E-Quote in Chongqing 3 % erreichen.\n"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU time (user + system) of a whole process."""
    times, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        times.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr[-400:]}")
    return statistics.median(times), min(times), statistics.median(cpus)


def _heaviest_imports(env: dict[str, str], top: int = 8) -> list[tuple[str, float]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from riso.cli import main; main()", "--help"],
        capture_output=True, text=True, env=env, check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if not name.startswith("  "):  # top-level imports only (cumulative times)
                rows.append((name.strip(), int(parts[1]) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = str(RISO) if RISO.exists() else None
    if exe is None:
        raise SystemExit(f"no installed riso script beside {sys.executable}; run `make install` first")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RISO_DB": str(Path(tmp) / "bench.duckdb")}
        doc = Path(tmp) / "doc.txt"
        doc.write_text(TXT, encoding="utf-8")
        subprocess.run([exe, "ingest", str(doc)], capture_output=True, env=env, check=True)
        commands = [
            ["--help"],
            ["index", "--help"],
            ["catalog", "regions", "--format", "json"],
            ["documents", "list"],
            ["ingest", str(doc)],
            ["index", "list"],
        ]
        print(f"start-up, whole process, median and best of {args.runs} (load average "
              f"{os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)")
        print("| command | wall median | wall best | CPU median |")
        print("| --- | ---: | ---: | ---: |")
        wall, best, cpu = _time([sys.executable, "-c", "pass"], args.runs, env)
        print(f"| `python -c pass` (the interpreter alone) | {wall:.3f} s | {best:.3f} s | {cpu:.3f} s |")
        for argv in commands:
            wall, best, cpu = _time([exe, *argv], args.runs, env)
            shown = " ".join("doc.txt" if a == str(doc) else a for a in argv)
            print(f"| `riso {shown}` | {wall:.3f} s | {best:.3f} s | {cpu:.3f} s |")
        print("\nheaviest top-level imports of `riso --help` (cumulative, one run):")
        for name, seconds in _heaviest_imports(env):
            print(f"  {seconds * 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
