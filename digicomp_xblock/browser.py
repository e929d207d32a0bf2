"""`digicomp_framework`: a read-only, searchable browser of the framework for learners."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String

from .core.loader import FrameworkError
from .core.model import Framework
from .mixins.framework import FrameworkMixin
from .mixins.i18n import I18nMixin
from .mixins.resources import ResourcesMixin
from .mixins.scenarios import ScenariosMixin
from .presentation import framework_tree


class FrameworkBrowserXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, ScenariosMixin, XBlock):
    """Focuses, clusters, knowledge / skills / attitudes and statements, collapsible and searchable."""

    block_tag = "digicomp_framework"

    display_name = String(
        display_name=_("Display name"),
        default=_("Digital competence framework"),
        scope=Scope.settings,
    )

    def student_view(self, context=None):  # pylint: disable=unused-argument
        try:
            framework: Framework = self.framework_model
        except FrameworkError as error:
            return self.framework_error_fragment(error)
        lang = self.content_language(framework.languages)
        html = self.render_template("framework_browser.html", {
            "block_id": str(self.scope_ids.usage_id).replace(".", "-").replace(":", "-"),
            "display_name": self.gettext(self.display_name),
            "framework": framework,
            "lang": lang,
            "title": framework.title.get(lang),
            "focuses": framework_tree(framework, lang),
            "statement_count": framework.counts()["statements"],
        })
        fragment = Fragment(html)
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        self.add_i18n_js(fragment)
        fragment.add_javascript_url(self.static_url("js/framework_browser.js"))
        fragment.initialize_js("DigicompFrameworkBrowser")
        return fragment

    def validate(self):
        validation = super().validate()
        self.validate_framework(validation)
        return validation
