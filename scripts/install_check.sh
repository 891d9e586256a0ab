#!/usr/bin/env bash
# Reproducible install check (issue 11): a brand-new venv, nothing but `pip install -c requirements.lock .`,
# then the example corpus must ingest with no failed document, the shipped datasets load, and
# `riso report --pdf` writes a PDF (playwright is a main dependency; the browser is Debian's chromium).
#
#   scripts/install_check.sh            # what `make test` runs when CI=true
#   PYTHON=python3.11 scripts/install_check.sh
#
# It installs what git tracks (plus untracked files that are not ignored), not the working venv, and runs
# outside the checkout so nothing is imported from src/. pip's cache is reused, so it takes a minute or two.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/riso-install-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
say() { printf 'install-check: %s\n' "$*"; }

say "copying the tree to $WORK/src"
mkdir -p "$WORK/src"
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$WORK/src"

say "brand-new venv ($("$PYTHON" --version))"
"$PYTHON" -m venv "$WORK/venv"
started=$(date +%s)
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check -c "$WORK/src/requirements.lock" "$WORK/src" \
  2> >(grep -v "^WARNING: Location" >&2)
say "pip install -c requirements.lock . took $(( $(date +%s) - started )) s"
"$WORK/venv/bin/pip" check

RISO="$WORK/venv/bin/riso"
DB="$WORK/check.duckdb"
cd "$WORK"
files=$(find "$ROOT/examples/corpus" -type f | wc -l)
say "ingesting the $files example documents"
if ! "$RISO" ingest "$ROOT/examples/corpus" --db "$DB" --format json > "$WORK/ingest.json"; then
  cat "$WORK/ingest.json" >&2
  say "FAILED: a document of the example corpus did not ingest in a fresh install"
  exit 1
fi
stored=$("$WORK/venv/bin/python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
  <("$RISO" documents list --db "$DB" --format json --limit 1000))
if [ "$stored" -ne "$files" ]; then
  say "FAILED: $files files in examples/corpus but $stored documents stored"
  exit 1
fi
"$RISO" data load-shipped --db "$DB" >/dev/null
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  "$RISO" report --db "$DB" --out "$WORK/report.html" --pdf >/dev/null
  head -c 5 "$WORK/report.pdf" | grep -q '%PDF-' || { say "FAILED: report.pdf is no PDF"; exit 1; }
  say "riso report --pdf wrote a PDF ($(wc -c < "$WORK/report.pdf") bytes)"
elif [ "${CI:-}" = true ]; then
  say "FAILED: chromium is missing (make system-deps installs it)"
  exit 1
else
  say "chromium not installed: PDF step skipped (make system-deps installs it)"
fi
say "OK: fresh install ingested all $files example documents"
