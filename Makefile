# lkjip: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# uv from the venv, on the venv; it never downloads a Python (only the system's is used).
UV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(BIN)/uv
SYNC := $(UV) sync --frozen --quiet --compile-bytecode --extra test
# Any Python from 3.11 is accepted; 3.11 is the one tested.
define PYTHON_CHECK
import sys
v = sys.version_info[:2]
v >= (3, 11) or sys.exit("lkjip needs Python 3.11 or newer")
v == (3, 11) or print(f"Warning: lkjip is tested on Python 3.11 only, not {v[0]}.{v[1]}.", file=sys.stderr)
endef
export PYTHON_CHECK
TAHUN ?= 2023
KECAMATAN ?=

.DEFAULT_GOAL := help
.PHONY: help report test lint check params lab lab-narasi lock benchmark clean

help: ## Show this list of targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The venv is made by the system Python (3.11 is the one tested); the uv pinned in uv.lock is
# installed into it with pip (hash-checked), then installs the locked versions: lkjip (editable)
# with its test extra. .installed marks a venv in step with pyproject.toml and uv.lock.
$(BIN)/.installed: pyproject.toml uv.lock
	@$(PYTHON) -c "$$PYTHON_CHECK"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python scripts/uv-requirement.py | $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r /dev/stdin
	$(SYNC)
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $@

# JupyterLab is an extra of its own; a later sync of .installed removes it and `make lab` puts it back.
$(BIN)/.lab: $(BIN)/.installed
	$(SYNC) --extra lab
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

lab: $(BIN)/.lab ## Open the master notebook in JupyterLab (installs the lab extra)
	$(BIN)/jupyter lab notebooks/lkjip.ipynb

lab-narasi: $(BIN)/.lab ## Write/update and open one kecamatan's narrative notebook: make lab-narasi KECAMATAN=ajibarang TAHUN=2023
	$(BIN)/lkjip narasi --kecamatan $(KECAMATAN) --tahun $(TAHUN)
	$(BIN)/jupyter lab data/kecamatan/$(KECAMATAN)/$(TAHUN)/narasi.ipynb

lock: $(BIN)/.installed ## Re-lock after a change to pyproject.toml (UPGRADE="a b" moves those packages) and rewrite environment.yml
	$(UV) lock $(foreach p,$(UPGRADE),--upgrade-package $(p))
	UV=$(BIN)/uv ./scripts/environment-yml.sh

# Final reports, ledgers, receipts and altered archives set aside are evidence: lkjip.clean keeps them.
# It needs only the standard library, so it runs with the system Python before .venv exists.
clean: ## Remove draft reports and caches (keeps .venv, final reports, riwayat.jsonl, SHA256SUMS, tanda_terima/, _diubah/)
	$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) -m lkjip.clean output
	rm -rf .pytest_cache .ruff_cache .mypy_cache build *.egg-info
