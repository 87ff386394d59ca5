# Every target installs what it needs first, so each works on a fresh clone.
PYTHON ?= python3.11
VENV := .venv
CODEGEN_VENV := .venv-codegen
COMPAT_VENV := .venv-compat
FLOORS_VENV := .venv-floors
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CODEGEN_STAMP := $(CODEGEN_VENV)/.installed
COMPAT_STAMP := $(COMPAT_VENV)/.installed
FLOORS_STAMP := $(FLOORS_VENV)/.installed
GENERATED := labelbox/_generated
# Test processes of the pytest stages (pytest-xdist). Most tests wait on a server, which is a
# process of its own, so two test processes keep two cores busy; `--dist loadscope` keeps a
# module's tests (and its module-scoped servers) in one process.
TEST_PROCESSES ?= 2
XDIST = -n $(TEST_PROCESSES) --dist loadscope

.PHONY: help install codegen codegen-check lint layers typecheck schema-check test test-unit test-postgres test-http-workers test-floors dist-check compat bench bench-server demo clean

help:
	@echo "make demo           run examples/quickstart.py against a fresh local server"
	@echo "make test           every check and test (what CI runs)"
	@echo "make install        build .venv with the SDK, the server and the dev tools"
	@echo "make codegen        regenerate labelbox/_generated from schema/ and queries/"
	@echo "make codegen-check  regenerate from scratch and fail on any difference"
	@echo "make compat         run the official SDK 3.36.0 against our server"
	@echo "make bench          benchmark our SDK against the official one, and the server"
	@echo "make bench-server   the server benchmark (AGAINST=<commit> to compare with one)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# The distribution was called `labelbox` before it had a name of its own.
	$(PY) -m pip uninstall --quiet --yes labelbox 2>/dev/null || true
	$(PY) -m pip install --quiet -e '.[server,dev,progress,cli,s3]'
	touch $@

install: $(STAMP)

$(CODEGEN_STAMP): codegen/requirements.txt
	$(PYTHON) -m venv $(CODEGEN_VENV)
	$(CODEGEN_VENV)/bin/pip install --quiet -r codegen/requirements.txt
	touch $@

$(COMPAT_STAMP): tests/compat/requirements.txt
	$(PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/pip install --quiet -r tests/compat/requirements.txt
	touch $@

# The SDK alone, with the lowest versions of its dependencies that pyproject.toml admits.
$(FLOORS_STAMP): pyproject.toml tests/floors/pins.py
	$(PYTHON) -m venv $(FLOORS_VENV)
	$(FLOORS_VENV)/bin/pip install --quiet $$($(PYTHON) tests/floors/pins.py) 'pytest>=8'
	$(FLOORS_VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

codegen: $(CODEGEN_STAMP)
	PYTHONPATH=. $(CODEGEN_VENV)/bin/ariadne-codegen --config codegen/ariadne.toml

codegen-check: $(CODEGEN_STAMP) $(STAMP)
	$(CODEGEN_VENV)/bin/python codegen/check_config.py codegen/ariadne.toml
	rm -rf $(GENERATED)
	PYTHONPATH=. $(CODEGEN_VENV)/bin/ariadne-codegen --config codegen/ariadne.toml > /dev/null
	$(PY) -m pytest -q tests/contract
	$(CODEGEN_VENV)/bin/python -m pytest -q -p no:cacheprovider -o addopts="" tests/codegen
	@changes="$$(git status --porcelain -- $(GENERATED))"; \
	if [ -n "$$changes" ]; then \
		echo "$(GENERATED) differs from what schema/ and queries/ generate:"; echo "$$changes"; \
		git --no-pager diff --stat -- $(GENERATED); exit 1; \
	fi
	@echo "codegen-check: $(GENERATED) is up to date"

lint: $(STAMP)
	$(VENV)/bin/ruff check labelbox labelbox_server tests bench examples codegen
	$(VENV)/bin/ruff format --check labelbox labelbox_server tests bench examples codegen

# import-linter contracts (pyproject.toml, [tool.importlinter]): the layers of both packages.
layers: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(STAMP)
	$(VENV)/bin/mypy labelbox labelbox_server tests/typing tests/server tests/integration tests/unit tests/properties examples

test-unit: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider $(XDIST) tests --ignore=tests/compat --ignore=tests/codegen --ignore=tests/floors --ignore=tests/dist --ignore=tests/schema

# The server-backed tests once more, on a PostgreSQL cluster the tests start themselves.
test-postgres: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider $(XDIST) tests/integration tests/server --postgres

# The server-backed tests with every server on 2 HTTP processes (not part of `make test`: CI
# covers several processes through compat, which runs on 2, and tests/server/test_http_workers.py).
test-http-workers: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider $(XDIST) tests/integration tests/server --http-workers 2

# Unit tests and a round trip against a server process, at the dependency floors.
test-floors: $(STAMP) $(FLOORS_STAMP)
	LABELBOX_SERVER_BIN=$(abspath $(VENV)/bin/labelbox-server) \
		$(FLOORS_VENV)/bin/python -m pytest -q -p no:cacheprovider -o addopts="" tests/unit tests/floors

# The live schema of a local server equals the SDL; no unlisted breaking change since the release.
schema-check: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider tests/schema

# The wheel and sdist as users get them: built, installed alone into a clean venv, used.
dist-check: $(STAMP)
	LABELBOX_SERVER_BIN=$(abspath $(VENV)/bin/labelbox-server) \
		$(PY) -m pytest -q -p no:cacheprovider tests/dist

# -P keeps the repository's own `labelbox` off sys.path: this venv has the official one.
compat: $(STAMP) $(COMPAT_STAMP)
	cd tests/compat && LABELBOX_SERVER_BIN=$(abspath $(VENV)/bin/labelbox-server) \
		$(abspath $(COMPAT_VENV))/bin/python -P -m pytest -q -c pytest.ini $(XDIST)

test: codegen-check lint layers typecheck schema-check test-unit test-postgres test-floors dist-check compat
	@echo "make test: all checks passed"

# AGAINST=<commit> adds that commit's server to the server section (e.g. AGAINST=main).
bench: $(STAMP) $(COMPAT_STAMP)
	$(PY) bench/run.py --official-python $(abspath $(COMPAT_VENV)/bin/python) $(if $(AGAINST),--against $(AGAINST))

# The server section alone (bench/server.py): floor, AGAINST (if given) and this tree.
bench-server: $(STAMP)
	$(PY) bench/server.py $(if $(AGAINST),--against $(AGAINST))

demo: $(STAMP)
	$(PY) examples/run_demo.py

clean:
	rm -rf $(VENV) $(CODEGEN_VENV) $(COMPAT_VENV) $(FLOORS_VENV) .mypy_cache .ruff_cache .pytest_cache
