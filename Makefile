# The course's commands. `make lab` to learn, `make test` to check everything.
# Both create .venv on first use; later runs reinstall only when requirements.txt
# or pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
# Validated outputs never depend on a GPU (see COURSE design, "Validation").
CPU := LSTM_COURSE_DEVICE=cpu
# Nor on the shell's matplotlib backend: every lesson's set-up cell runs %matplotlib inline,
# and validated runs pin the same backend before the kernel starts (MPLBACKEND=Agg in a
# shell would otherwise store figures as "<Figure size ...>" text in any cell before it).
INLINE := MPLBACKEND=module://matplotlib_inline.backend_inline

.PHONY: help catalogs nbdime lab fresh lab-source test unit test-browser test-site notebooks benchmark benchmark-site lint clean site site-serve

help:  ## every target with what it does
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20

$(READY): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab_overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(READY)

lab: $(READY)  ## JupyterLab on your own copies of the lessons (my-notebooks/), 127.0.0.1, token on
	$(BIN)/python tools/lab.py

fresh: $(READY)  ## a fresh copy of one lesson, e.g. make fresh LESSON=03 (yours is kept as a backup)
	@test -n "$(LESSON)" || { echo "Say which lesson: make fresh LESSON=03"; exit 2; }
	$(BIN)/python tools/lab.py fresh $(LESSON)

lab-source: $(READY)  ## contributors: JupyterLab on the committed lessons in notebooks/
	$(BIN)/python tools/lab.py source

test: $(READY)  ## unit tests + every notebook re-run and compared by nbval + the browser tests (JupyterLab, website)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory site; else echo "npm is missing: the website is not built and its browser tests skip (Debian: apt-get install nodejs npm)"; fi
	$(CPU) $(INLINE) $(BIN)/python -m pytest -rs

unit: $(READY)  ## the package's tests only (no notebooks, no browser): the inner loop
	$(CPU) $(INLINE) $(BIN)/python -m pytest -q tests --ignore=tests/test_browser.py --ignore=tests/test_site.py

test-browser: $(READY)  ## lessons 01 and 03 in JupyterLab and headless Chromium: run all, move a slider
	$(CPU) $(BIN)/python -m pytest -rs tests/test_browser.py

test-site: site  ## the website's pages in headless Chromium: offline, links, images, math, axe-core, search
	$(BIN)/python -m pytest -rs tests/test_site.py

notebooks: $(READY)  ## re-execute every notebook in place, in a fresh kernel
	$(CPU) $(INLINE) $(BIN)/python tools/execute_notebooks.py

benchmark: $(READY)  ## median time and peak memory of each notebook
	$(CPU) $(BIN)/python benchmarks/notebook_times.py

benchmark-site: site  ## the website's budgets: build time, size, heaviest page, first render
	$(BIN)/python benchmarks/site.py

lint: $(READY)  ## ruff over the package, tests, tools, benchmarks and notebooks
	$(BIN)/ruff check lstm_course tests benchmarks tools notebooks

nbdime: $(READY)  ## once per clone: git diff/merge show notebooks as cells (nbdime)
	$(BIN)/nbdime config-git --enable

clean:  ## remove .venv (the next command rebuilds it)
	rm -rf $(VENV)

SITE_READY := $(VENV)/.site-installed
NODE_READY := node_modules/.installed

$(SITE_READY): requirements-site.txt $(READY)
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	touch $(SITE_READY)

$(NODE_READY): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"; exit 2; }
	npm ci --no-audit --no-fund
	touch $(NODE_READY)

site: $(SITE_READY) $(NODE_READY)  ## the course website in site/_build/html (Spanish in es/), from the committed notebooks (not re-executed)
	@# -a: every page is written again, since its language switch depends on the other edition's lessons.
	@# Spanish is built beside html/ and then copied in: myst-nb writes jupyter_execute/ next to the output folder.
	$(BIN)/sphinx-build -b html -a -W --keep-going -q -d site/_build/doctrees site site/_build/html
	$(BIN)/sphinx-build -b html -a -W --keep-going -q -d site/_build/doctrees-es site/es site/_build/es
	rm -rf site/_build/html/es && cp -r site/_build/es site/_build/html/es

site-serve: site  ## serve the website on 127.0.0.1 and print its address
	@echo "Serving the course website at http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site/_build/html

POT := lstm_course/locale/lstm_course.pot
PO := lstm_course/locale/es/LC_MESSAGES/lstm_course.po

catalogs: $(READY)  ## contributors: extract messages to the .pot, update the Spanish .po, compile the .mo
	PYTHONPATH=tools $(BIN)/python -m babel.messages.frontend extract -F babel.cfg -k _ -k ngettext:1,2 --no-location --sort-output -o $(POT) lstm_course
	test -f $(PO) || $(BIN)/python -m babel.messages.frontend init -D lstm_course -i $(POT) -d lstm_course/locale -l es
	$(BIN)/python -m babel.messages.frontend update -D lstm_course -i $(POT) -d lstm_course/locale -l es --no-fuzzy-matching
	$(BIN)/python -m babel.messages.frontend compile -D lstm_course -d lstm_course/locale -l es --statistics
