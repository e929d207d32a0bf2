"""`digicomp_tags`: an XBlock aside that tags units and components with competences.

Course staff get a picker (a tree with search) that writes Open edX content tags; learners see a small panel
"This unit develops: …" in their language. The tags themselves live in openedx_tagging (see tagging/api.py).
"""

from __future__ import annotations

from django.conf import settings
from web_fragments.fragment import Fragment
from xblock.core import XBlock, XBlockAside

from .compat import anchor_of, is_staff, panel_enabled, tagging_available
from .core.answers import AnswerError
from .core.loader import FrameworkError
from .course_structure import is_unit
from .json_api import PermissionDenied, json_api
from .mixins.framework import FrameworkMixin
from .mixins.i18n import I18nMixin
from .mixins.resources import ResourcesMixin
from .presentation import framework_tree

#: Blocks that are never tagged (their own content is the framework).
NOT_TAGGED = {"digicomp_coverage", "digicomp_framework"}


@XBlock.wants("user")
class CompetenceTagsAside(FrameworkMixin, I18nMixin, ResourcesMixin, XBlockAside):
    """Competence tags of the block it is attached to."""

    @classmethod
    def should_apply_to_block(cls, block):
        return block.scope_ids.block_type not in NOT_TAGGED

    @property
    def object_id(self) -> str:
        """The usage key of the tagged block, as content tagging stores it."""
        return str(self.runtime.id_reader.get_usage_id_from_aside(self.scope_ids.usage_id))

    def _tag_ids(self) -> list[str]:
        if not tagging_available():
            return []
        from .tagging.api import competences_of  # pylint: disable=import-outside-toplevel

        return competences_of(self.object_id, self.framework)

    @XBlockAside.aside_for("student_view")
    def student_view_aside(self, block, context=None):  # pylint: disable=unused-argument
        """Learners: the panel on units that have tags. Staff: the picker too, on units."""
        if not is_unit(block) or not tagging_available():
            return Fragment()
        staff = is_staff(self)
        if not staff and not panel_enabled(block):
            return Fragment()
        return self._render(block, picker=staff)

    @XBlockAside.aside_for("author_view")
    def author_view_aside(self, block, context=None):  # pylint: disable=unused-argument
        """Studio: the picker on units and components."""
        if not tagging_available():
            return Fragment()
        return self._render(block, picker=True)

    def _render(self, block, picker: bool) -> Fragment:
        try:
            framework = self.framework_model
        except FrameworkError:
            return Fragment()
        ids = self._tag_ids()
        if not ids and not picker:
            return Fragment()
        lang = self.content_language(framework.languages)
        dom_id = anchor_of(self.object_id, "dc-tags-")
        browser = getattr(settings, "DIGICOMP_FRAMEWORK_BROWSER_URL", "")
        tagged = []
        for node_id in ids:
            if node_id in framework:
                node = framework.node(node_id)
                text = node.text.get(lang) if hasattr(node, "text") else node.title.get(lang)
                tagged.append({"id": node_id, "text": text,
                               "url": f"{browser}#digicomp-statement-{node_id.replace('.', '-')}"
                               if browser and hasattr(node, "text") else ""})
        context = {"dom_id": dom_id, "tagged": tagged, "picker": picker}
        if picker:
            context["tree_html"] = self.render_template("competence_tree.html", {
                "block_id": dom_id, "tree": framework_tree(framework, lang), "chosen": set(ids)})
        fragment = Fragment(self.render_template("tags_aside.html", context))
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        fragment.add_css_url(self.static_url("css/tags.css"))
        if picker:
            self.add_i18n_js(fragment)
            fragment.add_javascript_url(self.static_url("js/tags_aside.js"))
            fragment.initialize_js("DigicompTagsAside")
        return fragment

    @json_api
    def set_competences(self, payload):
        """Staff only: `{"ids": ["5", "5.2", "5.2.3"]}` becomes the block's competence tags."""
        if not is_staff(self):
            raise PermissionDenied("only course staff can tag content")
        if not isinstance(payload, dict) or set(payload) != {"ids"} or not isinstance(payload["ids"], list) \
                or not all(isinstance(i, str) for i in payload["ids"]):
            raise AnswerError('expected {"ids": [competence IDs as text]}')
        if not tagging_available():
            raise AnswerError("content tagging (openedx_tagging) is not installed")
        from .tagging.api import TaggingError, set_competences  # pylint: disable=import-outside-toplevel

        try:
            ids = set_competences(self.object_id, self.framework_model, payload["ids"])
        except (TaggingError, FrameworkError) as error:
            raise AnswerError(str(error)) from None
        return {"ids": ids}
