# nap1325: `make run` serves the app with the plan and demo data on SQLite; `make test` runs the suite.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# The app's settings default to production (DEBUG off). Make is the developer's tool: here DEBUG is
# on (local hosts, console e-mail, no HTTPS redirect) unless the environment says otherwise.
export DEBUG ?= 1

.PHONY: install system-deps node-deps run serve test lint format migrations-check messages setup

$(VENV)/.installed: pyproject.toml build-constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# build-constraints.txt: xstatic-bootstrap is an sdist whose build still needs pkg_resources.
	$(PY) -m pip install --quiet --build-constraint build-constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Chromium (browser tests), Node.js and npm (axe-core for the accessibility test), Pango and a font
# (PDF reports): installed with apt when missing and run as root, otherwise the script says exactly
# what to install.
system-deps:
	bash scripts/system-deps.sh

# axe-core (package.json, pinned in package-lock.json) for the accessibility test, run in Chromium.
# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
node_modules/.package-lock.json: package.json package-lock.json | system-deps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-deps: node_modules/.package-lock.json

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py setup_demo

run: setup serve

serve:
	$(PY) manage.py runserver $(HOST)

test: install system-deps node-deps
	$(VENV)/bin/pytest -n auto

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

messages: install
	$(PY) manage.py makemessages -l es --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv
