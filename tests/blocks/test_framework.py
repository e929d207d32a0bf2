"""The framework browser block in the workbench runtime: renders in English and Dutch, serves only its files."""

import pytest
from xblock.exceptions import DisallowedFileError

from digicomp_xblock.blocks.framework import FrameworkBrowserXBlock
from tests.helpers import make_block, reload

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


def test_studio_validation_flags_a_missing_framework():
    assert make_block("<digicomp_framework/>").validate().empty
    messages = make_block('<digicomp_framework framework="our-own-2024"/>').validate().messages
    assert [m.type for m in messages] == ["error"]
    assert "no framework 'our-own-2024'" in messages[0].text


def test_a_missing_framework_shows_a_plain_message_not_an_error_page():
    html = make_block('<digicomp_framework framework="our-own-2024"/>').render("student_view").content
    assert 'role="alert"' in html and "could not be loaded" in html and "no framework &#x27;our-own-2024&#x27;" in html


def test_a_block_uses_an_operators_framework_from_the_configured_folder(settings, tmp_path, mini_doc, write_yaml):
    folder = tmp_path / "own"
    folder.mkdir()
    mini_doc["id"] = "our-selection"
    (folder / "our-selection.yaml").write_text(write_yaml(mini_doc).read_text(encoding="utf-8"), encoding="utf-8")
    settings.DIGICOMP_FRAMEWORK_DIRS = [str(folder)]
    block = make_block('<digicomp_framework framework="our-selection"/>')
    assert block.validate().messages == [] and 'class="digicomp-statement"' in block.render("student_view").content
    studio = make_block("<digicomp_assessment/>").render("studio_view").content
    assert '<option value="our-selection">' in studio and '<option value="social-work-2025" selected>' in studio
    settings.DIGICOMP_FRAMEWORK_DIRS = []
    assert "no framework &#x27;our-selection&#x27;" in reload(block).render("student_view").content
