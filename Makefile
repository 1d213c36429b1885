# The daily loop: make run, make shell, make test-fast while editing, make test before a commit.
# `make help` lists everything.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/symptom-checker.tar.gz
SPACY_PIPELINE := build/spacy-en/meta.json
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml) nlu/rasa_components.py
PACKAGES = $(shell grep -c '==' requirements.lock)

export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

# make test-fast: every test that needs no server, no trained model, no browser, no database
FAST_TESTS := not servers and not rasa_cli and not browser and not stores

# make lint: the application packages (settings in pyproject.toml)
LINT_PACKAGES := symptomchecker nlu actions storage channels

.PHONY: help install test-programs train run shell test test-fast lint eval validate purge clean bench bench-inference bench-store

help:
	@echo "make run       set up, train if needed, start the action server and the Rasa server (REST + API)"
	@echo "make shell     chat in the terminal (Rasa shell) with the custom actions running"
	@echo "make test      the whole test suite (what CI runs); starts its own PostgreSQL and Redis"
	@echo "make test-fast the tests that need no server, model, browser or database (about a minute)"
	@echo "make lint      ruff (lint + format check) and mypy over the application packages (part of make test)"
	@echo "make eval      play the patient vignettes against the bot and score the NLU (about 20 minutes)"
	@echo "make purge DAYS=N  delete stored conversations with no activity in the last N days"
	@echo "make bench     load benchmark: latency, throughput, start-up, memory, training, vs rasa init (about 20 minutes)"
	@echo "make bench-inference  CPU time of one interview turn, 12 vs 2.5x the conditions (seconds, no servers)"
	@echo "make bench-store  the tracker store's read + save per turn: Rasa's SQL store against ours (seconds, no servers)"
	@echo "make install   check (and install with apt-get) the system programs, create .venv from requirements.lock"
	@echo "make train     train the model if it is missing or stale"
	@echo "make validate  rasa data validate"
	@echo "make clean     remove the venv, models and build files"

# pip's output is kept in $(VENV)/pip-install.log; the terminal gets a count (scripts/pip_progress.py)
$(VENV)/.installed: requirements.lock
	@scripts/system_deps.sh run
	@echo "Setting up $(VENV): $(PACKAGES) Python packages from requirements.lock (once; about 2 minutes)..."
	@python3.10 -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check pip==24.0
	@set -o pipefail; $(VENV)/bin/pip install --disable-pip-version-check --progress-bar off -r requirements.lock 2>&1 \
	  | tee $(VENV)/pip-install.log | $(PY) scripts/pip_progress.py $(PACKAGES) \
	  || { echo "pip install failed: see $(VENV)/pip-install.log" >&2; exit 1; }
	@touch $@

# the programs the tests need besides those of `make run`: PostgreSQL, redis-server, chromium
test-programs:
	@scripts/system_deps.sh test

install: test-programs $(VENV)/.installed

$(SPACY_PIPELINE): scripts/build_spacy_pipeline.py | $(VENV)/.installed
	@echo "Building the spaCy tokenizer (a few seconds)..."
	@$(PY) scripts/build_spacy_pipeline.py build/spacy-en

# scripts/rasa_quiet.py: `rasa train` without the libraries' deprecation warnings
$(MODEL): $(TRAIN_INPUTS) $(SPACY_PIPELINE) | $(VENV)/.installed
	@echo "Training the model (about 1 to 2 minutes)..."
	@$(PY) scripts/rasa_quiet.py train --fixed-model-name symptom-checker --out models --quiet

train: $(MODEL)

run: $(MODEL)
	@scripts/run.sh

shell: $(MODEL)
	@scripts/shell.sh

validate: $(SPACY_PIPELINE) | $(VENV)/.installed
	$(RASA) data validate --fail-on-warnings

test: lint test-programs $(MODEL)
	$(PY) -m pytest

# ruff format --check fails on unformatted files; `ruff format $(LINT_PACKAGES)` formats them
lint: | $(VENV)/.installed
	$(VENV)/bin/ruff check --no-cache $(LINT_PACKAGES)
	$(VENV)/bin/ruff format --no-cache --check $(LINT_PACKAGES)
	$(VENV)/bin/mypy $(LINT_PACKAGES)

test-fast: | $(VENV)/.installed
	$(PY) -m pytest -m "$(FAST_TESTS)"

eval: $(MODEL)
	@scripts/eval.sh

bench: $(MODEL)
	$(PY) -m bench.bench $(BENCH_ARGS)

bench-inference: | $(VENV)/.installed
	$(PY) -m bench.inference $(BENCH_ARGS)

bench-store: | $(VENV)/.installed
	$(PY) -m bench.store $(BENCH_ARGS)

purge: | $(VENV)/.installed
	@test -n "$(DAYS)" || { echo "usage: make purge DAYS=30" >&2; exit 2; }
	$(PY) -m storage.purge --days $(DAYS)

clean:
	rm -rf $(VENV) models build .pytest_cache
