# Thin bootstrap: build .venv from the lock files, then hand over to Invoke (tasks.py).
# The venv is reinstalled only when a lock file changes (stamp files below).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests need, each as <what shows it is there>:<package>:
# Chromium for browser tests (never `playwright install`: its downloads fail
# here), the Arabic fonts, Java for the Nu Html Checker, rsync and an SSH
# server for the publishing tests, FriBiDi for Pillow's Arabic shaping (social
# cards), pandoc for `invoke import-wordpress` (pelican-import converts with it),
# nginx to serve a build with docs/nginx.conf (tests/tools/test_nginx.py), git
# for the tests of `invoke publish` and `invoke status`, which make repositories.
SYSTEM_NEEDS := /usr/bin/chromium:chromium /usr/share/fonts/truetype/noto:fonts-noto-core \
	/usr/sbin/nginx:nginx git:git \
	java:default-jre-headless rsync:rsync /usr/sbin/sshd:openssh-server ssh:openssh-client \
	/usr/lib/x86_64-linux-gnu/libfribidi.so.0:libfribidi0 pandoc:pandoc

.PHONY: serve build test check clean lock lighthouse bench system-packages

# The Node packages too: the web editor at /admin/ (Decap CMS and decap-server).
serve: $(VENV)/.base-installed node_modules/.installed
	$(BIN)/invoke serve

build: $(VENV)/.base-installed node_modules/.installed
	$(BIN)/invoke build

# The production build (publishconf.py; SITEURL from the environment). CI runs it after `make test`.
.PHONY: site
site: $(VENV)/.base-installed node_modules/.installed
	$(BIN)/invoke build --publish

check: $(VENV)/.base-installed
	$(BIN)/invoke check

# CI's path for a change to content/ only: the production build and the gates
# content can break (links, vnu, axe, feeds, sitemaps), without the test suite.
.PHONY: check-site ci-path
check-site: $(VENV)/.test-installed system-packages node_modules/.installed
	$(BIN)/invoke check-site --publish --changed

# CI: path=content or path=code, from the files changed since $BEFORE.
ci-path: $(VENV)/.base-installed
	$(BIN)/invoke ci-path

# tests/site/test_validators.py needs the Node tools (vnu.jar, axe-core) and Java.
test: $(VENV)/.test-installed system-packages node_modules/.installed
	$(BIN)/invoke test

# Lighthouse comes from npm (package.json, package-lock.json); Chromium from Debian.
lighthouse: $(VENV)/.test-installed system-packages node_modules/.installed
	$(BIN)/invoke lighthouse

# Plain Pelican against our build on a synthetic corpus (docs/performance.md).
bench: $(VENV)/.base-installed
	$(BIN)/invoke bench

# Lighthouse, vnu-jar (the Nu Html Checker) and axe-core. --ignore-scripts:
# vnu-jar's only install script would download a Java runtime; the `java`
# target installs Debian's instead.
node_modules/.installed: package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
	touch $@

clean:
	rm -rf output .cache .pytest_cache

# Installs what is missing when run as root; otherwise prints the command to run.
system-packages:
	@missing=""; for need in $(SYSTEM_NEEDS); do \
		probe=$${need%%:*}; package=$${need#*:}; \
		[ -e "$$probe" ] || command -v "$$probe" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "The tests need:$$missing. Run: sudo apt-get install -y --no-install-recommends$$missing" >&2; \
			exit 1; \
		fi; \
		apt-get update && apt-get install -y --no-install-recommends $$missing; \
	fi

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
