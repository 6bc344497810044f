# Thin bootstrap: build .venv from the lock files, then hand over to Invoke (tasks.py).
# The venv is reinstalled only when a lock file changes (stamp files below).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve build test check clean lock

serve: $(VENV)/.base-installed
	$(BIN)/invoke serve

build: $(VENV)/.base-installed
	$(BIN)/invoke build

check: $(VENV)/.base-installed
	$(BIN)/invoke check

test: $(VENV)/.test-installed
	$(BIN)/invoke test

clean:
	rm -rf output .cache .pytest_cache

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.test-installed: requirements/test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.lock
	touch $@ $(VENV)/.base-installed

# Re-resolve the locks after editing pyproject.toml (needs the network).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --extra test -o requirements/test.lock pyproject.toml
