"""What a learner does in the self-assessment, in a real browser: keyboard only, both languages, axe, 320 px."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

FULL = "/scenario/digicomp-assessment/"
SHORT = "/scenario/digicomp-assessment-short/"

TEXT = {
    "en": {"submit": "Submit my self-assessment", "saved": "All answers are saved.",
           "start": "Start a new self-assessment from my last answers",
           "profile": "Your self-assessment of", "growth": "Your growth since", "offline": "Not saved yet"},
    "nl": {"submit": "Mijn zelfevaluatie indienen", "saved": "Alle antwoorden zijn bewaard.",
           "start": "Begin een nieuwe zelfevaluatie met mijn laatste antwoorden", "profile": "Je zelfevaluatie van",
           "growth": "Je groei sinds", "offline": "Nog niet bewaard"},
}
LOCALES = {"en": "en-GB", "nl": "nl-BE"}


def focused(page):
    """What has the keyboard focus: tag, type, whether it is a closed cluster summary, its statement."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const fieldset = el.closest('[data-statement]');
        const details = el.tagName === 'SUMMARY' ? el.parentElement : null;
        return {tag: el.tagName, type: el.type || '', text: (el.textContent || '').trim(),
                statement: fieldset ? fieldset.getAttribute('data-statement') : null,
                closedCluster: !!(details && details.classList.contains('dc-cluster') && !details.open)};
    }""")


def answer_everything_with_the_keyboard(page, submit_label, level_of):
    """Tab through the whole form, opening each cluster and choosing a level per statement, up to Submit."""
    for _ in range(2000):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["closedCluster"]:
            page.keyboard.press("Enter")
        elif now["type"] == "radio":
            level = level_of(now["statement"])
            # Tab lands on the first radio of an unanswered group: Space picks it, arrows move (and pick).
            page.keyboard.press("Space")
            for _ in range(level):
                page.keyboard.press("ArrowRight")
        elif now["tag"] == "BUTTON" and now["text"] == submit_label:
            return
    pytest.fail("never reached the submit button")


def tab_to_button(page, label):
    for _ in range(400):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "BUTTON" and now["text"] == label:
            return
    pytest.fail(f"Tab never reached the button {label!r}")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_whole_framework_by_keyboard_save_reload_submit_profile_and_growth(demo_url, open_page, lang):
    text = TEXT[lang]
    page = open_page(f"{demo_url}{FULL}?student=keyboard-{lang}", locale=LOCALES[lang])
    expect(page.locator("fieldset.dc-statement")).to_have_count(144)

    answer_everything_with_the_keyboard(page, text["submit"], lambda sid: int(sid.split(".")[0]) % 5)
    expect(page.locator("input[type=radio]:checked")).to_have_count(144)
    expect(page.locator("[data-progress]")).to_have_text(re.compile(r"^144 .* 144"))
    expect(page.locator(".dc-save-status")).to_have_text(text["saved"], timeout=15000)

    page.reload()
    expect(page.locator("input[type=radio]:checked")).to_have_count(144)
    expect(page.locator("#" + page.locator("fieldset[data-statement='5.2.3']").get_attribute("id")
                        + " input:checked")).to_have_value("0")

    tab_to_button(page, text["submit"])
    page.keyboard.press("Enter")
    profile = page.locator(".dc-profile")
    expect(profile.get_by_role("heading", name=re.compile(text["profile"]))).to_be_focused()
    rows = profile.locator("table.dc-table").first.locator("tbody tr")
    expect(rows).to_have_count(9)
    # cluster 5 rated level 0 everywhere -> 0 %; cluster 4 level 4 -> 100 %
    expect(rows.nth(4).locator("td").first).to_have_text("0%")
    expect(rows.nth(3).locator("td").first).to_have_text("100%")
    expect(page.locator("svg.dc-chart").first).to_be_visible()
    expect(page.locator(".dc-form-section")).to_be_hidden()

    tab_to_button(page, text["start"])
    page.keyboard.press("Enter")
    expect(page.locator(".dc-form-section")).to_be_visible()
    expect(page.locator("input[type=radio]:checked")).to_have_count(144)
    statement = page.locator("fieldset[data-statement='5.2.3']")
    statement.locator("xpath=ancestor::details[1]/summary").click()
    statement.locator("input:checked").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(statement.locator("input:checked")).to_have_value("3")
    tab_to_button(page, text["submit"])
    page.keyboard.press("Enter")

    growth = page.locator(".dc-profile").get_by_role("heading", name=re.compile(text["growth"]))
    expect(growth).to_be_visible()
    growth_rows = page.locator("table.dc-table").nth(1).locator("tbody tr")
    expect(growth_rows).to_have_count(9)
    expect(growth_rows.nth(4).locator("td").nth(2)).to_have_text("+2")  # 3/4 of a level over 38 statements: 2 points
    expect(page.locator("svg.dc-chart")).to_have_count(2)


def test_missing_answers_are_listed_and_linked(demo_url, open_page):
    page = open_page(f"{demo_url}{SHORT}?student=missing")
    page.get_by_role("button", name="Submit my self-assessment").click()
    summary = page.locator(".dc-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("48 statements are not answered yet")
    expect(summary.locator("li")).to_have_count(10)
    summary.locator("a").first.click()
    expect(page.locator("fieldset[data-statement='5.1.1'] input").first).to_be_focused()


def test_a_dropped_connection_keeps_the_answer_and_retries(demo_url, open_page):
    page = open_page(f"{demo_url}{SHORT}?student=offline")
    page.route("**/save_answers/**", lambda route: route.abort())
    page.locator("fieldset[data-statement='5.1.1'] label").nth(3).click()
    expect(page.locator(".dc-save-status")).to_contain_text("Not saved yet", timeout=10000)
    page.unroute("**/save_answers/**")
    expect(page.locator(".dc-save-status")).to_have_text("All answers are saved.", timeout=15000)
    page.reload()
    expect(page.locator("fieldset[data-statement='5.1.1'] input:checked")).to_have_value("3")


def test_unsaved_answers_survive_a_reload_while_offline(demo_url, open_page):
    page = open_page(f"{demo_url}{SHORT}?student=reload-offline")
    page.route("**/save_answers/**", lambda route: route.abort())
    page.locator(".dc-cluster[data-cluster='6'] > summary").click()
    page.locator("fieldset[data-statement='6.1.2'] label").nth(1).click()
    expect(page.locator(".dc-save-status")).to_contain_text("Not saved yet", timeout=10000)
    page.unroute("**/save_answers/**")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.reload()
    assert asked == ["beforeunload"]  # the browser asked before leaving answers the server does not have
    expect(page.locator("fieldset[data-statement='6.1.2'] input:checked")).to_have_value("1")
    expect(page.locator(".dc-save-status")).to_have_text("All answers are saved.", timeout=15000)


def click_every_statement(page, level=2):
    for fieldset in page.locator("fieldset.dc-statement").all():
        fieldset.evaluate("f => f.closest('details').open = true")
        fieldset.locator("label").nth(level).click()


def test_back_after_a_submit_shows_the_profile_not_the_old_form(demo_url, open_page):
    page = open_page(f"{demo_url}{SHORT}?student=back-after-submit")
    click_every_statement(page)
    page.get_by_role("button", name=TEXT["en"]["submit"]).click()
    expect(page.locator(".dc-profile")).to_be_visible()
    page.goto(f"{demo_url}/")
    page.go_back()
    expect(page.locator(".dc-profile")).to_be_visible()
    expect(page.locator(".dc-form-section")).to_be_hidden()
    expect(page.get_by_role("button", name=TEXT["en"]["start"])).to_be_visible()


def test_a_tab_left_open_after_a_submit_elsewhere_offers_the_new_self_assessment(demo_url, open_page):
    first = open_page(f"{demo_url}{SHORT}?student=two-tabs")
    second = first.context.new_page()
    second.goto(f"{demo_url}{SHORT}?student=two-tabs")
    click_every_statement(first)
    first.get_by_role("button", name=TEXT["en"]["submit"]).click()
    expect(first.locator(".dc-profile")).to_be_visible()
    second.locator("fieldset[data-statement='5.1.1'] label").nth(4).click()
    expect(second.locator(".dc-save-status")).to_contain_text("submitted in another tab or window", timeout=10000)
    expect(second.locator(".dc-form-section")).to_be_hidden()
    second.get_by_role("button", name=TEXT["en"]["start"]).click()
    expect(second.locator("fieldset[data-statement='5.1.1'] input:checked")).to_have_value("2")  # the last answers
    asked = []
    second.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    second.reload()
    assert asked == []  # nothing left unsaved


def test_leaving_a_page_whose_answers_are_saved_asks_nothing(demo_url, open_page):
    page = open_page(f"{demo_url}{SHORT}?student=leave-saved")
    page.locator("fieldset[data-statement='5.1.1'] label").nth(2).click()
    expect(page.locator(".dc-save-status")).to_have_text("All answers are saved.", timeout=15000)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.reload()
    assert asked == [] and page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('digicomp:'))") == []


def test_on_a_shared_computer_the_next_learner_finds_no_unsaved_answers_of_the_last(demo_url, open_page):
    page = open_page(f"{demo_url}{SHORT}?student=shared-ana")
    page.route("**/save_answers/**", lambda route: route.abort())
    page.locator("fieldset[data-statement='5.1.1'] label").nth(3).click()
    expect(page.locator(".dc-save-status")).to_contain_text("Not saved yet", timeout=10000)
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('digicomp:'))"
    [ana_draft] = page.evaluate(drafts)
    assert "shared-ana" not in ana_draft  # the key names its owner by a hash only
    page.unroute("**/save_answers/**")
    page.route("**/save_answers/**", lambda route: route.abort())  # still offline when ana walks away
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(f"{demo_url}{SHORT}?student=shared-bram")
    expect(page.locator(".dc-form")).to_be_visible()
    assert page.evaluate(drafts) == []
    expect(page.locator("fieldset[data-statement='5.1.1'] input:checked")).to_have_count(0)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_axe_finds_no_violations_on_form_and_profile(demo_url, open_page, lang):
    page = open_page(f"{demo_url}{SHORT}?student=axe-{lang}", locale=LOCALES[lang])
    page.locator(".dc-howto > summary").click()
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()  # shows the error summary too
    assert axe_violations(page) == []
    for fieldset in page.locator("fieldset.dc-statement").all():
        fieldset.evaluate("f => f.closest('details').open = true")
        fieldset.locator("label").nth(2).click()
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()
    expect(page.locator(".dc-profile")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [320])
def test_form_and_profile_fit_a_narrow_screen(demo_url, open_page, width):
    page = open_page(f"{demo_url}{SHORT}?student=narrow", width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for fieldset in page.locator("fieldset.dc-statement").all():
        fieldset.evaluate("f => f.closest('details').open = true")
        fieldset.locator("label").first.click()
    page.get_by_role("button", name="Submit my self-assessment").click()
    expect(page.locator(".dc-profile")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


COUNT = {"en": ("10 characters too many", "2,000 of 2,000 characters", "A reflection is too long"),
         "nl": ("10 tekens te veel", "2.000 van 2.000 tekens", "Een reflectie is te lang")}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_reflection_too_long_is_counted_kept_and_refused_never_cut(demo_url, open_page, lang):
    learner = f"long-reflection-{lang}"
    page = open_page(f"{demo_url}{SHORT}?student={learner}", locale=LOCALES[lang])
    sent = []
    page.on("request", lambda r: sent.append(r.post_data or "") if "save_answers" in r.url else None)
    click_every_statement(page)
    expect(page.locator(".dc-save-status")).to_have_text(TEXT[lang]["saved"], timeout=15000)
    area = page.locator("textarea[data-reflection='5']")
    area.fill("a" * 2010)
    too_many, fits, heading = COUNT[lang]
    expect(page.locator("[data-count-for='5']")).to_contain_text(too_many)
    expect(area).to_have_attribute("aria-invalid", "true")
    page.wait_for_timeout(2500)  # longer than the save's delay: nothing goes out
    assert not any("a" * 2001 in body for body in sent)
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()
    summary = page.locator(".dc-error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("h4")).to_have_text(heading)
    summary.locator("a").first.click()
    expect(area).to_be_focused()
    assert len(area.input_value()) == 2010  # kept as typed, not cut
    area.fill("b" * 2000)
    expect(page.locator("[data-count-for='5']")).to_have_text(fits)
    expect(area).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()
    expect(page.locator(".dc-profile")).to_be_visible()
    usage = page.locator("[data-block-type='digicomp_assessment']").first.get_attribute("data-usage")
    moments = page.request.get(f"{demo_url}/handler/{usage}/download/?student={learner}&format=json").json()
    assert moments[-1]["reflections"]["5"] == "b" * 2000


BEGINNER = "/scenario/digicomp-assessment-beginner/"
GAP = {"en": "Compared with the position “Beginner”", "nl": "Vergeleken met de positie „Beginner”"}


@pytest.mark.parametrize("lang, width", [("en", 1280), ("nl", 320)])
def test_a_profile_scoped_assessment_shows_the_gap_to_the_position_readable_and_accessible(demo_url, open_page,
                                                                                          lang, width):
    page = open_page(f"{demo_url}{BEGINNER}?student=gap-{lang}", locale=LOCALES[lang], width=width)
    expect(page.locator("fieldset.dc-statement")).to_have_count(60)  # what the example expects of a beginner
    click_every_statement(page, level=2)  # one below "independent" everywhere
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()
    section = page.locator(".dc-gap")
    expect(section.get_by_role("heading", name=GAP[lang])).to_be_visible()
    widths = section.locator("svg rect.dc-bar").evaluate_all("bars => bars.map(b => b.getAttribute('width'))")
    assert len(widths) == 6 and all(w in {"0", "0.0"} for w in widths)  # no statement at the expected level
    cells = section.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["8", "0", "8", "0", "0"]  # cluster 1: 8 expected, all 8 below
    section.locator("details.dc-gap-below > summary").first.click()
    expect(section.locator("details.dc-gap-below[open] li")).to_have_count(8)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page, ".dc-gap") == []


def test_the_learner_chooses_the_position_to_compare_with_by_keyboard(demo_url, open_page):
    """The demo's beginner allows the choice: the list is labelled, the choice re-renders the gap, the heading gets
    the focus, the page says which statements the gap covers, and a reload keeps the learner's choice."""
    page = open_page(f"{demo_url}{BEGINNER}?student=chooser", width=320)
    click_every_statement(page, level=3)  # "I do it independently": the expected level
    page.get_by_role("button", name=TEXT["en"]["submit"]).click()
    section = page.locator(".dc-gap")
    expect(section.get_by_role("heading", name=GAP["en"])).to_be_visible()
    expect(section).to_contain_text("The comparison covers the 60 statements of this self-assessment")
    choice = section.get_by_label("Compare with the position")
    expect(choice).to_have_value("beginner")
    choice.focus()
    page.keyboard.press("End")  # the last position: the pacesetter
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    heading = page.locator(".dc-gap").get_by_role("heading", name="Compared with the position “Pacesetter”")
    expect(heading).to_be_focused()
    expect(page.locator(".dc-gap")).to_contain_text(
        "This self-assessment asks the statements expected up to the position “Beginner”")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page, ".dc-gap") == []
    page.reload()
    expect(page.locator(".dc-gap").get_by_label("Compare with the position")).to_have_value("pacesetter")
