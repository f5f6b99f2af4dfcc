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

# Web, Celery worker and beat together; Ctrl-C, or a SIGTERM to make, stops all three within 10 s.
# The worker runs with REMAP_SIGTERM=SIGQUIT, so TERM means Celery's cold shutdown: the tasks in hand get
# CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT (2 s) to finish, then go back to the queue (acks_late; the outbox
# sweeper re-sends what a cut-short task had claimed). A watchdog kills whatever still runs after 8 s.
# Ctrl-C has already given beat its SIGINT (the terminal signals the whole group), so stop leaves it
# out then: a second signal while beat saves its schedule is swallowed, and beat slept on to its next
# tick (10 s away), so every Ctrl-C waited for the watchdog's SIGKILL.
# Email links follow HOST and PORT unless FTL_SITE_URL is set.
run: export FTL_SITE_URL ?= http://$(HOST):$(PORT)
run: seed
	@echo ""
	@echo "  FTL Portal: http://$(HOST):$(PORT)/  (links in emails: $(FTL_SITE_URL))"
	@echo "  Demo logins (password: ftl-demo-2026):"
	@echo "    student      student@warwick.ac.uk   (not applied yet; student@aru.ac.uk has a confirmed place)"
	@echo "    applicants   ella.hughes@warwick.ac.uk, ruby.king@aru.ac.uk  (and 5 more each: the review queue)"
	@echo "    staff        staff@warwick.ac.uk     (also staff@aru.ac.uk)"
	@echo "    coordinator  coordinator@medilink.test"
	@echo "    mentor       mentor@medtech.test"
	@echo "    graduate     graduate@warwick.ac.uk  (finished cohort: certificate FTL-PILOT-2026-DEMO, /impact/ as coordinator)"
	@echo "  Emails (sign-up codes, invitations): http://$(HOST):$(PORT)/mailbox/"
	@echo ""
	@stop() { \
	  trap '' INT TERM; \
	  kill -TERM $$web $$worker $$1 2>/dev/null; \
	  ( for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do \
	      sleep 0.5; kill -0 $$web 2>/dev/null || kill -0 $$beat 2>/dev/null || kill -0 $$worker 2>/dev/null || exit 0; \
	    done; \
	    kill -KILL $$(pgrep -P $$worker 2>/dev/null) $$worker $$beat $$web 2>/dev/null ) & \
	  wait $$web $$beat $$worker; \
	}; \
	trap 'stop; exit 130' INT; trap 'stop $$beat; exit 143' TERM; \
	REMAP_SIGTERM=SIGQUIT $(CELERY) -A ftl_portal worker --loglevel=INFO --concurrency=4 & worker=$$!; \
	$(CELERY) -A ftl_portal beat --loglevel=INFO & beat=$$!; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT) & web=$$!; \
	while kill -0 $$web 2>/dev/null && kill -0 $$beat 2>/dev/null && kill -0 $$worker 2>/dev/null; do \
	  sleep 1 & wait $$!; \
	done; \
	echo "make run: a process has stopped; stopping the others" >&2; stop $$beat; exit 1

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
