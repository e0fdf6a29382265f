# One place to run things. `make test` is the README's test command.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install test test-sqlite lint format bench demo

install:
	python3 -m venv $(VENV) && $(VENV)/bin/pip install -e ".[dev]"

test:
	$(VENV)/bin/pytest

test-sqlite:
	$(VENV)/bin/pytest -m "not postgres"

lint:
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

format:
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

bench:
	$(PY) bench/sim.py
	$(PY) bench/forecast.py --quick

demo:
	$(VENV)/bin/sellerops demo
