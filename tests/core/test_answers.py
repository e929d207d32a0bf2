"""A save request is checked field by field against the assessment's rules; every refusal names the problem."""

import pytest

from digicomp_xblock.core.answers import (
    MAX_REFLECTION_CHARS,
    AnswerError,
    Rules,
    SaveRequest,
    check_submit,
    merge,
    merge_reflections,
    parse_save,
)
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.scope import resolve_scope


def rules_for(framework, scope_ids, scale_id="growth-5", allow_not_relevant=True) -> Rules:
    """The rules of an assessment over `scope_ids`, as the block builds them."""
    scope = resolve_scope(framework, scope_ids)
    return Rules(
        statement_ids=frozenset(s.id for s in scope),
        cluster_ids=frozenset(s.cluster_id for s in scope),
        known_ids=frozenset(s.id for s in framework.statements()),
        scale=load_scales().get(scale_id),
        allow_not_relevant=allow_not_relevant,
    )


@pytest.fixture(scope="module")
def rules(framework):
    """Clusters 1 and 5 on the five-level scale, 'not relevant' offered."""
    return rules_for(framework, ["1", "5"])


@pytest.fixture(scope="module")
def strict_rules(framework):
    """Clusters 1 and 5 on the five-level scale, 'not relevant' not offered."""
    return rules_for(framework, ["1", "5"], allow_not_relevant=False)


def test_rules_of_the_scope(rules):
    assert rules.cluster_ids == {"1", "5"}
    assert len(rules.statement_ids) == 13 + 38
    assert len(rules.known_ids) == 144


# (payload, the SaveRequest it becomes)
VALID = {
    "empty object": ({}, SaveRequest({}, {}, False)),
    "one level": ({"ratings": {"1.1.1": 3}}, SaveRequest({"1.1.1": 3}, {}, False)),
    "lowest and highest level": ({"ratings": {"1.1.1": 0, "5.3.11": 4}},
                                 SaveRequest({"1.1.1": 0, "5.3.11": 4}, {}, False)),
    "not relevant": ({"ratings": {"5.2.3": NOT_RELEVANT}}, SaveRequest({"5.2.3": NOT_RELEVANT}, {}, False)),
    "null clears a rating": ({"ratings": {"1.2.1": None}}, SaveRequest({"1.2.1": None}, {}, False)),
    "reflection is trimmed": ({"reflections": {"5": "  I learnt a lot.\n"}},
                              SaveRequest({}, {"5": "I learnt a lot."}, False)),
    "null reflection clears it": ({"reflections": {"1": None}}, SaveRequest({}, {"1": ""}, False)),
    "empty reflection": ({"reflections": {"1": ""}}, SaveRequest({}, {"1": ""}, False)),
    "longest reflection": ({"reflections": {"1": "x" * MAX_REFLECTION_CHARS}},
                           SaveRequest({}, {"1": "x" * MAX_REFLECTION_CHARS}, False)),
    "submit": ({"submit": True}, SaveRequest({}, {}, True)),
    "everything at once": ({"ratings": {"1.1.1": 2, "5.1.10": 1}, "reflections": {"1": "ok"}, "submit": False},
                           SaveRequest({"1.1.1": 2, "5.1.10": 1}, {"1": "ok"}, False)),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_partial_drafts_are_accepted(name, rules):
    payload, expected = VALID[name]
    assert parse_save(payload, rules) == expected


# (payload, words the error must contain)
INVALID = {
    "not an object (list)": ([{"1.1.1": 3}], "must be a JSON object"),
    "not an object (text)": ("ratings", "must be a JSON object"),
    "not an object (null)": (None, "must be a JSON object"),
    "unexpected field": ({"ratings": {}, "score": 100}, "unexpected field(s): score"),
    "unexpected fields sorted": ({"zeta": 1, "alpha": 2}, "unexpected field(s): alpha, zeta"),
    "ratings not an object": ({"ratings": [["1.1.1", 3]]}, "'ratings' must be an object"),
    "ratings null": ({"ratings": None}, "'ratings' must be an object"),
    "reflections not an object": ({"reflections": "hello"}, "'reflections' must be an object"),
    "submit not a bool (int)": ({"submit": 1}, "'submit' must be true or false"),
    "submit not a bool (text)": ({"submit": "true"}, "'submit' must be true or false"),
    "unknown statement": ({"ratings": {"1.1.99": 3}}, "unknown statement ID '1.1.99'"),
    "cluster ID as statement": ({"ratings": {"1": 3}}, "unknown statement ID '1'"),
    "statement out of scope": ({"ratings": {"2.1.1": 3}}, "statement 2.1.1 is not part of this self-assessment"),
    "level above the scale": ({"ratings": {"1.1.1": 5}},
                              "level 5 for statement 1.1.1 is not on the scale (0, 1, 2, 3, 4 or 'na')"),
    "level below the scale": ({"ratings": {"1.1.1": -1}}, "level -1 for statement 1.1.1 is not on the scale"),
    "level as bool": ({"ratings": {"1.1.1": True}}, "level True for statement 1.1.1 is not on the scale"),
    "level as float": ({"ratings": {"1.1.1": 2.0}}, "level 2.0 for statement 1.1.1 is not on the scale"),
    "level as string": ({"ratings": {"1.1.1": "3"}}, "level '3' for statement 1.1.1 is not on the scale"),
    "na in capitals": ({"ratings": {"1.1.1": "NA"}}, "level 'NA' for statement 1.1.1 is not on the scale"),
    "level as list": ({"ratings": {"1.1.1": [3]}}, "level [3] for statement 1.1.1 is not on the scale"),
    "bad level after good ones": ({"ratings": {"1.1.1": 3, "5.1.1": 9}}, "level 9 for statement 5.1.1"),
    "reflection on cluster out of scope": ({"reflections": {"2": "text"}},
                                           "cluster '2' is not part of this self-assessment"),
    "reflection on unknown cluster": ({"reflections": {"10": "text"}},
                                      "cluster '10' is not part of this self-assessment"),
    "reflection not text": ({"reflections": {"1": 42}}, "the reflection on cluster 1 must be text"),
    "reflection false": ({"reflections": {"5": False}}, "the reflection on cluster 5 must be text"),
    "reflection too long": ({"reflections": {"5": "x" * (MAX_REFLECTION_CHARS + 1)}},
                            f"is {MAX_REFLECTION_CHARS + 1} characters long; the limit is {MAX_REFLECTION_CHARS}"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_bad_input_is_refused_naming_the_problem(name, rules):
    payload, words = INVALID[name]
    with pytest.raises(AnswerError) as caught:
        parse_save(payload, rules)
    assert words in str(caught.value)


@pytest.mark.parametrize("payload, words", [
    ({"ratings": {"1.1.1": NOT_RELEVANT}}, "'not relevant' is not offered in this self-assessment (statement 1.1.1)"),
    ({"ratings": {"1.1.1": 7}}, "is not on the scale (0, 1, 2, 3, 4)"),
])
def test_not_relevant_only_when_offered(payload, words, strict_rules):
    with pytest.raises(AnswerError) as caught:
        parse_save(payload, strict_rules)
    assert str(caught.value).endswith(words)
    assert parse_save({"ratings": {"1.1.1": 4}}, strict_rules).ratings == {"1.1.1": 4}
    assert parse_save({"ratings": {"1.1.1": None}}, strict_rules).ratings == {"1.1.1": None}


@pytest.mark.parametrize("level, accepted", [(0, True), (1, True), (2, True), (3, False), (4, False)])
def test_levels_follow_the_chosen_scale(level, accepted, framework):
    three = rules_for(framework, ["1"], scale_id="three-levels")
    if accepted:
        assert parse_save({"ratings": {"1.1.1": level}}, three).ratings == {"1.1.1": level}
    else:
        with pytest.raises(AnswerError, match=r"is not on the scale \(0, 1, 2 or 'na'\)"):
            parse_save({"ratings": {"1.1.1": level}}, three)


def test_parse_save_does_not_keep_the_callers_dict(rules):
    ratings = {"1.1.1": 3}
    request = parse_save({"ratings": ratings}, rules)
    ratings["1.1.2"] = 4
    assert request.ratings == {"1.1.1": 3}


# --- Merging -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("draft, changes, merged", [
    ({}, {}, {}),
    ({}, {"1.1.1": 3}, {"1.1.1": 3}),
    ({"1.1.1": 3}, {"1.1.1": 0}, {"1.1.1": 0}),
    ({"1.1.1": 3}, {"1.1.1": NOT_RELEVANT}, {"1.1.1": NOT_RELEVANT}),
    ({"1.1.1": 3, "1.1.2": 2}, {"1.1.1": None}, {"1.1.2": 2}),
    ({"1.1.1": 3}, {"1.1.9": None}, {"1.1.1": 3}),  # clearing what is not there
    ({"1.1.1": 3}, {"1.1.2": 4, "1.1.1": None, "5.1.1": NOT_RELEVANT}, {"1.1.2": 4, "5.1.1": NOT_RELEVANT}),
])
def test_merge_applies_changes_and_none_removes(draft, changes, merged):
    before = dict(draft)
    assert merge(draft, changes) == merged
    assert draft == before  # the draft itself is left alone


@pytest.mark.parametrize("draft, changes, merged", [
    ({}, {"1": "first"}, {"1": "first"}),
    ({"1": "first"}, {"1": "second"}, {"1": "second"}),
    ({"1": "first", "5": "other"}, {"1": ""}, {"5": "other"}),
    ({"1": "first"}, {"5": "new"}, {"1": "first", "5": "new"}),
    ({"1": "first"}, {}, {"1": "first"}),
    ({"1": ""}, {}, {}),
])
def test_merge_reflections_and_empty_text_removes(draft, changes, merged):
    before = dict(draft)
    assert merge_reflections(draft, changes) == merged
    assert draft == before


def test_a_parsed_null_reflection_removes_it_when_merged(rules):
    request = parse_save({"reflections": {"1": None, "5": "  kept  "}}, rules)
    assert merge_reflections({"1": "old", "5": "old"}, request.reflections) == {"5": "kept"}


# --- Submitting ----------------------------------------------------------------------------------------------------

def test_submit_with_everything_answered_and_a_moment_left(framework):
    ids = [s.id for s in resolve_scope(framework, ["1"])]
    ratings = {sid: (NOT_RELEVANT if n % 2 else 2) for n, sid in enumerate(ids)}
    assert check_submit(ratings, ids, moments_used=2, max_moments=3) is None


@pytest.mark.parametrize("answered, message", [
    (11, "2 statement(s) are not answered yet: 1.3.3, 1.3.4"),
    (12, "1 statement(s) are not answered yet: 1.3.4"),
    (3, "10 statement(s) are not answered yet: 1.1.4, 1.2.1, 1.2.2, 1.2.3, 1.2.4, 1.2.5, 1.3.1, 1.3.2, 1.3.3, 1.3.4"),
    (2, ("11 statement(s) are not answered yet: 1.1.3, 1.1.4, 1.2.1, 1.2.2, 1.2.3, 1.2.4, 1.2.5, 1.3.1, 1.3.2, "
         "1.3.3 …")),
    (0, ("13 statement(s) are not answered yet: 1.1.1, 1.1.2, 1.1.3, 1.1.4, 1.2.1, 1.2.2, 1.2.3, 1.2.4, 1.2.5, "
         "1.3.1 …")),
])
def test_submit_lists_the_first_ten_unanswered_statements(answered, message, framework):
    ids = [s.id for s in resolve_scope(framework, ["1"])]
    ratings = dict.fromkeys(ids[:answered], 3)
    with pytest.raises(AnswerError) as caught:
        check_submit(ratings, ids, moments_used=0, max_moments=3)
    assert str(caught.value) == message


def test_ratings_outside_the_scope_do_not_answer_it():
    with pytest.raises(AnswerError, match=r"^1 statement\(s\) are not answered yet: 1\.1\.2$"):
        check_submit({"1.1.1": 3, "2.1.1": 3}, ["1.1.1", "1.1.2"], moments_used=0, max_moments=1)


@pytest.mark.parametrize("used, maximum, allowed", [(0, 1, True), (2, 3, True), (3, 3, False), (4, 3, False),
                                                    (0, 0, False)])
def test_submit_needs_a_moment_left(used, maximum, allowed):
    ratings, ids = {"1.1.1": 3}, ["1.1.1"]
    if allowed:
        check_submit(ratings, ids, moments_used=used, max_moments=maximum)
    else:
        with pytest.raises(AnswerError) as caught:
            check_submit(ratings, ids, moments_used=used, max_moments=maximum)
        assert str(caught.value) == f"all {maximum} assessment moment(s) of this self-assessment are used"


def test_unanswered_statements_are_reported_before_used_moments():
    with pytest.raises(AnswerError, match=r"not answered yet: 1\.1\.1"):
        check_submit({}, ["1.1.1"], moments_used=3, max_moments=3)
