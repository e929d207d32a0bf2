"""Templates from `digicomp_xblock/templates/`, static files from the top-level `static/` folder."""

from __future__ import annotations

from functools import cache

from django.template import Context, Engine, Template
from django.template.backends.django import get_installed_libraries
from xblock.core import XBlockMixin
from xblock.exceptions import DisallowedFileError
from xblock.utils.resources import ResourceLoader

from ..core import paths

_loader = ResourceLoader("digicomp_xblock")


@cache
def _template(name: str) -> Template:
    """A compiled template; the same engine setup as ResourceLoader.render_django_template, without recompiling."""
    libraries = {**get_installed_libraries(), "i18n": "xblock.utils.templatetags.i18n"}
    return Template(_loader.load_unicode(f"templates/{name}"), engine=Engine(libraries=libraries))


class ResourcesMixin(XBlockMixin):
    """Render our Django templates and serve our CSS/JS through the runtime."""

    public_dir = "static"

    @classmethod
    def open_local_resource(cls, uri):
        """Serve only regular files below `static/` (the runtime's resource URLs end up here)."""
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8")
        prefix = cls.public_dir + "/"
        root = paths.data_dir("static").resolve()
        target = (root / uri[len(prefix):]).resolve() if uri.startswith(prefix) else None
        if target is None or root not in target.parents or not target.is_file():
            raise DisallowedFileError(f"Only files from {prefix} are served: {uri!r}")
        return target.open("rb")

    def render_template(self, name: str, context: dict) -> str:
        """Render `templates/<name>` with xblock.utils' i18n tags; templates are compiled once per process."""
        return _template(name).render(Context({**context, "_i18n_service": self.i18n_service}))

    def static_url(self, path: str) -> str:
        return self.runtime.local_resource_url(self, f"{self.public_dir}/{path}")
