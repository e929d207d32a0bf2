"""Settings of the demo server of test_xss.py: the test run's settings (DIGICOMP_XSS_BASE_SETTINGS, by default
tests.settings), with the OLX scenarios of payloads registered after the demo's (tests/browser/xss_site.py)."""

import importlib
import os

_base = importlib.import_module(os.environ.get("DIGICOMP_XSS_BASE_SETTINGS", "tests.settings"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

MIDDLEWARE = [*_base.MIDDLEWARE, "tests.browser.xss_site.PayloadScenario"]
