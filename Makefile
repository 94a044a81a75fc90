# thidua: two commands for a newcomer.
#   make run   creates .venv, installs, migrates the SQLite database, loads the demo data, serves
#   make test  installs with the test extras and runs the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test check lint clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "thidua: $(PYTHON) not found: install Python 3.11 or newer"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "thidua: Python 3.11 or newer is needed, found $$($(PYTHON) -V 2>&1)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { rm -rf $(VENV); echo "thidua: cannot create a virtual environment: install the venv module (Debian: apt-get install python3-venv)"; exit 1; }
	@$(BIN)/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "thidua: installing the project into $(VENV)"
	@$(BIN)/pip install -q -e . || { echo "thidua: pip could not install the project (see above)"; exit 1; }
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "thidua: installing the project with its test extras into $(VENV)"
	@$(BIN)/pip install -q -e '.[test]' || { echo "thidua: pip could not install the test extras (see above)"; exit 1; }
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	@$(BIN)/thidua check
	@$(BIN)/thidua migrate
	@$(BIN)/thidua demo-data
	@$(BIN)/thidua serve

test: $(VENV)/.installed-test
	@$(BIN)/thidua check --system
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check app tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
