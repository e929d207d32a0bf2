"""The one template engine of our blocks and pages: templates below `rendering/templates/`, which include each
other (`{% include "profile/chart.html" %}`), with XBlock's i18n tags (translated through the runtime's i18n
service when a block renders, through Django's active language on a page)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def engine() -> Engine:
    """Compiled templates are kept by the cached loader for the life of the process."""
    libraries = {**get_installed_libraries(), "i18n": "xblock.utils.templatetags.i18n"}
    loaders = [("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])]
    return Engine(dirs=[str(TEMPLATES)], libraries=libraries, loaders=loaders)


def render(name: str, context: dict, i18n_service=None) -> str:
    """Render the template `name` (e.g. "assessment/student.html"); `i18n_service` translates a block's text."""
    values = dict(context)
    if i18n_service is not None:
        values["_i18n_service"] = i18n_service
    return engine().get_template(name).render(Context(values))
