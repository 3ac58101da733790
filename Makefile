# crosswire: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= crosswire.duckdb
# Gold data for `make models` and `make eval` (not part of crosswire; see docs/evaluation.md).
EVALDATA ?= ../shared/evaldata
MODELS := src/crosswire/data/models

.PHONY: install browser demo test test-fast lint clean models eval kb

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/crosswire models install
	$(BIN)/crosswire gazetteer build
	$(BIN)/crosswire models build
	touch $(STAMP)

demo: install
	$(BIN)/crosswire demo --db $(DB)

# The browser tests drive Debian's Chromium; install it when the machine lacks it (never skip them).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

models: install
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/crosswire train encoder $(EVALDATA)/plv_dyads/PLV_train.tsv \
	  $(EVALDATA)/plv_dyads/AW_train.tsv \
	  $(EVALDATA)/multicoped_cameo/cameo_class/train.tsv \
	  $(EVALDATA)/multicoped_cameo/cameo_ner/train.txt -o $(MODELS)
	$(BIN)/crosswire train dyad $(EVALDATA)/plv_dyads/PLV_train.tsv -o $(MODELS)/dyad.npz
	$(BIN)/crosswire train penta $(EVALDATA)/multicoped_cameo/cameo_class/train.tsv -o $(MODELS)/penta.npz
	$(BIN)/crosswire train place $(EVALDATA)/event_location/labeled_text.jsonl.zip -o $(MODELS)/place.npz

# The actor knowledge base (package data): EveryPolitician's legislators (CC0, ../shared/kb) and
# kb/executives.tsv, kb/regions.tsv. The result is committed; rebuild after editing those tables.
KB ?= ../shared/kb/persons.tsv.gz
kb: install
	$(BIN)/crosswire kb build $(KB) --executives kb/executives.tsv -o src/crosswire/data

# Both profiles: `accurate` (the default) and `fast`. Cross-validation of the accurate profile
# fine-tunes the encoder per fold, so it needs torch (installed by `make models`). The accurate
# encoder trains on PLV and AW together, so each is cross-validated with the other added to
# every fold; the fast profile's dyad coder never sees AW, which is scored on its bundled model.
PLV := $(EVALDATA)/plv_dyads/PLV_train.tsv
AW := $(EVALDATA)/plv_dyads/AW_train.tsv
eval: install
	for p in accurate fast; do \
	  if [ $$p = accurate ]; then plv="--train-with $(AW)"; aw="--cv 5 --train-with $(PLV)"; \
	  else plv=""; aw=""; fi; \
	  $(BIN)/crosswire eval --set events.profile=$$p plv $(PLV) --cv 5 $$plv && \
	  $(BIN)/crosswire eval --set events.profile=$$p plv $(AW) $$aw && \
	  $(BIN)/crosswire eval --set events.profile=$$p cameo-class $(EVALDATA)/multicoped_cameo/cameo_class/train.tsv --cv 5 && \
	  $(BIN)/crosswire eval --set events.profile=$$p cameo-ner $(EVALDATA)/multicoped_cameo/cameo_ner/train.txt --cv 5 && \
	  $(BIN)/crosswire eval --set events.profile=$$p gsr $(EVALDATA)/plover_gsr_cameo/PLOVER_GSR_CAMEO.json \
	  || exit 1; done
	$(BIN)/crosswire eval timex $(EVALDATA)/tempeval3
	$(BIN)/crosswire eval geo $(EVALDATA)/geowebnews/GWN.xml
	$(BIN)/crosswire eval event-location $(EVALDATA)/event_location/labeled_text.jsonl.zip --cv 5
	$(BIN)/crosswire eval ecbplus $(EVALDATA)/ecbplus
	$(BIN)/crosswire eval actors examples/actor_cases.tsv
	$(BIN)/crosswire eval ecbplus $(EVALDATA)/ecbplus --gold-topics

# mypy reads the training modules too, which import torch (the local CPU build).
lint: install
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
