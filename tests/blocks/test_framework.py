"""The framework browser block in the workbench runtime: renders in English and Dutch, serves only its files."""

import pytest
from workbench.runtime import WorkbenchRuntime
from xblock.exceptions import DisallowedFileError

from digicomp_xblock.blocks.framework import FrameworkBrowserXBlock

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


SCENARIO = "/scenario/digicomp-framework/"


@pytest.mark.parametrize("language, words", [
    ("en", ['lang="en"', "Search the statements", "Focus 1", "Cluster 5",
            "knowing what are the digital needs, requirements and possibilities"]),
    ("nl", ['lang="nl"', "Zoek in de competenties", "Focus 1", "Cluster 5",
            "de digitale noden, behoeften én mogelijkheden van specifiek kwetsbare doelgroepen"]),
])
def test_renders_the_whole_framework_in_the_learners_language(client, framework, language, words):
    page = client.get(SCENARIO, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for word in words:
        assert word in page
    assert page.count('class="digicomp-statement"') == 144
    assert page.count('class="digicomp-cluster"') == 9


def test_statements_have_stable_anchors_for_deep_links(client):
    page = client.get(SCENARIO).content.decode()
    assert 'id="digicomp-statement-5-2-3"' in page


@pytest.mark.parametrize("uri", ["static/../setup.py", "static/css/../../setup.py", "public/css/digicomp.css",
                                 "static/css/missing.css", "static/css"])
def test_serves_nothing_outside_static(uri):
    with pytest.raises(DisallowedFileError):
        FrameworkBrowserXBlock.open_local_resource(uri)


def test_serves_its_css_and_js(client):
    css = client.get("/resource/digicomp_framework/static/css/digicomp.css")
    js = client.get("/resource/digicomp_framework/static/js/framework_browser.js")
    assert css.status_code == 200 and b".digicomp-cluster" in css.content
    assert js.status_code == 200 and b"function DigicompFrameworkBrowser" in js.content
    assert client.get("/resource/digicomp_framework/static/../setup.py").status_code == 404


def make_block(xml):
    """A block parsed from OLX in the workbench runtime."""
    runtime = WorkbenchRuntime("student_1")
    return runtime.get_block(runtime.parse_xml_string(xml))


def test_studio_validation_flags_a_missing_framework():
    assert make_block("<digicomp_framework/>").validate().empty
    messages = make_block('<digicomp_framework framework="our-own-2024"/>').validate().messages
    assert [m.type for m in messages] == ["error"]
    assert "no framework 'our-own-2024'" in messages[0].text


def test_a_missing_framework_shows_a_plain_message_not_an_error_page():
    html = make_block('<digicomp_framework framework="our-own-2024"/>').render("student_view").content
    assert 'role="alert"' in html and "could not be loaded" in html and "no framework &#x27;our-own-2024&#x27;" in html
