"""The platform's conventions for every block: the mobile apps (`student_view_data`, `multi_device`), anonymous
visitors (`public_view`), Studio's preview (`author_view`) and icons, completion.

Completion: the self-assessment is complete at the first submitted moment (tests/blocks/test_assessment.py); the
framework browser and the profile are pages learners read, complete by viewing; the coverage map is staff-only,
so it counts for nobody's completion.
"""

import json

import pytest
from django.utils import translation
from xblock.completable import XBlockCompletionMode

from digicomp_xblock.blocks.assessment import AssessmentXBlock
from digicomp_xblock.blocks.coverage import CoverageXBlock
from digicomp_xblock.blocks.framework import FrameworkBrowserXBlock
from digicomp_xblock.blocks.profile import CourseProfileXBlock
from digicomp_xblock.blocks.tags import CompetenceTagsAside
from tests.helpers import (
    ASSESSMENT,
    COVERAGE,
    LEARNER,
    PROFILE,
    STAFF,
    block_for,
    blocks_of,
    call_handler,
    make_block,
    reload,
    response_of,
    stored_state,
    submit_all,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

SHORT = '<digicomp_assessment scope="5 6" max_moments="2" weight="1"/>'
BROWSER = "<digicomp_framework/>"


def statements_of(data) -> list[dict]:
    return [s for focus in data["focuses"] for cluster in focus["clusters"] for component in cluster["components"]
            for s in component["statements"]]


# --- Completion, mobile, icons ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cls, mode, custom", [
    (AssessmentXBlock, XBlockCompletionMode.COMPLETABLE, True),
    (FrameworkBrowserXBlock, XBlockCompletionMode.COMPLETABLE, False),
    (CourseProfileXBlock, XBlockCompletionMode.COMPLETABLE, False),
    (CoverageXBlock, XBlockCompletionMode.EXCLUDED, False),
])
def test_completion_counts_what_learners_do_and_never_the_staff_only_map(cls, mode, custom):
    assert XBlockCompletionMode.get_mode(cls) == mode
    assert bool(getattr(cls, "has_custom_completion", False)) is custom


@pytest.mark.parametrize("cls, mobile, icon", [
    (AssessmentXBlock, True, "problem"),
    (FrameworkBrowserXBlock, True, "other"),
    (CourseProfileXBlock, True, "other"),
    (CoverageXBlock, False, "other"),
])
def test_the_mobile_apps_show_the_learners_blocks_and_studio_has_an_icon_and_a_preview_of_each(cls, mobile, icon):
    assert getattr(cls, "multi_device", False) is mobile
    assert cls.icon_class == icon
    assert cls.has_author_view is True


# --- student_view_data: content for the mobile apps, never a learner's data ------------------------------------

def test_the_assessments_data_has_its_statements_scale_and_settings_in_every_language(framework):
    data = make_block(SHORT).student_view_data()
    json.dumps(data)  # the Course Blocks API sends it as JSON
    statements = statements_of(data)
    assert len(statements) == data["statements"] == 48
    assert {s["id"].split(".")[0] for s in statements} == {"5", "6"}
    first = next(s for s in statements if s["id"] == "5.2.3")
    assert first["text"] == {"en": framework.statement("5.2.3").text.get("en"),
                             "nl": framework.statement("5.2.3").text.get("nl")}
    assert data["framework"]["id"] == framework.id and data["framework"]["version"] == framework.version
    levels = data["scale"]["levels"]
    assert [level["value"] for level in levels] == [0, 1, 2, 3, 4]
    assert set(levels[0]["by_kind"]) == {"knowledge", "skills", "attitudes"}
    assert data["scale"]["not_relevant"]["value"] == "na"
    assert data["scale"]["not_relevant"]["label"]["nl"] == "Niet relevant voor mijn werk"
    assert (data["max_moments"], data["graded"], data["share_answers"]) == (2, True, False)
    assert set(data["display_name"]) == {"en", "nl"}


def test_a_bilingual_assessment_gives_each_language_its_own_texts():
    data = make_block('<digicomp_assessment scope="6" display_name="Self-assessment" introduction="Why" '
                      'second_language="nl" display_name_second="Zelfevaluatie" introduction_second="Waarom"/>'
                      ).student_view_data()
    assert data["display_name"] == {"en": "Self-assessment", "nl": "Zelfevaluatie"}
    assert data["introduction"] == {"en": "Why", "nl": "Waarom"}


def test_without_not_relevant_the_data_offers_no_such_choice():
    data = make_block('<digicomp_assessment scope="6" allow_not_relevant="false"/>').student_view_data()
    assert data["scale"]["not_relevant"] is None


def test_the_assessments_data_is_the_same_for_every_learner_and_holds_no_answers():
    block = make_block(SHORT, user="ana")
    assert submit_all(block, 3, {"5": "private note of ana"})[0] == 200
    mine, theirs = reload(block).student_view_data(), block_for(block, "ben").student_view_data()
    assert mine == theirs
    text = json.dumps(mine)
    assert "private note of ana" not in text and '"ratings"' not in text and "submitted_at" not in text


def test_a_misconfigured_assessment_gives_its_reason_instead_of_failing_the_whole_course():
    block = make_block(SHORT)
    block.scale = "gone"
    data = block.student_view_data()
    assert "gone" in data["error"] and "focuses" not in data


def test_the_framework_browsers_data_is_the_whole_framework_in_every_language(framework):
    data = make_block(BROWSER).student_view_data()
    json.dumps(data)
    assert len(statements_of(data)) == 144
    assert [focus["id"] for focus in data["focuses"]] == [focus.id for focus in framework.focuses]
    assert set(data["display_name"]) == {"en", "nl"}
    assert data["focuses"][0]["clusters"][0]["title"] == {
        "en": next(framework.clusters()).title.get("en"), "nl": next(framework.clusters()).title.get("nl")}


# --- student_view_user_state: the learner's own state, for the mobile apps --------------------------------------

def test_the_user_state_is_the_learners_own_and_changes_nothing():
    block = make_block(SHORT, user="ana")
    assert submit_all(block, 3, {"5": "private note of ana"})[0] == 200
    before = stored_state(block)
    status, state = call_handler(reload(block), "student_view_user_state", method="GET")
    assert status == 200 and stored_state(block) == before
    assert state["reflections"] == {"5": "private note of ana"} and state["moments"] == 1
    assert [m["moment"] for m in state["submitted"]] == [1] and "profile_html" not in state
    assert state["submitted"][0]["scores"]["overall"]["rated"] == 48
    status, other = call_handler(block_for(block, "ben"), "student_view_user_state", method="GET")
    assert status == 200 and other["moments"] == 0 and other["reflections"] == {} and other["submitted"] == []


def test_the_user_state_is_read_with_get_only():
    block = make_block(SHORT)
    assert response_of(block, "student_view_user_state", method="POST").status_code == 405


# --- public_view: anonymous visitors ----------------------------------------------------------------------------

def test_anonymous_visitors_see_the_framework_as_learners_do():
    block = make_block(BROWSER)
    public, student = block.render("public_view").content, block.render("student_view").content
    assert public.count('class="digicomp-statement"') == student.count('class="digicomp-statement"') == 144


@pytest.mark.parametrize("lang, words", [
    ("en", "Sign in to take this self-assessment"),
    ("nl", "Meld je aan om deze zelfevaluatie in te vullen"),
])
def test_anonymous_visitors_are_asked_to_sign_in_to_the_self_assessment(lang, words):
    with translation.override(lang):
        html = make_block(SHORT).render("public_view").content
    assert words in html and "dc-statement" not in html and "save_answers" not in html


@pytest.mark.parametrize("lang, words", [
    ("en", "Sign in to see your competences in this course."),
    ("nl", "Meld je aan om je competenties in deze cursus te zien."),
])
def test_anonymous_visitors_are_asked_to_sign_in_to_the_profile(course, lang, words):
    with translation.override(lang):
        html = blocks_of(course, LEARNER)[PROFILE].render("public_view").content
    assert words in html


def test_anonymous_visitors_see_nothing_of_the_coverage_map(course):
    assert blocks_of(course, STAFF)[COVERAGE].public_view().content == ""


# --- author_view: Studio's compact preview ----------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [
    ("en", ["Learners rate themselves on 48 statements of 2 clusters", "Scope", "5 6", "Participation weight",
            "Course staff see each learner&#x27;s answers", "no"]),
    ("nl", ["Studenten beoordelen zichzelf op 48 competenties van 2 clusters", "Gewicht voor deelname"]),
])
def test_studio_previews_the_assessments_settings_not_its_form(lang, words):
    with translation.override(lang):
        html = make_block(SHORT).render("author_view").content
    for word in words:
        assert word in html
    assert "dc-statement" not in html and "<form" not in html


def test_studio_preview_of_a_misconfigured_assessment_says_what_stops_learners():
    block = make_block(SHORT)
    block.scope = "9.9"
    html = block.author_view().content
    assert "Learners cannot use this block yet" in html and "9.9" in html


def test_studio_previews_the_framework_browser_in_a_few_lines(framework):
    html = make_block(BROWSER).render("author_view").content
    assert "Learners browse and search the 144 statements of 9 clusters" in html
    assert framework.version in html and 'class="digicomp-statement"' not in html


def test_studio_previews_the_coverage_map_and_the_profile_in_a_few_lines(course):
    blocks = blocks_of(course, STAFF)
    coverage, profile = blocks[COVERAGE].author_view().content, blocks[PROFILE].author_view().content
    assert "which clusters the units of this course develop" in coverage and "dc-heatmap" not in coverage
    assert "their own profile" in profile and "<dd>1</dd>" in profile
    assert blocks[ASSESSMENT].author_view().content.count("<dt>") == 5



@pytest.mark.parametrize("tag", ["digicomp_assessment", "digicomp_framework", "digicomp_coverage", "digicomp_profile"])
def test_studio_offers_no_competence_picker_under_our_own_blocks(tag):
    """Our blocks are the course's tools about the framework, not content that develops a competence."""
    block = make_block(f"<{tag}/>")
    assert not CompetenceTagsAside.should_apply_to_block(block)
    assert "dc-tags" not in block.render("author_view").content
