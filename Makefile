# Chronicle: `make run` builds a release from seeds/, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120

.PHONY: run test browser lint lock bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==0.13.9

# Bytecode is compiled at install (as pip does, and uv does not by default): with
# PYTHONDONTWRITEBYTECODE set, every start would otherwise recompile Prefect's server and client.
$(VENV)/.runtime: requirements.lock pyproject.toml Makefile | $(BIN)/activate
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock pyproject.toml Makefile $(VENV)/.runtime
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements-dev.lock
	touch $@

run: $(VENV)/.runtime  ## build and publish a release from seeds/ into data/
	$(BIN)/python -m compileall -q flows schemas
	$(BIN)/chronicle run --seeds seeds --out data

test: $(VENV)/.dev  ## run the whole test suite
	$(BIN)/python -m pytest

# The browser test uses a Chromium already on the machine and skips without one; `make test`
# never installs system packages, this target does (Debian's package, as root or through sudo).
browser:  ## install Debian's chromium for the browser test
	test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: $(VENV)/.dev
	$(BIN)/ruff check flows schemas tests benchmarks eval
	$(BIN)/ruff format --check flows schemas tests benchmarks eval

# README.md's tables of figures are rewritten from benchmarks/results/ after the runs.
bench: $(VENV)/.dev  ## benchmarks and evaluation on ../shared/corpora (skipped when absent)
	$(BIN)/python -m benchmarks.extraction
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.evaluation
	$(BIN)/python -m benchmarks.readme

lock:  ## re-pin dependencies after editing pyproject.toml
	$(UV) pip compile pyproject.toml -p 3.11 --no-header -o requirements.lock
	$(UV) pip compile pyproject.toml -p 3.11 --no-header --extra dev -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache
