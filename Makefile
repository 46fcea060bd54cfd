# Two commands do everything on a fresh machine:  `make run`  (set up + materialise)  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/dagster_home

.PHONY: setup run test test-slow lint dev bench bench-long sql browser

$(BIN)/dagster: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/dagster instance migrate >/dev/null  # create the instance's storage once, before two processes race to
	touch $@

setup: $(BIN)/dagster browser

# Chromium and its driver for the browser test, and a font for Chinese chart labels: Debian packages, installed
# where missing when run as root with apt-get; elsewhere the browser test is skipped and says why.
BROWSER_PACKAGES := chromium chromium-driver fonts-wqy-zenhei
browser:  ## Chromium, chromedriver and a CJK font (apt-get, as root), where missing
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(BROWSER_PACKAGES) (apt-get)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null) \
			|| echo "could not install $(BROWSER_PACKAGES): the browser test will be skipped"; \
	else echo "$(BROWSER_PACKAGES) not installed (needs root and apt-get): the browser test will be skipped"; fi

run: setup  ## materialise every asset on seeds/ into warehouse/zhnews.duckdb
	$(BIN)/dagster asset materialize -m pipelines.definitions --select '*'

test: setup  ## the test suite (the slow end-to-end tests too)
	$(BIN)/pytest -m 'slow or not slow' -q -n 2 --dist loadfile  # two processes, a test file each: the end-to-end tests mostly wait on child processes

lint: setup
	$(BIN)/ruff check .

dev: setup  ## the Dagster UI on http://127.0.0.1:3000, with sensors and schedules running
	$(BIN)/dagster dev -h 127.0.0.1 -p 3000

sql: setup  ## an interactive read-only SQL shell on warehouse/zhnews.read.duckdb (.tables, .examples, .run NAME)
	@$(BIN)/python -m zhnews.shell

bench: setup  ## the README's performance table: the real news dumps (3 runs, +1,000 of its articles), then 10, 30 and 100 MB generated corpora once each, 30 MB again on a private Ray (about 14 minutes)
	$(BIN)/python -m bench.run --real --repeat 3 --new-files 1000
	$(BIN)/python -m bench.run --mb 10 30 100
	$(BIN)/python -m bench.run --mb 30 --engine ray
	$(BIN)/python -m bench.run --mb 10 30 --workers 1 --new-files 0

bench-long: setup  ## cost per stage of one article of 0.1, 1, 4 and 16 MB next to the seeds (README, "One long document")
	$(BIN)/python -m bench.long_document
