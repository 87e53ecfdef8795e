# Two entry points for a fresh machine with python3 and make: `make preview` and `make test`.
# Each creates or refreshes .venv from pyproject.toml before it runs.
PYTHON ?= python3
STACK ?= prod
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: preview test lint typecheck unit bench docs mutation clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --quiet -e '.[dev]'
	@touch $(STAMP)

preview: $(STAMP)
	$(BIN)/inferline preview --stack $(STACK)

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/preview.py
	$(BIN)/python benchmarks/planner.py

# Mutation testing of inferline/planning and policies (config in pyproject's [tool.mutmut]); slow, so not in `make test`.
# Starts from a fresh mutants/ copy each time and prints "killed K of N (P %)" per area, then the survivors.
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet --quiet -e '.[dev,mutation]'
	rm -rf mutants
	$(BIN)/mutmut run
	$(BIN)/python tools/mutation.py

docs: $(STAMP)
	$(BIN)/inferline config-reference --write README.md

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis mutants
