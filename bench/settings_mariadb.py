"""The bench's settings on MariaDB: the demo's settings, as the SQLite runs have them, on the database of a
throw-away server that `tests.mariadb` started (`bench/cohort.py --database mariadb`; port, user and database name
from DIGICOMP_MARIADB_*, as `tests.settings_mariadb` reads them)."""

from digicomp_demo.settings import *  # noqa: F403 - the demo's site, on another database
from tests.mariadb import database_settings

DATABASES = {"default": database_settings()}
