# Two commands do everything on a fresh machine (Python 3.11+ and the package index):
#   make demo   set up .venv, crawl the bundled demo network offline into data/news.db
#   make test   set up .venv, run lint, type checks and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newscrawl demo --db data/news.db

lint: $(STAMP)
	$(BIN)/ruff check newscrawl tests $(wildcard benchmarks)
	$(BIN)/ruff format --check newscrawl tests $(wildcard benchmarks)

typecheck: $(STAMP)
	$(BIN)/mypy newscrawl

unit: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
