# riso: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.riso-installed
TEST_STAMP := $(VENV)/.riso-test-installed
AXE        := $(VENV)/axe/node_modules/axe-core/axe.min.js
PORT   ?= 8000

.PHONY: demo test install install-test system-deps lint bench clean lock install-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every install is constrained by requirements.lock, the whole dependency tree pinned
# (refresh it with `make lock` after changing pyproject.toml).
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(TEST_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test,embed]'
	touch $@ $(STAMP)

lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile pyproject.toml --extra test --extra ray --extra embed \
	  --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --quiet -o requirements.lock

install: $(STAMP)

install-test: $(TEST_STAMP) system-deps $(AXE)

# axe-core (from npm) for the browser tests' accessibility checks; pinned, kept inside the venv.
$(AXE): | $(BIN)/python
	@command -v npm >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@4.14.1

# Debian packages the tests need: chromium for the browser tests (and PDF reports),
# a CJK font so Chinese text renders in screenshots and PDFs, poppler-utils (pdftoppm) for the PDF page images.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
	    || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  echo "installing Debian packages: chromium fonts-wqy-zenhei poppler-utils"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-zenhei \
	    poppler-utils >/dev/null; \
	fi

# system-deps: chromium for `riso report --pdf` (playwright is a main dependency) and the CJK font.
demo: $(STAMP) system-deps
	$(BIN)/riso --db riso.duckdb demo --port $(PORT)

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

# Under CI also the reproducible-install check: a brand-new venv with only `pip install -c requirements.lock .`
# must ingest every example document and write a PDF report (scripts/install_check.sh; pip's cache is reused).
test: install-test lint
	@if [ "$${CI:-}" = true ]; then PYTHON=$(PYTHON) scripts/install_check.sh; fi
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

install-check:
	PYTHON=$(PYTHON) scripts/install_check.sh

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) riso.duckdb riso.duckdb.wal .pytest_cache build *.egg-info
