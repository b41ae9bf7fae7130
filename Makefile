# Two commands do everything on a fresh machine (Python 3.11+ and the package index):
#   make demo   set up .venv, crawl the bundled demo network offline into data/news.db
#   make test   set up .venv, run lint, type checks and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench bench-extraction bench-syndication bench-analysts bench-crawl bench-revisits bench-render bench-distributed clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  # DEMO_ARGS="--port 0" serves the demo sites on any free port
	$(BIN)/newscrawl demo --db data/news.db $(DEMO_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check newscrawl tests $(wildcard benchmarks)
	$(BIN)/ruff format --check newscrawl tests $(wildcard benchmarks)

typecheck: $(STAMP)
	$(BIN)/mypy newscrawl

unit: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck unit

# Benchmarks (docs/benchmarks.md): `make bench` runs them all; each takes minutes.
bench: bench-extraction bench-syndication bench-analysts bench-crawl bench-revisits bench-render bench-distributed

bench-extraction: $(STAMP)  # needs ../shared/eval; writes its table into docs/benchmarks.md
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/extraction.py --perturb names --perturb known --perturb half --perturb declared

bench-syndication: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/syndication.py quality --articles 10000 --seeds 1 7 8
	$(BIN)/python benchmarks/syndication_newsroom.py --articles 10000 --seeds 1 7 8 --write
	$(BIN)/python benchmarks/syndication.py scale --sizes 2000 20000 --workers 1

bench-analysts: $(STAMP)  # builds a 100,000-article archive the first time
	$(BIN)/python benchmarks/analysts.py

bench-crawl: $(STAMP)  # a real crawl of 300 generated pages on loopback, polite then fast
	$(BIN)/python benchmarks/crawl.py --sites 2 --pages 300 --both --record docs/benchmarks.md

bench-revisits: $(STAMP)  # three cron runs of a demo-like network: requests by page kind
	$(BIN)/python benchmarks/revisits.py --record docs/benchmarks.md

bench-render: $(STAMP)  # needs Chromium on PATH: rendered vs plain pages/s and memory
	$(BIN)/python benchmarks/render.py --repeat 5 --record docs/benchmarks.md

bench-distributed: $(STAMP)  # workers + writer on a real redis-server: rows, kill -9, 1/2/4 workers
	$(BIN)/python benchmarks/distributed.py --sites 4 --pages 400 --delay 0.2 --record docs/benchmarks.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
