# Everything a fresh machine with Python 3.11+ and Node/npm needs goes through these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MERMAID_VERSION := 11.12.2
MERMAID_SHA256 := d0830a6c05546e9edb8fe20a8f545f3e0dc7c4c3134d584bad9c13a99d7a71e0
MERMAID_JS := docs/assets/vendor/mermaid.min.js
MERMAID_STAMP := docs/assets/vendor/.mermaid-$(MERMAID_VERSION)
HOST ?= 127.0.0.1:8000
# Material prints a multi-line end-of-life notice on every run; it is not about this project.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check generate bench clean distclean

# --dirty rebuilds only pages whose Markdown changed: the generator rewrites exactly the pages an
# edit affects, so a saved YAML file is served in about a second instead of four.
serve: $(INSTALLED) $(MERMAID_STAMP)
	$(BIN)/mkdocs serve --livereload --dirty -a $(HOST)

# Built into a scratch folder first, so a failed build leaves the previous site/ as it was.
build: $(INSTALLED) $(MERMAID_STAMP)
	$(BIN)/python -m generator check
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --quiet -d site.tmp || { rm -rf site.tmp; exit 1; }
	rm -rf site && mv site.tmp site

test: $(INSTALLED) $(MERMAID_STAMP)
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check generator tests

# Synthetic organisations of 100 and 1,000 positions, then the sample; prints a table (see README, Performance).
bench: $(INSTALLED) $(MERMAID_STAMP)
	$(BIN)/python tests/bench.py $(BENCH_SIZES)

check: $(INSTALLED)
	$(BIN)/python -m generator check

generate: $(INSTALLED)
	$(BIN)/python -m generator generate

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Mermaid's single-file browser bundle from the npm registry, pinned and checksum-verified.
$(MERMAID_STAMP):
	@mkdir -p $(dir $(MERMAID_JS))
	@tmp=$$(mktemp -d) && \
	  (cd $$tmp && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null) && \
	  tar -xzf $$tmp/mermaid-$(MERMAID_VERSION).tgz -C $$tmp package/dist/mermaid.min.js && \
	  echo "$(MERMAID_SHA256)  $$tmp/package/dist/mermaid.min.js" | sha256sum --check --quiet && \
	  mv $$tmp/package/dist/mermaid.min.js $(MERMAID_JS) && rm -rf $$tmp
	@rm -f docs/assets/vendor/.mermaid-*
	@touch $@
	@echo "fetched mermaid $(MERMAID_VERSION) into $(MERMAID_JS)"

clean:
	rm -rf site site.tmp generated .pytest_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) docs/assets/vendor *.egg-info
