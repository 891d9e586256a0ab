"""Hostile inputs: each file of the hostile corpus read and extracted in a child process; CPU time and peak RSS.

Builds the shapes of issue 16 (zip bomb, HTML floods, digit lines, percentage floods, one huge line, 200k
one-line paragraphs) at the given scale and runs ``riso.pipeline.process_file`` on each in its own process.

    .venv/bin/python benchmarks/hostile.py            # the test-suite scale
    .venv/bin/python benchmarks/hostile.py --scale 5  # five times larger (what the audit used)

Not yet here (issue 16 item 4): 50 concurrent readers while 5 clients upload; needs uploads off the request path.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from riso.pipeline import process_file
start = time.process_time()
results = list(process_file(sys.argv[1]))
print(json.dumps({"cpu": time.process_time() - start,
  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
  "documents": sum(r.document is not None for r in results), "facts": sum(len(r.facts) for r in results),
  "refused": [f.code for r in results if (f := r.failure) is not None]}))
"""


def _bomb(path: Path, scale: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(300 * scale):
                member.write(b"\0" * (1024 * 1024))


def shapes(scale: int) -> dict[str, Callable[[Path], object]]:
    """The hostile files at ``scale``, by name."""
    return {
        "zip_bomb.docx": lambda p: _bomb(p, scale),
        "many_attributes.html": lambda p: p.write_text(
            "<html><body><div " + " ".join(f'a{i}="v"' for i in range(50_000 * scale)) + "><p>x</p></div></body></html>"
        ),
        "paragraphs_8000.html": lambda p: p.write_text(
            "<html><body>" + "".join(f"<p>Paragraph {i} with 3 % growth.</p>" for i in range(8000)) + "</body></html>"
        ),
        "mostly_tags.html": lambda p: p.write_text(
            "<html><body><div>" + "<span><b></b></span>" * (250_000 * scale) + "<p>Some text.</p></div></body></html>"
        ),
        "digits.txt": lambda p: p.write_text("7" * (2_000_000 * scale)),
        "percentages.txt": lambda p: p.write_text(" ".join(f"{i % 97}%" for i in range(40_000 * scale))),
        "one_line.txt": lambda p: p.write_text("word " * (1_000_000 * scale)),
        "one_line_paragraphs.txt": lambda p: p.write_text(
            "".join(f"item {chr(97 + i % 26)}x\n" for i in range(200_000 * scale))
        ),
    }


def main() -> None:
    """Run the hostile corpus and print one JSON line per file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in shapes(args.scale).items():
            path = Path(tmp, name)
            make(path)
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=os.environ, check=False
            )
            text = out.stdout.strip()
            line = text.splitlines()[-1] if text else json.dumps({"error": out.stderr[-300:]})
            print(json.dumps({"file": name, "mb": round(path.stat().st_size / 1e6, 2), **json.loads(line)}), flush=True)


if __name__ == "__main__":
    main()
