# The two commands that set everything up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# The editors' languages: catalogues kept as .po in the repository, compiled here (never committed).
# Extra options for build.py, e.g. `make check ARGS=--external` or `make build ARGS=--strict`.
ARGS ?=
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard arsip/locale/*/LC_MESSAGES/arsip.po))

.PHONY: build serve check test lint test-tools admin-tools lighthouse bench bench-form clean messages

build: $(STAMP) $(CATALOGUES)
	$(PY) build.py build $(ARGS)

serve: $(STAMP) $(CATALOGUES) admin-tools
	$(PY) build.py serve --drafts $(ARGS)

check: $(STAMP) $(CATALOGUES)
	$(PY) build.py check $(ARGS)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

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

lint: $(STAMP)
	$(PY) -m ruff check .

test: $(STAMP) $(CATALOGUES) test-tools
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist worksteal  # two processes: CI has two cores

lighthouse: build test-tools
	$(PY) scripts/lighthouse.py

clean:
	rm -rf output .arsip-cache tests/artifacts

bench: $(STAMP) bench-form
	$(PY) bench/run.py --sizes 1000,10000 --peers

# The editors' form: from "Publish now" at /admin/ to the release shown in the preview.
bench-form: $(STAMP) $(CATALOGUES) test-tools admin-tools
	$(PY) bench/form.py
