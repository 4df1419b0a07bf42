# The two commands: `make run` (site with demo content) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test fuzz install migrate seed lint format messages bench bench-pages bench-search \
	bench-holds bench-trips bench-documents bench-webhooks bench-load bench-lighthouse bench-hung-redis clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# axe-core for the browser tests (tests/e2e) and Lighthouse for bench/lighthouse.py, at the
# versions package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund && touch $@; \
	else \
	  echo "npm is not installed: skipping axe-core, so the accessibility tests will be skipped"; \
	fi

install: $(VENV)/.installed node_modules/.installed

# Links in e-mails, printed logins, canonical URLs and the sitemap follow HOST and PORT
# (`make run PORT=9000` gives links on :9000) unless WAGTAILADMIN_BASE_URL says otherwise.
run seed: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# With no real Stripe key, the local fake Stripe (TEST payment pages, signed webhooks) runs on
# 127.0.0.1:$(STRIPE_PORT) beside the site; with no broker, Celery beat runs the scheduled jobs
# (reminders, sweeps, hold expiry) in its own process, where tasks run eagerly. Both stop with it.
STRIPE_PORT ?= 8420

run: seed
	@set -e; children=""; \
	trap 'kill $$children 2>/dev/null' EXIT INT TERM; \
	if [ -z "$$STRIPE_SECRET_KEY" ]; then \
	  STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT); export STRIPE_API_BASE; \
	  $(PY) -m devtools.fake_stripe --host 127.0.0.1 --port $(STRIPE_PORT) \
	    --webhook-url http://$(HOST):$(PORT)/stripe/webhook/ & \
	  children="$$children $$!"; \
	  echo "Payments: the local fake Stripe on $$STRIPE_API_BASE (TEST mode, no real money)."; \
	fi; \
	if [ -n "$$CELERY_BROKER_URL" ]; then \
	  echo "Tasks go to $$CELERY_BROKER_URL: in two more terminals run"; \
	  echo "  $(VENV)/bin/celery -A config worker -Q default,mail,webhooks,images -l info"; \
	  echo "  $(VENV)/bin/celery -A config beat -l info"; \
	else \
	  mkdir -p var; \
	  $(VENV)/bin/celery -A config beat -l warning -s var/celerybeat-schedule & \
	  children="$$children $$!"; \
	  echo "Scheduled jobs (reminders, sweeps): Celery beat runs them in the background."; \
	fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# One pytest-xdist process per core, each test file kept in one process (its module fixtures
# and transactional tests stay together); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The long hostile-input run: 1,000 examples per endpoint (10,000 requests) instead of the 100
# that `make test` sends. Run it before a release and after changing a form, a view's input
# handling or the webhook (README, "Testing").
fuzz: install
	FUZZ_EXAMPLES=1000 $(PY) -m pytest tests/security/test_fuzzing.py $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages --locale ja --ignore '.venv/*' --ignore 'bench/*'
	$(PY) manage.py compilemessages --locale ja --ignore '.venv/*'

# Every benchmark in turn against PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379), each
# writing bench/results/<name>.json; one failing does not stop the others, and make fails at the
# end. See bench/README.md.
BENCHES := pages search holds trips documents webhooks load lighthouse hung_redis

bench: install
	@failed=""; \
	for name in $(BENCHES); do \
	  echo "== bench/$$name.py"; \
	  $(PY) bench/$$name.py || failed="$$failed $$name"; \
	done; \
	if [ -n "$$failed" ]; then echo "failed:$$failed"; exit 1; fi; \
	echo "all benchmarks done: bench/results/*.json"

bench-pages: install
	$(PY) bench/pages.py

bench-search: install
	$(PY) bench/search.py

bench-holds: install
	$(PY) bench/holds.py

bench-trips: install
	$(PY) bench/trips.py

bench-documents: install
	$(PY) bench/documents.py

bench-webhooks: install
	$(PY) bench/webhooks.py

bench-load: install
	$(PY) bench/load.py $(BENCH_LOAD_ARGS)

bench-hung-redis: install
	$(PY) bench/hung_redis.py

# Lighthouse (node_modules, pinned in package-lock.json) with Debian's chromium (CHROME_PATH).
bench-lighthouse: install
	$(PY) bench/lighthouse.py $(BENCH_LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media var staticfiles
