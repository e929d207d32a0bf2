"""A learner's course-wide profile: first and latest score per cluster across assessments."""

from digicomp_xblock.core.history import course_history, each_moment, latest_profile
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot


def snap(framework, ids, level, when):
    scope = resolve_scope(framework, ids)
    return make_snapshot(framework, load_scales().get("growth-5"), scope, {s.id: level for s in scope}, {}, when)


def test_first_and_latest_per_cluster_across_assessments_in_time_order(framework):
    snapshots = [
        snap(framework, ["5", "6"], 4, "2026-12-01T10:00:00+00:00"),  # later, listed first
        snap(framework, ["6"], 1, "2026-09-01T10:00:00+00:00"),
        snap(framework, ["1"], 2, "2026-10-01T10:00:00+00:00"),
    ]
    history = {h.cluster_id: h for h in course_history(framework, snapshots)}
    assert list(history) == ["1", "5", "6"]
    assert (history["6"].first, history["6"].latest, history["6"].moments, history["6"].change) == (25.0, 100.0, 2, 75.0)
    assert (history["1"].latest, history["1"].change) == (50.0, None)  # one moment: no change
    assert history["5"].latest_score.kind("skills").value == 100.0


def test_not_relevant_only_clusters_are_left_out_and_latest_profile_ranks(framework):
    scope = resolve_scope(framework, ["8"])
    only_na = make_snapshot(framework, load_scales().get("growth-5"), scope, {s.id: "na" for s in scope}, {},
                            "2026-09-01T00:00:00+00:00")
    history = course_history(framework, [only_na, snap(framework, ["1"], 1, "2026-09-02T00:00:00+00:00"),
                                         snap(framework, ["2"], 3, "2026-09-03T00:00:00+00:00")])
    assert [h.cluster_id for h in history] == ["1", "2"]
    profile = latest_profile(history)
    assert (profile.weakest(), profile.strongest()) == (["1"], ["2"])


def test_no_snapshot_no_history(framework):
    assert course_history(framework, []) == ()


def test_each_moment_in_time_order_with_the_clusters_it_asked_about(framework):
    moments = each_moment([snap(framework, ["5", "6"], 4, "2026-12-01T10:00:00+00:00"),
                           snap(framework, ["6"], 1, "2026-09-01T10:00:00+00:00")])
    assert [m.submitted_at[:10] for m in moments] == ["2026-09-01", "2026-12-01"]
    assert moments[0].scores == {"6": 25.0}
    assert moments[1].scores == {"5": 100.0, "6": 100.0}
