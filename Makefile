# Skanse: `make demo` serves the demo; `make test` runs every check. Both work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python >= 3.12; pyenv's shims hide it from uv, so name the interpreter.
# 3.12 first: it is what CI and the developers run, so results do not depend on the machine.
PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12 \
	/usr/local/bin/python3.12 /usr/bin/python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3.13 \
	/usr/local/bin/python3.13 /usr/bin/python3.13))
# uv from the PATH, or as a module of the machine's python3 (pip installs it there if missing).
UV ?= $(shell command -v uv >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_PORT ?= 54329
PG_DIR ?= /tmp/skanse-pg-$(PG_PORT)

export DJANGO_SETTINGS_MODULE := skanse.settings

.PHONY: bench help install pdf-libs deps python-deps node-deps static messages demo test lint check-migrations \
	test-sqlite test-postgres test-browser pg-start pg-stop browser

help:
	@echo "make demo   set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test   install what the tests need and run every check"

python-deps:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (none found)."; exit 1; }
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON) --quiet

node-deps:
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed (Debian package: npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

static: node-deps
	$(PY) scripts/vendor_static.py

messages: python-deps
	@command -v msgfmt >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null; } || { echo "msgfmt is needed (Debian package: gettext)."; exit 1; }
	cd skanse && SKANSE_DEMO=true ../$(PY) -m django compilemessages -v 0

# WeasyPrint (PDF reports) needs Pango, HarfBuzz and a font from Debian.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs:
	@dpkg -s $(PDF_LIBS) >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			(apt-get install -y -qq $(PDF_LIBS) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $(PDF_LIBS) >/dev/null)); \
		else echo "PDF reports need the Debian packages: $(PDF_LIBS)"; exit 1; fi; }

install: python-deps static messages pdf-libs

demo: install
	SKANSE_DEMO=true $(PY) -m skanse migrate --noinput -v 0
	SKANSE_DEMO=true $(PY) -m skanse load-library
	SKANSE_DEMO=true $(PY) -m skanse demo
	@echo
	@echo "Skanse is at http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the worker)"
	@SKANSE_DEMO=true $(PY) -m skanse db_worker & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	SKANSE_DEMO=true $(VENV)/bin/gunicorn skanse.wsgi -b $(HOST):$(PORT) --workers 2 --threads 4 \
		--access-logfile - --log-level warning

bench: install
	@for b in benchmarks/[a-z]*.py; do \
		case $$b in */generate.py) continue;; esac; \
		echo "== $$b"; SKANSE_DEMO=true $(PY) -W ignore -m benchmarks.$$(basename $$b .py); \
	done

# --- Tests -----------------------------------------------------------------------------------

browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); \
		else echo "Chromium is needed for the browser tests (Debian package: chromium)."; exit 1; fi; }

pg-start:
	@command -v initdb >/dev/null 2>&1 || command -v /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq postgresql >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null); \
		else echo "PostgreSQL is needed (Debian package: postgresql)."; exit 1; fi; }
	@scripts/pg.sh start $(PG_DIR) $(PG_PORT)

pg-stop:
	@scripts/pg.sh stop $(PG_DIR) $(PG_PORT)

lint: python-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check-migrations: python-deps
	SKANSE_DEMO=true $(PY) -m skanse makemigrations --check --dry-run -v 1

test-sqlite:
	SKANSE_DEMO=true $(VENV)/bin/pytest -q -m "not e2e" -n 2

test-postgres: pg-start
	SKANSE_DEMO=true DATABASE_URL=postgres://postgres@127.0.0.1:$(PG_PORT)/skanse \
		$(VENV)/bin/pytest -q -m "not e2e" -n 2; status=$$?; $(MAKE) -s pg-stop; exit $$status

test-browser: browser
	SKANSE_DEMO=true DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -q -m e2e

test: install lint check-migrations
	$(MAKE) -s test-sqlite
	$(MAKE) -s test-postgres
	$(MAKE) -s test-browser
