"""Suggested units on the self-assessment profile, for the learner's lowest clusters, from the course's tags."""



import pytest
from django.utils import translation

from digicomp_xblock.rendering.presentation import element_id as anchor_of
from tests.helpers import (
    ASSESSMENT,
    BOAT,
    FILES,
    LEARNER,
    VIDEO,
    blocks_of,
    call_handler,
    tag_unit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


LEVELS = {"1": 3, "5": 2, "6": 0}  # cluster 6 lowest, then 5


def submit_assessment(root_usage):
    block = blocks_of(root_usage, LEARNER)[ASSESSMENT]
    ratings = {s.id: LEVELS[s.id.split(".")[0]] for s in block.scope_statements}
    assert {sid.split(".")[0] for sid in ratings} == {"1", "5", "6"}
    status, body = call_handler(block, "save_answers", {"ratings": ratings, "submit": True})
    assert status == 200, body
    return body["profile_html"]


def test_the_profile_suggests_units_for_the_lowest_clusters(framework, taxonomy, course):
    files = tag_unit(course, FILES, ["6"], framework)
    video = tag_unit(course, VIDEO, ["5.2.3"], framework)
    tag_unit(course, BOAT, ["2"], framework)  # not among the lowest: not suggested

    page = submit_assessment(course)

    title_6 = framework.cluster("6").title.get("en")
    assert f"Because you rated yourself lowest in cluster 6 ({title_6}), these units of the course develop it:" \
        in page
    assert f'<a href="/scenario/digicomp-course/#{anchor_of(files)}">{FILES}</a>' in page
    assert "Cluster 5 (" in page and "is also among your lowest" in page
    assert f'<a href="/scenario/digicomp-course/#{anchor_of(video)}">{VIDEO}</a>' in page
    assert BOAT not in page
    assert page.index(FILES) < page.index(VIDEO)
    # The link's anchor is on the course page.
    course_page = blocks_of(course, LEARNER)["course"].render("student_view").content
    assert f'id="{anchor_of(files)}"' in course_page


def test_the_profile_suggestion_in_dutch(framework, taxonomy, course):
    files = tag_unit(course, FILES, ["6"], framework)
    with translation.override("nl"):
        page = submit_assessment(course)
    assert "Omdat je jezelf de laagste score gaf in cluster 6" in page
    assert f'href="/scenario/digicomp-course/#{anchor_of(files)}"' in page


@pytest.mark.parametrize("tags, words", [
    ({}, "The units of this course are not tagged with competences yet, so there is no suggestion."),
    ({BOAT: ["2"]}, "No unit of this course is tagged with your lowest clusters yet, so there is no suggestion."),
])
def test_the_profile_without_matching_tags_says_why_there_is_no_suggestion(framework, taxonomy, course, tags,
                                                                          words):
    for title, ids in tags.items():
        tag_unit(course, title, ids, framework)
    page = submit_assessment(course)
    assert words in page
    assert "Because you rated yourself lowest" not in page and 'class="dc-suggestions"' not in page


def test_the_profile_before_the_taxonomy_exists_says_nothing_is_tagged(course):
    page = submit_assessment(course)
    assert "The units of this course are not tagged with competences yet" in page
