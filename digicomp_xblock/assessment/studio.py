"""Studio: the editor (scope picked from a tree), its save handler, and OLX import checks."""

from __future__ import annotations

import re

from web_fragments.fragment import Fragment
from xblock.core import XBlockMixin

from ..core.answers import AnswerError
from ..core.loader import FrameworkError, bundled_frameworks, get_framework
from ..core.scales import load_scales
from ..core.scope import parse_scope
from ..json_api import json_api
from ..presentation import framework_tree
from .settings import MAX_MOMENTS_LIMIT, check_settings

#: Settings the editor changes, with their types.
EDITABLE = {"display_name": str, "introduction": str, "framework": str, "scope": str, "scale": str,
            "allow_not_relevant": bool, "max_moments": int, "show_profile": bool, "weight": (int, float)}


def olx_attribute_problems(attributes) -> list[str]:
    """Attribute values XBlock would quietly coerce (`max_moments="2.5"` -> 2, `weight="true"` -> 1.0)."""
    problems = []
    if "max_moments" in attributes and not re.fullmatch(r"\d+", attributes["max_moments"].strip()):
        problems.append(f"max_moments=\"{attributes['max_moments']}\" is not a whole number")
    if "weight" in attributes and not re.fullmatch(r"\d+(\.\d+)?", attributes["weight"].strip()):
        problems.append(f"weight=\"{attributes['weight']}\": the participation weight must be a number of 0 or more")
    for name in ("allow_not_relevant", "show_profile"):
        if name in attributes and attributes[name].strip().lower() not in ("true", "false"):
            problems.append(f"{name}=\"{attributes[name]}\" must be true or false")
    return problems


class StudioMixin(XBlockMixin):
    """Studio editor and OLX checks for the self-assessment."""

    def studio_view(self, context=None):  # pylint: disable=unused-argument
        try:
            framework = self.framework_model
        except FrameworkError:
            framework = get_framework()
        lang = self.content_language(framework.languages)
        chosen = set(parse_scope(self.scope))
        scales = load_scales()
        html = self.render_template("assessment_studio.html", {
            "block_id": self.dom_id,
            "fields": {name: getattr(self, name) for name in EDITABLE},
            "frameworks": bundled_frameworks(),
            "scales": [{"id": s.id, "title": s.title.get(lang)} for s in scales.scales],
            "tree_html": self.render_template("competence_tree.html", {
                "block_id": self.dom_id, "tree": framework_tree(framework, lang), "chosen": chosen}),
            "whole": not chosen,
            "max_moments_limit": MAX_MOMENTS_LIMIT,
        })
        fragment = Fragment(html)
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        fragment.add_css_url(self.static_url("css/assessment.css"))
        fragment.add_css_url(self.static_url("css/tags.css"))
        self.add_i18n_js(fragment)
        fragment.add_javascript_url(self.static_url("js/assessment_studio.js"))
        fragment.initialize_js("DigicompAssessmentStudio")
        return fragment

    @json_api
    def studio_submit(self, payload):
        """Save the editor's values after checking all of them; 400 with every problem otherwise."""
        if not isinstance(payload, dict):
            raise AnswerError("the request must be a JSON object")
        unknown = sorted(set(payload) - set(EDITABLE))
        if unknown:
            raise AnswerError(f"unknown setting(s): {', '.join(unknown)}")
        values = {name: payload.get(name, getattr(self, name)) for name in EDITABLE}
        wrong = [name for name, kind in EDITABLE.items()
                 if not isinstance(values[name], kind) or (kind is not bool and isinstance(values[name], bool))]
        if wrong:
            raise AnswerError(f"wrong type for: {', '.join(wrong)}")
        try:
            framework = get_framework(values["framework"])
        except FrameworkError as error:
            raise AnswerError(error.problems[0].message) from None
        values["scope"] = " ".join(parse_scope(values["scope"]))
        problems = check_settings(framework, values["scope"], values["scale"], values["max_moments"], values["weight"],
                                  self.gettext)
        if problems:
            raise AnswerError("; ".join(problems))
        for name, value in values.items():
            setattr(self, name, value)
        return {"result": "success"}

    @classmethod
    def parse_xml(cls, node, runtime, keys, *args, **kwargs):
        """Import from OLX, refusing settings the block could not work with (with every reason)."""
        problems = olx_attribute_problems(node.attrib)
        if problems:
            raise ValueError(f"<{node.tag}>: " + "; ".join(problems))
        try:
            block = super().parse_xml(node, runtime, keys, *args, **kwargs)
        except (TypeError, ValueError) as error:
            raise ValueError(f"<{node.tag}>: invalid attribute value: {error}") from None
        problems = block.settings_problems()
        if problems:
            raise ValueError(f"<{node.tag}>: " + "; ".join(problems))
        return block
