"""Run every benchmark in its quick mode, one after the other, and print their figures.

    .venv/bin/python benchmarks/run.py            # all, quick sizes (a few minutes)
    .venv/bin/python benchmarks/run.py index link # only these
Each script also runs alone, with --help for its full sizes (see benchmarks/README.md).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["startup", "ingest", "extract", "catalog", "link", "progress", "index", "api", "network", "match", "dashboard"]


def main(names: list[str]) -> int:
    """Run the named benchmarks (default: all); return the number that failed."""
    failed = 0
    for name in names or ORDER:
        script = HERE / f"{name}.py"
        if not script.is_file():
            print(f"no benchmark named {name!r}; choose from {', '.join(ORDER)}")
            failed += 1
            continue
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        print(f"=== {name}: exit {code}, {time.perf_counter() - started:.1f} s ===", flush=True)
        failed += code != 0
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
