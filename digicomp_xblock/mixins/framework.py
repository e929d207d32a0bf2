"""The framework a block works with: a setting naming a bundled framework file."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from xblock.core import XBlockMixin
from xblock.fields import Scope, String
from xblock.validation import ValidationMessage

from ..core.loader import DEFAULT_FRAMEWORK, FrameworkError, bundled_frameworks, get_framework
from ..core.model import Framework


class FrameworkMixin(XBlockMixin):
    """Adds the `framework` setting and the loaded (cached) framework model."""

    framework = String(
        display_name=_("Framework"),
        help=_("The competence framework file this block uses."),
        default=DEFAULT_FRAMEWORK,
        scope=Scope.settings,
        values_provider=lambda _block: [{"display_name": f, "value": f} for f in bundled_frameworks()],
    )

    @property
    def framework_model(self) -> Framework:
        """The loaded framework (the loader caches it per file; this instance keeps it per framework ID)."""
        cached = getattr(self, "_framework_cache", None)
        if cached is None or cached[0] != self.framework:
            cached = (self.framework, get_framework(self.framework))
            self._framework_cache = cached
        return cached[1]

    def framework_error_fragment(self, error: FrameworkError) -> Fragment:
        """What learners see instead of the block when its framework file is missing or broken."""
        fragment = Fragment(self.render_template("framework_error.html", {
            "problems": [str(problem.message) for problem in error.problems[:5]],
        }))
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        return fragment

    def validate_framework(self, validation) -> None:
        """Add a Studio validation message when the framework cannot be loaded."""
        try:
            get_framework(self.framework)
        except FrameworkError as error:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(error.problems[0].message)))
