"""A lecturer tags units with the keyboard; the coverage map counts them; a learner gets them recommended."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations
from .test_assessment import focused

COURSE = "/scenario/digicomp-course/"


def tab_until(page, predicate, limit=600):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page), page):
            return
    pytest.fail("Tab never reached the element")


def is_checkbox(value):
    return lambda now, page: page.evaluate(
        "v => document.activeElement.type === 'checkbox' && document.activeElement.value === v", value)


def aside_of(page, unit_title):
    """The competence aside the runtime renders after a unit (a sibling of the unit's wrapper)."""
    return page.locator(f"xpath=//h3[normalize-space()='{unit_title}']/ancestor::div[contains(@class, 'xblock-v1 ')][1]"
                        "/following-sibling::div[contains(@class, 'xblock_asides-v1')][1]")


def tag_unit_with_keyboard(page, unit_title, competence):
    unit = aside_of(page, unit_title)
    summary = unit.locator(".dc-tags-picker > summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the search field
    page.keyboard.type(competence)
    tab_until(page, is_checkbox(competence))
    page.keyboard.press("Space")
    tab_until(page, lambda now, _page: now["tag"] == "BUTTON" and now["text"] == "Save the competences")
    page.keyboard.press("Enter")
    expect(unit.locator(".dc-tags-picker .dc-save-status")).to_have_text(re.compile(r"^Saved: this unit is tagged"))


def test_lecturer_tags_two_units_and_a_learner_gets_them_recommended(demo_url, open_page):
    lecturer = open_page(f"{demo_url}{COURSE}?student=lecturer")
    tag_unit_with_keyboard(lecturer, "Choosing apps together with a client", "5.2.12")
    tag_unit_with_keyboard(lecturer, "Who is missing the boat?", "5.1.1")

    lecturer.reload()
    row = lecturer.locator(".dc-heatmap tr.dc-cluster-row", has_text="Providing digital care, help and support")
    expect(row.locator("td")).to_have_text(["1", "2", "0", "3"])
    assert axe_violations(lecturer) == []

    learner = open_page(f"{demo_url}{COURSE}?student=learner-low-5")
    expect(learner.locator(".dc-coverage")).to_have_count(0)
    expect(learner.locator(".dc-tags-picker")).to_have_count(0)
    panel = aside_of(learner, "Choosing apps together with a client").locator(".dc-tags-panel")
    expect(panel).to_contain_text("Ability to integrate relevant apps")
    for fieldset in learner.locator("fieldset.dc-statement").all():
        fieldset.evaluate("f => f.closest('details').open = true")
        level = 0 if fieldset.get_attribute("data-statement").startswith("5.") else 3
        fieldset.locator("label").nth(level).click()
    learner.get_by_role("button", name="Submit my self-assessment").click()
    profile = learner.locator(".dc-profile")
    expect(profile).to_contain_text("Because you rated yourself lowest in cluster 5")
    links = profile.locator(".dc-suggestions").first.get_by_role("link")
    # most statements of cluster 5 first, then in course order
    expect(links).to_have_text(["Video calling with clients", "Who is missing the boat?",
                                "Choosing apps together with a client"])
    links.nth(2).click()
    expect(learner.get_by_role("heading", name="Choosing apps together with a client", exact=True)).to_be_in_viewport()
    assert axe_violations(learner) == []


def test_learners_cannot_tag(demo_url, open_page):
    page = open_page(f"{demo_url}{COURSE}?student=curious-learner")
    status = page.evaluate("""async () => {
        const el = document.querySelector('.xblock_asides-v1');
        const url = asideBaseUrl + el.getAttribute('data-usage') + '/set_competences/?student=curious-learner';
        const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
        const r = await fetch(url, {method: 'POST', headers: {'X-CSRFToken': token, 'Content-Type': 'application/json'},
                                    body: JSON.stringify({ids: ['9']})});
        return r.status;
    }""")
    assert status == 403


def test_dutch_panel_and_map(demo_url, open_page):
    page = open_page(f"{demo_url}{COURSE}?student=lecturer", locale="nl-BE")
    expect(page.locator(".dc-tags-panel").first).to_contain_text("Deze eenheid werkt aan:")
    expect(page.locator(".dc-heatmap caption")).to_contain_text("Eenheden die aan elke cluster werken")
    page.locator(".dc-tags-picker > summary").first.click()
    assert axe_violations(page) == []
