"""The demo's settings on a MariaDB server (started by `python -m tests.mariadb`), as Open edX runs MySQL."""

from tests.mariadb import database_settings
from tests.settings import *  # noqa: F403 - the tests' settings, on another database

DATABASES = {"default": database_settings()}
