# digicomp-xblock: `make demo` serves the workbench, `make test` runs the whole suite.
# Both create .venv with Python 3.12 (the Python of Open edX Verawood) when it is missing.

PORT ?= 8000
VENV := .venv
VPY := $(VENV)/bin/python
DEMO_SETTINGS := digicomp_xblock.devsite.settings
# A Python 3.12: python3.12 on the PATH, else a pyenv 3.12; override with `make PYTHON=/path/to/python3.12`.
PYTHON ?= $(shell \
	if python3.12 -c 'import sys' >/dev/null 2>&1; then echo python3.12; \
	elif command -v pyenv >/dev/null 2>&1 && v=$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.[0-9]+)?$$' | tail -n 1) && [ -n "$$v" ]; then \
		echo "$$(pyenv root)/versions/$$v/bin/python3.12"; \
	fi)

.PHONY: help demo test test-mariadb lint bench messages compile-messages clean

help:
	@echo "make demo   - the XBlock SDK workbench with our scenarios on http://127.0.0.1:$(PORT)/ (PORT=8123 for another port)"
	@echo "make test   - the whole test suite (unit, runtime, packaging and browser tests; then the database tests on MariaDB)"
	@echo "make bench  - speed and page weight of the self-assessment vs. baselines in the same run (BENCH_ARGS=--profile)"
	@echo "make messages / compile-messages - update the .po catalogs from the code / compile them to .mo"

$(VPY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 found. Install it (e.g. 'apt-get install python3.12' or 'pyenv install 3.12')," >&2; \
		echo "or point to one: make PYTHON=/path/to/python3.12" >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VPY) setup.py requirements/constraints.txt
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -c requirements/constraints.txt -e ".[test,demo]"
	touch $@

demo: $(VENV)/.installed
	mkdir -p var
	# demo-data migrates the database first; the server tags the demo units once the taxonomy exists.
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/digicomp demo-data
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/django-admin digicomp_taxonomy
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/django-admin runserver 127.0.0.1:$(PORT)

test: lint
	$(VPY) -m pytest
	$(MAKE) --no-print-directory test-mariadb

# The database-bound tests again on a throw-away MariaDB server (Debian's mariadb-server), as Open edX runs MySQL.
# Without MariaDB it is skipped with a message, except in CI, where .ci/run installs it.
test-mariadb: $(VENV)/.installed
	@if [ -x /usr/sbin/mariadbd ] || command -v mariadbd >/dev/null 2>&1; then \
		$(VPY) -m pip install --quiet -c requirements/constraints.txt -r requirements/mariadb.txt && \
		$(VPY) -m tests.mariadb; \
	elif [ "$$CI" = "true" ]; then \
		echo "MariaDB is missing: apt-get install mariadb-server libmariadb-dev pkg-config" >&2; exit 1; \
	else \
		echo "Skipped the MariaDB run (apt-get install mariadb-server libmariadb-dev pkg-config to have it)."; \
	fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check digicomp_xblock tests bench

messages: $(VENV)/.installed
	for domain in django djangojs; do \
		DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/django-admin makemessages --domain $$domain \
			--locale en --locale nl --no-obsolete --add-location file \
			--ignore '.venv/*' --ignore 'build/*' --ignore 'tests/*' --ignore 'var/*' --ignore 'static/js/translations/*' || exit 1; \
	done

compile-messages: $(VENV)/.installed
	cd translations && for po in */LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done
	# The same catalog under the name Open edX looks for in a pip-installed XBlock (translations/<lang>/.../text.mo).
	cd translations && for po in */LC_MESSAGES/django.po; do msgfmt --check -o "$$(dirname $$po)/text.mo" "$$po" || exit 1; done
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/django-admin compilejsi18n --locale en --locale nl

clean:
	rm -rf $(VENV) build dist *.egg-info var .pytest_cache

# The benchmark: a report of figures and ratios against baselines measured in the same run, never a pass/fail.
# It installs the `bench` extra (xblock-poll's Survey as a reference) and uses a throw-away SQLite database.
$(VENV)/.bench-installed: $(VPY) setup.py requirements/constraints.txt
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -c requirements/constraints.txt -e ".[bench]"
	touch $@

bench: $(VENV)/.bench-installed
	$(VPY) bench/run.py $(BENCH_ARGS)
	$(VPY) bench/cohort.py
