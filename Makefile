# make serve: set everything up and serve the demo.  make test: set up and run the whole suite.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install serve test lint protos fixtures bench clean

install: $(STAMP)

# The pinned CPU build of torch goes in first: an unpinned torch requirement pulls a CUDA build.
# pip is not --quiet: the first install takes minutes and should show that it is progressing.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install --disable-pip-version-check -e '.[dev,bench]'
	touch $(STAMP)

# The portal page (matchmaker web) runs beside the server and prints `web http://127.0.0.1:8080/`.
serve: install
	$(VENV)/bin/matchmaker serve --demo --web 127.0.0.1:8080

lint: install
	$(VENV)/bin/ruff check matchmaker scripts tests
	$(VENV)/bin/mypy

test: install lint
	$(PY) -m pytest

# The benchmarks behind BENCHMARKS.md (the full run takes hours on 2 cores; QUICK=1 takes minutes).
bench: install
	$(VENV)/bin/matchmaker bench --out docs/bench $(if $(QUICK),--quick,)

protos: install
	$(PY) scripts/gen_protos.py

fixtures: install
	$(PY) scripts/make_fixtures.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
