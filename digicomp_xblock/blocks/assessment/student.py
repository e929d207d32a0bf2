"""What the learner sees: the form (statements with radio buttons) and the profile (chart, table, growth)."""

from __future__ import annotations

import hashlib

from xblock.core import XBlockMixin

from ... import conf
from ...core.answers import MAX_REFLECTION_CHARS
from ...core.loader import FrameworkError
from ...core.model import COMPONENT_KINDS
from ...core.scales import NOT_RELEVANT, load_scales
from ...core.scope import ScopeError
from ...rendering.data import framework_data, framework_info, scale_data
from ...rendering.presentation import KIND_LABELS, element_id, paragraphs, statement_groups
from ...rendering.profile import assessment_view, render_profile
from ...rendering.suggestions import suggestions


class StudentViewMixin(XBlockMixin):
    """student_view and the profile; the form's markup is the same for every learner, so it is cached."""

    def student_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        try:
            framework = self.framework_model
            scope = self.scope_statements
            scale = self.scale_model
        except (FrameworkError, ScopeError, KeyError) as error:
            return self.error_fragment([error])
        lang = self.content_language(framework.languages)
        self.sync_records()
        state = self.state()
        display_name, introduction = self.texts(lang)
        # The learner's state reaches the script through a json_script element (`<`, `>` and `&` escaped), not
        # the start-up data of initialize_js: runtimes write that into the page as it is (the XBlock SDK's
        # `<script type="json/xblock-args">`), and a reflection may hold "</script>". No free text goes there.
        html = self.render_template("assessment/student.html", {
            "block_id": self.dom_id,
            "display_name": display_name,
            "introduction": paragraphs(introduction),
            "lang": lang,
            "form": self.form_html(framework, scope, scale, lang),
            "levels": level_meanings(scale, lang, self.gettext),
            "not_relevant": self._not_relevant(lang),
            "total": len(scope),
            "state": state,
            "init_state": {key: value for key, value in state.items() if key != "profile_html"},
            "show_profile": self.show_profile,
            "share_answers": self.share_answers,
            "min_group": conf.MIN_GROUP.value(),
            "download_json": self.runtime.handler_url(self, "download", query="format=json"),
            "download_csv": self.runtime.handler_url(self, "download", query="format=csv"),
        })
        return self.fragment(html, css=["assessment.css"], script="assessment", init="DigicompAssessment",
                             init_args={"storageKey": f"digicomp:{self.draft_owner}:{self.dom_id}"})

    def public_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        """Visitors who are not signed in: a sign-in request, for the answers are kept per learner (the platform's
        anonymous user would share one record with every other visitor)."""
        try:
            lang = self.content_language(self.framework_model.languages)
        except FrameworkError:
            lang = ""
        return self.notice_fragment(self.gettext("Sign in to take this self-assessment: your answers are kept for "
                                                 "you, and you see your competences grow."), self.texts(lang)[0])

    def student_view_data(self, context=None):  # noqa: ARG002 - XBlock's view signature
        """The self-assessment as JSON for the mobile apps: the statements in scope, the scale, the settings.

        The same for every learner (the platform collects it once per course version): no learner's answers; a
        learner's own state comes from the handler `student_view_user_state`. Every text is in each of the
        framework's languages (the display name and introduction: as a reader of that language sees them; the
        default display name translated as the request's language has it). A block that cannot work says why in
        `error`.
        """
        try:
            framework = self.framework_model
            scope = self.scope_statements
            scale = self.scale_model
        except (FrameworkError, ScopeError, KeyError) as error:
            return {"display_name": self.display_name, "error": str(error)}
        langs = framework.languages
        not_relevant = load_scales().not_relevant if self.allow_not_relevant else None
        return {
            "display_name": {lang: self.texts(lang)[0] for lang in langs},
            "introduction": {lang: self.texts(lang)[1] for lang in langs},
            "framework": framework_info(framework),
            "scale": scale_data(scale, langs, not_relevant),
            "focuses": framework_data(framework, {s.id for s in scope}),
            "statements": len(scope),
            "max_moments": self.max_moments,
            "show_profile": self.show_profile,
            "share_answers": self.share_answers,
            "graded": self.has_score,
            "max_reflection_chars": MAX_REFLECTION_CHARS,
        }

    @property
    def draft_owner(self) -> str:
        """Whose unsaved answers a browser keeps (part of their localStorage key): a hash, not the user's ID. On a
        computer people share, the page removes the drafts of every other owner."""
        return hashlib.sha256(f"digicomp-draft:{self.scope_ids.user_id}".encode()).hexdigest()[:16]

    @property
    def dom_id(self) -> str:
        """A short ID, unique per block on a page, that prefixes every element ID of the block."""
        return element_id(self.scope_ids.usage_id, "dc", 8)

    def _not_relevant(self, lang):
        if not self.allow_not_relevant:
            return None
        level = load_scales().not_relevant
        return {"value": NOT_RELEVANT, "label": level.label.get(lang), "description": level.description.get(lang)}

    def form_html(self, framework, scope, scale, lang) -> str:
        return _cached_form(self, framework.id, framework.version, tuple(s.id for s in scope), scale.id,
                            self.allow_not_relevant, lang, self.dom_id)

    def render_profile(self, compare: int | None) -> str:
        """The latest moment's profile; with `compare` (1-based), its growth since that moment."""
        framework = self.framework_model
        lang = self.content_language(framework.languages)
        view = assessment_view(framework, lang, self.gettext, self.snapshots, compare, self.dom_id, self.show_profile,
                               lambda latest, names: suggestions(self, framework, latest, names))
        if self.show_profile:
            view["gap"] = self.gap_of(self.snapshots[-1], self.chosen_target, lang, self.gettext, self.dom_id,
                                      choice=True)
        names = {c.id: c.title.get(lang) for c in framework.clusters()}
        return render_profile(view, self.i18n_service, "assessment/profile.html",
                              reflections=[{"cluster": f"{c} {names.get(c, '')}", "text": t}
                                           for c, t in self.snapshots[-1].get("reflections", {}).items()],
                              can_start=len(self.snapshots) < self.max_moments)


def level_meanings(scale, lang: str, gettext) -> list[dict]:
    """What the levels mean, as the learner reads it above the form: one list, or one per kind of statement when
    the scale words its levels for knowledge, skills and attitudes."""
    kinds = COMPONENT_KINDS if scale.worded_by_kind else (None,)
    return [{"kind": gettext(KIND_LABELS[kind]) if kind else "",
             "levels": [{"label": w.label.get(lang), "description": w.description.get(lang)}
                        for w in (lv.wording(kind) for lv in scale.levels)]} for kind in kinds]


_FORMS: dict = {}
#: Rendered forms kept per process (each is one framework version, scope, scale, language and block).
MAX_CACHED_FORMS = 64


def _cached_form(block, framework_id, version, scope_ids, scale_id, allow_na, lang, dom_id) -> str:
    """The statements form, rendered once per framework version, scope, scale, language and block."""
    key = (framework_id, version, scope_ids, scale_id, allow_na, lang, dom_id)
    cached = _FORMS.get(key)
    if cached is None:
        cached = _render_form(block, scope_ids, lang)
        if len(_FORMS) > MAX_CACHED_FORMS:
            _FORMS.clear()
        _FORMS[key] = cached
    return cached


def _render_form(block, scope_ids, lang) -> str:
    framework = block.framework_model
    scale = block.scale_model
    chosen = set(scope_ids)
    not_relevant = block._not_relevant(lang)  # noqa: SLF001 - the block's own helper
    extra = [{"value": not_relevant["value"], "label": not_relevant["label"]}] if not_relevant else []
    options = {kind: [{"value": lv.value, "label": lv.wording(kind).label.get(lang)} for lv in scale.levels] + extra
               for kind in COMPONENT_KINDS}
    clusters = []
    for cluster in framework.clusters():
        components = []
        for component in cluster.components:
            groups = statement_groups(cluster, component, lang, chosen)
            if groups:
                components.append({"id": component.id, "title": component.title.get(lang), "groups": groups,
                                   "options": options[component.kind]})
        if components:
            total = sum(len(g["statements"]) for c in components for g in c["groups"])
            clusters.append({"id": cluster.id, "title": cluster.title.get(lang), "components": components,
                             "total": total})
    return block.render_template("assessment/form.html", {
        "block_id": block.dom_id, "clusters": clusters,
        "max_reflection": MAX_REFLECTION_CHARS,
    })
