# Anjian — the README's two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test test-suite lint browser-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.base: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements/base.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.test: requirements/test.txt $(VENV)/.base
	$(BIN)/pip install -q -r requirements/test.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.base node_modules/.package-lock.json
	$(BIN)/anjian collectstatic --noinput -v0

# The background worker (`anjian worker`) runs beside the server and stops with it.
run: install
	$(BIN)/anjian migrate --noinput -v0
	$(BIN)/anjian demo
	@$(BIN)/anjian worker --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/anjian serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/anjian serve --host $(HOST) --port $(PORT)

# Debian's Chromium and CJK fonts for the browser tests (Playwright's own download does not work
# offline), and LibreOffice's writer to check that generated Word files open. Installed only when
# missing; needs root or sudo.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
	    || ! command -v soffice >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    chromium fonts-noto-cjk >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui >/dev/null; \
	fi

lint: $(VENV)/.test
	$(BIN)/ruff check anjian tests bench
	$(BIN)/anjian makemigrations --check --dry-run -v0

test: install $(VENV)/.test browser-deps lint test-suite

test-suite:
	$(BIN)/pytest

$(VENV)/.bench: requirements/bench.txt $(VENV)/.test
	$(BIN)/pip install -q -r requirements/bench.txt
	touch $@

bench: install $(VENV)/.bench
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules staticfiles
