# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ICAL_JS := 2
export GUARD_CONFIG ?= $(CURDIR)/config.example.toml

.PHONY: run test test-fast lint bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# ical.js (the JavaScript calendar parser a feed test reads the feed with) is installed here,
# where npm is, like the Python packages: the tests themselves never download anything.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@if command -v npm >/dev/null; then \
	  npm install --prefix $(VENV)/node --no-audit --no-fund --silent ical.js@$(ICAL_JS) \
	  || echo "npm could not install ical.js: its feed test will skip"; fi
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/guard db upgrade
	$(BIN)/guard demo
	GUARD_SCHEDULER_EMBEDDED=true $(BIN)/guard serve --host 127.0.0.1 --port 5000

# Everything CI runs: unit, integration, adapters (HTTP stand-ins) and e2e (browser, processes).
test: install-test
	$(BIN)/pytest -q $(PYTEST_ARGS)

# The quick loop while working: the pure unit tests and the integration tests, a tenth of the
# property tests' examples (Hypothesis's "fast" profile), and compiled modules kept between runs
# even where the shell sets PYTHONDONTWRITEBYTECODE (two workers each compile the whole tree).
# Its temporary files (each test's SQLite database) go on a RAM disk where there is one: a commit
# there does not wait for the disk.
# Without a PostgreSQL server (GUARD_TEST_DATABASE_URL) the PostgreSQL tests are deselected,
# rather than each set up, skipped and reported (a second of the loop's time).
FAST_TMP := $(if $(wildcard /dev/shm),--basetemp=/dev/shm/guard-test-fast-$(notdir $(CURDIR)))
FAST_PG := $(if $(GUARD_TEST_DATABASE_URL),,-m "not postgres")
test-fast: export PYTHONDONTWRITEBYTECODE =
test-fast: install-test
	$(BIN)/pytest -q -n 2 --dist worksteal --hypothesis-profile fast $(FAST_TMP) $(FAST_PG) tests/unit tests/integration $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check guard tests migrations
	$(BIN)/ruff format --check guard tests migrations
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: install-test
	$(BIN)/python -m tests.benchmarks $(ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
