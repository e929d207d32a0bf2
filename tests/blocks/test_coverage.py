"""The `digicomp_coverage` block: staff-only coverage map of the demo course, its CSV and its refusals."""


import csv
import io

import pytest
from lxml import html as lxml_html
from workbench.scenarios import SCENARIOS, add_xml_scenario

from digicomp_xblock.core.profiles import get_profile
from digicomp_xblock.rendering.presentation import element_id as anchor_of
from digicomp_xblock.tagging.api import (
    set_competences,
)
from tests.helpers import (
    APPS,
    BOAT,
    COURSE,
    COVERAGE,
    FILES,
    LEARNER,
    OURS,
    STAFF,
    WEEK_1,
    WEEK_2,
    blocks_of,
    call_handler,
    outline,
    response_of,
    tag_unit,
    units,
    usage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


def rows_of(page: str) -> dict:
    """The heatmap as {cluster ID: [cell texts...]} and the column headers."""
    tree = lxml_html.fromstring(page)
    headers = [" ".join(th.text_content().split()) for th in tree.xpath("//table//thead//th")]
    rows = {}
    for tr in tree.xpath("//tr[@class='dc-cluster-row']"):
        rows[tr.xpath("./th/span")[0].text_content()] = [td.text_content() for td in tr.xpath("./td")]
    return headers, rows


def test_coverage_is_empty_for_a_learner_and_its_download_is_forbidden(framework, taxonomy, course):
    tag_unit(course, FILES, ["6"], framework)
    block = blocks_of(course, LEARNER)[COVERAGE]
    assert block.student_view().content == ""
    page = block.render("student_view").content  # through the runtime (wrapped, with the asides)
    assert "dc-coverage" not in page and "Download as CSV" not in page and "dc-heatmap" not in page
    response = response_of(block, "download")
    assert response.status_code == 403 and b"only course staff" in response.body
    assert "csv" not in response.content_type


def test_staff_sees_the_counts_of_the_tagged_units(framework, taxonomy, course):
    boat = tag_unit(course, BOAT, ["1.1.4"], framework)
    files = tag_unit(course, FILES, ["6"], framework)
    blocks = blocks_of(course, STAFF)
    component = blocks[APPS].runtime.get_block(blocks[APPS].children[0])
    set_competences(usage(component), framework, ["5.2.3"])  # a component's tags count for its unit

    page = blocks[COVERAGE].student_view().content
    headers, rows = rows_of(page)

    sections = outline(course)
    assert [title for title, _ in sections] == [WEEK_1, WEEK_2, OURS]
    assert headers == ["Cluster", *(f"{title} ({units(len(titles))})" for title, titles in sections), "All sections"]
    assert list(rows) == [str(n) for n in range(1, 10)]
    assert rows["1"] == ["1", "0", "0", "1"]
    assert rows["5"] == ["0", "1", "0", "1"]
    assert rows["6"] == ["0", "1", "0", "1"]
    assert all(rows[c] == ["0", "0", "0", "0"] for c in "234789")
    unit_count = sum(len(titles) for _, titles in sections)
    assert f"The course has {units(unit_count)}." in page
    assert f"{units(unit_count - 3)} without competences" in page
    assert f'href="/scenario/digicomp-course/#{anchor_of(boat)}"' in page
    assert f'href="/scenario/digicomp-course/#{anchor_of(files)}"' in page
    # Cells with one unit: the rows of clusters 1, 5 and 6, and the kind rows 1 knowledge, 5 skills, 6 K/S/A.
    assert page.count('class="dc-heat-1"') == 3 + 1 + 1 + 3

    cov = blocks[COVERAGE]._coverage()[2]
    assert cov.row("1").kind("knowledge") == (1, 0, 0) and cov.row("1").kind("skills") == (0, 0, 0)
    assert cov.row("5").kind("skills") == (0, 1, 0) and cov.row("5").kind("knowledge") == (0, 0, 0)
    assert cov.row("6").kind("attitudes") == (0, 1, 0)
    assert cov.row("5").units == ((), (usage(blocks[APPS]),), ())


def test_refresh_gives_staff_the_map_as_the_view_shows_it_now(framework, taxonomy, course):
    """The page asks after a unit's tags changed on it (`digicomp:competences-changed`)."""
    tag_unit(course, FILES, ["6"], framework)
    block = blocks_of(course, STAFF)[COVERAGE]
    status, body = call_handler(block, "refresh", {})
    assert (status, body) == (200, {"html": block.student_view().content})
    assert rows_of(body["html"])[1]["6"] == ["0", "1", "0", "1"]

    tag_unit(course, BOAT, ["6.2.1"], framework)
    status, body = call_handler(block, "refresh", {})
    assert status == 200 and rows_of(body["html"])[1]["6"] == ["1", "1", "0", "2"]


@pytest.mark.parametrize("user, kwargs, status, words", [
    (LEARNER, {"payload": {}}, 403, "only course staff can see the coverage"),
    (STAFF, {"payload": {"again": True}}, 400, "expected {}"),
    (STAFF, {"payload": {}, "method": "GET"}, 405, "use POST with a JSON body"),
])
def test_refresh_is_for_staff_only_and_takes_nothing(framework, taxonomy, course, user, kwargs, status, words):
    tag_unit(course, FILES, ["6"], framework)
    assert call_handler(blocks_of(course, user)[COVERAGE], "refresh", **kwargs) == (status, {"error": words})


def test_staff_download_is_a_csv_with_one_row_per_cluster_and_kind(framework, taxonomy, course):
    tag_unit(course, BOAT, ["1.1.4"], framework)
    tag_unit(course, FILES, ["6"], framework)
    response = response_of(blocks_of(course, STAFF)[COVERAGE], "download")

    assert response.status_code == 200 and response.content_type == "text/csv"
    assert response.content_disposition == 'attachment; filename="competence-coverage.csv"'
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8"))))
    assert rows[0] == ["cluster", "title", "kind", WEEK_1, WEEK_2, OURS, "total units"]
    body = rows[1:]
    assert len(body) == 9 * 4
    assert [(r[0], r[2]) for r in body[:4]] == [("1", ""), ("1", "knowledge"), ("1", "skills"), ("1", "attitudes")]
    by_key = {(r[0], r[2]): r[3:] for r in body}
    assert len(by_key) == 36
    assert by_key[("1", "")] == ["1", "0", "0", "1"] and by_key[("1", "knowledge")] == ["1", "0", "0", "1"]
    assert by_key[("1", "skills")] == ["0", "0", "0", "0"]
    for kind in ("", "knowledge", "skills", "attitudes"):
        assert by_key[("6", kind)] == ["0", "1", "0", "1"]
    assert by_key[("5", "")] == ["0", "0", "0", "0"]


def test_a_coverage_block_with_a_missing_framework_explains_instead_of_failing(course):
    block = blocks_of(course, STAFF)[COVERAGE]
    block.framework = "no-such-framework"
    assert "no-such-framework" in block.student_view().content
    response = response_of(block, "download")
    assert response.status_code == 400 and b"framework cannot be loaded" in response.body
    status, body = call_handler(block, "refresh", {})
    assert status == 400 and "no-such-framework" in body["error"]


def test_coverage_without_a_taxonomy_lists_every_unit_as_untagged(course):
    page = blocks_of(course, STAFF)[COVERAGE].student_view().content
    assert f"{units(sum(len(titles) for _, titles in outline(course)))} without competences" in page
    assert all(cells == ["0", "0", "0", "0"] for cells in rows_of(page)[1].values())


def test_unit_titles_are_escaped_in_the_coverage(framework, taxonomy):
    xml = COURSE.xml.replace(f'display_name="{FILES}"', 'display_name="Files &amp; &lt;b&gt;safety&lt;/b&gt;"')
    add_xml_scenario("escaped", "Escaped", xml)
    blocks = blocks_of(SCENARIOS["escaped"].usage_id, STAFF)
    set_competences(usage(blocks["Files & <b>safety</b>"]), framework, ["6"])
    page = blocks[COVERAGE].student_view().content
    assert "Files &amp; &lt;b&gt;safety&lt;/b&gt;" in page and "<b>safety</b>" not in page




def test_titles_that_start_like_a_formula_are_text_in_the_csv(framework, taxonomy):
    """Section titles (the CSV's columns) come from course authors: a title such as =HYPERLINK(…) is text."""
    xml = COURSE.xml.replace(f'display_name="{WEEK_2}"', 'display_name="=HYPERLINK(&quot;http://evil.invalid&quot;)"')
    add_xml_scenario("formula", "Formula", xml)
    blocks = blocks_of(SCENARIOS["formula"].usage_id, STAFF)
    set_competences(usage(blocks[FILES]), framework, ["6"])
    status, text = call_handler(blocks[COVERAGE], "download", method="GET")
    found = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert status == 200 and "'=HYPERLINK(\"http://evil.invalid\")" in found
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in found)


def test_our_own_blocks_are_not_course_units(framework, taxonomy, course):
    """The demo course's units of the self-assessment, the profile and the coverage map are its tools, not content."""
    page = blocks_of(course, STAFF)[COVERAGE].student_view().content
    assert "The course has 5 units." in page
    for tool in ("Where do you stand?", "Your profile in this course", "For the course team"):
        assert tool not in page


def test_the_map_names_the_statements_a_position_profile_expects_that_no_unit_develops(framework, taxonomy):
    """With a self-assessment scoped to the example profile's beginner, the map says, in words and in a column of
    the table, which statements that profile expects up to the beginner that no unit develops."""
    xml = COURSE.xml.replace('scope="1 5 6"', 'scope="1 5 6" position_profile="example-social-work-bachelor" '
                                              'target_position="beginner"')
    add_xml_scenario("expected", "Expected", xml)
    blocks = blocks_of(SCENARIOS["expected"].usage_id, STAFF)
    set_competences(usage(blocks[FILES]), framework, ["6", "1.1.1"])
    expected = get_profile("example-social-work-bachelor", framework).expected_up_to("beginner")
    missing = [sid for sid in expected if not sid.startswith("6.") and sid != "1.1.1"]
    page = blocks[COVERAGE].student_view().content
    headers, rows = rows_of(page)
    assert headers[-1] == "Expected by a position profile, developed by no unit"
    per_cluster = {c: sum(1 for sid in missing if sid.split(".")[0] == c) for c in rows}
    assert rows["6"][-1] == "none"
    assert all(rows[c][-1] == (f"{n} statement{'s' * (n != 1)}" if n else "none") for c, n in per_cluster.items())
    tree = lxml_html.fromstring(page)
    summary = " ".join(tree.xpath("//details[summary[contains(., 'position profile expects')]]/summary")[0]
                       .text_content().split())
    assert summary == f"{len(missing)} statements a position profile expects but no unit develops"
    listed = tree.xpath("//details[summary[contains(., 'position profile expects')]]//li/span/text()")
    assert listed == missing
    assert "“EXAMPLE – Bachelor in social work" in page and "up to “Beginner”" in page
    assert "1.1.1" not in listed and page.count("(expected by a position profile)") == len(missing)


def test_without_a_position_profile_the_map_has_no_such_column(framework, taxonomy, course):
    headers, _rows = rows_of(blocks_of(course, STAFF)[COVERAGE].student_view().content)
    assert headers[-1] == "All sections"
