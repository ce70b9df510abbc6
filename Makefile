# Every target creates .venv on first use and installs the project into it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint i18n screenshots screenshots-es bench crowd cluster backend reliability-report clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m app

backend: $(STAMP)
	$(BIN)/python -m app.mock_backend --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy app/api app/mock_backend app/state app/i18n

# Two pytest-xdist workers by default: the browser journeys run one after the other in one of them, as they would
# alone, while the other takes the rest a module (the reliability suite whole) at a time (tests/conftest.py): 11.6
# minutes instead of 16.5 on 2 cores. Three workers took 9.5-10 minutes, but both clean-clone runs with them had a
# test fail with the cores shared three ways (README.md). TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2

test: lint
	$(BIN)/python -m tests.e2e.check_browser
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadscope

test-fast: $(STAMP)
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadscope -m "not e2e"

# Texts: extract them from app/ (babel.cfg), update every language's .po, compile the .mo files (docs/i18n.md).
# It lists what is left to translate; the test suite (tests/i18n) fails until it is done.
i18n: $(STAMP)
	$(BIN)/python -m app.i18n.catalogs update

screenshots: $(STAMP)
	$(BIN)/python -m tests.e2e.screenshots
	$(BIN)/python -m tests.e2e.screenshots_joining

# Every screen in Spanish (a browser whose language is es-ES), light and dark, in screenshots/es/.
screenshots-es: $(STAMP)
	$(BIN)/python -m tests.e2e.screenshots --language es

# The reliability suite alone; a complete green run rewrites the committed docs/reliability.md with its figures
# (a plain test run writes them to test-artifacts/reliability.md instead).
reliability-report: $(STAMP)
	STARBOARD_RELIABILITY_REPORT=docs/reliability.md $(BIN)/pytest -q tests/reliability

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# A crowd of simulated customers on the wire (50, 100, 200 of them); writes docs/capacity.md. See benchmarks/crowd.py.
crowd: $(STAMP)
	$(BIN)/python -m benchmarks.crowd

# The app as one process per core behind nginx on http://127.0.0.1:8550 (docs/deploy.md).
cluster: $(STAMP)
	$(BIN)/python -m deploy.cluster

clean:
	rm -rf $(VENV) test-artifacts screenshots
