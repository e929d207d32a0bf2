"""`digicomp_framework`: a read-only, searchable browser of the framework for learners."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from xblock.core import XBlock
from xblock.fields import Scope, String

from ..rendering.presentation import element_id, framework_tree
from .mixins import FrameworkMixin, I18nMixin, ResourcesMixin, framework_view


class FrameworkBrowserXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, XBlock):
    """Focuses, clusters, knowledge / skills / attitudes and statements, collapsible and searchable."""

    display_name = String(
        display_name=_("Display name"),
        default=_("Digital competence framework"),
        scope=Scope.settings,
    )

    @framework_view
    def student_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        html = self.render_template("framework/browser.html", {
            "block_id": element_id(self.scope_ids.usage_id, "digicomp-"),
            "display_name": self.gettext(self.display_name),
            "framework": framework,
            "lang": lang,
            "title": framework.title.get(lang),
            "focuses": framework_tree(framework, lang),
            "statement_count": framework.counts()["statements"],
        })
        return self.fragment(html, script="framework_browser", init="DigicompFrameworkBrowser")

    def validate(self):
        validation = super().validate()
        self.validate_framework(validation)
        return validation
