"""Templates from `digicomp_xblock/templates/`, static files from the top-level `static/` folder."""

from __future__ import annotations

from xblock.core import XBlockMixin
from xblock.exceptions import DisallowedFileError
from xblock.utils.resources import ResourceLoader

from ..core import paths

_loader = ResourceLoader("digicomp_xblock")


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
        return _loader.render_django_template(f"templates/{name}", context, i18n_service=self.i18n_service)

    def static_url(self, path: str) -> str:
        return self.runtime.local_resource_url(self, f"{self.public_dir}/{path}")
