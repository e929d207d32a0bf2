"""Studio: the editor (scope picked from a tree), its save handler, and OLX import checks."""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop
from xblock.core import XBlock, XBlockMixin
from xblock.exceptions import JsonHandlerError

from ... import conf
from ...core.loader import FrameworkError
from ...core.scales import load_scales
from ...core.scope import parse_scope
from ...rendering.presentation import framework_tree
from ..data import dashboard
from ..handlers import authors_only, json_handler, save_settings
from .configuration import MAX_MOMENTS_LIMIT, MAX_WEIGHT, check_settings

#: Settings the editor changes, with their types.
EDITABLE = {"display_name": str, "introduction": str, "second_language": str, "display_name_second": str,
            "introduction_second": str, "framework": str, "scope": str, "scale": str, "position_profile": str,
            "target_position": str, "learner_chooses_target": bool,
            "allow_not_relevant": bool, "max_moments": int, "show_profile": bool, "share_answers": bool,
            "weight": (int, float)}
#: Languages as their speakers name them (the Studio editor's choice of a second language).
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}
#: The longest text each text setting may have, in characters.
MAX_LENGTHS = {"display_name": 255, "introduction": 10_000, "second_language": 8, "display_name_second": 255,
               "introduction_second": 10_000, "framework": 64, "scope": 10_000, "scale": 64, "position_profile": 64,
               "target_position": 32}


def olx_attribute_problems(attributes) -> list[str]:
    """Attribute values XBlock would quietly coerce (`max_moments="2.5"` -> 2, `weight="true"` -> 1.0)."""
    problems = []
    if "max_moments" in attributes and not re.fullmatch(r"\d+", attributes["max_moments"].strip()):
        problems.append(f"max_moments=\"{attributes['max_moments']}\" is not a whole number")
    if "max_moments" in attributes and re.fullmatch(r"\d{3,}", attributes["max_moments"].strip()):
        problems.append(f"max_moments=\"{attributes['max_moments'][:20]}\" is more than {MAX_MOMENTS_LIMIT}")
    weight = attributes.get("weight", "0").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", weight) or float(weight) > MAX_WEIGHT:
        problems.append(f"weight=\"{weight[:20]}\": the participation weight must be a number of 0 or more, "
                        f"at most {MAX_WEIGHT}")
    problems += [f"{name}=\"{attributes[name]}\" must be true or false"
                 for name in ("allow_not_relevant", "show_profile", "share_answers", "learner_chooses_target")
                 if name in attributes and attributes[name].strip().lower() not in ("true", "false")]
    return problems


def _profile_name(profile_id: str, framework, lang: str) -> str:
    """A position profile as the editor lists it: its name, else (a file that cannot be read) its ID."""
    try:
        return dashboard().position_profile(profile_id, framework).name.get(lang)
    except FrameworkError:
        return profile_id


@XBlock.wants("studio_user_permissions")
class StudioMixin(XBlockMixin):
    """Studio editor and OLX checks for the self-assessment."""

    def studio_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        try:
            framework = self.framework_model
        except FrameworkError:
            framework = conf.framework()
        lang = self.content_language(framework.languages)
        chosen = set(parse_scope(self.scope))
        scales = load_scales()
        html = self.render_template("assessment/studio.html", {
            "block_id": self.dom_id,
            "fields": {name: getattr(self, name) for name in EDITABLE},
            "frameworks": conf.frameworks(),
            "scales": [{"id": s.id, "title": s.title.get(lang)} for s in scales.scales],
            "tree": framework_tree(framework, lang),
            "chosen": chosen,
            "whole": not chosen,
            "max_moments_limit": MAX_MOMENTS_LIMIT,
            "profiles": [(pid, _profile_name(pid, framework, lang)) for pid in dashboard().profile_ids()],
            "positions": [(p.id, p.name.get(lang)) for p in framework.positions],
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in framework.languages],
        })
        return self.fragment(html, css=["assessment.css", "tags.css"], script="assessment_studio",
                             init="DigicompAssessmentStudio")

    def author_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        """Studio's preview: the settings in a few lines and what stops learners, not the form of every statement."""
        problems = self.settings_problems()
        if problems:
            return self.author_fragment(self.gettext(self.display_name), "", problems=problems)
        framework = self.framework_model
        lang = self.content_language(framework.languages)
        scope = self.scope_statements
        counts = {"statements": len(scope), "clusters": len({s.cluster_id for s in scope})}
        yes, no = self.gettext("yes"), self.gettext("no")
        return self.author_fragment(
            self.texts(lang)[0],
            self.gettext("Learners rate themselves on %(statements)s statements of %(clusters)s clusters and see "
                         "their profile per cluster grow.") % counts,
            [(self.gettext("Scope"), self.scope or self.gettext("the whole framework")),
             (self.gettext("Scale"), load_scales().get(self.scale).title.get(lang)),
             (self.gettext("Assessment moments"), str(self.max_moments)),
             (self.gettext("Participation weight"), f"{self.weight:g}" if self.weight else self.gettext("not graded")),
             (self.gettext("Course staff see each learner's answers"), yes if self.share_answers else no)])

    @json_handler
    def studio_submit(self, payload):
        """Save the editor's values after checking all of them; 400 with every problem otherwise. Course staff and
        Studio authors only (403): a learner's request would otherwise change the block for everyone."""
        authors_only(self, gettext_noop("only course staff can change the settings of this self-assessment"))
        if not isinstance(payload, dict):
            raise JsonHandlerError(400, self.gettext("the request must be a JSON object"))
        unknown = sorted(set(payload) - set(EDITABLE))
        if unknown:
            raise JsonHandlerError(400, self.gettext("unknown setting(s): %(names)s") % {"names": ", ".join(unknown)})
        values = {name: payload.get(name, getattr(self, name)) for name in EDITABLE}
        wrong = [name for name, kind in EDITABLE.items()
                 if not isinstance(values[name], kind) or (kind is not bool and isinstance(values[name], bool))]
        if wrong:
            raise JsonHandlerError(400, self.gettext("wrong type for: %(names)s") % {"names": ", ".join(wrong)})
        too_long = [name for name, limit in MAX_LENGTHS.items() if len(values[name]) > limit]
        if too_long:
            raise JsonHandlerError(400, self.gettext("too long: %(names)s") % {"names": ", ".join(too_long)})
        return save_settings(self, values, check_settings)

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
