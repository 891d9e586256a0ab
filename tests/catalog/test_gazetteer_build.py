"""The generated gazetteer files are what scripts/build_gazetteer.py makes from pycountry and Babel today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_gazetteer_files_are_fresh() -> None:
    script = ROOT / "scripts" / "build_gazetteer.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
