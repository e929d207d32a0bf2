"""Every page of the demo as a person sees it, in English and Dutch, on a phone and on a desktop.

Shared by `tests/screenshots.py` (`make screenshots`: PNGs to look at) and `tests/browser/test_looks.py` (the
same pages, measured): the list of pages, how to bring the demo into the state they show (accounts logged in,
moments submitted so that profiles show growth), how to open one page, and the checks the tests make of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import expect

COURSE_KEY = "demo-course-digital-social-work-in-practice"
COURSE = "/scenario/digicomp-course/"
SHORT = "/scenario/digicomp-assessment-short/"
FULL = "/scenario/digicomp-assessment/"
FRAMEWORK = "/scenario/digicomp-framework/"
BEGINNER = "/scenario/digicomp-assessment-beginner/"
BEGINNER_KEY = "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"  # its course
CONSENSUS = "/scenario/digicomp-consensus/"
PROGRAMME = "demo-programme"  # the demo's programme (digicomp_demo_data): its three courses and their learners
LOCALES = {"en": "en-GB", "nl": "nl-BE"}
WIDTHS = (320, 1280)
ACCOUNTS = {"lecturer": "lecturer", "ana": "student"}
LEARNER = "looks-learner"  # the learner of the short self-assessment (logged out, ?student=), two moments
SEARCH = {"en": "copyright", "nl": "auteursrecht"}
# The English of the demo's header: on every page.
HEADER = ("Skip to content", "Language", "English")


def _search(page, lang):
    page.locator(".digicomp-search-input").fill(SEARCH[lang])
    expect(page.locator(".digicomp-status")).not_to_be_empty()


def _open_tag_picker(page, lang):
    """The first unit's picker open, with its first cluster and that cluster's first component (the statements'
    checkboxes)."""
    picker = page.locator(".dc-tags-picker").first
    picker.locator("> summary").click()
    picker.locator(".dc-tree-cluster > summary").first.click()
    picker.locator(".dc-tree-cluster[open] .dc-tree-component > summary").first.click()
    expect(picker.locator(".dc-tree-component[open] input[data-level=statement]").last).to_be_visible()


def _choose_pioneer(page, lang):
    """The gap to the pioneer, chosen by the learner (the statements asked stay the beginner's)."""
    page.locator(".dc-gap [data-target]").select_option("pioneer")
    page.locator(".dc-gap [data-action=target]").click()
    expect(page.locator(".dc-gap h4")).to_be_focused()  # the gap re-rendered, its heading focused
    expect(page.locator(".dc-gap [data-target]")).to_have_value("pioneer")


def _open_gap_details(page, lang):
    """The gap to the beginner, its first list of statements below the expected level open."""
    page.locator(".dc-gap details > summary").first.click()
    expect(page.locator(".dc-gap details[open] li").first).to_be_visible()
    page.locator(".dc-gap").scroll_into_view_if_needed()


@dataclass(frozen=True)
class Look:
    """A page: its file name part, its address, who is logged in, what is done on it before looking, and the
    English UI strings it shows in English (so that none of them may show on the Dutch page)."""

    name: str
    path: str
    user: str | None = None
    ready: Callable | None = None
    english: tuple[str, ...] = field(default=())


FORM = ("Who sees your answers", "Choose, for each of the", "What the levels mean", "answered", "Save my answers",
        "Submit my self-assessment", "Not relevant to my work", "Some answers are missing")
PROFILE = ("Your self-assessment of", "You rated yourself highest", "Knowledge", "Skills", "Answered",
           "Your growth since", "Change per cluster", "lower bar: now", "Print my profile",
           "Download my submitted answers")

LOOKS = (
    Look("index", "/", english=(*HEADER, "Log in", "scenarios", "For learners", "For the course team",
                                "Your competences in the demo course", "Competences of the cohort of the demo course")),
    Look("login", "/accounts/login/", english=(*HEADER, "Log in to the demo", "Demo accounts", "User name",
                                               "Password")),
    Look("framework", FRAMEWORK, english=(*HEADER, "The framework describes", "It is a tool for growth",
                                          "Search the statements", "Type a word", "Open all clusters",
                                          "Close all clusters")),
    Look("framework-search", FRAMEWORK, ready=_search,
         english=(*HEADER, "Search the statements", "statement matches your search", "More about this cluster")),
    Look("assessment-short", f"{SHORT}?student=looks-newcomer", english=(*HEADER, *FORM)),
    Look("assessment", f"{FULL}?student=looks-newcomer", english=(*HEADER, *FORM)),
    Look("assessment-profile", f"{SHORT}?student={LEARNER}", english=(*HEADER, *PROFILE)),
    Look("assessment-gap", f"{BEGINNER}?student={LEARNER}", ready=_open_gap_details,
         english=(*HEADER, "Compared with the position", "statements expected, you rate", "Which statements",
                  "Expected statements per cluster", "At or above")),
    Look("assessment-gap-choice", f"{BEGINNER}?student={LEARNER}-choice", ready=_choose_pioneer,
         english=(*HEADER, "Compared with the position", "Compare with the position", "The comparison covers the",
                  "This self-assessment asks the statements expected up to")),
    Look("course-profile-gap", f"/digicomp/courses/{BEGINNER_KEY}/profile/", user="ana",
         english=(*HEADER, "Logged in as", "compared with the position", "statements expected, you rate",
                  "Expected statements per cluster")),
    Look("cohort-gap", f"/digicomp/courses/{BEGINNER_KEY}/cohort/", user="lecturer",
         english=(*HEADER, "Logged in as", "Compared with the position", "at or above the expected level",
                  "Learners who rated the expected statements")),
    Look("programme", f"/digicomp/programmes/{PROGRAMME}/", user="lecturer",
         english=(*HEADER, "Logged in as", "Competences across the programme", "Statements of each cluster",
                  "Developed by no course", "Developed by only one course", "One row per statement",
                  "How the learners grow across the programme", "were seen in more than one course",
                  "Growth across the courses", "Median per cluster and year")),
    Look("programme-profile", f"/digicomp/programmes/{PROGRAMME}/mine/", user="ana",
         english=(*HEADER, "Logged in as", "Your competences across the programme", "Only you see this page",
                  "The programme's courses", "Your profile across its courses", "First and latest score")),
    Look("consensus", f"{CONSENSUS}?student=lecturer",
         english=(*HEADER, "For the course team only", "Your choices", "Start from the proposal", "Comparison",
                  "Fix the profile")),
    Look("course-lecturer", COURSE, user="lecturer", ready=_open_tag_picker,
         english=(*HEADER, "Logged in as", "Log out", "Change the competences of this unit", "Only course staff see this",
                  "Find a competence", "Save the competences", "Units that develop each cluster",
                  "Knowledge", "Skills", "All sections", "What is missing")),
    Look("course-learner", COURSE, user="ana",
         english=(*HEADER, "Logged in as", "Log out", *PROFILE[:4], "What to work on next",
                  "Because you rated yourself lowest")),
    Look("course-profile", f"/digicomp/courses/{COURSE_KEY}/profile/", user="ana",
         english=(*HEADER, "Logged in as", "Log out", "Your score per cluster at each self-assessment", "What to work on next")),
    Look("cohort", f"/digicomp/courses/{COURSE_KEY}/cohort/", user="lecturer",
         english=(*HEADER, "Logged in as", "Log out", "Competences of the cohort", "learners submitted",
                  "How the cohort grows", "Download")),
)
BY_NAME = {look.name: look for look in LOOKS}


def log_in(page, base, name, password):
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(name)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/")


def submit_moments(page, *rounds):
    """Submit a moment of the page's (first) self-assessment per round, `round(statement_id) -> level index`;
    rounds the learner already submitted (or may no longer submit) are skipped, so this may run twice."""
    block = page.locator(".digicomp-assessment").first
    form = block.locator(".dc-form-section")
    for level_of in rounds:
        if form.is_hidden():
            start = block.locator("[data-action=start]")
            if start.count() == 0:
                return
            start.click()
            expect(form).to_be_visible()
        statements = block.locator("fieldset.dc-statement").evaluate_all("all => all.map(f => f.dataset.statement)")
        # all answers at once, as the form takes them (a change event per radio), then the learner's click
        block.evaluate("""(block, levels) => {
            for (const fieldset of block.querySelectorAll('fieldset.dc-statement')) {
                const radios = [...fieldset.querySelectorAll('input[type=radio]')];
                const radio = radios.at(levels[fieldset.dataset.statement]);
                radio.checked = true;
                radio.dispatchEvent(new Event('change', {bubbles: true}));
            }
        }""", {statement: level_of(statement) for statement in statements})
        block.locator(".dc-form-section button[type=submit]").click()
        expect(form).to_be_hidden()
        expect(block.locator(".dc-profile")).to_be_visible()


def first_round(statement):
    return 1


def second_round(statement):
    """Growth in most clusters, a fall in cluster 6, one 'not relevant' (the last option)."""
    cluster = statement.split(".")[0]
    return {"6": 0, "5": 3}.get(cluster, 2) if statement != "5.1.2" else -1


def mixed_round(statement):
    """Below the beginner's expected level in about half of the statements, one 'not relevant'."""
    return -1 if statement == "2.1.1" else (1, 3, 2, 4)[sum(map(int, statement.split("."))) % 4]


def prepare(browser, base):
    """Log the demo accounts in (their storage states, for new contexts) and submit two moments as ana in the demo
    course and as LEARNER in the short self-assessment, one in the beginner's (as ana, LEARNER and a LEARNER who
    chooses the position). Returns {user: storage state}."""
    states = {}
    for name, password in ACCOUNTS.items():
        context = browser.new_context(locale=LOCALES["en"], viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, base, name, password)
        states[name] = context.storage_state()
        if name == "ana":
            page.goto(base + COURSE)
            submit_moments(page, first_round, second_round)
            page.goto(base + BEGINNER)
            submit_moments(page, mixed_round)
        context.close()
    context = browser.new_context(locale=LOCALES["en"], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}{SHORT}?student={LEARNER}")
    submit_moments(page, first_round, second_round)
    page.goto(f"{base}{BEGINNER}?student={LEARNER}")
    submit_moments(page, mixed_round)
    page.goto(f"{base}{BEGINNER}?student={LEARNER}-choice")
    submit_moments(page, mixed_round)
    context.close()
    return states


def open_look(browser, base, look, lang, width, states):
    """A new page (in its own context: language, width, who is logged in) showing `look`, ready to be seen."""
    context = browser.new_context(locale=LOCALES[lang], viewport={"width": width, "height": 900},
                                  storage_state=states.get(look.user) if look.user else None)
    page = context.new_page()
    page.goto(base + look.path)
    page.wait_for_load_state("networkidle")
    if look.ready:
        look.ready(page, lang)
    return page


# The checks: each returns a list of problems (empty: all is well), described for a person reading a test failure.

OVERFLOW = """() => {
    const vw = document.documentElement.clientWidth, problems = [];
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '')
        + ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
    if (document.documentElement.scrollWidth > vw)
        problems.push(`the document is ${document.documentElement.scrollWidth} px wide, the viewport ${vw} px`);
    for (const el of document.body.querySelectorAll('*')) {
        const wrap = el.parentElement && el.parentElement.closest('.dc-table-wrap');
        if (wrap) continue;  // scrolls inside its frame; the frame itself is checked
        const box = el.getBoundingClientRect(), style = getComputedStyle(el);
        if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
        if (el.closest('.demo-skip')) continue;  // off screen until it has the focus
        if (box.right > vw + 0.5 || box.left < -0.5)
            problems.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
    }
    return problems;
}"""

HEADER_WORDS = """() => {
    const problems = [];
    for (const th of document.querySelectorAll('th')) {
        if (!th.getClientRects().length) continue;
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node; (node = walker.nextNode());) {
            // words: a line may break after a hyphen or a dash, never inside a word
            for (const match of node.nodeValue.matchAll(/[^\\s\\-\u2013\u2014]+[\\-\u2013\u2014]*/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
                if (lines.size > 1)
                    problems.push(`"${match[0]}" of the header "${th.textContent.trim().replace(/\\s+/g, ' ')}" is split over ${lines.size} lines`);
            }
        }
    }
    return problems;
}"""

CHART_BARS = """() => {
    const problems = [], number = /^\\d+(\\.\\d+)?$/;
    for (const [i, svg] of [...document.querySelectorAll('svg.dc-chart')].entries()) {
        const bars = [...svg.querySelectorAll('rect')];
        if (!bars.length) problems.push(`chart ${i + 1} has no bars`);
        if (bars.length && !bars.some(bar => bar.getBBox().width > 0)) problems.push(`chart ${i + 1} shows no bar`);
        for (const bar of bars) {
            const text = bar.nextElementSibling ? bar.nextElementSibling.textContent.trim() : '';
            for (const attribute of ['x', 'y', 'width', 'height']) {
                const value = bar.getAttribute(attribute);
                if (!number.test(value || '')) problems.push(`chart ${i + 1}: a bar's ${attribute} is "${value}"`);
            }
            if (/^[1-9]\\d*%$/.test(text) && !(bar.getBBox().width > 0))
                problems.push(`chart ${i + 1}: the bar of ${text} has no width`);
        }
    }
    return problems;
}"""

TEXTS = """() => {
    const parts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());)
        if (!node.parentElement.closest('script, style, template')) parts.push(node.nodeValue);
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
        for (const attribute of ['aria-label', 'title', 'placeholder', 'alt'])
            if (el.hasAttribute(attribute)) parts.push(el.getAttribute(attribute));
    return parts.map(part => part.replace(/\\s+/g, ' ').trim()).filter(Boolean).join('\\n');
}"""

LANGS = """() => [document.documentElement.lang,
                 ...[...document.querySelectorAll('.digicomp[lang], .digicomp-assessment[lang]')].map(el => el.lang)]"""


def overflow(page):
    """(a) Nothing wider than the viewport, except inside a table's scroll frame (which itself fits)."""
    return page.evaluate(OVERFLOW)


def split_header_words(page):
    """(b) No table header breaks inside a word: each word of a th's text on one line."""
    return page.evaluate(HEADER_WORDS)


def broken_charts(page):
    """(c) Every chart has bars with plain numbers as geometry, drawn (a non-zero value, a non-zero width)."""
    return page.evaluate(CHART_BARS)


def words(text):
    return re.escape(text).replace(r"\ ", r"\s+")


def wrong_language(page, lang, english):
    """(d) <html lang> and every block's lang are `lang`; on a Dutch page none of the `english` strings shows, on
    an English page each of them does (so that the list stays true to the page)."""
    problems = [f"lang is {found!r}" for found in page.evaluate(LANGS) if found != lang]
    text = page.evaluate(TEXTS)
    for string in english:
        shown = re.search(rf"(?<![\w-]){words(string)}(?![\w-])", text) is not None
        if lang == "nl" and shown:
            problems.append(f"English on the Dutch page: {string!r}")
        elif lang == "en" and not shown:
            problems.append(f"not on the English page (the list is out of date?): {string!r}")
    return problems

CAPTIONS = """() => {
    const problems = [];
    for (const wrap of document.querySelectorAll('.dc-table-wrap')) {
        const frame = wrap.getBoundingClientRect();
        for (const caption of wrap.querySelectorAll('caption')) {
            const box = caption.getBoundingClientRect();
            if (box.width && (box.right > frame.right + 0.5 || box.left < frame.left - 0.5))
                problems.push(`the caption "${caption.textContent.trim().slice(0, 50)}" is ${Math.round(box.width)} px wide in a ${Math.round(frame.width)} px frame`);
        }
    }
    return problems;
}"""

SCROLLING = """() => [...document.querySelectorAll('.dc-table-wrap')]
    .filter(wrap => wrap.scrollWidth > wrap.clientWidth)
    .map(wrap => `the table "${(wrap.querySelector('caption') || wrap).textContent.trim().slice(0, 50)}" scrolls: `
                 + `${wrap.scrollWidth} px in a ${wrap.clientWidth} px frame`)"""

TARGETS = """() => {
    const problems = [], vw = document.documentElement.clientWidth;
    const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    for (const el of document.querySelectorAll(controls)) {
        let target = el;
        if (el.type === 'radio' || el.type === 'checkbox') target = (el.labels && el.labels[0]) || el;
        const box = target.getBoundingClientRect();
        if (!box.width || !box.height || box.right <= 0 || box.left >= vw) continue;  // not shown, or off screen
        // a link in running text (WCAG 2.5.8's inline exception): its parent says more than the link
        if (el.tagName === 'A' && el.parentElement.textContent.trim() !== el.textContent.trim()) continue;
        if (box.height < 43.5 || box.width < 43.5)
            problems.push(`${el.tagName.toLowerCase()}${el.type ? '[' + el.type + ']' : ''} "${(target.textContent || el.value || '').trim().slice(0, 40)}" is ${Math.round(box.width)} x ${Math.round(box.height)} px`);
    }
    return [...new Set(problems)];
}"""


def captions_out_of_frame(page):
    """Each table's caption fits the frame the table scrolls in (it does not scroll away with the table)."""
    return page.evaluate(CAPTIONS)


def scrolling_tables(page):
    """On a desktop screen no table needs its scroll frame (no column cut at the frame's edge)."""
    return page.evaluate(SCROLLING)


def small_targets(page):
    """Every control shown is at least 44 x 44 px (a checkbox or radio with its label; links in running text
    excepted)."""
    return page.evaluate(TARGETS)
