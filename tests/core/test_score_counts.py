"""The scores summed from the answers are the stored scores: every cohort figure comes out the same both ways."""

import random
from collections import Counter
from dataclasses import replace

import pytest

from digicomp_xblock.core import cohort, compact
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.profiles import load_profile
from digicomp_xblock.core.profiles.files import profiles_dir
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.score_counts import AnswerCounts, FigureCounts, _tally, groups_of
from digicomp_xblock.core.snapshots import make_snapshot

FRAMEWORK = get_framework()
LAYOUT = [s.id for s in FRAMEWORK.statements()]
CLUSTERS = [c.id for c in FRAMEWORK.clusters()]


def random_cohort(seed: int, scale_id: str) -> tuple[cohort.Cohort, cohort.Cohort]:
    """The same moments twice: summed from their answers, and read from their stored scores. Each learner's
    assessment asks some clusters (all their statements, or a part); some statements are left unrated or rated
    "not relevant"."""
    rng = random.Random(seed)
    scale = load_scales().get(scale_id)
    columns = {name: [] for name in ("learner", "moment", "submitted_at", "framework", "scale", "figures", "answers")}
    for n in range(rng.randint(6, 40)):
        clusters = rng.sample(CLUSTERS, rng.randint(1, len(CLUSTERS)))
        scope = [s for s in FRAMEWORK.statements() if s.cluster_id in clusters and rng.random() < 0.8]
        for moment in range(1, rng.randint(1, 3) + 1):
            ratings = {s.id: rng.choice([*scale.values, NOT_RELEVANT]) for s in scope if rng.random() < 0.85}
            snap = make_snapshot(FRAMEWORK, scale, scope, ratings, {}, f"2026-10-{moment:02d}T09:00:00")
            for name, value in (("learner", f"l{n:02d}"), ("moment", moment), ("submitted_at", snap["submitted_at"]),
                                ("framework", FRAMEWORK.id), ("scale", scale.id),
                                ("figures", compact.scores_text(snap["scores"])),
                                ("answers", compact.answers_text(snap["ratings"], LAYOUT))):
                columns[name].append(value)
    clusters = frozenset(cid for text in columns["figures"] for cid in text and
                         [part.split(",")[0] for part in text.split(";")])
    summed = cohort.Cohort(**columns, clusters=clusters, layout=tuple(LAYOUT), groups=groups_of(FRAMEWORK.statements()),
                           scale_of_all=scale)
    read = cohort.Cohort(**columns, clusters=clusters, layout=tuple(LAYOUT))
    return summed, read


def figures(moments: cohort.Cohort) -> list:
    return [cohort.cluster_summary(moments, CLUSTERS, min_group=1),
            cohort.cluster_summary(moments, CLUSTERS, min_group=1, moment="first"),
            cohort.paired_growth(moments, CLUSTERS, min_group=1),
            cohort.growth_over_time(moments, CLUSTERS, min_group=1),
            cohort.growth_over_time(moments, CLUSTERS, min_group=1, by="week")]


def shown(summary: list) -> list:
    """The cluster figures as the page shows them: a kind's median, where there is one."""
    return [(s.cluster_id, s.learners, s.median, s.q1, s.q3, s.suppressed,
             {kind: median for kind, median in s.by_kind if median is not None}) for s in summary]


@pytest.mark.parametrize("seed", range(30))
def test_scores_summed_from_the_answers_give_the_figures_of_the_stored_scores(seed):
    summed, read = random_cohort(seed, load_scales().ids[seed % len(load_scales().ids)])
    assert isinstance(summed.counts, AnswerCounts) and isinstance(read.counts, FigureCounts)
    found, expected = figures(summed), figures(read)
    assert shown(found[0]) == shown(expected[0]) and shown(found[1]) == shown(expected[1])
    assert found[2:] == expected[2:]


def test_answers_that_cannot_be_summed_are_read_from_the_stored_scores():
    summed, _read = random_cohort(1, "growth-5")
    assert isinstance(replace(summed, answers=["", *summed.answers[1:]]).counts, FigureCounts)
    assert isinstance(replace(summed, scale_of_all=None).counts, FigureCounts)
    scale = load_scales().get("growth-5")  # levels 0 to 4: a byte sums 63 statements, not 64
    assert AnswerCounts.fits(["0" * 144], {("1", ""): list(range(63))}, scale)
    assert not AnswerCounts.fits(["0" * 144], {("1", ""): list(range(64))}, scale)


def test_every_learner_rating_every_statement_gives_the_figures_of_the_stored_scores():
    """Every statement rated at every moment (each group's number of levels the same in every row) and one learner
    with one moment only (not in the growth): the counts of sums alone, and pairs of them."""
    scale = load_scales().get("growth-5")
    rng = random.Random(5)
    rows = []
    for n in range(12):
        for moment in range(1, 2 + (n > 0)):
            ratings = {sid: rng.choice(scale.values) for sid in LAYOUT}
            snap = make_snapshot(FRAMEWORK, scale, list(FRAMEWORK.statements()), ratings, {},
                                 f"2026-10-{moment:02d}T09:00:00")
            rows.append({"learner": f"l{n:02d}", "moment": moment, "submitted_at": snap["submitted_at"],
                         "framework": FRAMEWORK.id, "scale": scale.id, "scores": snap["scores"],
                         "ratings": snap["ratings"]})
    read = cohort.Cohort.from_rows(rows)
    summed = replace(read, answers=[compact.answers_text(row["ratings"], LAYOUT) for row in rows], layout=tuple(LAYOUT),
                     ratings={}, groups=groups_of(FRAMEWORK.statements()), scale_of_all=scale)
    assert isinstance(summed.counts, AnswerCounts) and isinstance(read.counts, FigureCounts)
    found, expected = figures(summed), figures(read)
    assert shown(found[0]) == shown(expected[0]) and shown(found[1]) == shown(expected[1])
    assert found[2:] == expected[2:] and found[2][0].pairs == 11


@pytest.mark.parametrize("seed", range(20))
def test_a_tally_of_byte_columns_counts_each_tuple_of_their_values(seed):
    """Columns that vary, columns of one value, and both mixed: as counting the tuples one by one would."""
    rng = random.Random(seed)
    n = rng.randint(1, 300)
    columns = [bytes([rng.randrange(256)]) * n if rng.random() < 0.4 else
               bytes(rng.choice(rng.sample(range(256), rng.randint(1, 5))) for _ in range(n))
               for _ in range(rng.randint(2, 4))]
    assert _tally(columns) == dict(Counter(zip(*columns, strict=True)))


@pytest.mark.parametrize("seed", range(12))
def test_the_share_at_the_expected_level_counted_by_bits_is_the_share_of_each_moments_gap(seed):
    """Every target position, with the statements asked or all: the learners and learners at or above counted from
    the latest answers' bits are those of `gap.gap` moment by moment (a scale the profile's levels are not on: none)."""
    scale_id = load_scales().ids[seed % len(load_scales().ids)]
    summed, read = random_cohort(seed, scale_id)
    profile = load_profile(profiles_dir() / "example-social-work-bachelor.yaml", FRAMEWORK)
    asked = random.Random(seed).sample(LAYOUT, 60) if seed % 2 else None
    assert isinstance(summed.counts, AnswerCounts) and isinstance(read.counts, FigureCounts)
    for position in FRAMEWORK.positions:
        found = cohort.at_expected_level(summed, FRAMEWORK, profile, position.id, load_scales(), asked, min_group=1)
        assert found == cohort.at_expected_level(read, FRAMEWORK, profile, position.id, load_scales(), asked,
                                                 min_group=1)
        assert any(share.learners for share in found) == load_scales().get(scale_id).measures_like(profile.scale)
