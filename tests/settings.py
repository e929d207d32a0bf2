"""Django settings of the test suite: the demo's site (the workbench, our apps, the demo's platform adapter and
user service), with what tests want of their own: a database in a temporary folder, fast password hashing, and
the analytics app with event-routing-backends when that is installed."""

import os
import secrets
import tempfile
from importlib.util import find_spec

os.environ.setdefault("DIGICOMP_VAR_DIR", tempfile.mkdtemp(prefix="digicomp-tests-"))
# One secret for the test run and the demo servers it starts, so both compute the same pseudonyms.
os.environ.setdefault("DIGICOMP_SECRET_KEY", secrets.token_urlsafe(50))

from digicomp_demo.settings import *  # noqa: F403 - the demo's site is what the tests run against
from digicomp_demo.settings import INSTALLED_APPS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The analytics app works with or without event-routing-backends (ERB, a test requirement). With ERB, also the
# settings its xAPI transformers read, which the LMS and ERB's plugin settings provide in Open edX.
INSTALLED_APPS = [*INSTALLED_APPS, "digicomp_xblock.analytics"]
if find_spec("event_routing_backends"):
    INSTALLED_APPS.append("event_routing_backends")
    LMS_ROOT_URL = "https://lms.example.org"
    XAPI_AGENT_IFI_TYPE = "external_id"  # ERB's default: the actor is an anonymous external id
    XAPI_EVENTS_ENABLED = True
