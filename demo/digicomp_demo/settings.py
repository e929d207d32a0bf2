"""Django settings of the demo: the XBlock SDK workbench settings, adjusted.

- only digicomp's scenarios (named after their XML files) are listed;
- Django's locale middleware is on, so a browser that prefers Dutch gets Dutch; a switch sets it by hand;
- the SQLite database and the log live under `var/` of the working directory (git-ignored).
"""

import os
import secrets
import warnings
from importlib.metadata import entry_points
from pathlib import Path

import django
from celery import Celery
from workbench.settings import *  # noqa: F403 - the SDK's settings, adjusted below
from workbench.settings import DATABASES, INSTALLED_APPS, LOGGING, MIDDLEWARE, TEMPLATES, WORKBENCH

from digicomp_xblock.core.paths import data_dir
from digicomp_xblock.tagging import compat as tagging_compat

# The SDK's dependencies still import pkg_resources (a warning in every log line otherwise); not ours to fix.
warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)

VAR_DIR = Path(os.environ.get("DIGICOMP_VAR_DIR", "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """DIGICOMP_SECRET_KEY, else a key made once for this demo installation and kept in var/ (never the SDK's
    published one: the demo's pseudonyms are keyed hashes with it)."""
    if os.environ.get("DIGICOMP_SECRET_KEY"):
        return os.environ["DIGICOMP_SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()

DATABASES["default"]["NAME"] = str(VAR_DIR / "workbench.db")
# Many learners at once (tests/test_load.py): wait for SQLite's write lock instead of failing with "database is
# locked", take it at the start of a transaction (no deadlock when a reader turns writer), and let readers go on
# while one writes (WAL).
DATABASES["default"]["OPTIONS"] = {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                                   **({"transaction_mode": "IMMEDIATE"} if django.VERSION >= (5, 1) else {})}
LOGGING["handlers"]["logfile"]["filename"] = str(VAR_DIR / "workbench.log")
LOGGING["loggers"]["django"]["level"] = "INFO"  # the SDK logs every SQL query at DEBUG

ROOT_URLCONF = "digicomp_demo.urls"
# Open edX's content tagging, under the app name of the openedx_tagging installed (it moved in openedx-learning 0.32).
INSTALLED_APPS = ["digicomp_demo", "statici18n", *INSTALLED_APPS, tagging_compat.app_name() or "openedx_tagging",
                  "digicomp_xblock.tagging", "digicomp_xblock.dashboard"]
DIGICOMP_MIN_GROUP = 5
DIGICOMP_BASE_TEMPLATE = "digicomp_base.html"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# openedx_tagging queues Celery tasks when tags are renamed; the demo has no broker, so they run in-process.
CELERY_APP = Celery("digicomp_demo", set_as_current=True)
CELERY_APP.conf.task_always_eager = True

# Only our blocks: hide the SDK's sample blocks and any other installed XBlock's scenarios.
EXCLUDED_XBLOCKS = {ep.name for ep in entry_points(group="xblock.v1")
                    if not ep.value.startswith(("digicomp_xblock", "digicomp_demo"))}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
LOCALE_PATHS = [str(data_dir("translations"))]
# `make compile-messages` writes our JavaScript catalogs with django-statici18n, under the name Open edX uses.
STATICI18N_ROOT = str(data_dir("static"))
STATICI18N_OUTPUT_DIR = "js/translations"
STATICI18N_NAMESPACE = "DigicompI18N"
STATICI18N_PACKAGES = ("digicomp_demo",)
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
                  "django.middleware.locale.LocaleMiddleware")
MIDDLEWARE.append("digicomp_demo.middleware.ScenariosMiddleware")
MIDDLEWARE.append("digicomp_demo.middleware.SignedInStudentMiddleware")
TIME_ZONE = "Europe/Brussels"

# Course staff in the demo: the users lecturer, tutor and coach (the team of the consensus exercise; signed in, or
# ?student=NAME when signed out); everyone else is a learner. The framework browser for tag links.
WORKBENCH["services"]["user"] = "digicomp_demo.services.DemoUserService"
DIGICOMP_PLATFORM = "digicomp_demo.platform.Workbench"
DIGICOMP_DEMO_STAFF = ("lecturer", "tutor", "coach")
DIGICOMP_FRAMEWORK_BROWSER_URL = "/scenario/digicomp-framework/"

# Our page templates (with lang, landmarks and a language switch) come before the SDK's.
TEMPLATES[0]["DIRS"] = [str(Path(__file__).resolve().parent / "templates"), *TEMPLATES[0]["DIRS"]]
