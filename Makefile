# thaw: `make demo` and `make test` work on a fresh machine with Python 3.11 and access to PyPI.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Pins apply to build requirements too (setuptools in pip's isolated build env).
export PIP_CONSTRAINT := $(CURDIR)/requirements/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck unit install lock clean browser

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "thaw needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/thaw demo

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's Chromium; install it where we can (root, apt), else they skip.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium and chromium-driver for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "no Chromium and no root to install it: the browser tests will be skipped"; fi; \
	fi

test: lint typecheck browser unit

lock:
	rm -rf /tmp/thaw-lock && $(PYTHON) -m venv /tmp/thaw-lock
	PIP_CONSTRAINT= /tmp/thaw-lock/bin/pip install --quiet --upgrade -e '.[test]' setuptools wheel
	{ echo '# Pinned versions of every package thaw installs (runtime, test tools, build backend).'; \
	  echo '# Regenerate: make lock (fresh venv, resolve, freeze).'; \
	  /tmp/thaw-lock/bin/pip freeze --all --exclude-editable | grep -Ev '^(-e|pip==)'; \
	} > requirements/constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
