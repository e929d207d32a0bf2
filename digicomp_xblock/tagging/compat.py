"""Where openedx_tagging keeps its modules, on every supported release.

openedx-learning up to 0.31 (Open edX Ulmo) has them under `openedx_tagging.core.tagging` (the Django app
`openedx_tagging.core.tagging`); openedx-learning 0.32 and openedx-core (Verawood and later) have them flat under
`openedx_tagging` (the app `openedx_tagging`). Both keep the app label `oel_tagging` and the same tables. The
flat path is tried first. Nothing here imports openedx_tagging before it is asked for a module, so the settings may
call `app_name()`.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

#: The Django app of openedx_tagging, newest layout first.
APP_NAMES = ("openedx_tagging", "openedx_tagging.core.tagging")


def app_name() -> str | None:
    """The name to put in INSTALLED_APPS for the openedx_tagging installed here, or None without it."""
    for name in APP_NAMES:
        try:
            if find_spec(f"{name}.apps") is not None:
                return name
        except ModuleNotFoundError:  # no openedx_tagging at all
            return None
    return None


@cache
def module(path: str) -> ModuleType:
    """openedx_tagging's module `path` (`api`, `models`, `import_export.api`...) wherever this release keeps it."""
    for app in APP_NAMES:
        name = f"{app}.{path}"
        try:
            return import_module(name)
        except ModuleNotFoundError as error:
            if error.name is None or not name.startswith(error.name):  # a module it imports is missing: say so
                raise
    raise ModuleNotFoundError(f"openedx_tagging has no module '{path}'", name=f"openedx_tagging.{path}")


def api() -> ModuleType:
    return module("api")


def models() -> ModuleType:
    return module("models")
