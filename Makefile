# SMRFR toolkit: `make test` and `make demo` work on a fresh Debian 12 machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := qgis python3-qgis qgis-providers python3-venv python3-dev build-essential xvfb \
  pyqt5-dev-tools qttools5-dev-tools python3-netcdf4 libproj-dev proj-bin libgeos-dev
PLUGIN := smrfr_qgis
BUILD := build
ZIP := $(BUILD)/$(PLUGIN).zip
QGIS_PROFILES := $(HOME)/.local/share/QGIS/QGIS3/profiles
PROFILE := default
DEMO_OUT := demo_output
TS_FILES := $(wildcard i18n/*.ts)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: help system venv test demo lint zip deploy qgis transup transcompile bench clean screenshots

help:
	@echo "make test | demo | venv | lint | zip | deploy | qgis | transup | transcompile | bench | screenshots | clean"

# QGIS 3.22 and the Qt tools from Debian, only when something is missing.
system:
	@if ! $(SYSTEM_PYTHON) -c "import qgis.core" 2>/dev/null || ! command -v lrelease >/dev/null \
	    || ! command -v pylupdate5 >/dev/null || ! command -v Xvfb >/dev/null \
	    || ! command -v proj >/dev/null || ! [ -f /usr/include/proj.h ] || ! command -v geos-config >/dev/null \
	    || ! $(SYSTEM_PYTHON) -c "import ensurepip, netCDF4" 2>/dev/null; then \
	  echo "installing QGIS and tools from Debian packages"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $(APT_PACKAGES); \
	fi

venv: $(STAMP)

$(STAMP): constraints.txt build-constraints.txt pyproject.toml | system
	[ -x $(PYTHON) ] || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	PIP_CONSTRAINT=build-constraints.txt $(PYTHON) -m pip install --quiet --no-binary pyproj,shapely \
	  -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# In a temporary folder of its own, removed afterwards: every QGIS process leaves empty QGIS3-* folders.
test: venv transcompile lint
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && TMPDIR=$$tmp $(PYTHON) -m pytest

demo: venv
	$(VENV)/bin/smrfr demo --out $(DEMO_OUT)

lint: venv
	$(VENV)/bin/ruff check smrfr_engine smrfr_qgis tests scripts benchmarks

transup: system
	pylupdate5 -noobsolete $$(find $(PLUGIN) -name '*.py') -ts $(TS_FILES)

transcompile: system
	lrelease -silent $(TS_FILES)

zip: venv transcompile
	$(PYTHON) scripts/build_plugin.py zip $(ZIP)

deploy: venv transcompile
	$(PYTHON) scripts/build_plugin.py deploy $(QGIS_PROFILES)/$(PROFILE)/python/plugins

# QGIS with the plugin (in a private profile, build/profiles/smrfr) and the venv's packages.
qgis: venv transcompile
	QGIS_ARGS="$$($(PYTHON) scripts/build_plugin.py profile $(BUILD))" && \
	env -u QT_QPA_PLATFORM PYTHONPATH=$$($(PYTHON) -c "import sysconfig; print(sysconfig.get_paths()['purelib'])") \
	  qgis $$QGIS_ARGS

# PNGs of the plugin window and each main dialog (linked from the README), drawn by a real X server.
screenshots: venv transcompile
	env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1280x900x24" $(PYTHON) scripts/screenshots.py docs/screenshots

bench: venv
	$(PYTHON) benchmarks/run.py $(BENCH)

clean:
	rm -rf $(BUILD) $(DEMO_OUT) i18n/*.qm .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -exec rm -rf {} +
