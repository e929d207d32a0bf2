"""The consensus exercise in a real browser: three staff members choose for cluster 6 (one by keyboard only), the
comparison lists their disagreements first, one fixes the team's profile, and a student's beginner assessment then
shows the gap to the team's profile; axe-core and 320 px on the way. Its own demo server: fixing the profile changes
the beginner assessment of the session's shared server."""

import re

import pytest
from playwright.sync_api import expect

from tests.servers import demo_server

from .conftest import axe_violations

EXERCISE = "/scenario/digicomp-consensus/"
BEGINNER = "/scenario/digicomp-assessment-beginner/"
TEAM_PROFILE = "Bachelor in social work: the team's profile"


@pytest.fixture(scope="module")
def own_demo(tmp_path_factory):
    with demo_server(tmp_path_factory.mktemp("consensus"), ["digicomp_demo_data", "--learners", "0"]) as url:
        yield url


def start_from_the_proposal(page):
    page.get_by_role("button", name="Start from the proposal").click()
    expect(page.locator("[data-status=choices]")).to_have_text("Saved (10 of 10 chosen).")


def choose(page, statement, label):
    page.locator(f"fieldset[data-statement='{statement}']").get_by_text(label, exact=True).click()
    expect(page.locator("[data-status=choices]")).to_contain_text("Saved")


def test_three_staff_members_compare_fix_the_profile_and_a_student_sees_the_gap(own_demo, open_page):
    page = open_page(f"{own_demo}{EXERCISE}?student=lecturer")
    start_from_the_proposal(page)
    # the keyboard: the radios of a statement are one group; an arrow key chooses the next one and saves it
    first = page.locator("fieldset[data-statement='6.2.4'] input[value='experienced']")
    first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("fieldset[data-statement='6.2.4'] input[value='pioneer']")).to_be_checked()
    expect(page.locator("[data-status=choices]")).to_have_text("Saved (10 of 10 chosen).")
    page.keyboard.press("ArrowLeft")
    expect(first).to_be_checked()

    for user, changes in (("tutor", {"6.2.4": "Beginner", "6.2.6": "Not expected in this role"}),
                          ("coach", {"6.2.4": "Pioneer"})):
        other = open_page(f"{own_demo}{EXERCISE}?student={user}")
        start_from_the_proposal(other)
        for statement, label in changes.items():
            choose(other, statement, label)

    page.reload()
    order = page.locator("[data-comparison]").evaluate_all("items => items.map(i => i.dataset.comparison)")
    assert order[:2] == ["6.2.4", "6.2.6"]  # a three-way split, then two of three
    assert page.locator("[data-comparison][data-disagree]").count() == 2
    comparison = page.locator(".dc-consensus-comparison")
    expect(comparison).to_contain_text("Participants: coach, lecturer, tutor")
    expect(comparison).to_contain_text(re.compile(r"Krippendorff's alpha \(ordinal\) over all statements: -?\d\.\d\d"))
    assert axe_violations(page, ".dc-consensus") == []

    page.get_by_role("button", name="Accept all majorities").click()
    expect(page.locator("select[data-fix='6.2.6']")).to_have_value("pioneer")
    page.get_by_role("combobox", name=re.compile(r"^6\.2\.4 .*\(tie\)$")).select_option("experienced")
    page.get_by_role("button", name="Save the team's profile").click()
    expect(page.locator("[data-status=fix]")).to_have_text(
        'Saved as version 1 of the profile "example-social-work-bachelor".')
    link = page.get_by_role("link", name="Download the profile (YAML)")
    expect(link).to_be_visible()
    yaml_text = page.request.get(own_demo + link.get_attribute("href"))
    assert "participants: 3" in yaml_text.text()

    narrow = open_page(f"{own_demo}{EXERCISE}?student=coach", width=320)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320

    student = open_page(f"{own_demo}{BEGINNER}?student=consensus-student")
    expect(student.locator("fieldset.dc-statement")).to_have_count(60)
    for fieldset in student.locator("fieldset.dc-statement").all():
        fieldset.evaluate("f => f.closest('details').open = true")
        fieldset.locator("label").nth(2).click()
    student.get_by_role("button", name="Submit my self-assessment").click()
    expect(student.locator(".dc-gap")).to_contain_text(TEAM_PROFILE)
    assert axe_violations(student, ".dc-gap") == []

    learner = open_page(f"{own_demo}{EXERCISE}?student=consensus-student")
    expect(learner.locator(".digicomp-notice")).to_contain_text("for the course team")
    assert learner.locator(".dc-consensus").count() == 0
