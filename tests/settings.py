"""Django settings of the test suite: the demo's site (the workbench, our apps, the demo's platform adapter and
user service), with what tests want of their own: a database in a temporary folder and fast password hashing."""

import os
import secrets
import tempfile

os.environ.setdefault("DIGICOMP_VAR_DIR", tempfile.mkdtemp(prefix="digicomp-tests-"))
# One secret for the test run and the demo servers it starts, so both compute the same pseudonyms.
os.environ.setdefault("DIGICOMP_SECRET_KEY", secrets.token_urlsafe(50))

from digicomp_demo.settings import *  # noqa: F403 - the demo's site is what the tests run against

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
