"""What the learner sees: the form (statements with radio buttons) and the profile (chart, table, growth)."""

from __future__ import annotations

import hashlib

from web_fragments.fragment import Fragment
from xblock.core import XBlockMixin

from ..charts import bar_chart, growth_chart
from ..core.answers import MAX_REFLECTION_CHARS
from ..core.loader import FrameworkError
from ..core.model import COMPONENT_KINDS
from ..core.scales import NOT_RELEVANT, load_scales
from ..core.scope import ScopeError
from ..core.scoring import growth
from ..core.snapshots import snapshot_profile
from ..presentation import KIND_LABELS, kind_cells, paragraphs, percent, statement_groups
from ..suggestions import strengths_html, suggestions


class StudentViewMixin(XBlockMixin):
    """student_view and the profile; the form's markup is the same for every learner, so it is cached."""

    def student_view(self, context=None):  # pylint: disable=unused-argument
        try:
            framework = self.framework_model
            scope = self.scope_statements
            scale = self.scale_model
        except (FrameworkError, ScopeError, KeyError) as error:
            return self.settings_error_fragment(error)
        lang = self.content_language(framework.languages)
        self.sync_records()
        state = self.state()
        html = self.render_template("assessment.html", {
            "block_id": self.dom_id,
            "display_name": self.gettext(self.display_name),
            "introduction": paragraphs(self.introduction),
            "lang": lang,
            "form": self.form_html(framework, scope, scale, lang),
            "levels": [{"value": lv.value, "label": lv.label.get(lang), "description": lv.description.get(lang)}
                       for lv in scale.levels],
            "not_relevant": self._not_relevant(lang),
            "total": len(scope),
            "state": state,
            "show_profile": self.show_profile,
            "download_json": self.runtime.handler_url(self, "download", query="format=json"),
            "download_csv": self.runtime.handler_url(self, "download", query="format=csv"),
        })
        fragment = Fragment(html)
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        fragment.add_css_url(self.static_url("css/assessment.css"))
        self.add_i18n_js(fragment)
        fragment.add_javascript_url(self.static_url("js/assessment.js"))
        init_state = {key: value for key, value in state.items() if key != "profile_html"}
        fragment.initialize_js("DigicompAssessment", {"state": init_state, "storageKey": f"digicomp:{self.dom_id}"})
        return fragment

    @property
    def dom_id(self) -> str:
        """A short ID, unique per block on a page, that prefixes every element ID of the block."""
        return "dc" + hashlib.sha1(str(self.scope_ids.usage_id).encode("utf-8")).hexdigest()[:8]

    def _not_relevant(self, lang):
        if not self.allow_not_relevant:
            return None
        level = load_scales().not_relevant
        return {"value": NOT_RELEVANT, "label": level.label.get(lang), "description": level.description.get(lang)}

    def form_html(self, framework, scope, scale, lang) -> str:
        return _cached_form(self, framework.id, framework.version, tuple(s.id for s in scope), scale.id,
                            self.allow_not_relevant, lang, self.dom_id)

    def settings_error_fragment(self, error) -> Fragment:
        fragment = Fragment(self.render_template("framework_error.html", {"problems": [str(error)]}))
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        return fragment

    def suggestions_html(self, framework, latest, names) -> str:
        found = suggestions(self, framework, latest, names)
        return self.render_template("suggestions.html", {"suggestions": found, "level": 4}) if found is not None else ""

    def render_profile(self, compare: int | None) -> str:
        """The latest moment's profile; with `compare` (1-based), its growth since that moment."""
        framework = self.framework_model
        lang = self.content_language(framework.languages)
        latest = snapshot_profile(self.snapshots[-1])
        names = {c.id: c.title.get(lang) for c in framework.clusters()}
        not_rated = self.gettext("not rated")
        rows = []
        for cluster in latest.clusters:
            rows.append({
                "id": cluster.cluster_id,
                "title": names.get(cluster.cluster_id, cluster.cluster_id),
                "score": percent(cluster.overall.value, not_rated),
                "kinds": kind_cells(cluster, not_rated),
                "answered": cluster.overall.answered,
                "not_relevant": cluster.overall.not_relevant,
                "total": cluster.overall.total,
            })
        chart = bar_chart([(row["id"], row["title"], cluster.overall.value)
                           for row, cluster in zip(rows, latest.clusters, strict=True)], not_rated)
        chart_svg = self.render_template("assessment_chart.html", {
            "chart": chart, "chart_id": f"{self.dom_id}-chart",
            "title": self.gettext("Score per cluster"),
            "description": self.gettext(
                "Bar chart of your score per cluster; the table below gives the same figures."),
        })
        count = len(self.snapshots)
        context = {
            "block_id": self.dom_id,
            "moment": count,
            "submitted_at": self.snapshots[-1]["submitted_at"],
            "rows": rows,
            "chart_svg": chart_svg,
            "kind_labels": [self.gettext(KIND_LABELS[k]) for k in COMPONENT_KINDS],
            "strengths_html": strengths_html(self.render_template, latest, names),
            "reflections": [{"cluster": f"{c} {names.get(c, '')}", "text": t}
                            for c, t in self.snapshots[-1].get("reflections", {}).items()],
            "earlier": list(range(1, count)),
            "compare": None,
            "can_start": count < self.max_moments,
            "show_scores": self.show_profile,
            "suggestions_html": self.suggestions_html(framework, latest, names) if self.show_profile else "",
        }
        if count > 1 and self.show_profile:
            compare = compare or count - 1
            earlier = snapshot_profile(self.snapshots[compare - 1])
            changes = growth(earlier, latest)
            context["compare"] = compare
            context["growth_rows"] = [{
                "id": ch.cluster_id, "title": names.get(ch.cluster_id, ch.cluster_id),
                "before": percent(ch.before, not_rated), "after": percent(ch.after, not_rated),
                "delta": "–" if ch.delta is None else f"{ch.delta:+.0f}",
            } for ch in changes]
            context["growth_svg"] = self.render_template("assessment_chart.html", {
                "chart": growth_chart([(ch.cluster_id, names.get(ch.cluster_id, ""), ch.before, ch.after)
                                       for ch in changes], not_rated),
                "chart_id": f"{self.dom_id}-growth",
                "title": self.gettext("Change per cluster"),
                "description": self.gettext("Bar chart with two bars per cluster, the earlier moment and now; "
                                             "the table below gives the same figures."),
            })
        return self.render_template("assessment_profile.html", context)


_FORMS: dict = {}


def _cached_form(block, framework_id, version, scope_ids, scale_id, allow_na, lang, dom_id) -> str:
    """The statements form, rendered once per framework version, scope, scale, language and block."""
    key = (framework_id, version, scope_ids, scale_id, allow_na, lang, dom_id)
    cached = _FORMS.get(key)
    if cached is None:
        cached = _render_form(block, scope_ids, lang)
        if len(_FORMS) > 64:
            _FORMS.clear()
        _FORMS[key] = cached
    return cached


def _render_form(block, scope_ids, lang) -> str:
    framework = block.framework_model
    scale = block.scale_model
    chosen = set(scope_ids)
    options = [{"value": lv.value, "label": lv.label.get(lang)} for lv in scale.levels]
    not_relevant = block._not_relevant(lang)  # pylint: disable=protected-access
    if not_relevant:
        options.append({"value": not_relevant["value"], "label": not_relevant["label"]})
    clusters = []
    for cluster in framework.clusters():
        components = []
        for component in cluster.components:
            groups = statement_groups(cluster, component, lang, chosen)
            if groups:
                components.append({"id": component.id, "title": component.title.get(lang), "groups": groups})
        if components:
            total = sum(len(g["statements"]) for c in components for g in c["groups"])
            clusters.append({"id": cluster.id, "title": cluster.title.get(lang), "components": components,
                             "total": total})
    return block.render_template("assessment_form.html", {
        "block_id": block.dom_id, "clusters": clusters, "options": options,
        "max_reflection": MAX_REFLECTION_CHARS,
    })
