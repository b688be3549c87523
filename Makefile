# lkjip: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
TAHUN ?= 2023
KECAMATAN ?=

.DEFAULT_GOAL := help
.PHONY: help report test lint check params lab benchmark clean

help: ## Show this list of targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "lkjip needs Python 3.11"'
	./scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $@

report: $(BIN)/.installed ## Render every kecamatan of TAHUN (or KECAMATAN=a,b) into output/, with the index
	$(BIN)/lkjip batch --tahun $(TAHUN) $(if $(KECAMATAN),--kecamatan $(KECAMATAN))

benchmark: $(BIN)/.installed ## Measure the batch against the naive loop (about 25 minutes; SMOKE=1 for 2 kecamatan)
	$(BIN)/python benchmarks/run.py $(if $(SMOKE),--smoke)

test: $(BIN)/.installed ## Run lint, the type check and the whole test suite
	$(BIN)/ruff check lkjip tests
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(BIN)/.installed ## Check the code style with ruff and the types with mypy
	$(BIN)/ruff check lkjip tests
	$(BIN)/ruff format --check lkjip tests
	$(BIN)/mypy

check: $(BIN)/.installed ## Validate the bundled data of TAHUN
	$(BIN)/lkjip check --tahun $(TAHUN)

params: $(BIN)/.installed ## Write params/TAHUN/<slug>.yaml for every kecamatan
	$(BIN)/lkjip params --tahun $(TAHUN)

lab: $(BIN)/.installed ## Open the master notebook in JupyterLab
	$(BIN)/jupyter lab notebooks/lkjip.ipynb

clean: ## Remove generated reports and caches (keeps .venv)
	find output -mindepth 1 -not -name README.md -delete
	rm -rf .pytest_cache .ruff_cache .mypy_cache build *.egg-info
