# Psycle: `make run` serves the site, `make test` runs every check. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run test test-fast lint format lock clean bench

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Psycle needs Python 3.11 or newer; run: make PYTHON=/path/to/python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): | $(BIN)/python
	@echo "Installing Python packages into $(VENV) (first run only)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

run: install
	@$(BIN)/python manage.py prepare
	@$(BIN)/python manage.py serve

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The edit loop: every test but the browser's and those that start Django in a child process,
# on an in-memory SQLite database.
test-fast: install
	PSYCLE_TEST_DATABASE=memory $(BIN)/python -m pytest -m "not browser and not child_process" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the pinned requirements after changing the ranges in pyproject.toml.
lock:
	$(PYTHON) bin/lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

# Benchmarks: the ketamine page's server time rendered and from the page cache (SQLite, 100
# requests); finder search and whole first pages at 1,000,000 listings on SQLite and PostgreSQL
# (loaded once, then reused from var/bench/ and the psycle_bench_<count> database;
# BENCH_ARGS="--count 100000" for a smaller directory); the HSDS API near a ZIP and export_hsds
# on the same databases; import_nppes on a generated 1,000,000-row NPPES file (rows/s, peak
# memory; NPPES_BENCH_ARGS="--count 20000" for a smaller file); then throughput under gunicorn and wrk
# (THROUGHPUT_ARGS="--long-seconds 0" skips the 60-second runs at 50 connections); then each
# page type's weight on a phone (headless Chromium at /usr/bin/chromium, the demo site).
bench: install
	$(BIN)/python bench/content_render.py
	$(BIN)/python bench/finder.py $(BENCH_ARGS)
	$(BIN)/python bench/hsds.py $(BENCH_ARGS)
	$(BIN)/python bench/nppes.py $(NPPES_BENCH_ARGS)
	$(BIN)/python bench/throughput.py $(THROUGHPUT_ARGS)
	$(BIN)/python bench/page_weight.py
