"""The dashboards in a real browser: a learner's course page, the lecturer's cohort page and its export."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from .conftest import SYNTHETIC, axe_violations
from .test_assessment import LOCALES

COURSE = "demo-course-digital-social-work-in-practice"
TEXT = {
    "en": {"user": "User name", "password": "Password", "log_in": "Log in", "profile_link": "Your competences in the demo course",
           "submit": "Submit my self-assessment", "start": "Start a new self-assessment from my last answers",
           "moments": "Your score per cluster at each self-assessment", "next": "What to work on next",
           "staff_only": "Only course staff can see the cohort of this course.", "cohort_link": "Competences of the cohort",
           "cohort": "Competences of the cohort", "learners": "learners submitted", "csv": "CSV (commas)", "separator": ","},
    "nl": {"user": "Gebruikersnaam", "password": "Wachtwoord", "log_in": "Aanmelden",
           "profile_link": "Je competenties in de democursus", "submit": "Mijn zelfevaluatie indienen",
           "start": "Begin een nieuwe zelfevaluatie met mijn laatste antwoorden",
           "moments": "Je score per cluster bij elke zelfevaluatie",
           "next": "Waar je verder aan kunt werken", "staff_only": "Alleen het cursusteam kan de groep van deze cursus zien.",
           "cohort_link": "Competenties van de groep", "cohort": "Competenties van de groep",
           "learners": "studenten dienden in", "csv": "CSV voor Excel in het Nederlands (puntkomma's)",
           "separator": ";"},
}
LEARNER = {"en": "ana", "nl": "bram"}


def log_in(page, base, lang, name, password):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(TEXT[lang]["user"]).fill(name)
    page.get_by_label(TEXT[lang]["password"]).fill(password)
    page.get_by_role("button", name=TEXT[lang]["log_in"], exact=True).click()
    expect(page).to_have_url(f"{base}/")


def answer_and_submit(page, lang, level_of):
    """Open each cluster and click a level per statement (the form's keyboard use: test_assessment), then submit."""
    for fieldset in page.locator("fieldset.dc-statement").all():
        fieldset.evaluate("f => f.closest('details').open = true")
        fieldset.locator("label").nth(level_of(fieldset.get_attribute("data-statement"))).click()
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()
    expect(page.locator(".dc-profile")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_learner_sees_their_course_profile_and_growth_and_not_the_cohort(demo_url, open_page, lang):
    page = open_page(f"{demo_url}/", locale=LOCALES[lang])
    log_in(page, demo_url, lang, LEARNER[lang], "student")
    page.goto(f"{demo_url}/scenario/digicomp-course/")
    answer_and_submit(page, lang, lambda statement: 1)
    page.get_by_role("button", name=TEXT[lang]["start"]).click()
    answer_and_submit(page, lang, lambda statement: 0 if statement.startswith("6.") else 3)

    page.goto(f"{demo_url}/")
    page.get_by_role("link", name=TEXT[lang]["profile_link"]).click()
    profile = page.locator(".dc-course-profile")
    expect(profile.locator("svg")).to_have_count(1)
    cluster_6 = profile.locator("table").first.locator("tr", has=page.locator("th .digicomp-id", has_text=re.compile("^6$")))
    expect(cluster_6.locator("td").nth(0)).to_have_text("25%")  # first: level 1 of 0..4
    expect(cluster_6.locator("td").nth(1)).to_have_text("0%")
    expect(cluster_6.locator("td").nth(2)).to_have_text("-25")
    expect(profile.get_by_text(TEXT[lang]["moments"])).to_be_visible()
    expect(profile.get_by_role("heading", name=TEXT[lang]["next"])).to_be_visible()
    assert axe_violations(page) == []

    refused = page.goto(f"{demo_url}/digicomp/courses/{COURSE}/cohort/")
    assert refused.status == 403 and TEXT[lang]["staff_only"] in page.content()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_lecturer_sees_the_cohort_and_downloads_an_anonymised_csv(demo_url, open_page, lang):
    page = open_page(f"{demo_url}/", locale=LOCALES[lang])
    log_in(page, demo_url, lang, "lecturer", "lecturer")
    page.get_by_role("link", name=TEXT[lang]["cohort_link"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXT[lang]["cohort"])
    learners = int(re.search(rf"(\d+) {TEXT[lang]['learners']}", page.content()).group(1))
    assert learners >= SYNTHETIC
    summary = page.locator("table").first
    expect(summary.locator("tbody tr")).to_have_count(3)  # the clusters the demo course's assessment asks about
    expect(summary.locator("tbody th")).to_have_text([re.compile(f"^{c} ") for c in ("1", "5", "6")])
    expect(summary.locator("tbody tr").nth(1).locator("td").nth(1)).to_have_text(re.compile(r"^\d+%$"))  # cluster 5
    expect(page.locator("svg.dc-chart")).to_have_count(2)
    expect(page.locator("svg .dc-bar-now")).to_have_count(3)
    expect(page.locator("ol.dc-lowest li")).to_have_count(5)
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.locator(".dc-downloads li").nth(1).get_by_role("link", name=TEXT[lang]["csv"], exact=True).click()
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115 - read once
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=TEXT[lang]["separator"]))
    assert rows[0][:3] == ["learner", "moment", "submitted_at"] and len(rows[0]) == 3 + 3
    learner_ids = {row[0] for row in rows[1:]}
    assert len(learner_ids) == learners
    assert all(re.fullmatch(r"synthetic-\d{4}|[0-9a-f]{32}", learner) for learner in learner_ids)
    assert not re.search(r"\b(ana|bram|lecturer)\b", text)


def test_the_cohort_page_fits_a_narrow_screen(demo_url, open_page):
    page = open_page(f"{demo_url}/", width=320)
    log_in(page, demo_url, "en", "lecturer", "lecturer")
    page.goto(f"{demo_url}/digicomp/courses/{COURSE}/cohort/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


BEGINNER_KEY = "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"


def test_the_course_page_and_the_cohort_compare_with_the_position(demo_url, open_page):
    """A learner of the beginner's course chooses the experienced practitioner: their course page shows the gap to
    it; the lecturer's cohort view shows per cluster the share of learners at or above the beginner's level."""
    page = open_page(f"{demo_url}/", width=320)
    log_in(page, demo_url, "en", "bram", "student")
    page.goto(f"{demo_url}/scenario/digicomp-assessment-beginner/")
    answer_and_submit(page, "en", lambda statement: 1 if statement in ("6.1.1", "6.1.2") else 3)
    page.locator(".dc-gap").get_by_label("Compare with the position").select_option("experienced")
    page.locator(".dc-gap").get_by_role("button", name="Compare").click()
    expect(page.locator(".dc-gap h4")).to_have_text("Compared with the position “Experienced practitioner”")

    page.goto(f"{demo_url}/digicomp/courses/{BEGINNER_KEY}/profile/")
    gap = page.locator(".dc-gap")
    expect(gap.get_by_role("heading", level=2)).to_contain_text("compared with the position “Experienced practitioner”")
    expect(gap).to_contain_text("of the 7 statements expected, you rate 2 below the expected level")
    expect(page.locator(".dc-caution")).to_be_visible()  # the framework's caution: a growth instrument
    row_6 = gap.locator("tbody tr", has=page.locator("th .digicomp-id", has_text=re.compile("^6$")))
    expect(row_6.locator("td")).to_have_text(["7", "5", "2", "0", "0"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []

    log_in(page, demo_url, "en", "lecturer", "lecturer")
    page.goto(f"{demo_url}/digicomp/courses/{BEGINNER_KEY}/cohort/")
    words = page.locator(".dc-expected-words li")
    expect(words.first).to_have_text(re.compile(r"^\s*1\s+.+:\s+\d+ of \d+ learners \(\d+%\) at or above the expected "
                                                r"level\.\s*$"))
    expect(page.locator("#dc-expected-caption")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


PROGRAMME_TEXT = {
    "en": {"link": "Your competences across the programme “Demo programme: digital social work”",
           "courses": "The programme's courses", "based": r"Based on the (\d+) self-assessments you submitted in the "
                                                          r"programme's courses\.",
           "grow": "How the learners grow across the programme", "growth": "Growth across the courses"},
    "nl": {"link": "Je competenties over de hele opleiding „Demo programme: digital social work”",
           "courses": "De cursussen van de opleiding",
           "based": r"Op basis van de (\d+) zelfevaluaties die je in de cursussen van de opleiding indiende\.",
           "grow": "Hoe de studenten groeien over de opleiding", "growth": "Groei over de cursussen"},
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_learner_follows_the_course_page_to_their_profile_across_the_programme(demo_url, open_page, lang):
    """A moment in the programme's second and third course; from the first course's Competences page, by keyboard, to the
    learner's own page across the programme: every moment of theirs counted per course, nothing wider than a phone."""
    page = open_page(f"{demo_url}/", locale=LOCALES[lang], width=320)
    log_in(page, demo_url, lang, LEARNER[lang], "student")
    for course in ("digicomp-course-2", "digicomp-course-3"):
        page.goto(f"{demo_url}/scenario/{course}/")
        answer_and_submit(page, lang, lambda statement: 2)
    page.goto(f"{demo_url}/digicomp/courses/{COURSE}/profile/")
    link = page.get_by_role("link", name=PROGRAMME_TEXT[lang]["link"])
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{demo_url}/digicomp/programmes/demo-programme/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAMME_TEXT[lang]["link"])
    courses = page.get_by_role("region", name=PROGRAMME_TEXT[lang]["courses"]).locator("tbody tr")
    expect(courses).to_have_count(3)
    counts = [int(n) for n in courses.locator("td").all_inner_texts()]
    assert counts[1] >= 1 and counts[2] >= 1
    based = re.search(PROGRAMME_TEXT[lang]["based"], page.locator(".dc-course-profile").inner_text())
    assert based and int(based.group(1)) == sum(counts)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_lecturer_sees_how_the_programmes_learners_grow(demo_url, open_page, lang):
    page = open_page(f"{demo_url}/", locale=LOCALES[lang])
    log_in(page, demo_url, lang, "lecturer", "lecturer")
    page.goto(f"{demo_url}/digicomp/programmes/demo-programme/")
    expect(page.get_by_role("heading", name=PROGRAMME_TEXT[lang]["grow"])).to_be_visible()
    growth = page.get_by_role("region", name=re.compile(PROGRAMME_TEXT[lang]["growth"]))
    shown = [row for row in growth.locator("tbody tr").all() if row.locator("td").count() == 5]
    assert shown  # the demo's learners of several courses: some clusters have figures
    bars = page.locator("#dc-programme-growth-title").locator("xpath=..").locator(".dc-bar-now")
    expect(bars).to_have_count(growth.locator("tbody tr").count())
    for row in shown:
        first, latest = (int(cell.rstrip("%")) for cell in row.locator("td").all_inner_texts()[1:3])
        assert 0 <= first <= 100 and 0 <= latest <= 100
    assert axe_violations(page) == []
