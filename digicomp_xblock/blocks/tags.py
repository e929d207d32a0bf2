"""`digicomp_tags`: an XBlock aside that tags units and components with competences.

course staff get a picker (a tree with search) that writes Open edX content tags; learners see a small panel
"This unit develops: …" in their language. The tags themselves live in openedx_tagging (see tagging/api.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop
from web_fragments.fragment import Fragment
from xblock.core import XBlock, XBlockAside
from xblock.exceptions import JsonHandlerError

from .. import conf
from ..core.loader import FrameworkError
from ..platform import is_staff, show_competences, tagging_available
from ..platform.course import OWN_BLOCKS, is_unit
from ..rendering.presentation import element_id, framework_tree
from .handlers import json_handler, staff_only
from .mixins import FrameworkMixin, I18nMixin, ResourcesMixin

#: Blocks that are never tagged: our own, the course's tools about the framework (not content that develops a
#: competence); in Studio's preview (their author_view) they get no picker either.
NOT_TAGGED = OWN_BLOCKS


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
        from ..tagging.api import competences_of  # noqa: PLC0415 - a Django app, loaded only when installed

        return competences_of(self.object_id, self.framework)

    @XBlockAside.aside_for("student_view")
    def student_view_aside(self, block, context=None):  # noqa: ARG002 - XBlock's view signature
        """Learners: the panel on units that have tags. Staff: the picker too, on units."""
        if not is_unit(block) or not tagging_available():
            return Fragment()
        staff = is_staff(self)
        if not staff and not show_competences(block):
            return Fragment()
        return self._render(picker=staff)

    @XBlockAside.aside_for("author_view")
    def author_view_aside(self, block, context=None):  # noqa: ARG002 - XBlock's view signature
        """Studio: the picker on units and components."""
        if not tagging_available():
            return Fragment()
        return self._render(picker=True)

    def _render(self, picker: bool) -> Fragment:
        try:
            framework = self.framework_model
        except FrameworkError:
            return Fragment()
        ids = self._tag_ids()
        if not ids and not picker:
            return Fragment()
        lang = self.content_language(framework.languages)
        context = {"dom_id": element_id(self.object_id, "dc-tags-"), "tagged": self._tagged(framework, lang, ids),
                   "picker": picker}
        if picker:
            context.update({"tree": framework_tree(framework, lang), "chosen": set(ids)})
        html = self.render_template("tags/aside.html", context)
        if picker:
            return self.fragment(html, css=["tags.css"], script="tags_aside", init="DigicompTagsAside")
        return self.fragment(html, css=["tags.css"])

    def _panel_html(self, framework, ids: list[str]) -> str:
        """The panel "This unit develops: …" of `ids` (empty without tags), as the view shows it."""
        lang = self.content_language(framework.languages)
        return self.render_template("tags/panel.html", {"tagged": self._tagged(framework, lang, ids)})

    @staticmethod
    def _tagged(framework, lang: str, ids: list[str]) -> list[dict]:
        """The panel's items: ID, text in `lang`, and for a statement its link into the framework browser."""
        browser = conf.FRAMEWORK_BROWSER_URL.value()
        tagged = []
        for node_id in ids:
            if node_id in framework:
                node = framework.node(node_id)
                statement = hasattr(node, "text")
                tagged.append({"id": node_id, "text": node.text.get(lang) if statement else node.title.get(lang),
                               "url": f"{browser}#digicomp-statement-{node_id.replace('.', '-')}"
                               if browser and statement else ""})
        return tagged

    @json_handler
    def set_competences(self, payload):
        """Staff only: `{"ids": ["5", "5.2", "5.2.3"]}` becomes the block's competence tags. The answer: the IDs saved
        and the panel's new HTML (`panel`), which the page puts in place of the old one."""
        staff_only(self, gettext_noop("only course staff can tag content"))
        if not isinstance(payload, dict) or set(payload) != {"ids"} or not isinstance(payload["ids"], list) \
                or not all(isinstance(i, str) for i in payload["ids"]):
            raise JsonHandlerError(400, self.gettext('expected {"ids": [competence IDs as text]}'))
        if not tagging_available():
            raise JsonHandlerError(400, self.gettext("content tagging (openedx_tagging) is not installed"))
        from ..tagging.api import TaggingError, set_competences  # noqa: PLC0415 - a Django app, loaded when installed

        try:
            framework = self.framework_model
            ids = set_competences(self.object_id, framework, payload["ids"])
        except (TaggingError, FrameworkError) as error:
            raise JsonHandlerError(400, str(error)) from None
        return {"ids": ids, "panel": self._panel_html(framework, ids)}
