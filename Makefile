# The two commands that set everything up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: build serve check test lint test-tools lighthouse bench clean

build: $(STAMP)
	$(PY) build.py build

serve: $(STAMP)
	$(PY) build.py serve --drafts

check: $(STAMP)
	$(PY) build.py check

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

test-tools:
	bash scripts/install-test-tools.sh

lint: $(STAMP)
	$(PY) -m ruff check .

test: $(STAMP) test-tools
	$(PY) -m ruff check .
	$(PY) -m pytest

lighthouse: build test-tools
	$(PY) scripts/lighthouse.py

clean:
	rm -rf output .arsip-cache tests/artifacts

bench: $(STAMP)
	$(PY) bench/run.py --sizes 1000,10000 --peers
