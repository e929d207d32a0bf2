"""The learner's profile as one renderer draws it: dates in the reader's language."""

from django.utils import translation

from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.rendering.profile import assessment_view, course_view, render_profile


def moments(framework, *times):
    scope, scale = resolve_scope(framework, ["6"]), load_scales().get("growth-5")
    return [make_snapshot(framework, scale, scope, {s.id: 2 for s in scope}, {}, when) for when in times]


def test_the_date_of_a_moment_is_written_as_the_language_writes_dates(framework):
    snapshots = moments(framework, "2026-03-03T10:00:00+00:00")
    for lang, words in (("en", "Your self-assessment of March 3, 2026"), ("nl", "Je zelfevaluatie van 3 maart 2026")):
        with translation.override(lang):
            html = render_profile(assessment_view(framework, lang, translation.gettext, snapshots, None, "dc1"))
        assert words in html and "2026-03-03" not in html


def test_each_moments_date_heads_its_column(framework):
    snapshots = moments(framework, "2026-03-03T10:00:00+00:00", "2026-06-30T10:00:00+00:00")
    with translation.override("nl"):
        html = render_profile(course_view(framework, "nl", translation.gettext, snapshots, "dc2", "Profiel"))
    assert "3 maart 2026" in html and "30 juni 2026" in html
