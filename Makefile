# Vangnet: the two quick-start commands are `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON := $(shell scripts/find-python)
# pip on some machines warns about every missing local index; keep the output readable.
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast bench-budget install worker lint format-check mypy mypy-baseline schema messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip $(QUIET_PIP)
	$(BIN)/python -m pip install -q -r requirements-dev.txt $(QUIET_PIP)
	@touch $(STAMP)

# The NL Design System CSS of the public form (package.json): npm into node_modules/ (git-ignored).
NPM_STAMP := node_modules/.installed
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-fund --no-audit --silent
	@touch $(NPM_STAMP)

install: $(STAMP) $(NPM_STAMP)

messages: $(STAMP)
	@if ! ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then echo "no translations to compile"; \
	elif command -v msgfmt >/dev/null 2>&1; then DEBUG=1 $(BIN)/python manage.py compilemessages -v0 --ignore=.venv; \
	else echo "msgfmt not found: English translations not compiled (apt-get install gettext)"; fi

## demo: set up everything on SQLite, load demo data, serve on http://127.0.0.1:8000
demo: export DEBUG=1
demo: export VANGNET_DEMO=1
demo: $(STAMP) $(NPM_STAMP) messages
	$(BIN)/python manage.py migrate -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite (unit, integration, browser) on SQLite, or on PostgreSQL with DATABASE_URL,
## in one pytest-xdist worker per core; a test file stays on one worker (module-scoped data built once).
## TEST_WORKERS=0 make test runs it in one process, as plain .venv/bin/pytest does.
TEST_WORKERS ?= auto
test: $(STAMP) $(NPM_STAMP) messages
	@scripts/ensure-chromium
	@scripts/ensure-oidc-provider
	$(BIN)/python manage.py makemigrations --check --dry-run -v0 --settings=vangnet.settings_test
	$(BIN)/python manage.py spectacular --settings=vangnet.settings_test --validate --fail-on-warn --file /tmp/vangnet-openapi.yaml
	@diff -u docs/openapi.yaml /tmp/vangnet-openapi.yaml || (echo "docs/openapi.yaml is out of date: run 'make schema'" && exit 1)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser" -x -q

## bench-budget: the SQL query budget per page (bench/web/budget.json) on a small data set, SQLite
## unless DATABASE_URL says otherwise; also part of `make test`. Under 2 minutes, no timings.
bench-budget: $(STAMP)
	$(BIN)/pytest tests/bench/test_web_budget.py -q -p no:randomly

schema: $(STAMP)
	$(BIN)/python manage.py spectacular --settings=vangnet.settings_test --validate --file docs/openapi.yaml

worker: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py db_worker

## lint: ruff check, ruff format --check, mypy against mypy-baseline.txt, import-linter contracts
LINT_PATHS := vangnet tests bench manage.py scripts/ruff-baseline-check
lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/python scripts/ruff-baseline-check
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory mypy
	$(BIN)/lint-imports --no-cache

FORMAT_CHECK = $(BIN)/ruff format --check $(LINT_PATHS)
format-check: $(STAMP)
	$(FORMAT_CHECK)

# A new mypy error fails; a baselined one that went away is reported (shrink with `make mypy-baseline`).
mypy: $(STAMP)
	@out=$$(mktemp); $(BIN)/mypy > $$out; rc=$$?; \
	if [ $$rc -gt 1 ]; then cat $$out; rm -f $$out; echo "mypy crashed (exit $$rc)"; exit $$rc; fi; \
	if NO_COLOR=1 $(BIN)/mypy-baseline filter < $$out; then rm -f $$out; \
	echo "mypy: no new errors (if some went away: 'make mypy-baseline' and commit mypy-baseline.txt)"; \
	else rm -f $$out; echo "mypy: fix the new errors above (mypy-baseline.txt holds only code older than issue 10)."; exit 1; fi

## mypy-baseline: rewrite mypy-baseline.txt from the errors of today (to shrink it; never to hide a new error)
mypy-baseline: $(STAMP)
	@out=$$(mktemp); $(BIN)/mypy > $$out; rc=$$?; if [ $$rc -gt 1 ]; then cat $$out; rm -f $$out; exit $$rc; fi; \
	NO_COLOR=1 $(BIN)/mypy-baseline sync < $$out >/dev/null; rm -f $$out; echo "mypy-baseline.txt: $$(wc -l < mypy-baseline.txt) errors"

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
