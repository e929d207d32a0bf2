"""The `digicomp_tags` aside in the workbench: the staff picker, the learners' panel, its handler's rules.

The course is the demo scenario `digicomp-course`, registered the way the demo does it, without its example tags.
"""


from pathlib import Path

import pytest
import yaml
from django.utils import translation
from django.utils.html import escape
from workbench.scenarios import SCENARIOS

import digicomp_demo as devsite
from digicomp_xblock.tagging.api import (
    competences_in,
    competences_of,
    set_competences,
)
from tests.helpers import (
    APPS,
    COURSE,
    COVERAGE,
    FILES,
    LEARNER,
    STAFF,
    VIDEO,
    WEEK_2,
    aside_of,
    blocks_of,
    call_handler,
    checkbox,
    object_tags,
    outline,
    tag_unit,
    usage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


def test_staff_tags_a_unit_through_the_aside(framework, taxonomy, course):
    unit = blocks_of(course, STAFF)[FILES]
    aside = aside_of(unit)
    assert aside.object_id == usage(unit)

    status, body = call_handler(aside, "set_competences", {"ids": ["5", "5.2.3"]})

    assert (status, body["ids"]) == (200, ["5", "5.2.3"])
    all_blocks = [usage(b) for b in blocks_of(course, STAFF).values()]
    assert competences_in(all_blocks, "social-work-2025") == {usage(unit): ["5", "5.2.3"]}


@pytest.mark.parametrize("lang, heading", [("en", "This unit develops:"), ("nl", "Deze eenheid werkt aan:")])
def test_a_save_answers_with_the_panel_the_unit_shows_now(framework, taxonomy, course, lang, heading):
    """The page puts the answer's `panel` in place of the old panel: the view's own markup, in the reader's language;
    no tags, no panel."""
    aside = aside_of(blocks_of(course, STAFF)[FILES])
    with translation.override(lang):
        status, body = call_handler(aside, "set_competences", {"ids": ["5", "5.2.3"]})
        page = blocks_of(course, LEARNER)[FILES].render("student_view").content
        emptied = call_handler(aside, "set_competences", {"ids": []})

    assert status == 200 and body["panel"].startswith('<div class="dc-tags-panel">')
    assert f'<div data-tags-panel>{body["panel"]}</div>' in page
    assert body["panel"].count(heading) == 1 and '<span class="digicomp-id">5.2.3</span>' in body["panel"]
    assert emptied == (200, {"ids": [], "panel": ""})


@pytest.mark.parametrize("payload", [{"ids": ["5", "5.2.3"]}, {"ids": []}])
def test_a_learner_cannot_tag(framework, taxonomy, course, payload):
    unit_id = tag_unit(course, FILES, ["6"], framework)
    before = object_tags()
    aside = aside_of(blocks_of(course, LEARNER)[FILES])

    status, body = call_handler(aside, "set_competences", payload)

    assert status == 403 and "only course staff" in body["error"]
    assert object_tags() == before and competences_of(unit_id, "social-work-2025") == ["6"]


@pytest.mark.parametrize("kwargs, status, words", [
    ({"raw_body": b"not json"}, 400, "not valid JSON"),
    ({"raw_body": b"\xff\xfe"}, 400, "not valid JSON"),
    ({"payload": {"ids": "5"}}, 400, 'expected {"ids": [competence IDs as text]}'),
    ({"payload": {"ids": [5]}}, 400, 'expected {"ids"'),
    ({"payload": {"ids": ["5", None]}}, 400, 'expected {"ids"'),
    ({"payload": {"ids": ["5"], "extra": 1}}, 400, 'expected {"ids"'),
    ({"payload": {}}, 400, 'expected {"ids"'),
    ({"payload": ["5"]}, 400, 'expected {"ids"'),
    ({"payload": {"ids": ["9.9.9"]}}, 400, "unknown competence ID(s): 9.9.9"),
    ({"payload": {"ids": ["5", "F2"]}}, 400, "unknown competence ID(s): F2"),
    ({"payload": {"ids": ["5"]}, "method": "GET"}, 405, "use POST"),
])
def test_bad_requests_are_refused_with_a_message_and_change_nothing(framework, taxonomy, course, kwargs, status,
                                                                     words):
    unit_id = tag_unit(course, FILES, ["6"], framework)
    before = object_tags()
    aside = aside_of(blocks_of(course, STAFF)[FILES])

    got, body = call_handler(aside, "set_competences", **kwargs)

    assert got == status and words in body["error"], body
    assert object_tags() == before and competences_of(unit_id, "social-work-2025") == ["6"]


def test_staff_tagging_before_the_taxonomy_exists_is_a_400(course):
    aside = aside_of(blocks_of(course, STAFF)[FILES])
    status, body = call_handler(aside, "set_competences", {"ids": ["5"]})
    assert status == 400 and "not imported yet" in body["error"]
    assert object_tags() == []


@pytest.mark.parametrize("lang, heading, statement_text, cluster_title", [
    ("en", "This unit develops:", "Ability to use copyright and source citation correctly",
     "Providing digital care, help and support"),
    ("nl", "Deze eenheid werkt aan:", "auteursrecht en bronvermelding correct kunnen toepassen", None),
])
@pytest.mark.parametrize("user", [LEARNER, STAFF])
def test_a_tagged_unit_shows_what_it_develops(framework, taxonomy, course, lang, heading, statement_text,
                                              cluster_title, user):
    tag_unit(course, FILES, ["5", "5.2.3"], framework)
    cluster_title = cluster_title or framework.cluster("5").title.get("nl")
    unit = blocks_of(course, user)[FILES]

    with translation.override(lang):
        page = unit.render("student_view").content

    assert page.count(heading) == 1
    assert (f'<span class="digicomp-id">5.2.3</span> <a href="/scenario/digicomp-framework/'
            f'#digicomp-statement-5-2-3">{escape(statement_text)}</a>') in page
    assert f'<span class="digicomp-id">5</span> {escape(cluster_title)}</li>' in page
    if user == LEARNER:
        assert "dc-tags-picker" not in page and checkbox(page, "5.2.3") is None
    else:
        assert "dc-tags-picker" in page
        assert (checkbox(page, "5.2.3"), checkbox(page, "5"), checkbox(page, "5.2.4"), checkbox(page, "5.2")) \
            == (True, True, False, False)
        assert page.count(" checked>") == 2


def test_an_untagged_unit_shows_a_learner_nothing_and_staff_the_empty_picker(framework, taxonomy, course):
    tag_unit(course, FILES, ["6"], framework)
    learner_unit = blocks_of(course, LEARNER)[VIDEO]
    assert aside_of(learner_unit).student_view_aside(learner_unit).content == ""
    page = learner_unit.render("student_view").content
    assert "dc-tags" not in page and "This unit develops" not in page

    staff_page = blocks_of(course, STAFF)[VIDEO].render("student_view").content
    assert "Tag this unit with competences" in staff_page and "This unit develops" not in staff_page
    assert staff_page.count('type="checkbox"') == 9 + 27 + 144 and " checked>" not in staff_page


def test_the_aside_stays_out_of_sections_components_and_the_coverage_block(framework, taxonomy, course):
    tag_unit(course, FILES, ["6"], framework)
    blocks = blocks_of(course, STAFF)
    component = blocks[FILES].runtime.get_block(blocks[FILES].children[0])
    for block in (blocks[WEEK_2], blocks["course"], component):
        assert aside_of(block).student_view_aside(block).content == ""
    assert not aside_of(blocks[COVERAGE]).should_apply_to_block(blocks[COVERAGE])
    # The whole course page shows the tagged unit's panel once, and one picker per unit (7 units) for staff.
    page = blocks["course"].render("student_view").content
    unit_count = sum(len(titles) for _, titles in outline(course))
    assert page.count("This unit develops:") == 1 and page.count('class="dc-tags-picker"') == unit_count


def test_the_learner_panel_can_be_switched_off_but_staff_keep_panel_and_picker(framework, taxonomy, course,
                                                                               settings):
    settings.DIGICOMP_SHOW_COMPETENCES = False
    tag_unit(course, FILES, ["6"], framework)
    assert "This unit develops" not in blocks_of(course, LEARNER)[FILES].render("student_view").content
    staff_page = blocks_of(course, STAFF)[FILES].render("student_view").content
    assert "This unit develops:" in staff_page and checkbox(staff_page, "6") is True


def test_studio_author_view_offers_the_picker_on_components_too(framework, taxonomy, course):
    blocks = blocks_of(course, STAFF)
    component = blocks[FILES].runtime.get_block(blocks[FILES].children[0])
    set_competences(usage(component), framework, ["6.2"])
    page = aside_of(component).author_view_aside(component).content
    assert "This unit develops:" in page and checkbox(page, "6.2") is True and checkbox(page, "6") is False


def test_the_devsite_over_http_applies_the_demo_tags_and_takes_staff_posts_only(client, framework, taxonomy):
    """The middleware registers the scenarios and puts demo_tags.yaml's tags on the units; the picker's POST goes
    to the workbench's aside_handler URL with `?student=`."""
    demo_tags = yaml.safe_load((Path(devsite.__file__).parent / "demo_tags.yaml").read_text(encoding="utf-8"))
    wanted = demo_tags[COURSE.name]
    assert APPS not in wanted

    learner_page = client.get("/scenario/digicomp-course/").content.decode()

    assert learner_page.count("This unit develops:") == len(wanted) and "dc-tags-picker" not in learner_page
    blocks = blocks_of(SCENARIOS[COURSE.name].usage_id, STAFF)
    for title, ids in wanted.items():
        assert competences_of(usage(blocks[title]), "social-work-2025") == ids, title
    assert competences_of(usage(blocks[APPS]), "social-work-2025") == []
    staff_page = client.get("/scenario/digicomp-course/?student=lecturer").content.decode()
    unit_count = sum(len(titles) for _, titles in outline(SCENARIOS[COURSE.name].usage_id))
    assert staff_page.count('class="dc-tags-picker"') == unit_count

    aside = aside_of(blocks[APPS])
    url = aside.runtime.handler_url(aside, "set_competences")
    assert url.endswith("?student=lecturer")
    learner_url = url.replace("student=lecturer", "student=student_1")
    refused = client.post(learner_url, data='{"ids": ["2"]}', content_type="application/json")
    assert refused.status_code == 403 and competences_of(usage(blocks[APPS]), "social-work-2025") == []
    done = client.post(url, data='{"ids": ["2", "5.2.3"]}', content_type="application/json")
    assert done.status_code == 200 and done.json()["ids"] == ["2", "5.2.3"]
    assert competences_of(usage(blocks[APPS]), "social-work-2025") == ["2", "5.2.3"]
    assert client.get("/scenario/digicomp-course/").content.decode().count("This unit develops:") == len(wanted) + 1


