"""`digicomp_framework`: a read-only, searchable browser of the framework for learners."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from xblock.core import XBlock
from xblock.fields import Scope, String

from ..core.loader import FrameworkError
from ..rendering.data import framework_data, framework_info
from ..rendering.presentation import element_id, framework_tree
from .mixins import FrameworkMixin, I18nMixin, ResourcesMixin, framework_view


class FrameworkBrowserXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, XBlock):
    """Focuses, clusters, knowledge / skills / attitudes and statements, collapsible and searchable.

    Content for everyone: anonymous visitors of a public course see it as learners do (`public_view`), the mobile
    apps show the same page (`multi_device`) or build their own from `student_view_data`; viewing it completes it.
    """

    multi_device = True
    icon_class = "other"
    has_author_view = True

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

    def public_view(self, context=None):
        """Visitors who are not signed in see the framework as learners do: it is public content."""
        return self.student_view(context)

    @framework_view
    def author_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        """Studio: which framework the block shows, in a few lines (not its 144 statements)."""
        counts = framework.counts()
        summary = self.gettext("Learners browse and search the %(statements)s statements of %(clusters)s clusters "
                               "of this framework.") % counts
        return self.author_fragment(self.gettext(self.display_name), summary, [
            (self.gettext("Framework"), f"{framework.title.get(lang)} ({framework.id})"),
            (self.gettext("Version"), framework.version),
        ])

    def student_view_data(self, context=None):  # noqa: ARG002 - XBlock's view signature
        """The framework as JSON for the mobile apps (the same for every learner; every text in each language)."""
        try:
            framework = self.framework_model
        except FrameworkError as error:
            return {"display_name": self.display_name, "error": error.problems[0].message}
        return {"display_name": {lang: self.gettext(self.display_name) for lang in framework.languages},
                "framework": framework_info(framework), "focuses": framework_data(framework)}

    def validate(self):
        validation = super().validate()
        self.validate_framework(validation)
        return validation
