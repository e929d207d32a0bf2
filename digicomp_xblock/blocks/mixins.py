"""What every block and the aside are made of: the framework they use, the learner's language, our templates
and static files."""

from __future__ import annotations

import functools

from django.utils import translation
from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from xblock.core import XBlock, XBlockMixin
from xblock.exceptions import DisallowedFileError
from xblock.fields import Scope, String
from xblock.validation import ValidationMessage

from .. import conf
from ..core import paths
from ..core.loader import DEFAULT_FRAMEWORK, FrameworkError
from ..core.model import Framework, best_language
from ..rendering import engine

#: Where `make compile-messages` writes the JavaScript catalogs, below `static/`.
JS_CATALOG = "js/translations/{locale}/djangojs.js"


@XBlock.needs("i18n")
class I18nMixin(XBlockMixin):
    """Translations through the runtime's `i18n` service; content language from the active Django language."""

    #: Name of the JavaScript catalog object (Open edX compiles XBlock JS catalogs under this name).
    i18n_js_namespace = "DigicompI18N"

    @property
    def i18n_service(self):
        return self.runtime.service(self, "i18n")

    def gettext(self, text: str) -> str:
        return self.i18n_service.gettext(text)

    def content_language(self, available: tuple[str, ...]) -> str:
        """The active language if the content has it (`nl-be` -> `nl`), else the first available one."""
        return best_language(translation.get_language(), available)

    def add_i18n_js(self, fragment) -> None:
        """Add the JavaScript catalog (the platform's compiled one if it has it, else ours) and common.js."""
        url = getattr(self.i18n_service, "get_javascript_i18n_catalog_url", lambda _block: None)(self)
        if not url:
            locale = translation.to_locale(translation.get_language() or "en")
            for candidate in (locale, locale.split("_")[0]):
                path = JS_CATALOG.format(locale=candidate)
                if (paths.data_dir("static") / path).is_file():
                    url = self.static_url(path)
                    break
        if url:
            fragment.add_javascript_url(url)
        fragment.add_javascript_url(self.static_url("js/common.js"))


class ResourcesMixin(XBlockMixin):
    """Render our templates and serve our CSS/JS through the runtime."""

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
        """Render one of our templates (`rendering/templates/<name>`) in the learner's language."""
        return engine.render(name, context, self.i18n_service)

    def static_url(self, path: str) -> str:
        return self.runtime.local_resource_url(self, f"{self.public_dir}/{path}")

    def fragment(self, html: str, css=(), script: str = "", init: str = "", init_args=None) -> Fragment:
        """A fragment with our shared CSS and `css/<name>` files; with `script`, the catalog, common.js,
        `js/<script>.js` and its initialisation function `init`."""
        fragment = Fragment(html)
        for name in ("digicomp.css", *css):
            fragment.add_css_url(self.static_url(f"css/{name}"))
        if script:
            self.add_i18n_js(fragment)
            fragment.add_javascript_url(self.static_url(f"js/{script}.js"))
            fragment.initialize_js(init, init_args)
        return fragment

    def notice_fragment(self, message: str, title: str = "") -> Fragment:
        """A short text in place of the block (for a visitor who is not signed in, say)."""
        return self.fragment(self.render_template("shared/notice.html", {"title": title, "message": message}))

    def author_fragment(self, title: str, summary: str, facts=(), problems=()) -> Fragment:
        """Studio's compact preview of a block: what it is, its settings as `(label, value)` pairs, and what stops
        learners from using it."""
        return self.fragment(self.render_template("shared/author.html", {
            "title": title, "summary": summary, "facts": list(facts), "problems": [str(p) for p in problems]}))

    def error_fragment(self, problems) -> Fragment:
        """What learners see instead of a block that cannot work (a missing framework, wrong settings)."""
        return self.fragment(self.render_template("shared/error.html", {"problems": [str(p) for p in problems]}))


class FrameworkMixin(XBlockMixin):
    """Adds the `framework` setting and the loaded (cached) framework model."""

    framework = String(
        display_name=_("Framework"),
        help=_("The competence framework file this block uses."),
        default=DEFAULT_FRAMEWORK,
        scope=Scope.settings,
        values_provider=lambda _block: [{"display_name": f, "value": f} for f in conf.frameworks()],
    )

    @property
    def framework_model(self) -> Framework:
        """The loaded framework (the loader caches it per file; this instance keeps it per framework ID)."""
        cached = getattr(self, "_framework_cache", None)
        if cached is None or cached[0] != self.framework:
            cached = (self.framework, conf.framework(self.framework))
            self._framework_cache = cached
        return cached[1]

    def framework_error_fragment(self, error: FrameworkError) -> Fragment:
        """What learners see instead of the block when its framework file is missing or broken."""
        return self.error_fragment([problem.message for problem in error.problems[:5]])

    def validate_framework(self, validation) -> None:
        """Add a Studio validation message when the framework cannot be loaded."""
        try:
            conf.framework(self.framework)
        except FrameworkError as error:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(error.problems[0].message)))


def framework_view(view):
    """A view of a block that needs its framework: `view(self, framework, lang, context)`; when the framework cannot
    be loaded, the view shows why instead."""

    @functools.wraps(view)
    def wrapper(self, context=None):
        try:
            framework = self.framework_model
        except FrameworkError as error:
            return self.framework_error_fragment(error)
        return view(self, framework, self.content_language(framework.languages), context)

    return wrapper
