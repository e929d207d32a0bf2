# digicomp-xblock: `make demo` serves the workbench, `make test` runs the whole suite on Open edX Verawood (the
# default release), `make test-ulmo` the suite again on Open edX Ulmo.
# `make demo` and `make test` create .venv with Python 3.12 (the Python of Verawood) when it is missing and install
# the pinned requirements (requirements/*.txt, compiled from the .in files by `make upgrade`), the package and its
# demo; `make test-ulmo` does the same in .venv-ulmo with Python 3.11 and Ulmo's pins (requirements/test-ulmo.txt).

PORT ?= 8000
VENV := .venv
VPY := $(VENV)/bin/python
DEMO_SETTINGS := digicomp_demo.settings
ADMIN := DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/django-admin
# A Python 3.12: python3.12 on the PATH, else a pyenv 3.12; override with `make PYTHON=/path/to/python3.12`.
PYTHON ?= $(shell \
	if python3.12 -c 'import sys' >/dev/null 2>&1; then echo python3.12; \
	elif command -v pyenv >/dev/null 2>&1 && v=$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.[0-9]+)?$$' | tail -n 1) && [ -n "$$v" ]; then \
		echo "$$(pyenv root)/versions/$$v/bin/python3.12"; \
	fi)
PIP_COMPILE_OPTIONS := --quiet --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras
PIP_COMPILE := $(VENV)/bin/pip-compile $(PIP_COMPILE_OPTIONS)
# Open edX Ulmo: Python 3.11 (python3.11, else a python3 that is 3.11, else a pyenv 3.11; or PYTHON_ULMO=...).
VENV_ULMO := .venv-ulmo
VPY_ULMO := $(VENV_ULMO)/bin/python
PYTHON_ULMO ?= $(shell \
	if python3.11 -c 'import sys' >/dev/null 2>&1; then echo python3.11; \
	elif python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1; then echo python3; \
	elif command -v pyenv >/dev/null 2>&1 && v=$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.11(\.[0-9]+)?$$' | tail -n 1) && [ -n "$$v" ]; then \
		echo "$$(pyenv root)/versions/$$v/bin/python3.11"; \
	fi)

.PHONY: help demo test test-ulmo test-mariadb lint bench screenshots messages compile-messages \
	extract_translations validate_translations upgrade clean

help:
	@echo "make demo    - the XBlock SDK workbench with our scenarios on http://127.0.0.1:$(PORT)/ (PORT=8123 for another port)"
	@echo "make test    - lint, the whole test suite with its coverage figure, then the database tests on MariaDB"
	@echo "make test-ulmo - the suite but its browser tests on Open edX Ulmo (Python 3.11, Ulmo's pins, in .venv-ulmo)"
	@echo "make bench   - speed and page weight of the self-assessment vs. baselines in the same run (BENCH_ARGS=--profile),"
	@echo "               then the cohort page and exports at 1,000 and 10,000 learners (COHORT_SIZES=\"1000 10000 100000\")"
	@echo "make screenshots - PNGs of every demo page, EN and NL, 320 and 1280 px, in var/screenshots/ (SCREENSHOTS_ARGS=--docs: the README's too)"
	@echo "make messages / compile-messages - update the .po catalogs from the code / compile them to .mo"
	@echo "make extract_translations - the English source catalogs for openedx-translations (OEP-58), in $(SOURCE_LOCALE)/en"
	@echo "make validate_translations - i18n_tool validate on $(SOURCE_LOCALE) (the source catalogs and the Dutch ones)"
	@echo "make upgrade - compile requirements/*.in into the pinned requirements/*.txt"

$(VPY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 found. Install it (e.g. 'apt-get install python3.12' or 'pyenv install 3.12')," >&2; \
		echo "or point to one: make PYTHON=/path/to/python3.12" >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VPY) setup.py demo/setup.py tutor/setup.py requirements/test.txt
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements/test.txt
	$(VPY) -m pip install --quiet --no-deps -e . -e demo -e tutor
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

demo: $(VENV)/.installed
	mkdir -p var
	$(ADMIN) migrate --run-syncdb --verbosity 0
	$(ADMIN) digicomp_taxonomy
	$(ADMIN) digicomp_demo_data
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	$(ADMIN) runserver 127.0.0.1:$(PORT)

test: lint
	$(VPY) -m pytest --cov=digicomp_xblock --cov-report=
	@echo "Coverage of digicomp_xblock by the suite: $$($(VPY) -m coverage report --format=total)%"
	$(MAKE) --no-print-directory test-mariadb

# The suite on Open edX Ulmo, the other supported release (README "Supported releases"): Python 3.11 and Ulmo's pins
# (requirements/constraints-ulmo.txt, compiled into test-ulmo.txt). `pip check` shows that setup.py's ranges admit
# Ulmo's versions. The browser tests run on the default release only (make test); lint too.
$(VPY_ULMO):
	@if [ -z "$(PYTHON_ULMO)" ]; then \
		echo "No Python 3.11 found. Install it (e.g. 'pyenv install 3.11'), or point to one: make test-ulmo PYTHON_ULMO=/path/to/python3.11" >&2; \
		exit 1; fi
	$(PYTHON_ULMO) -m venv $(VENV_ULMO)

$(VENV_ULMO)/.installed: $(VPY_ULMO) setup.py demo/setup.py tutor/setup.py requirements/test-ulmo.txt
	$(VPY_ULMO) -m pip install --quiet --upgrade pip
	$(VPY_ULMO) -m pip install --quiet -r requirements/test-ulmo.txt
	$(VPY_ULMO) -m pip install --quiet --no-deps -e . -e demo -e tutor
	$(VPY_ULMO) -m pip check
	touch $@

test-ulmo: $(VENV_ULMO)/.installed
	$(VPY_ULMO) -m pytest -m "not browser"

# MariaDB's server (Debian's mariadb-server), when installed: test-mariadb and bench run on it too.
HAVE_MARIADB := $(shell if [ -x /usr/sbin/mariadbd ] || command -v mariadbd >/dev/null 2>&1; then echo yes; fi)
MARIADB_PACKAGES := apt-get install mariadb-server libmariadb-dev pkg-config

# The database-bound tests again on a throw-away MariaDB server (Debian's mariadb-server), as Open edX runs MySQL.
# Without MariaDB it is skipped with a message, except in CI, where .ci/run installs it.
test-mariadb: $(VENV)/.installed
	@if [ -n "$(HAVE_MARIADB)" ]; then \
		$(VPY) -m pip install --quiet -r requirements/mariadb.txt && \
		$(VPY) -m tests.mariadb; \
	elif [ "$$CI" = "true" ]; then \
		echo "MariaDB is missing: $(MARIADB_PACKAGES)" >&2; exit 1; \
	else \
		echo "Skipped the MariaDB run ($(MARIADB_PACKAGES) to have it)."; \
	fi

# Python style and errors (ruff), the layers of the package (import-linter, .importlinter), JavaScript (eslint).
lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check digicomp_xblock demo tutor tests bench setup.py
	$(VENV)/bin/lint-imports --no-cache
	npx --no-install eslint static/js

messages: $(VENV)/.installed
	for domain in django djangojs; do \
		$(ADMIN) makemessages --domain $$domain \
			--locale en --locale nl --no-obsolete --add-location file \
			--ignore '.venv/*' --ignore '.venv-ulmo/*' --ignore 'build/*' --ignore 'tests/*' --ignore 'var/*' \
			--ignore 'node_modules/*' --ignore 'static/js/translations/*' --ignore '$(SOURCE_LOCALE)/*' || exit 1; \
	done

compile-messages: $(VENV)/.installed
	cd translations && for po in */LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done
	# The same catalog under the name Open edX looks for in a pip-installed XBlock (translations/<lang>/.../text.mo).
	cd translations && for po in */LC_MESSAGES/django.po; do msgfmt --check -o "$$(dirname $$po)/text.mo" "$$po" || exit 1; done
	$(ADMIN) compilejsi18n --locale en --locale nl

# Translations as Open edX ships them (OEP-58). The openedx-translations workflow clones the repository, runs
# `make extract_translations` with its own Python (Django, edx-i18n-tools and gettext, not our .venv) and takes the
# one `*/conf/locale/en` it then finds; edx-platform's `pull_xblock_translations` pulls the translated catalogs back
# with atlas from `translations/*/<module>/conf/locale`, so the source catalogs live below the module:
# digicomp_xblock/conf/locale/en/LC_MESSAGES/django.po and djangojs.po, the strings of the package's code, templates
# and JavaScript (the demo's are left out). They are generated, not kept in git. translations/ stays where our own
# catalogs (English, Dutch) are kept and bundled into the package (`text.mo`, the platform's fallback).
SOURCE_LOCALE := digicomp_xblock/conf/locale
I18N_PYTHON := $(if $(wildcard $(VPY)),$(VPY),python3)
I18N_TOOL := $(if $(wildcard $(VENV)/bin/i18n_tool),$(abspath $(VENV)/bin/i18n_tool),i18n_tool)

define EXTRACT_TRANSLATIONS
import os
import django
import polib
from django.conf import settings
from django.core.management import call_command

locale_dir = os.path.abspath("$(SOURCE_LOCALE)")
settings.configure(USE_I18N=True, LOCALE_PATHS=[locale_dir])
django.setup()
ignore = [".venv/*", ".venv-ulmo/*", "build/*", "dist/*", "var/*", "node_modules/*", "demo/*", "tests/*", "bench/*", "tutor/*",
          "docs/*", "static/js/translations/*", "translations/*", "$(SOURCE_LOCALE)/*"]
for domain in ("django", "djangojs"):
    call_command("makemessages", locale=["en"], domain=domain, ignore_patterns=ignore, no_obsolete=True,
                 add_location="file", verbosity=0)
    path = os.path.join(locale_dir, "en", "LC_MESSAGES", domain + ".po")
    catalog = polib.pofile(path)
    catalog.header = ("digicomp-xblock: English source catalog (" + domain + ") for openedx-translations.\n"
                      "Written by `make extract_translations`; do not edit.\n"
                      "This file is distributed under the same license as the digicomp-xblock package "
                      "(AGPL-3.0-or-later).")
    catalog.metadata_is_fuzzy = False
    catalog.metadata.update({"Project-Id-Version": "digicomp-xblock", "Report-Msgid-Bugs-To": "",
                             "Language": "en", "Language-Team": "English", "Last-Translator": "",
                             "PO-Revision-Date": catalog.metadata.get("POT-Creation-Date", ""),
                             "Content-Type": "text/plain; charset=UTF-8",
                             "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    catalog.save()
    print(path, len(catalog), "strings")
endef
export EXTRACT_TRANSLATIONS

extract_translations:
	rm -f $(SOURCE_LOCALE)/en/LC_MESSAGES/django.po $(SOURCE_LOCALE)/en/LC_MESSAGES/djangojs.po
	$(I18N_PYTHON) -c "$$EXTRACT_TRANSLATIONS"

# i18n_tool reads $(SOURCE_LOCALE)/config.yaml; it checks every .po below it: the source catalogs (when extracted)
# and the Dutch ones, which link to translations/nl/.
validate_translations:
	cd digicomp_xblock && $(I18N_TOOL) validate

# test-ulmo.txt is compiled by pip-tools in .venv-ulmo, with Python 3.11, against constraints-ulmo.txt.
upgrade: $(VENV)/.installed $(VENV_ULMO)/.installed
	$(VPY) -m pip install --quiet -r requirements/pip-tools.txt
	cd requirements && for name in base demo test bench mariadb pip-tools; do \
		../$(PIP_COMPILE) --upgrade -o $$name.txt $$name.in || exit 1; done
	$(VPY_ULMO) -m pip install --quiet -r requirements/pip-tools.txt
	cd requirements && ../$(VENV_ULMO)/bin/pip-compile $(PIP_COMPILE_OPTIONS) --upgrade -o test-ulmo.txt test-ulmo.in

clean:
	rm -rf $(VENV) $(VENV_ULMO) node_modules build dist *.egg-info demo/*.egg-info tutor/*.egg-info var .pytest_cache .coverage

# The benchmark: a report of figures and ratios against baselines measured in the same run, never a pass/fail.
# It installs xblock-poll (Survey, the reference block) and uses a throw-away SQLite database.
$(VENV)/.bench-installed: $(VENV)/.installed requirements/bench.txt
	$(VPY) -m pip install --quiet -r requirements/bench.txt
	touch $@

# The cohort bench's sizes (learners), on SQLite and then on a throw-away MariaDB server when it is installed;
# 100,000 more takes about 4 minutes on SQLite on this project's machine and about 8 on MariaDB (bench/README.md).
COHORT_SIZES ?= 1000 10000

bench: $(VENV)/.bench-installed
	$(VPY) bench/run.py $(BENCH_ARGS)
	$(VPY) bench/cohort.py --sizes $(COHORT_SIZES)
	@if [ -n "$(HAVE_MARIADB)" ]; then \
		$(VPY) -m pip install --quiet -r requirements/mariadb.txt && \
		$(VPY) bench/cohort.py --database mariadb --sizes $(COHORT_SIZES); \
	else \
		echo "Skipped the cohort bench on MariaDB ($(MARIADB_PACKAGES) to have it)."; \
	fi

# Pictures to look at (not part of `make test`): every page of the demo in English and Dutch at 320 and 1280 px, on a
# fresh demo database, in var/screenshots/; `make screenshots SCREENSHOTS_ARGS=--docs` also refreshes docs/*.png.
screenshots: $(VENV)/.installed
	$(VPY) -m tests.screenshots $(SCREENSHOTS_ARGS)
