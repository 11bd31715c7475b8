# isq — two commands on a fresh machine:
#   make report   set up .venv, install isq, produce the demo client report (reports/示例集团/)
#   make test     set up .venv, install isq with test tools, run the whole suite
# Also: make lab (JupyterLab on the course), make voila (scoreboard dashboard), make bench,
#       make demo (regenerate data/), make course (build participant and trainer editions).

VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip --disable-pip-version-check
STAMP   := $(VENV)/.isq-installed
LABSTAMP:= $(VENV)/.isq-lab-installed
JOBS    ?= 2
CLIENT  ?= 示例集团

export PATH := $(abspath $(VENV))/bin:$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Headless recipes draw with Agg; `make lab` / `make voila` must keep JupyterLab's inline
# backend (an exported MPLBACKEND=Agg would hide every chart), so they unset it.
HEADLESS:= MPLBACKEND=Agg

.PHONY: setup report test test-fast lab voila bench demo course clean help

help:
	@sed -n '1,8p' Makefile

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-installs only when pyproject.toml changes (idempotent and quick otherwise).
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(HEADLESS) $(VENV)/bin/isq report --data data --client $(CLIENT) --out reports --by-department --jobs $(JOBS)

test: $(STAMP)
	$(HEADLESS) $(PY) -m pytest -n $(JOBS) --dist loadscope

test-fast: $(STAMP)
	$(HEADLESS) $(PY) -m pytest -n $(JOBS) --dist loadscope -m "not slow" -p no:nbval -o addopts="--doctest-modules" tests isq

$(LABSTAMP): pyproject.toml $(STAMP)
	$(PIP) install -q -e ".[test,lab]"
	touch $(LABSTAMP)

lab: $(LABSTAMP)
	env -u MPLBACKEND $(VENV)/bin/jupyter lab notebooks/00_课程导览.ipynb

voila: $(LABSTAMP)
	env -u MPLBACKEND $(VENV)/bin/voila notebooks/99_团队积分榜.ipynb --no-browser --Voila.ip=127.0.0.1

bench: $(STAMP)
	$(HEADLESS) $(PY) -m benchmarks

demo: $(STAMP)
	$(HEADLESS) $(VENV)/bin/isq demo

course: $(STAMP)
	$(HEADLESS) $(VENV)/bin/isq course build --edition participant --out build/participant
	$(HEADLESS) $(VENV)/bin/isq course build --edition trainer --out build/trainer
	$(HEADLESS) $(VENV)/bin/isq course slides --out build/slides
	$(HEADLESS) $(VENV)/bin/isq course handouts --out build/handouts

clean:
	rm -rf $(VENV) build reports .pytest_cache
