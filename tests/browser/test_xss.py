"""XSS in a real browser: payloads wherever text goes, and not one of them runs, on every page of the demo, in
English and in Dutch.

Where the payloads (tests/browser/xss_site.py) go in:
- OLX: two scenarios of their own, parsed by the demo server these tests start (its settings,
  tests/browser/xss_settings.py, register them next to the demo's; nothing of it is in the demo): the course title,
  section and unit titles (`digicomp_demo_container`), and display names, introductions and the OLX `name` of
  self-assessments, profile, coverage map and framework browser; the workbench's studio_view shows every editor;
- Studio: `studio_submit` of each self-assessment of the demo's own scenarios, as the lecturer;
- learners' reflections: `save_answers` as DigicompPost sends it, and typed into the form (submitted there too);
- the lecturer tags the OLX units (the aside's `set_competences`), so the coverage map and suggestions list them;
- the tag picker's and the framework browser's search boxes;
- query parameters of every page (p0 … p17 and the ones pages read: since, until, by, block, student, next), a
  view name and a scenario name in the address, the login page's `next`.

The detector (`Tab.check`), once a page has loaded (its images too) and its scripts ran, and after each
interaction (submitting, starting a moment, comparing moments, opening the tag picker, searching):
`window.__pwned` set, a dialog (alert, confirm, prompt), an error of the page's scripts; in the DOM an event handler
attribute or an executable script carrying a payload, a javascript: URL, an iframe, markup inside a script (what
follows it is lost); a payload in a block's start-up data (what the XBlock SDK's runtime writes into
<script type="json/xblock-args">). Where a payload should be visible, the test reads it back as text.
test_the_detector_sees_every_payload_run proves the detector sees each payload run where it is written unescaped.
"""

from __future__ import annotations

import os
import traceback
import urllib.parse

import pytest
from playwright.sync_api import expect

from digicomp_xblock.rendering.presentation import paragraphs
from tests.servers import DemoServer

from .xss_site import ALL, BLOCKS_TITLE, COURSE, COURSE_TITLE, PAYLOADS, SCENARIOS, SHORT, UNITS

LOCALES = {"en": "en-GB", "nl": "nl-BE"}
DEMO_COURSE = "demo-course-digital-social-work-in-practice"
#: The demo's scenarios with self-assessments; then all its scenarios and ours.
ASSESSMENTS = ("digicomp-assessment", "digicomp-assessment-short", "digicomp-course")
ALL_SCENARIOS = (*ASSESSMENTS, "digicomp-framework", *SCENARIOS)
#: The OLX course's units tagged with cluster 5: all but the last payload unit (and the units of the tools).
TAGGED = len(UNITS) - 1
#: Every payload in a query parameter of its own, added to every address visited.
QUERY = urllib.parse.urlencode({f"p{n}": text for n, text in enumerate(PAYLOADS)})
#: What a payload that runs leaves behind (in a handler attribute, a script, the start-up data).
MARKERS = ("__pwned", "alert(", "7*7")
STUDENT = PAYLOADS[13] + PAYLOADS[14] + PAYLOADS[3]  # ?student= goes into a JavaScript string of the page

DETECT = """(markers) => {
  const found = [];
  const marked = (text) => markers.some((m) => String(text).includes(m));
  const show = (el) => el.outerHTML.slice(0, 120);
  const code = /^\\s*(((window|parent)\\.)?__pwned=1|alert\\(1\\));?\\s*$/;
  if (window.__pwned !== undefined) { found.push(`window.__pwned is ${window.__pwned}`); }
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") && marked(attr.value)) { found.push(`event handler: ${show(el)}`); }
      if (urls.includes(name) && /^[\\s\\u0000-\\u001f]*javascript:/i.test(attr.value)) {
        found.push(`javascript: URL: ${show(el)}`);
      }
    }
    const tag = el.localName;
    if (tag === "script" && (!el.type || /(java|ecma)script|module/i.test(el.type)) && code.test(el.textContent)) {
      found.push(`script: ${show(el)}`);  // put in by a payload (a script set by innerHTML does not run)
    }
    if (["iframe", "frame", "object", "embed"].includes(tag)) { found.push(`${tag}: ${show(el)}`); }
    if (tag === "script" && /<\\/script|<!--/i.test(el.textContent)) {
      found.push(`markup in a script (what follows it is lost): ${show(el)}`);
    }
  }
  for (const script of document.querySelectorAll("script.xblock_json_init_args")) {
    try {
      if (marked(JSON.stringify(JSON.parse(script.textContent || "{}")))) {
        found.push(`payload in start-up data: ${show(script)}`);
      }
    } catch (error) { found.push(`start-up data is not JSON (${error}): ${show(script)}`); }
  }
  return found;
}"""

#: A text as shown: <br> as a line break (linebreaksbr), the rest as it is.
SHOWN = "el => [...el.childNodes].map(n => n.nodeName === 'BR' ? '\\n' : n.textContent).join('').trim()"


class Tab:
    """A page of a browser context: `open(path)` visits a page (QUERY added) and checks it, `check(where)` adds
    what the detector finds to `found`."""

    def __init__(self, context, base="", found=None, pages=None, label=""):
        self.page, self.base, self.label = context.new_page(), base, label
        self.found = [] if found is None else found
        self.pages = set() if pages is None else pages
        self.dialogs, self.errors = [], []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog):
        self.dialogs.append(f"dialog: {dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def open(self, path, query=QUERY, status=200):
        self.pages.add(path.split("?")[0])
        url = self.base + path + ("&" if "?" in path else "?") + query
        response = self.page.goto(url)  # "load": after the images (src=x fails: onerror) and the blocks' scripts
        assert response.status == status, (path, response.status)
        self.check(path)
        return self.page

    def check(self, where):
        detected = self.page.evaluate(DETECT, MARKERS)  # an open dialog holds it up: the dialog is counted first
        found = [*self.dialogs, *(f"script error: {e}" for e in self.errors), *detected]
        self.dialogs.clear()
        self.errors.clear()
        self.found.extend(f"[{self.label}] {where}: {finding}" for finding in found)


def shown(locator) -> str:
    return locator.evaluate(SHOWN)


def shown_all(locator) -> list[str]:
    return [shown(item) for item in locator.all()]


def call(page, block_type, index, handler, payload):
    """A JSON POST to a handler of the `index`th block (or aside) of a type on the page, as the blocks send it
    (DigicompPost: the CSRF token of the csrftoken cookie); its decoded answer."""
    result = page.evaluate("""async ([selector, index, handler, payload]) => {
        const element = document.querySelectorAll(selector)[index];
        const result = await DigicompPost(RuntimeProvider.getRuntime(1).handlerUrl(element, handler), payload);
        return {ok: result.ok, status: result.status, data: result.data};
    }""", [f'[data-block-type="{block_type}"]' + (":has(.dc-tags-picker)" if block_type == "digicomp_tags" else ""),
           index, handler, payload])
    assert result["ok"], (block_type, index, handler, result)
    return result["data"]


def log_in(context, base, name):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", "lecturer" if name == "lecturer" else "student")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.close()
    return context


# --- The server and what the lecturer and a learner put in ------------------------------------------------------

@pytest.fixture(scope="module")
def xss_url(tmp_path_factory):
    """A demo server of its own (its own database), with the OLX scenarios of payloads."""
    settings = os.environ.get("DJANGO_SETTINGS_MODULE", "tests.settings")
    server = DemoServer(tmp_path_factory.mktemp("xss"), ["digicomp_demo_data", "--learners", "6"])
    server.env.update(DJANGO_SETTINGS_MODULE="tests.browser.xss_settings", DIGICOMP_XSS_BASE_SETTINGS=settings)
    try:
        yield server.start()
    finally:
        server.stop()


def answer(page, index, level):
    """Ratings of every statement of the `index`th self-assessment of the page."""
    statements = page.locator('[data-block-type="digicomp_assessment"]').nth(index).locator("[data-statement]")
    return dict.fromkeys(statements.evaluate_all("els => els.map(e => e.dataset.statement)"), level)


def submit_moments(page, index, moments, reflections):
    """Submit `moments` moments (a new one started between them), rating every statement 1, 2, 3 …"""
    for moment in range(1, moments + 1):
        if moment > 1:
            call(page, "digicomp_assessment", index, "start_moment", {})
        call(page, "digicomp_assessment", index, "save_answers",
             {"ratings": answer(page, index, moment), "reflections": reflections, "submit": True})


@pytest.fixture(scope="module")
def site(xss_url, browser):
    """The payloads put in as the demo's users do: the lecturer through Studio's handler and the tag picker's, the
    learner ana through the self-assessment's handlers and its form. The server's URL."""
    lecturer = log_in(browser.new_context(locale="en-GB"), xss_url, "lecturer")
    page = lecturer.new_page()
    for scenario in ASSESSMENTS:
        page.goto(f"{xss_url}/scenario/{scenario}/")
        for index in range(page.locator('[data-block-type="digicomp_assessment"]').count()):
            call(page, "digicomp_assessment", index, "studio_submit", {
                "display_name": SHORT, "introduction": ALL, "display_name_second": SHORT, "introduction_second": ALL})
    page.goto(f"{xss_url}/scenario/xss-course/")
    for index in range(TAGGED):
        assert call(page, "digicomp_tags", index, "set_competences", {"ids": ["5"]})["ids"] == ["5"]
    lecturer.close()

    learner = log_in(browser.new_context(locale="en-GB"), xss_url, "ana")
    page = learner.new_page()
    page.goto(f"{xss_url}/scenario/xss-course/")
    # Even units: submitted (the first one three times), the reflection in the profile; odd: a draft in the form.
    for index, text in enumerate(UNITS):
        if index % 2:
            call(page, "digicomp_assessment", index, "save_answers",
                 {"ratings": {"5.1.1": 1}, "reflections": {"5": text}})
        else:
            submit_moments(page, index, 3 if index == 0 else 1, {"5": text})
    page.goto(f"{xss_url}/scenario/digicomp-assessment/")
    submit_moments(page, 0, 3, {str(c): "\n".join(PAYLOADS[c - 1::9]) for c in range(1, 10)})
    page.goto(f"{xss_url}/scenario/digicomp-course/")
    submit_moments(page, 0, 2, {"1": SHORT, "5": ALL, "6": PAYLOADS[3]})
    page.goto(f"{xss_url}/scenario/digicomp-assessment-short/")
    submit_moments(page, 0, 1, {"5": ALL})
    call(page, "digicomp_assessment", 0, "start_moment", {})
    page.reload()  # the form of the new moment; its reflection on cluster 6 typed in
    page.locator(".dc-cluster[data-cluster='6'] > summary").click()
    page.locator("textarea[data-reflection='6']").fill(SHORT)
    expect(page.locator(".dc-save-status")).to_have_text("All answers are saved.", timeout=15000)
    learner.close()
    return xss_url


# --- What each page should show as text -------------------------------------------------------------------------

def intro(text):
    return [block["text"] for block in paragraphs(text)]


def assessments_show(page, titles, intros):
    blocks = page.locator(".digicomp-assessment")
    assert [shown(b) for b in blocks.locator("h2.digicomp-title").all()] == [t.strip() for t in titles]
    assert [shown_all(b.locator(":scope > p:not([class])")) for b in blocks.all()] == [intro(t) for t in intros]


def reflections_show(block, texts):
    assert sorted(shown_all(block.locator(".dc-reflections dd"))) == sorted(t.strip() for t in texts)


def drafts_show(block, texts):
    for cluster, text in texts.items():
        assert block.locator(f"textarea[data-reflection='{cluster}']").input_value() == text.strip()


def compare_with_moment_1(tab, where, block):
    """The growth since moment 1 instead of moment 2: the profile HTML from the handler replaces the profile."""
    block.locator("[data-compare]").select_option("1")
    block.locator("[data-action=compare]").click()
    expect(block.locator("[data-compare] option[selected]")).to_have_attribute("value", "1")
    tab.check(f"{where} (compared with moment 1)")


def type_each_payload(tab, where, box):
    for text in PAYLOADS:
        box.fill(text)
        box.press("Enter")  # the framework browser searches at once on Enter, the tag picker on each input
    tab.check(f"{where} (searched)")


def learner_pages(tab):
    page = tab.open("/")
    assert {COURSE_TITLE, BLOCKS_TITLE} <= set(shown_all(page.locator("main li a")))

    where = "/scenario/xss-course/"
    page = tab.open(where)
    # the coverage map's unit shows a learner nothing, so it has no heading either
    assert [shown(h) for h in page.locator(".dc-demo-container > h3").all()] == [t.strip() for t in UNITS] + [SHORT] * 2
    assessments_show(page, [t[:255] for t in UNITS], UNITS)
    blocks = page.locator(".digicomp-assessment")
    for index, text in enumerate(UNITS):
        if index % 2:
            drafts_show(blocks.nth(index), {"5": text})
        else:
            reflections_show(blocks.nth(index), [text])
    assert shown_all(page.locator(".dc-course-profile .dc-suggestions a")) == [t.strip() for t in UNITS[:3]]
    compare_with_moment_1(tab, where, blocks.first)
    reflections_show(blocks.first, [UNITS[0]])
    type_each_payload(tab, where, page.locator(".digicomp-search-input"))

    page = tab.open("/scenario/xss-blocks/")
    assessments_show(page, [t[:255] for t in UNITS], UNITS)

    where = "/scenario/digicomp-assessment/"
    page = tab.open(where)
    assessments_show(page, [SHORT], [ALL])
    block = page.locator(".digicomp-assessment")
    for link, kind in zip(block.locator(".dc-downloads a").all(), ("application/json", "text/csv"), strict=True):
        response = page.request.get(tab.base + link.get_attribute("href"))  # the learner's own answers
        assert response.headers["content-type"].startswith(kind), response.headers
        assert response.headers["content-disposition"].startswith("attachment"), response.headers
    reflections_show(block, ["\n".join(PAYLOADS[c - 1::9]) for c in range(1, 10)])
    compare_with_moment_1(tab, where, block)
    reflections_show(block, ["\n".join(PAYLOADS[c - 1::9]) for c in range(1, 10)])

    page = tab.open("/scenario/digicomp-assessment-short/")
    assessments_show(page, [SHORT], [ALL])
    drafts_show(page.locator(".digicomp-assessment"), {"5": ALL, "6": SHORT})

    page = tab.open("/scenario/digicomp-course/")
    assessments_show(page, [SHORT], [ALL])
    reflections_show(page.locator(".digicomp-assessment"), [SHORT, ALL, PAYLOADS[3]])

    where = "/scenario/digicomp-framework/"
    type_each_payload(tab, where, tab.open(where).locator(".digicomp-search-input"))

    tab.open(f"/digicomp/courses/{DEMO_COURSE}/profile/")
    page = tab.open(f"/digicomp/courses/{COURSE}/profile/")
    assert shown_all(page.locator(".dc-suggestions a")) == [t.strip() for t in UNITS[:3]]


def lecturer_pages(tab):
    for name in ("xss-course", "digicomp-course"):
        where = f"/scenario/{name}/"
        page = tab.open(where)
        expect(page.locator(".dc-coverage")).to_have_count(1)
        if name == "xss-course":
            assert {t.strip() for t in UNITS} | {SHORT} <= set(shown_all(page.locator(".dc-coverage .dc-drill a")))
        page.locator(".dc-tags-picker > summary").first.click()
        type_each_payload(tab, where, page.locator(".dc-tags-find").first)

    for name in ALL_SCENARIOS:
        page = tab.open(f"/scenario/{name}/studio_view/")
        editors = page.locator(".dc-studio-form")
        # The containers of the demo course and of ours have no Studio view: their blocks show none either.
        expected = [(t[:255], t) for t in UNITS] if name == "xss-blocks" else \
            [(SHORT, ALL)] * (name in ("digicomp-assessment", "digicomp-assessment-short"))
        assert [(e.locator("[name=display_name]").input_value(), e.locator("[name=introduction]").input_value())
                for e in editors.all()] == expected

    page = tab.open(f"/digicomp/courses/{DEMO_COURSE}/cohort/")
    assert shown_all(page.locator("#dc-block option")) == [SHORT]
    page = tab.open(f"/digicomp/courses/{COURSE}/cohort/")
    assert sorted(shown_all(page.locator("#dc-block option"))) == sorted(t[:255].strip() for t in UNITS[::2])
    # A date that is not one is refused (400) in plain text that repeats it: shown, never run.
    page = tab.open(f"/digicomp/courses/{DEMO_COURSE}/cohort/?" + urllib.parse.urlencode(
        {"since": PAYLOADS[1], "until": PAYLOADS[3], "by": PAYLOADS[2]}), status=400)
    assert PAYLOADS[1][:40] in page.locator("body").inner_text()
    tab.open(f"/digicomp/courses/{DEMO_COURSE}/cohort/?block=" + urllib.parse.quote(PAYLOADS[3]), status=400)
    # Exports are downloads (never rendered as a page), of a type that is not HTML.
    for export, kind in (("clusters.csv", "text/csv"), ("learners.csv", "text/csv"),
                         ("clusters.json", "application/json"), ("learners.json", "application/json")):
        response = tab.page.request.get(f"{tab.base}/digicomp/courses/{DEMO_COURSE}/cohort/export/{export}?{QUERY}")
        assert response.status == 200 and response.headers["content-type"].startswith(kind), response.headers
        assert response.headers["content-disposition"].startswith("attachment"), response.headers


def submit_in_the_form(tab, student):
    """A new learner types every payload into a reflection and submits: the profile (with the reflection) is put in
    by the page's script; then a new moment is started."""
    where = "/scenario/xss-blocks/"
    page = tab.open(f"{where}?student={student}")
    block = page.locator(".digicomp-assessment").first
    block.locator("fieldset[data-statement='5.1.1'] label").nth(2).click()
    block.locator("textarea[data-reflection='5']").fill(ALL)
    block.locator("button[type=submit]").click()
    expect(block.locator(".dc-reflections dd")).to_have_count(1)
    reflections_show(block, [ALL])
    tab.check(f"{where} (submitted in the form)")
    block.locator("[data-action=start]").click()
    expect(block.locator(".dc-form-section")).to_be_visible()
    drafts_show(block, {"5": ALL})
    tab.check(f"{where} (a new moment started)")


def visitor_pages(tab):
    """Logged out: a learner of the address submitting in the form, the login page, the student of the address,
    names in the address."""
    submit_in_the_form(tab, f"learner-{tab.label.split()[0]}")
    page = tab.open("/accounts/login/?next=" + urllib.parse.quote(ALL))
    assert page.locator("main input[name=next]").get_attribute("value") == ALL
    for path in ("/scenario/digicomp-assessment-short/", "/view/digicomp-assessment-short/"):
        page = tab.open(f"{path}?student=" + urllib.parse.quote(STUDENT))
        assert page.evaluate("() => window.studentId") == STUDENT
    for text in (PAYLOADS[5], "<img src=x onerror=window.__pwned=1>", PAYLOADS[12]):
        page = tab.open(f"/scenario/digicomp-course/{urllib.parse.quote(text)}_view/")
        expect(page.get_by_text(f"No such view: {text}_view").first).to_be_visible()
    tab.open(f"/scenario/{urllib.parse.quote(PAYLOADS[1])}/", status=404)


def test_no_payload_runs_on_any_page_in_english_or_dutch(site, browser, figures):
    found, pages = [], set()
    for lang, locale in LOCALES.items():
        for who, visit in (("ana", learner_pages), ("lecturer", lecturer_pages), ("visitor", visitor_pages)):
            context = browser.new_context(locale=locale)
            try:
                if who != "visitor":
                    log_in(context, site, who)
                visit(Tab(context, site, found, pages, f"{lang} {who}"))
            except AssertionError as error:  # a payload not shown as text: listed with the rest, on to the next
                where = traceback.extract_tb(error.__traceback__)[-1]
                found.append(f"[{lang} {who}] not shown as text (line {where.lineno}: {where.line}): "
                             f"{str(error).splitlines()[0]}")
            finally:
                context.close()
    assert found == [], "\n".join(found)
    figures(f"XSS: {len(PAYLOADS)} payloads x {len(pages)} pages x {len(LOCALES)} languages, 0 executions")


def test_logging_in_with_a_javascript_next_lands_on_the_index(site, browser):
    context = browser.new_context()
    tab = Tab(context, site, label="visitor")
    for target in (PAYLOADS[8], PAYLOADS[9], "//evil.example/" + PAYLOADS[0]):
        page = tab.open("/accounts/login/?next=" + urllib.parse.quote(target), query="")
        page.fill("#id_username", "ana")
        page.fill("#id_password", "student")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{site}/")
        tab.check(f"logged in with next={target}")
        context.clear_cookies()
    context.close()
    assert tab.found == [], "\n".join(tab.found)


# --- The detector sees a payload run where it is written unescaped ----------------------------------------------

#: Where a payload runs when it is written there as it is (at PAYLOAD).
WHERE = {
    "text": "<p>PAYLOAD</p>",
    "double-quoted attribute": '<input value="PAYLOAD">',
    "single-quoted attribute": "<div data-name='PAYLOAD'></div>",
    "start-up data": '<script type="json/xblock-args">{"a": "PAYLOAD"}</script>',
    "textarea": "<textarea>PAYLOAD</textarea>",
    "link": '<a href="PAYLOAD">link</a>',
    "script string": "<script>var s = 'PAYLOAD';</script>",
    "script data": '<script>var data = {"a": "PAYLOAD"};</script><p>more</p><script>var more = 1;</script>',
}
#: The place each payload is made for (the two template-ish ones are for the text checks).
MADE_FOR = ["text", "double-quoted attribute", "single-quoted attribute", "start-up data", "textarea", "text",
            "text", "text", "link", "link", "text", "text", "double-quoted attribute", "script string",
            "script string, quotes escaped", "script data"]


@pytest.mark.parametrize("payload, where", list(zip(PAYLOADS[:16], MADE_FOR, strict=True)))
def test_the_detector_sees_every_payload_run(browser, payload, where):
    """Each payload, written unescaped where it is made for, is seen: it runs, leaves a handler, a script or a
    javascript: URL behind, or takes what follows it into a script ("\u2028\u2029<!--<script>")."""
    context = browser.new_context()
    tab = Tab(context, label="unescaped")
    if where == "script string, quotes escaped":  # an escaper that forgets the backslash
        page = WHERE["script string"].replace("PAYLOAD", payload.replace("'", "\\'"))
    else:
        page = WHERE[where].replace("PAYLOAD", payload)
    tab.page.set_content(page)  # waits for "load", as Tab.open does
    tab.check(where)
    assert tab.found, f"the detector saw nothing of {payload!r} written unescaped in {where}"
    if where == "link":  # the URL is seen before it is followed; followed, it runs
        tab.page.click("a")
        tab.page.wait_for_timeout(300)  # the browser follows a javascript: URL in a task of its own
        tab.check("followed")
        assert any("__pwned" in f or "dialog" in f for f in tab.found[1:]), tab.found
    context.close()


def test_the_text_checks_see_a_template_that_was_evaluated(browser):
    page = browser.new_page()
    page.set_content("<h2>49</h2><h2>${7*7}</h2>")
    assert shown_all(page.locator("h2")) != list(PAYLOADS[16:])
    page.close()


def test_the_detector_sees_a_script_that_innerhtml_put_in_and_did_not_run(browser):
    context = browser.new_context()
    tab = Tab(context, label="innerHTML")
    tab.page.set_content("<div id='profile'></div>")
    tab.page.evaluate("html => { document.getElementById('profile').innerHTML = html; }", PAYLOADS[0])
    tab.check("profile")
    context.close()
    assert [f for f in tab.found if "script:" in f], tab.found
