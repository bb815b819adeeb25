# The two commands of the README: `make run` serves the app, `make test` runs every test.
# Both create or reuse the virtualenv in .venv from the pinned requirements files.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: run run-replicas backup test lint typecheck bench bench-quick screenshot system-packages clean

$(BIN)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(BIN)/.dev-installed: $(BIN)/.runtime-installed requirements-dev.txt
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	./tools/install-system-packages.sh
	npm ci --no-audit --no-fund --silent
	touch $@

system-packages:
	./tools/install-system-packages.sh

run: $(BIN)/.runtime-installed
	$(BIN)/streamlit run serve.py --server.address=$(HOST) --server.port=$(PORT)

# A big room on one machine: nginx on HOST:PORT in front of 2 replicas on one PostgreSQL (docs/deploy.md, 4).
run-replicas: $(BIN)/.dev-installed system-packages
	$(BIN)/python -m tools.run_replicas --host=$(HOST) --port=$(PORT)

# A copy of the SQLite diary that holds every save, made while the app runs: backups/ (or BACKUP_DIR).
backup: $(BIN)/.runtime-installed
	$(BIN)/python -m rehab_core.backup $(BACKUP_DIR)

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check rehab_core

typecheck: $(BIN)/.dev-installed
	$(BIN)/mypy

test: $(BIN)/.dev-installed node_modules/.installed system-packages lint typecheck
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=25 $(PYTEST_ARGS)

bench: $(BIN)/.dev-installed node_modules/.installed system-packages
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

# Before a commit that could slow a page: a few pages at 20 users against the minimal app, under a minute.
bench-quick: $(BIN)/.dev-installed
	BENCH_QUICK=1 $(BIN)/python -m tests.bench --only pages

screenshot: $(BIN)/.dev-installed system-packages
	$(BIN)/python -m tools.screenshot

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
