"""A titled container for the demo course: the SDK's vertical_demo has no title, and Open edX's units do.

Only the demo scenarios use it (entry point `digicomp_demo_container` of the demo's distribution); in Open edX,
courses have their own sections, subsections and units.
"""

from django.utils.html import escape
from lxml import html
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String

from digicomp_xblock.rendering.presentation import element_id


class DemoContainer(XBlock):
    """Renders its title as a heading (with an anchor for links) and then its children; nothing at all when its
    children show nothing (the coverage map to a learner), so that no heading stands above an empty part."""

    has_children = True
    display_name = String(default="", scope=Scope.settings)
    level = String(default="3", scope=Scope.settings, help="heading level of the title: 2, 3 or 4")

    def student_view(self, context=None):
        fragment = Fragment()
        level = self.level if self.level in ("2", "3", "4") else "3"
        parts = [f'<div class="dc-demo-container" id="{element_id(self.scope_ids.usage_id)}">']
        if self.display_name:
            parts.append(f"<h{level}>{escape(self.display_name)}</h{level}>")
        shown = False
        for child_id in self.children:
            child = self.runtime.get_block(child_id)
            rendered = child.render("student_view", context)
            fragment.add_fragment_resources(rendered)
            parts.append(rendered.content)
            shown = shown or bool(rendered.content and html.fromstring(rendered.content).text_content().strip())
        if not shown:
            return Fragment()
        parts.append("</div>")
        fragment.add_content("".join(parts))
        return fragment
