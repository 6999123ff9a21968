# Two commands on a fresh machine: `make demo` and `make test`. Each builds .venv itself.
# The tests run on every core (pytest-xdist; each test module on one worker, so a module's
# shared database is built once); `.venv/bin/pytest` alone runs them in one process.
# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set (__pycache__ is ignored by
# git): without it every worker and every `verifier` subprocess a test starts compiles the
# package again, and pytest rewrites the asserts of every test module (and of hypothesis)
# again, about 6 s CPU a worker.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m verifier.demo

test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n auto --dist loadscope

lint: $(STAMP)
	$(BIN)/ruff check verifier tests bench alembic
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/verifier eval ../shared/corpus/seeds.labels.jsonl --texts ../shared/corpus/seeds
	$(BIN)/verifier eval ../shared/corpus/dev.labels.jsonl --texts ../shared/corpus/dev

bench: $(STAMP)
	$(BIN)/pip install -q '.[bench]'
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build dist *.egg-info
