# Thin bootstrap: build .venv from the lock files, then hand over to Invoke (tasks.py).
# The venv is reinstalled only when a lock file changes (stamp files below).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Browser tests drive Debian's Chromium (never `playwright install`: its downloads fail here).
BROWSER_PACKAGES := chromium fonts-noto-core

.PHONY: serve build test check clean lock lighthouse

serve: $(VENV)/.base-installed
	$(BIN)/invoke serve

build: $(VENV)/.base-installed
	$(BIN)/invoke build

check: $(VENV)/.base-installed
	$(BIN)/invoke check

test: $(VENV)/.test-installed /usr/bin/chromium
	$(BIN)/invoke test

# Lighthouse comes from npm (package.json, package-lock.json); Chromium from Debian.
lighthouse: $(VENV)/.test-installed /usr/bin/chromium node_modules/.installed
	$(BIN)/invoke lighthouse

node_modules/.installed: package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf output .cache .pytest_cache

/usr/bin/chromium:
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "Browser tests need Chromium: sudo apt-get install -y --no-install-recommends $(BROWSER_PACKAGES)" >&2; \
		exit 1; \
	fi
	apt-get update && apt-get install -y --no-install-recommends $(BROWSER_PACKAGES)

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
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --extra test -o requirements/test.lock pyproject.toml
