"""The learner's language for UI strings (gettext through the runtime) and for framework content."""

from __future__ import annotations

from django.utils import translation
from xblock.core import XBlock, XBlockMixin

from ..core import paths
from ..core.model import best_language

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
