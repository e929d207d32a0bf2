"""The compact text of a moment's figures gives back the scores' values and the ratings exactly."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from digicomp_xblock.core.compact import (
    answers_text,
    cluster_ids_text,
    figures_from_text,
    ratings_from_answers,
    scores_text,
)
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot

FRAMEWORK = get_framework()
ORDER = [s.id for s in FRAMEWORK.statements()]
CHOICES = [0, 1, 2, 3, 4, NOT_RELEVANT, None]  # None: not rated


def values_only(scores: dict) -> tuple:
    """The values of a stored profile, in the shape `figures_from_text` gives."""
    return tuple((c["cluster"], c["overall"]["value"], tuple((kind, s["value"]) for kind, s in c["by_kind"].items()))
                 for c in scores["clusters"])


@settings(max_examples=40, deadline=None, database=None)
@given(st.integers(0, 2**32), st.sampled_from([["6"], ["5", "6"], ["1", "9"], []]))
def test_scores_and_ratings_come_back_from_their_text(seed, clusters):
    rng = random.Random(seed)
    scope = resolve_scope(FRAMEWORK, clusters) if clusters else list(FRAMEWORK.statements())
    ratings = {s.id: rating for s in scope if (rating := rng.choice(CHOICES)) is not None}
    snap = make_snapshot(FRAMEWORK, load_scales().get("growth-5"), scope, ratings, {}, "2026-10-01T00:00:00+00:00")
    assert figures_from_text(scores_text(snap["scores"])) == values_only(snap["scores"])
    assert cluster_ids_text(snap["scores"]).split() == [c["cluster"] for c in snap["scores"]["clusters"]]
    text = answers_text(snap["ratings"], ORDER)
    assert len(text) == len(ORDER) and ratings_from_answers(text, ORDER) == snap["ratings"]


def test_what_the_text_cannot_hold_is_left_to_the_json():
    assert answers_text({"1.1.1": 12}, ORDER) == ""  # a level of two digits
    assert answers_text({"x.y": 1}, ORDER) == ""  # a statement the framework does not list
    assert figures_from_text("") == () and scores_text({}) == ""
