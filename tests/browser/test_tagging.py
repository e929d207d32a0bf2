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


#: What the picker says in each language (the Dutch of the counts comes from the JavaScript catalog).
WORDS = {
    "en-GB": {"all": "All of cluster 6", "count": "9 of 10 ticked", "component": "5 of 6 ticked",
              "heading": "This unit develops:", "saved": "Saved: this unit is tagged with {} competences."},
    "nl-BE": {"all": "Heel cluster 6", "count": "9 van 10 aangevinkt", "component": "5 van 6 aangevinkt",
              "heading": "Deze eenheid werkt aan:", "saved": "Bewaard: deze eenheid is gekoppeld aan {} competenties."},
}
#: The unit each language tags with most of cluster 6 (one each: the demo server is shared), both in week 1.
UNITS = {"en-GB": "Referring warmly to digital inclusion initiatives", "nl-BE": "Who is missing the boat?"}


def tri_state(box):
    """A checkbox as the browser and a screen reader have it: (checked, indeterminate, aria-checked)."""
    return box.evaluate("b => [b.checked, b.indeterminate, b.getAttribute('aria-checked')]")


@pytest.mark.parametrize("locale", ["en-GB", "nl-BE"])
def test_a_cluster_ticks_all_below_counts_what_is_ticked_and_a_save_updates_the_page(demo_url, open_page, locale):
    words = WORDS[locale]
    page = open_page(f"{demo_url}{COURSE}?student=lecturer", locale=locale)
    cluster_6 = page.locator(".dc-heatmap tr.dc-cluster-row").nth(5).locator("td")
    cells_before = [int(n) for n in cluster_6.all_text_contents()]
    aside = aside_of(page, UNITS[locale])
    tagged = aside.locator(".dc-tags-panel .digicomp-id").all_text_contents()
    # What stays of them when saved: a tag inside another one (1.1.4 with 1.1) is folded into it.
    kept = [i for i in tagged if not any(i.startswith(f"{other}.") for other in tagged)]
    aside.locator(".dc-tags-picker > summary").click()
    cluster = aside.locator("details.dc-tree-cluster").nth(5)
    cluster.locator(":scope > summary").click()

    aside.get_by_label(words["all"], exact=True).check()
    statements = cluster.locator("[data-level=statement]")
    assert statements.evaluate_all("boxes => boxes.map(b => b.checked)") == [True] * 10

    component = cluster.locator("details.dc-tree-component").nth(1)
    component.locator(":scope > summary").click()
    aside.get_by_label(re.compile(r"^6\.2\.1 ")).uncheck()
    assert tri_state(cluster.locator("[data-level=cluster]")) == [False, True, "mixed"]
    assert tri_state(component.locator("[data-level=component]")) == [False, True, "mixed"]
    assert tri_state(cluster.locator("[data-level=component]").first) == [True, False, None]
    expect(component.locator(":scope > summary")).to_contain_text(words["component"])
    cluster.locator(":scope > summary").click()  # closed, it still says how much is ticked inside
    expect(cluster.locator(":scope > summary")).to_contain_text(words["count"])
    assert axe_violations(page) == []

    save = aside.locator("[data-action=save-tags]")
    save.focus()
    page.keyboard.press("Enter")
    saved = [*kept, "6.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.6", "6.3"]
    expect(aside.locator(".dc-save-status")).to_have_text(words["saved"].format(len(saved)))
    panel = aside.locator(".dc-tags-panel")
    expect(panel.locator(".dc-tags-heading")).to_have_text(words["heading"])
    expect(panel.locator(".digicomp-id")).to_have_text(saved)
    expect(cluster_6).to_have_text([str(cells_before[0] + 1), *map(str, cells_before[1:3]), str(cells_before[3] + 1)])
    assert page.evaluate("() => document.activeElement.dataset.action") == "save-tags"


def test_the_tree_starts_from_the_saved_tags_and_ticking_the_last_statement_ticks_its_parents(demo_url, open_page):
    """'Keeping client files safe' is tagged with cluster 6: all its statements show ticked; untick and tick one
    statement again, and the component and the cluster are ticked again (not mixed)."""
    page = open_page(f"{demo_url}{COURSE}?student=lecturer")
    aside = aside_of(page, "Keeping client files safe")
    aside.locator(".dc-tags-picker > summary").click()
    cluster = aside.locator("details.dc-tree-cluster").nth(5)
    expect(cluster.locator(":scope > summary")).to_contain_text("10 of 10 ticked")
    assert cluster.locator("[data-level=statement]").evaluate_all("bs => bs.map(b => b.checked)") == [True] * 10
    cluster.locator(":scope > summary").click()
    cluster.locator("details.dc-tree-component").first.locator(":scope > summary").click()
    statement = aside.get_by_label(re.compile(r"^6\.1\.2 "))
    statement.uncheck()
    assert tri_state(cluster.locator("[data-level=cluster]")) == [False, True, "mixed"]
    statement.check()
    assert tri_state(cluster.locator("[data-level=cluster]")) == [True, False, None]
    assert tri_state(cluster.locator("[data-level=component]").first) == [True, False, None]
    aside.get_by_label("All of cluster 6", exact=True).uncheck()
    assert cluster.locator("[data-level=statement]").evaluate_all("bs => bs.map(b => b.checked)") == [False] * 10
    expect(cluster.locator(":scope > summary [data-count]")).to_have_text("")
