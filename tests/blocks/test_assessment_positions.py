"""A self-assessment scoped to a position profile and a target position: it asks what the profile expects up to
that position, and the learner's profile compares the answers with the expected level, in words, chart and table.

The profile is the bundled invented example (framework/profiles/example-social-work-bachelor.yaml): it expects 7
statements of cluster 6 of a beginner (6.1.1, 6.1.2, 6.2.1, 6.2.2, 6.2.3, 6.2.5, 6.3.2), at the growth-5 scale's
independent level (3, "I do it independently"), and none of cluster 7."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_demo.platform import course_of
from digicomp_demo.registry import register_scenarios
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.profiles import get_profile
from tests.helpers import STAFF, block_for, call_handler, make_block, reload, stored_state

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

PROFILE = "example-social-work-bachelor"
CLUSTER_6_BEGINNER = ["6.1.1", "6.1.2", "6.2.1", "6.2.2", "6.2.3", "6.2.5", "6.3.2"]


def beginner_block(scope="6", **attrs):
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return make_block(f'<digicomp_assessment scope="{scope}" position_profile="{PROFILE}" target_position="beginner"'
                      f' max_moments="2"{extra}/>')


def studio(block, payload):
    return call_handler(block_for(block, STAFF), "studio_submit", payload)


def test_only_the_statements_the_profile_expects_up_to_the_position_are_asked():
    block = beginner_block()
    assert [s.id for s in block.scope_statements] == CLUSTER_6_BEGINNER
    html = block.render("student_view").content
    assert re.findall(r'data-statement="([\d.]+)"', html) == CLUSTER_6_BEGINNER
    profile = get_profile(PROFILE, get_framework())
    whole = beginner_block(scope="")
    assert [s.id for s in whole.scope_statements] == list(profile.expected_up_to("beginner"))  # 60 of 144


def submit(block, ratings):
    status, body = call_handler(block, "save_answers", {"ratings": ratings, "submit": True})
    assert status == 200, body
    return body


def text_of(markup):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def test_the_profile_compares_a_hand_rated_moment_with_the_expected_level_in_words_chart_and_table():
    block = beginner_block()
    # 2 below the expected level 3, 3 at or above it, 1 not relevant, 1 at 4
    ratings = dict(zip(CLUSTER_6_BEGINNER, [1, 2, 3, 3, 4, "na", 3], strict=True))
    html = submit(block, ratings)["profile_html"]
    words = text_of(html)
    assert "Compared with the position “Beginner”" in words
    assert ("6 Managing digital client details securely: of the 7 statements expected, you rate 2 below the "
            "expected level. You marked 1 as not relevant to your work.") in words
    assert "Promoting digital inclusion:" not in words  # only the clusters the self-assessment asks about
    below = re.search(r'<details class="dc-gap-below">.*?</details>', html, re.DOTALL).group(0)
    assert re.findall(r'<span class="digicomp-id">([\d.]+)</span>', below) == ["6.1.1", "6.1.2"]
    assert "(you: “I know the main points”; expected: “I know it well”)" in text_of(below)  # knowledge words
    table = re.search(r'<table class="dc-table">\s*<caption id="[^"]+-gap-caption">.*?</table>', html, re.DOTALL).group(0)
    cells = re.findall(r"<td>([^<]*)</td>", table)
    assert cells == ["7", "4", "2", "1", "0"]  # expected, at or above, below, not relevant, not rated
    bars = re.findall(r'class="dc-bar dc-bar-now"[^>]*width="([\d.]+)"', re.search(
        r'<svg[^>]*aria-labelledby="[^"]+-gapchart-title[^>]*>.*?</svg>', html, re.DOTALL).group(0))
    assert len(bars) == 1 and float(bars[0]) > 0  # 4 of the 6 rated at or above: 67%


def test_in_dutch_the_comparison_speaks_dutch():
    block = beginner_block()
    with translation.override("nl"):
        html = submit(block, dict.fromkeys(CLUSTER_6_BEGINNER, 4))["profile_html"]
    words = text_of(html)
    assert "Vergeleken met de positie „Beginner”" in words
    assert "je geeft jezelf bij alle 7 competenties die je beantwoordde het verwachte niveau of hoger" in words


def test_without_a_profile_there_is_no_comparison():
    block = make_block('<digicomp_assessment scope="6" max_moments="2"/>')
    assert "Compared with the position" not in submit(block, dict.fromkeys(
        [s.id for s in block.scope_statements], 2))["profile_html"]


@pytest.mark.parametrize("payload, words", [
    ({"position_profile": "nope"}, "unknown position profile 'nope' (available: example-social-work-bachelor)"),
    ({"position_profile": "../framework/social-work-2025"}, "unknown position profile"),
    ({"target_position": "chief"}, "choose the position learners aim for: beginner, experienced, pioneer, pacesetter"),
    ({"position_profile": "", "target_position": "beginner"}, "a target position needs a position profile"),
    ({"scope": "7"}, "the position profile expects none of the statements in scope up to the position 'beginner'"),
])
def test_studio_refuses_a_profile_it_cannot_use_and_changes_nothing(payload, words):
    block = beginner_block()
    before = stored_state(block)
    status, body = studio(block, payload)
    assert status == 400 and words in body["error"], body
    assert stored_state(block) == before


def test_studio_saves_a_profile_and_position_and_the_form_follows():
    block = make_block('<digicomp_assessment scope="6" max_moments="2"/>')
    status, body = studio(block, {"position_profile": PROFILE, "target_position": "experienced"})
    assert status == 200, body
    block = block_for(block, "student_1")
    assert len(block.scope_statements) == 9  # the beginner's 7 and 2 more from experienced


def test_olx_naming_an_unknown_profile_is_refused_with_the_attribute():
    with pytest.raises(ValueError, match="unknown position profile 'nope'"):
        make_block('<digicomp_assessment scope="6" position_profile="nope" target_position="beginner"/>')


def test_the_editor_lists_profiles_by_name_and_positions_in_the_authors_language():
    block = block_for(beginner_block(), STAFF)
    html = block.render("studio_view").content
    assert '<option value="example-social-work-bachelor" selected>EXAMPLE – Bachelor in social work' in html
    assert '<option value="beginner" selected>Beginner</option>' in html
    with translation.override("nl"):
        html = block_for(beginner_block(), STAFF).render("studio_view").content
    assert '>VOORBEELD – Bachelor sociaal werk' in html and '<option value="experienced">Hulpverlener met ervaring' in html


# --- The learner's own choice of the position to compare with ------------------------------------------------------

def choosing_block():
    return beginner_block(learner_chooses_target="true")


def test_without_the_setting_there_is_no_choice_and_the_handler_refuses():
    block = beginner_block()
    html = submit(block, dict.fromkeys(CLUSTER_6_BEGINNER, 3))["profile_html"]
    assert "data-target" not in html
    before = stored_state(block)
    status, body = call_handler(block, "choose_target", {"target": "pioneer"})
    assert status == 400 and body["error"] == "this self-assessment compares with its target position only"
    assert stored_state(block) == before


def test_the_learner_chooses_a_position_and_the_gap_follows_over_the_statements_asked():
    block = choosing_block()
    # the beginner's 7 of cluster 6; the experienced adds 2 more that this block does not ask
    html = submit(block, dict(zip(CLUSTER_6_BEGINNER, [1, 2, 3, 3, 4, "na", 3], strict=True)))["profile_html"]
    assert re.search(r'<label for="([^"]+)-target">Compare with the position</label>\s*<select id="\1-target"', html)
    assert '<option value="beginner" selected>Beginner</option>' in html
    assert "The comparison covers the 7 statements of this self-assessment" in text_of(html)
    status, body = call_handler(block, "choose_target", {"target": "experienced"})
    assert status == 200, body
    words = text_of(body["profile_html"])
    assert "Compared with the position “Experienced practitioner”" in words
    assert "The comparison covers the 7 statements of this self-assessment" in words
    assert "asks the statements expected up to the position “Beginner”" in words
    assert stored_state(block)["chosen_target"] == "experienced"
    assert '<option value="experienced" selected>' in block_for(block, "student_1").render_profile(None)


@pytest.mark.parametrize("payload, words", [
    ({"target": "chief"}, "unknown position 'chief' (choose one of: beginner, experienced, pioneer, pacesetter)"),
    ({"target": 3}, 'expected {"target": a position}'),
    ({}, 'expected {"target": a position}'),
    ({"target": "pioneer", "x": 1}, 'expected {"target": a position}'),
    ([], 'expected {"target": a position}'),
])
def test_a_bad_choice_is_refused_and_changes_nothing(payload, words):
    block = choosing_block()
    submit(block, dict.fromkeys(CLUSTER_6_BEGINNER, 3))
    before = stored_state(block)
    status, body = call_handler(block, "choose_target", payload)
    assert status == 400 and body["error"] == words
    assert stored_state(block) == before


def test_the_choice_needs_a_profile_and_target():
    with pytest.raises(ValueError, match="learners can choose the position they compare with only when"):
        make_block('<digicomp_assessment scope="6" learner_chooses_target="true"/>')
    with pytest.raises(ValueError, match='learner_chooses_target="maybe" must be true or false'):
        beginner_block(learner_chooses_target="maybe")


# --- The gap in the profile block and on the course page -----------------------------------------------------------

def course_of_two(user="student_1", chooses="false"):
    """A course with the beginner's self-assessment (cluster 6), one without a profile, and the profile block."""
    root = make_block(f'<vertical_demo><digicomp_assessment display_name="Start" scope="6" position_profile="{PROFILE}"'
                      f' target_position="beginner" learner_chooses_target="{chooses}" max_moments="2"/>'
                      '<digicomp_assessment display_name="Plain" scope="5" max_moments="2"/>'
                      '<digicomp_profile/></vertical_demo>', user)
    return [root.runtime.get_block(child) for child in root.children]


def test_the_profile_block_shows_the_gap_of_the_latest_moment_of_each_assessment_with_a_profile():
    scoped, plain, profile = course_of_two(chooses="true")
    submit(scoped, dict(zip(CLUSTER_6_BEGINNER, [1, 1, 1, 1, 1, 1, 1], strict=True)))
    call_handler(scoped, "save_answers", {})
    call_handler(scoped, "start_moment", {})
    submit(scoped, dict(zip(CLUSTER_6_BEGINNER, [1, 2, 3, 3, 4, "na", 3], strict=True)))  # the latest counts
    submit(plain, dict.fromkeys([s.id for s in plain.scope_statements], 2))
    status, _body = call_handler(scoped, "choose_target", {"target": "experienced"})
    assert status == 200
    html = reload(profile).render("student_view").content
    words = text_of(html)
    assert words.count("compared with the position") == 1  # the plain one has no profile
    assert "Start — compared with the position “Experienced practitioner”" in words  # the learner's own choice
    assert "of the 7 statements expected, you rate 2 below the expected level" in words
    assert "not a grade, and nobody is expected to master every statement" in words  # the framework's caution
    assert "data-target" not in html  # the choice is made in the self-assessment itself
    table = re.search(r'<caption id="[^"]+-gap-caption">.*?</table>', html, re.DOTALL).group(0)
    assert re.findall(r"<td>([^<]*)</td>", table) == ["7", "4", "2", "1", "0"]
    assert re.search(r'<svg[^>]*aria-labelledby="[^"]+-gapchart-title', html)


def test_the_course_page_shows_the_same_gap(client):
    register_scenarios()
    scenario = SCENARIOS["digicomp-assessment-beginner"]
    root = WorkbenchRuntime("ana").get_block(scenario.usage_id)
    block = root.runtime.get_block(root.children[0])
    ratings = dict.fromkeys([s.id for s in block.scope_statements], 4)
    ratings.update(dict(zip(CLUSTER_6_BEGINNER, [1, 2, 3, 3, 4, "na", 3], strict=True)))
    submit(block, ratings)
    client.force_login(get_user_model().objects.create_user("ana"))
    page = client.get(f"/digicomp/courses/{course_of(scenario.usage_id)}/profile/").content.decode()
    words = text_of(page)
    assert "First year: where do you stand against the beginner's profile? — compared with the position “Beginner”" \
        in words
    assert ("6 Managing digital client details securely: of the 7 statements expected, you rate 2 below the "
            "expected level.") in words
    client.force_login(get_user_model().objects.create_user("bram"))
    assert "compared with the position" not in client.get(
        f"/digicomp/courses/{course_of(scenario.usage_id)}/profile/").content.decode()
