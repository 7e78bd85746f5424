# The two commands: `make run` serves the archive, `make test` runs every test.
# Both work on a fresh machine with Python 3.11: they make the virtualenv themselves.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export MALLOC_MMAP_THRESHOLD_ = 268435456
export MALLOC_TRIM_THRESHOLD_ = 1073741824

.PHONY: run test lint setup serve clean-venv bench browser converters ocr

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Migrate, collect static files, load the seed replies into an empty archive, make the admin account;
# read the commitments of an archive made before them (only what changed is written), group repeat proposals
# (only changed proposals' words are read again), then index.
setup: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_seed_replies
	$(PY) manage.py ensure_admin
	$(PY) manage.py create_clerk_group
	$(PY) manage.py derive_commitments
	$(PY) manage.py group_repeats
	$(PY) manage.py rebuild_search_index

# The search indexer (the index's one writer; it restarts its worker if that dies) and the upload worker (reads
# uploaded files in the background) run beside gunicorn. The trap signals each by its own pid: django-q2's
# processes stop in order when their parent is told, and hang when all are signalled at once.
serve: $(VENV)/.runtime
	$(PY) manage.py run_search_indexer & indexer=$$!; \
	$(PY) manage.py run_upload_worker & uploads=$$!; \
	trap 'kill $$indexer $$uploads 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn --config config/gunicorn.conf.py config.wsgi

run: converters ocr setup serve

# Debian's chromium and a CJK font for the browser tests, and axe-core (npm) for their accessibility
# checks; installs them as root, fails clearly otherwise.
browser:
	@sh scripts/install_browser.sh
	@sh scripts/install_axe.sh

# LibreOffice to read .doc and .wps uploads, installed as root; without root the site runs without those two formats.
converters:
	@sh scripts/install_converters.sh

# Tesseract and its simplified-Chinese model to read scans, installed as root; without root the site runs and the
# upload page says scans cannot be read until they are installed.
ocr:
	@sh scripts/install_ocr.sh

# Ruff's lint rules (pyproject.toml) over the whole repository; `make test` runs it first, and a finding fails it.
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

# Every test on SQLite (the embedded default), then every database test again on a throwaway
# PostgreSQL server that scripts/with_postgres.sh installs, starts and removes (the browser tests
# exercise pages, not the database, so they run once). pytest exits 5 when it collected nothing:
# that is a failure of the suite, never a pass. The engines were just installed, so a test that needs one fails
# without it instead of skipping (tests/engines.py).
test: export ARCHIVE_REQUIRE_ENGINES = 1
test: lint browser converters ocr
	$(PY) -m pytest $(PYTEST_ARGS)
	sh scripts/with_postgres.sh $(PY) -m pytest -m "not slow" -p no:cacheprovider $(PYTEST_ARGS)

clean-venv:
	rm -rf $(VENV)

# Speed at 1,000 and 10,000 generated replies beside the SQL baseline (benchmarks/bench.py): `make bench`,
# or one size: `make bench N=100000`. Tables go to benchmarks/results/.
bench: $(VENV)/.runtime
	for n in $(or $(N),1000 10000); do N=$$n $(PY) benchmarks/bench.py || exit 1; done
