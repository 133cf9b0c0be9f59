# Pacesetter: `make run` serves the demo county, `make test` runs every test.
# Both set up what is missing first (virtualenv, Python and npm packages, translations,
# database, static files); stamp files make a second setup take seconds.

PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PACESETTER := $(BIN)/pacesetter
# Extra pytest arguments, e.g. `make test PYTEST_ARGS='-k login'`.
PYTEST_ARGS ?=
# Two workers for two cores; every worker gets its own test database and live server.
PYTEST_WORKERS ?= 2

VENDOR_DIR := pacesetter/core/static/vendor
VENDOR_STAMP := $(VENDOR_DIR)/.stamp-npm
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
STATIC_SOURCES := $(shell find pacesetter -path '*/static/*' -type f -not -path '$(VENDOR_DIR)/*' 2>/dev/null)

DEMO_PASSWORD := pacesetter-demo
# PYTHONHASHSEED fixed: every xdist worker must collect the same tests in the same order.
PYTEST := env PYTHONHASHSEED=0 $(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_ARGS)
# One process: the cluster tests share one cluster (scripts/cluster.py) brought up once.
PYTEST_SINGLE := env PYTHONHASHSEED=0 $(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS)
# What the cluster needs from Debian: PostgreSQL's server programs, Redis, nginx.
CLUSTER_MISSING = $$(missing=; \
	{ bindir=$$(pg_config --bindir 2>/dev/null) && test -x "$$bindir/initdb" && test -x "$$bindir/pg_basebackup"; } || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	{ command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; } || missing="$$missing nginx"; \
	echo $$missing)

.PHONY: help setup migrate run cluster test test-sqlite test-postgres test-cluster security browser-deps bench soak messages clean

help:
	@echo "make run      set up, create the demo county if the database is empty, serve on http://127.0.0.1:$(PORT)"
	@echo "make test     set up, run the test suite on SQLite, then on a throwaway PostgreSQL cluster, then the cluster tests"
	@echo "make cluster  PostgreSQL primary + replica, Redis, 2 gunicorn nodes and nginx on http://127.0.0.1:8080 (PORT=...)"
	@echo "make setup    virtualenv, packages, translations, migrations, static files"
	@echo "make security bandit, pip-audit and check --deploy under production settings"
	@echo "make bench    run the benchmarks in bench/"
	@echo "make soak     load and soak through nginx on a cluster (SOAK_MINUTES=10), figures into bench/RESULTS.md"
	@echo "make messages update locale/zh_Hans/LC_MESSAGES/django.po from the source"
	@echo "make clean    remove the virtualenv, npm packages, collected static files and stamps (keeps var/)"

setup: .stamp-venv $(VENDOR_STAMP) .stamp-messages .stamp-static migrate

# pip and setuptools upgraded first: the setuptools a new venv carries is years old (65.5 on Python 3.11, with
# known advisories), and the security checks audit every package of the venv.
.stamp-venv: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Pacesetter needs Python 3.11 or newer: '$(PYTHON)' was not found (make PYTHON=/path/to/python3.11)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Pacesetter needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) -V 2>&1) (make PYTHON=/path/to/python3.11)." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); echo "python -m venv failed; installing Debian's python3-venv" >&2; \
		scripts/apt-install.sh python3-venv && $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "$(VENV) was made with an older Python; run make clean first." >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Front-end libraries from npm (versions in package-lock.json), copied into static files.
$(VENDOR_STAMP): package.json package-lock.json scripts/copy-vendor.mjs
	@command -v npm >/dev/null 2>&1 || { echo "Pacesetter needs Node.js and npm for its front-end packages." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent vendor
	@touch $@

.stamp-messages: .stamp-venv $(PO_FILES)
	@command -v msgfmt >/dev/null 2>&1 || scripts/apt-install.sh gettext
	$(if $(PO_FILES),$(PACESETTER) compilemessages --ignore $(VENV) --ignore node_modules)
	@touch $@

# DEBUG is off by default: pages are served from WhiteNoise's manifest, which needs collectstatic.
.stamp-static: .stamp-venv $(VENDOR_STAMP) $(STATIC_SOURCES)
	$(PACESETTER) collectstatic --noinput --verbosity 0
	@touch $@

migrate: .stamp-venv
	$(PACESETTER) migrate --noinput --verbosity 0

# seed_demo prints the demo logins itself; when the database was seeded before, say them here.
run: setup
	@if $(PACESETTER) shell --verbosity 0 -c "import sys; from pacesetter.orgs.models import Organization; sys.exit(0 if Organization.objects.exists() else 1)"; then \
		echo "Demo logins (if this database holds the demo county), all with the password $(DEMO_PASSWORD):"; \
		echo "  county     county admin: everything"; \
		echo "  township1  organisation admin of the first township's committee"; \
		echo "  branch1    organisation admin of a branch under it"; \
		echo "  leader1    county-level leader"; \
		echo "  inspector  inspector: read-only over everything"; \
		echo "  member1    party member of branch1's branch"; \
	else \
		$(PACESETTER) seed_demo --scale county --seed 1; \
	fi
	@echo
	@echo "Pacesetter is at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	@echo
	@# A background worker beside the server counts big rounds (tally jobs); it stops with it.
	@# Access log lines print ballot paths as /v/- (a ballot URL is a token).
	SECURE_HTTPS=0 DEBUG=0 $(PACESETTER) db_worker --no-reload --verbosity 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	SECURE_HTTPS=0 DEBUG=0 $(BIN)/gunicorn pacesetter.wsgi --workers 4 --bind 127.0.0.1:$(PORT) \
		--access-logfile - --logger-class pacesetter.evaluation.accesslog.TokenlessAccessLog --graceful-timeout 5

# The suite runs twice: on SQLite, then on PostgreSQL when its server programs are
# installed (under CI they are installed when missing). Both runs always happen; the
# target fails if either failed.
test: setup browser-deps
	@status=0; \
	$(MAKE) --no-print-directory security || status=1; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-postgres || status=1; \
	$(MAKE) --no-print-directory test-cluster || status=1; \
	exit $$status

test-sqlite:
	@echo "== tests on SQLite =="
	@start=$$(date +%s); status=0; \
	env -u DATABASE_URL $(PYTEST) -m "not cluster and not fuzz" tests || status=$$?; \
	echo "== SQLite run: exit $$status, $$(( $$(date +%s) - start )) s =="; \
	exit $$status

test-postgres:
	@if ! { bindir=$$(pg_config --bindir 2>/dev/null) && test -x "$$bindir/initdb" && test -x "$$bindir/pg_ctl"; }; then \
		if [ -n "$$CI" ]; then scripts/apt-install.sh postgresql; \
		else echo "== PostgreSQL server programs not installed (pg_config --bindir): PostgreSQL run SKIPPED ==" >&2; exit 0; fi; \
	fi; \
	echo "== tests on PostgreSQL =="; \
	start=$$(date +%s); status=0; \
	scripts/with-postgres.sh $(PYTEST) -m "not cluster" tests || status=$$?; \
	echo "== PostgreSQL run: exit $$status, $$(( $$(date +%s) - start )) s =="; \
	exit $$status

# Several app nodes behind nginx on one machine (scripts/cluster.py): a PostgreSQL primary and
# streaming replica, Redis, two gunicorn nodes, a worker, nginx on 127.0.0.1:8080 (PORT=...),
# the demo county. Ctrl-C stops everything; the folder is var/cluster/.
cluster: setup
	@missing="$(CLUSTER_MISSING)"; if [ -n "$$missing" ]; then scripts/apt-install.sh $$missing; fi
	$(BIN)/python scripts/cluster.py up --port $(if $(filter command line environment,$(origin PORT)),$(PORT),8080) \
		--seed-demo county --wait

# Multi-node and fault tests against one cluster in a temp folder, in one pytest process (no -n).
# Under CI the Debian packages are installed when missing; elsewhere the run is skipped without them.
test-cluster:
	@missing="$(CLUSTER_MISSING)"; if [ -n "$$missing" ]; then \
		if [ -n "$$CI" ]; then scripts/apt-install.sh $$missing; \
		else echo "== not installed:$$missing (Debian packages): cluster run SKIPPED ==" >&2; exit 0; fi; \
	fi; \
	echo "== cluster tests (PostgreSQL primary + replica, Redis, 2 gunicorn nodes, nginx) =="; \
	start=$$(date +%s); status=0; \
	$(PYTEST_SINGLE) -m cluster tests/cluster || status=$$?; \
	echo "== cluster run: exit $$status, $$(( $$(date +%s) - start )) s =="; \
	exit $$status

# bandit, pip-audit and check --deploy under production settings (scripts/security-checks.sh).
# This machine's package mirror answers pip-audit's per-version JSON with 404 and OSV does not
# resolve: scripts/pip_audit_report.py then audits through PyPI's project JSON, which the mirror
# serves. PIP_AUDIT_OFFLINE_OK=1 only matters when not even that answers (a SKIPPED line instead
# of a failure); make security PIP_AUDIT_OFFLINE_OK=0 makes that a failure too.
PIP_AUDIT_OFFLINE_OK ?= 1
security: .stamp-venv
	@echo "== security checks (bandit, pip-audit, check --deploy) =="
	@PIP_AUDIT_OFFLINE_OK=$(PIP_AUDIT_OFFLINE_OK) scripts/security-checks.sh

# Browser tests drive Debian's Chromium (never a browser downloaded by Playwright).
browser-deps:
	@test -x /usr/bin/chromium && dpkg -s fonts-noto-cjk >/dev/null 2>&1 \
		|| scripts/apt-install.sh chromium fonts-noto-cjk \
		|| { echo "Chromium could not be installed: the browser tests cannot run." >&2; exit 1; }

bench: setup
	$(BIN)/python bench/run.py

# Load and soak through nginx (bench/soak.py): a cluster with the demo county, wrk flat out for
# the peak, then SOAK_MINUTES at 80 % of it; zero errors and one ballot per used token, or it fails.
SOAK_MINUTES ?= 10
soak: setup
	@missing="$(CLUSTER_MISSING)$$(command -v wrk >/dev/null || echo ' wrk')"; \
		if [ -n "$$missing" ]; then scripts/apt-install.sh $$missing; fi
	$(BIN)/python bench/soak.py --minutes $(SOAK_MINUTES) --append-results

messages: .stamp-venv
	@command -v xgettext >/dev/null 2>&1 || scripts/apt-install.sh gettext
	$(PACESETTER) makemessages -l zh_Hans --domain django --add-location file \
		--ignore '$(VENV)/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'var/*' \
		--ignore 'tests/*' --ignore 'bench/*'

clean:
	rm -rf $(VENV) node_modules staticfiles $(VENDOR_DIR) *.egg-info .stamp-*
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
