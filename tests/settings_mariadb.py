"""The demo's settings on a MariaDB server (started by `python -m tests.mariadb`), as Open edX runs MySQL."""

import os

from tests.settings import *  # noqa: F403 - the tests' settings, on another database

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "HOST": "127.0.0.1",
        "PORT": os.environ.get("DIGICOMP_MARIADB_PORT", "3306"),
        "NAME": os.environ.get("DIGICOMP_MARIADB_NAME", "digicomp"),
        "USER": os.environ.get("DIGICOMP_MARIADB_USER", "digicomp"),
        "PASSWORD": os.environ.get("DIGICOMP_MARIADB_PASSWORD", ""),
        "OPTIONS": {"charset": "utf8mb4"},
        "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
    }
}
