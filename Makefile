# Everything a new machine needs is installed from here: `make test`, `make run`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install run test test-sqlite test-postgres lint format bench bench-count bench-load clean golden

# `make run` needs only the bot and its dependencies.
$(VENV)/.installed-run: pyproject.toml setup.py $(wildcard bot/matching/*.c bot/matching/*.h)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Tests, lint and benchmarks also need the dev tools.
$(VENV)/.installed: pyproject.toml setup.py $(wildcard bot/matching/*.c bot/matching/*.h)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed

# `mentorbot run` checks the settings and the tokens first, then migrates the database.
run: $(VENV)/.installed-run
	$(BIN)/mentorbot run

lint: install
	$(BIN)/python .ci/check_file_names.py
	$(BIN)/python .ci/check_keyword_ids.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-sqlite: install
	@echo "== tests on SQLite"
	TEST_DATABASE_URL= $(BIN)/python -m pytest

# Without a PostgreSQL server this pass is skipped, except under CI (CI set, and not
# "false" or "0"), where a silent skip would hide that half the suite never ran.
test-postgres: install
	@if $(BIN)/python -m tests.support.postgres "$(TEST_DATABASE_URL)"; then \
		echo "== tests on PostgreSQL ($(TEST_DATABASE_URL))"; \
		TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m pytest -m "not db_independent"; \
	elif [ -n "$$CI" ] && [ "$$CI" != "false" ] && [ "$$CI" != "0" ]; then \
		echo "== PostgreSQL not reachable at $(TEST_DATABASE_URL): FAILED (CI=$$CI, so the PostgreSQL run is required)" >&2; \
		exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(TEST_DATABASE_URL): PostgreSQL run SKIPPED (set CI=true to make this an error)"; \
	fi

test: lint test-sqlite test-postgres

# Matching on every cohort family at 10k and 50k people; BENCH_ARGS=--big adds 100k.
bench: install
	$(BIN)/python benchmarks/bench_matching.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_resolve.py
	$(BIN)/python benchmarks/bench_circles.py
	$(BIN)/python benchmarks/bench_autocomplete.py
	$(BIN)/python benchmarks/bench_admin_home.py
	$(BIN)/python benchmarks/bench_delivery.py

# The matching matrix counted in instructions under valgrind, not timed: the same figures in
# every run, whatever else the machine does (slow: 21 minutes for all families here).
bench-count: install
	$(BIN)/python benchmarks/bench_matching.py --instructions $(BENCH_ARGS)

# The HTTP app on PostgreSQL (TEST_DATABASE_URL's server) under 50 signed clients for 60 s.
bench-load: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_load.py --server-url "$(TEST_DATABASE_URL)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# Every message, modal and Home view the bot sends, on one page: build/gallery.html.
.PHONY: gallery
gallery: install
	$(BIN)/python -m tools.gallery --out build/gallery.html

# Re-record tests/golden/payloads.json.gz: the suite twice on SQLite, once on PostgreSQL
# when it answers; only tests whose payloads agree in every run are kept. Review the diff.
# A failing test is not recorded (and the build goes on): its calls stop short.
GOLDEN_RUNS ?= build/golden-runs
golden: install
	rm -rf $(GOLDEN_RUNS)
	-MENTORBOT_RECORD_PAYLOADS=$(GOLDEN_RUNS)/sqlite-1 TEST_DATABASE_URL= $(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/matching
	-MENTORBOT_RECORD_PAYLOADS=$(GOLDEN_RUNS)/sqlite-2 TEST_DATABASE_URL= $(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/matching
	-@if $(BIN)/python -m tests.support.postgres "$(TEST_DATABASE_URL)"; then \
		MENTORBOT_RECORD_PAYLOADS=$(GOLDEN_RUNS)/postgres TEST_DATABASE_URL="$(TEST_DATABASE_URL)" \
			$(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/matching -m "not db_independent"; \
	fi
	$(BIN)/python -m tests.support.golden build $(GOLDEN_RUNS)/*
