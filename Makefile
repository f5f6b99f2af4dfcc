# The README's two commands: `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CELERY := $(VENV)/bin/celery
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint migrate seed bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Web, Celery worker and beat together; Ctrl-C stops all three. Email links point at HOST:PORT
# unless FTL_SITE_URL is set.
run: seed
	@echo ""
	@echo "  FTL Portal: http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: ftl-demo-2026):"
	@echo "    student      student@warwick.ac.uk   (not applied yet; student@aru.ac.uk has a confirmed place)"
	@echo "    applicants   ella.hughes@warwick.ac.uk, ruby.king@aru.ac.uk  (and 5 more each: the review queue)"
	@echo "    staff        staff@warwick.ac.uk     (also staff@aru.ac.uk)"
	@echo "    coordinator  coordinator@medilink.test"
	@echo "    mentor       mentor@medtech.test"
	@echo "  Emails (sign-up codes, invitations): http://$(HOST):$(PORT)/mailbox/"
	@echo ""
	@export FTL_SITE_URL="$${FTL_SITE_URL:-http://$(HOST):$(PORT)}"; \
	trap 'trap - INT TERM EXIT; kill -TERM $$worker $$beat 2>/dev/null; wait' INT TERM EXIT; \
	$(CELERY) -A ftl_portal worker --loglevel=INFO --concurrency=4 & worker=$$!; \
	$(CELERY) -A ftl_portal beat --loglevel=INFO & beat=$$!; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest

test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not e2e and not integration"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

bench: $(VENV)/.installed
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf var/ .pytest_cache .ruff_cache
