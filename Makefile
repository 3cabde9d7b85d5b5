# The two commands that set everything up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What `make build` installs is requirements.lock, exactly (hashes checked); `make test` adds requirements-test.lock.
# Both are made from pyproject.toml by `make lock` (pip-tools); a changed lock makes .venv anew, so nothing else lingers.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.tests-$(shell cat requirements-test.lock | cksum | cut -d' ' -f1)
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
# The editors' languages: catalogues kept as .po in the repository, compiled here (never committed).
# Extra options for build.py, e.g. `make check ARGS=--external` or `make build ARGS=--strict`.
ARGS ?=
LOCK_OPTIONS := --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard arsip/locale/*/LC_MESSAGES/arsip.po))

.PHONY: build serve check test lint lock test-tools admin-tools lighthouse bench bench-form clean messages

# Arsip's modules compiled ahead (only those changed since): where Python is told not to write bytecode
# (PYTHONDONTWRITEBYTECODE, as on CI), every start of the command would otherwise compile them all again (~0.2 s).
BYTECODE = $(PY) -m compileall -q arsip build.py

build: $(STAMP) $(CATALOGUES)
	$(BYTECODE)
	$(PY) build.py build $(ARGS)

serve: $(STAMP) $(CATALOGUES) admin-tools
	$(BYTECODE)
	$(PY) build.py serve --drafts $(ARGS)

check: $(STAMP) $(CATALOGUES)
	$(BYTECODE)
	$(PY) build.py check $(ARGS)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 2; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements.lock
	$(PIP) --no-deps -e .
	touch $@

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(PIP) --require-hashes --no-deps -r requirements-test.lock
	touch $@

# After changing the dependencies in pyproject.toml: pin them again (pip-tools, in a venv of its own).
lock:
	test -x .lock-venv/bin/pip-compile || { $(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet 'pip-tools>=7.4,<8'; }
	.lock-venv/bin/pip-compile $(LOCK_OPTIONS) --extra test -o requirements-test.lock pyproject.toml
	.lock-venv/bin/pip-compile $(LOCK_OPTIONS) -c requirements-test.lock -o requirements.lock pyproject.toml

%.mo: %.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

# After changing editor-facing text in arsip/: gather it, then translate the new entries of each .po.
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k tr -k trn:1,2 --add-location=file --no-wrap --omit-header -o arsip/locale/arsip.pot .
	$(VENV)/bin/pybabel update -i arsip/locale/arsip.pot -d arsip/locale -D arsip --no-wrap --ignore-obsolete --no-fuzzy-matching

test-tools:
	bash scripts/install-test-tools.sh

# Decap CMS, the form the preview serves at /admin/ (pinned in package-lock.json).
admin-tools:
	bash scripts/install-admin.sh

lint: $(TEST_STAMP)
	$(PY) -m ruff check .

# The tests' temporary files (hundreds of sites built, served and deleted) go to a RAM disk where there is one:
# on a disk mounted with `discard`, as CI's is, deleting a file costs about 1 ms; on tmpfs a hundredth of that.
# One folder per checkout, emptied before and removed after the run.
TEST_WORKERS ?= 2
TEST_TMP := $(shell d=/dev/shm; [ -d $$d ] && [ -w $$d ] || d=$${TMPDIR:-/tmp}; echo "$$d/arsip-tests-$$(printf %s '$(CURDIR)' | cksum | cut -d' ' -f1)")

test: $(TEST_STAMP) $(CATALOGUES) test-tools
	$(PY) -m ruff check .
	$(BYTECODE)
	rm -rf $(TEST_TMP) && mkdir -p $(TEST_TMP)
	TMPDIR=$(TEST_TMP) $(PY) -m pytest -n $(TEST_WORKERS) --dist load --basetemp=$(TEST_TMP)/pytest; status=$$?; rm -rf $(TEST_TMP); exit $$status  # two processes: CI has two cores

lighthouse: build $(TEST_STAMP) test-tools
	test -f scripts/lighthouse-tools/node_modules/.package-lock.json -a ! scripts/lighthouse-tools/package-lock.json -nt scripts/lighthouse-tools/node_modules/.package-lock.json || npm ci --prefix scripts/lighthouse-tools --no-audit --no-fund --loglevel=error
	$(PY) scripts/lighthouse.py

clean:
	rm -rf output .arsip-cache tests/artifacts

bench: $(STAMP) bench-form
	$(PY) bench/run.py --sizes 1000,10000 --peers

# The editors' form: from "Publish now" at /admin/ to the release shown in the preview.
bench-form: $(TEST_STAMP) $(CATALOGUES) test-tools admin-tools
	$(PY) bench/form.py
