"""A learner's moments as the block stores them: the text of a moment gives back exactly what make_snapshot made
(key order, types, floats), whatever the text cannot hold stays JSON, and older records (objects) read as they are."""

import copy
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digicomp_xblock.core import moments
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.moments import Moments, appended, decode, encode, moments_of, stored
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot, moment_id

FRAMEWORK = get_framework()
SCALES = load_scales()
WHEN = "2026-10-01T09:30:00+00:00"
#: Whole framework; two clusters; clusters and a single statement (cluster 5 then has skills only); one component.
SCOPES = [[], ["5", "6"], ["1", "2", "5.2.3"], ["9.3"]]
#: Reflections with what JSON and the text must carry: quotes, backslashes, separators of the text (`:`, space,
#: `,`), line and paragraph separators, right-to-left text, combining accents, emoji, a NUL.
ODD = {"1": 'a "quoted" \\ back\\slash: a, b; c', "5": "line\nnext\u2028para\u2029 \t tab",
       "6": "שלום עולם — e\u0301te\u0301 😀👩‍👩‍👧 \x00 end", "9": " "}


def scope_of(ids):
    return resolve_scope(FRAMEWORK, ids) if ids else tuple(FRAMEWORK.statements())


def snapshot(ids=(), scale="growth-5-kinds", seed=0, choices=(0, 1, 2, 3, 4, NOT_RELEVANT), reflections=None,
             **kwargs) -> dict:
    rng = random.Random(seed)
    scope = scope_of(list(ids))
    ratings = {s.id: rng.choice(choices) for s in scope}
    return make_snapshot(FRAMEWORK, SCALES.get(scale), scope, ratings, reflections or {}, WHEN, **kwargs)


def as_json(value) -> str:
    """What the learner's downloads and the dashboard's copy are made of: order, types and floats all count."""
    return json.dumps(value, ensure_ascii=False)


def through_the_row(value):
    """A value as the learner's state row gives it back (JSON encoded and decoded)."""
    return json.loads(json.dumps(value))


@pytest.mark.parametrize("ids", SCOPES)
@pytest.mark.parametrize("scale", [scale.id for scale in SCALES.scales])
def test_a_moment_comes_back_exactly_from_its_text(ids, scale):
    levels = SCALES.get(scale).values
    moment = snapshot(ids, scale, choices=(*levels, NOT_RELEVANT), reflections=ODD, shared=True)
    text = encode(moment)
    assert isinstance(text, str)
    back = decode(through_the_row(text))
    assert as_json(back) == as_json(moment) and list(back) == list(moment)
    assert list(back["ratings"]) == list(moment["ratings"])  # the statements in the order they were asked


@settings(max_examples=60, deadline=None, database=None)
@given(st.integers(0, 2**32), st.sampled_from(SCOPES), st.booleans(),
       st.dictionaries(st.sampled_from(["1", "2", "5", "6", "9"]), st.text(min_size=1, max_size=40), max_size=3))
def test_any_answers_come_back_exactly(seed, ids, shared, reflections):
    rng = random.Random(seed)
    scope = scope_of(ids)
    # Some statements left out, so runs break anywhere; "not relevant" and every level of the scale.
    ratings = {s.id: rng.choice([0, 1, 2, 3, 4, NOT_RELEVANT]) for s in scope if rng.random() < 0.8}
    moment = make_snapshot(FRAMEWORK, SCALES.get("growth-5"), scope, ratings, reflections, WHEN, shared=shared)
    text = encode(moment)
    assert isinstance(text, str) and as_json(decode(through_the_row(text))) == as_json(moment)


def test_a_moment_of_the_mini_framework_comes_back_exactly(mini):
    scope = tuple(mini.statements())
    moment = make_snapshot(mini, SCALES.get("growth-5"), scope, {s.id: 2 for s in scope}, {}, WHEN)
    assert as_json(decode(encode(moment))) == as_json(moment)


def test_no_ratings_and_no_scores_come_back_too():
    moment = snapshot(["6"], choices=(NOT_RELEVANT,))
    assert {c["overall"]["value"] for c in moment["scores"]["clusters"]} == {None}
    empty = make_snapshot(FRAMEWORK, SCALES.get("growth-5"), scope_of(["6"]), {}, {}, WHEN)
    for each in (moment, empty):
        assert isinstance(encode(each), str) and as_json(decode(encode(each))) == as_json(each)


def test_the_text_is_runs_of_numbered_statements_and_short():
    moment = make_snapshot(FRAMEWORK, SCALES.get("growth-5"), scope_of(["5"]),
                           {"5.1.1": 3, "5.1.2": NOT_RELEVANT, "5.1.3": 2, "5.2.9": 4, "5.2.10": 0}, {}, WHEN)
    layout, *values = json.loads(encode(moment))
    assert layout == 1 and values[6] == "5.1.1:3n2 5.2.9:40"
    whole = snapshot()
    assert len(json.dumps(encode(whole))) < len(json.dumps(whole)) / 3


@pytest.mark.parametrize("change", [
    lambda m: m["ratings"].update({"5.1.1": 12}),  # a level of two digits
    lambda m: m["ratings"].update({"5.1.1": True}),  # a boolean is no level
    lambda m: m["ratings"].update({"5.1.1": 2.0}),  # nor a float
    lambda m: m["ratings"].update({"5 1": 2}),  # IDs the runs cannot hold
    lambda m: m["ratings"].update({"x 1.5": 2, "x 1.6": 3}),
    lambda m: m.pop("id"),  # recorded before moments had an identifier
    lambda m: m.pop("shared"),
    lambda m: m.update({"note": "x"}),  # a member the layout does not have
    lambda m: m.update({"ratings": m.pop("ratings")}),  # another key order
    lambda m: m["scores"]["clusters"][0]["overall"].update({"extra": 1}),
    lambda m: m["scores"]["clusters"][0].update({"by_kind": dict(reversed(m["scores"]["clusters"][0]["by_kind"]
                                                                          .items()))}),
    lambda m: m.update({"scores": {}}),
])
def test_what_the_text_would_not_give_back_is_kept_as_json(change):
    moment = snapshot(["5", "6"])
    change(moment)
    assert encode(moment) is moment
    assert decode(through_the_row(moment)) == moment


def test_an_older_record_reads_as_it_is_and_is_written_as_text_with_the_next_moment():
    old = [through_the_row(snapshot(["6"], seed=n)) for n in range(3)]
    read = moments_of({"snapshots": old})
    assert list(read) == old and all(a is b for a, b in zip(read, old, strict=True))
    assert stored(read) == old  # read, not changed: stored as it was
    new = snapshot(["6"], seed=9)
    more = appended(read, new)
    assert len(more) == 4 and all(isinstance(each, str) for each in more.stored)
    assert as_json(list(more)) == as_json([*old, new])
    assert stored(more) == more.stored and stored([new]) == [encode(new)]


def test_a_moment_appended_to_text_decodes_none_of_it(monkeypatch):
    texts = [encode(snapshot(["6"], seed=n)) for n in range(3)]
    decoded, real = [], moments.decode
    monkeypatch.setattr(moments, "decode", lambda stored: decoded.append(stored) or real(stored))
    more = appended(Moments(texts), snapshot(["6"], seed=9))
    assert more.stored[:3] == texts and isinstance(more.stored[3], str)
    assert decoded == [more.stored[3]]  # only the new moment's text, to check that it gives the moment back
    assert appended([], snapshot(["6"])).stored[0].startswith("[1,")  # a learner without a record yet


def test_a_deep_copy_is_the_stored_list_again_decoded_anew(monkeypatch):
    read = Moments([encode(snapshot(["6"])), through_the_row(snapshot(["5"]))])
    first = read[0]
    copied = copy.deepcopy(read)
    assert copied == read and copied.stored == read.stored and copied.stored is not read.stored
    assert copied[0] == first and copied[0] is not first and copied.stored[1] is not read.stored[1]


def test_a_text_of_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="unknown layout"):
        decode(json.dumps([2, "x"]))


def test_counting_moments_decodes_none(monkeypatch):
    calls = []
    monkeypatch.setattr(moments, "decode", lambda stored: calls.append(stored) or {"n": stored})
    read = Moments(["a", "b", "c"])
    assert len(read) == 3 and bool(read) and calls == []
    assert read[-1] == {"n": "c"} and read[-1] is read[2] and calls == ["c"]  # each decoded once
    assert read[:2] == [{"n": "a"}, {"n": "b"}] and list(read) == [{"n": "a"}, {"n": "b"}, {"n": "c"}]
    assert calls == ["c", "a", "b"]
    with pytest.raises(IndexError):
        read[3]


def test_the_heads_of_moments_name_them_without_decoding_them(monkeypatch):
    text, legacy = snapshot(["6"]), through_the_row(snapshot(["5"]))
    del legacy["id"]  # recorded before moments had an identifier: moment_id derives one from its number and time
    read = Moments([encode(text), legacy])
    monkeypatch.setattr(moments, "decode", lambda stored: pytest.fail("decoded"))
    heads = read.heads()
    assert heads[0] == {"id": text["id"], "submitted_at": WHEN} and heads[1] is legacy
    assert [moment_id(head, n) for n, head in enumerate(heads, 1)] == [text["id"], moment_id(legacy, 2)]


def test_moments_compare_as_the_list_they_hold():
    moment = snapshot(["6"])
    read = Moments([encode(moment)])
    assert read == [moment] and read == Moments([moment])
    assert read != [] and read != [moment, moment]  # noqa: PLR1714 - each an inequality of its own
    assert moments_of({}) == [] and not moments_of({"snapshots": None})
