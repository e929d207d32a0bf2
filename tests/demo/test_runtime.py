"""The demo's runtime writes what the XBlock SDK's writes unescaped (start-up data, data attributes, the view name
of the address) escaped; the scenario pages use it."""

import json
import re

import pytest
from lxml import etree, html
from web_fragments.fragment import Fragment

from digicomp_demo.runtime import DemoRuntime, script_safe_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

BREAKOUT = "</script><img src=x onerror=window.__pwned=1>"
QUOTED = "'><img src=x onerror='window.__pwned=1'>"


def wrapped(olx, fragment):
    runtime = DemoRuntime("student_1")
    block = runtime.get_block(runtime.parse_xml_string(olx))
    return runtime.wrap_xblock(block, "student_view", fragment, None).content


def test_start_up_data_cannot_end_its_script_element_and_reads_back_the_same():
    args = {"text": BREAKOUT, "more": ["a & b", "<!--<script>", "\u2028"]}
    fragment = Fragment("<p>body</p>")
    fragment.initialize_js("Probe", args)
    page = wrapped("<digicomp_framework/>", fragment)
    assert "<img" not in page and "</script><" not in page.replace("</script></div>", "")
    script = html.fromstring(page).xpath("//script[@type='json/xblock-args']")
    assert len(script) == 1 and json.loads(script[0].text) == args
    assert fragment.json_init_args == args  # the block's fragment is left as it was


def test_an_olx_name_stays_inside_its_data_attribute():
    olx = etree.tostring(etree.Element("digicomp_framework", name=QUOTED), encoding="unicode")
    page = wrapped(olx, Fragment("<p>body</p>"))
    assert "<img" not in page
    assert html.fromstring(page).get("data-name") == QUOTED


def test_script_safe_json_has_no_markup_characters():
    assert re.search(r"[<>&]", script_safe_json({"a": "<>&"})) is None
    assert json.loads(script_safe_json({"a": "<>&"})) == {"a": "<>&"}


def test_the_view_name_of_the_address_is_shown_escaped(client):
    client.get("/")  # registers the scenarios
    view = "<img src=x onerror=window.__pwned=1>_view"
    page = client.get(f"/scenario/digicomp-course/{view}/").content.decode()
    assert "<img src=x" not in page and "No such view: &lt;img src=x onerror=window.__pwned=1&gt;_view" in page


@pytest.mark.parametrize("path", ["/scenario/digicomp-assessment-short/", "/view/digicomp-assessment-short/"])
def test_the_scenario_pages_of_the_demo_view_start_their_blocks(client, path):
    client.get("/")
    page = client.get(path).content.decode()
    body = etree.HTML(page)
    scripts = body.xpath("//script[@type='json/xblock-args']")
    assert scripts and all(json.loads(s.text) for s in scripts)
    assert len(body.xpath("//*[@data-block-type='digicomp_assessment']")) == 1


def test_the_bare_block_page_gives_its_runtime_the_student_escaped(client):
    """The SDK's /view/ page set `student_id` (its runtime reads `studentId`: no handler could be called) and
    wrote it into a JavaScript string escaped for HTML only."""
    client.get("/")
    student = "'-alert(1)-'\\'-alert(1)//</script>"
    page = client.get("/view/digicomp-assessment-short/", {"student": student}).content.decode()
    assert ("studentId = '\\u0027\\u002Dalert(1)\\u002D\\u0027\\u005C\\u0027\\u002Dalert(1)//"
            "\\u003C/script\\u003E';") in page
