"""Competence tagging at runtime: the taxonomy import, the tagging api, the `digicomp_tags` aside, the coverage
block and the recommendations on the self-assessment profile, all against openedx_tagging's real tables.

The course is the demo scenario `digicomp-course`, registered the way the devsite does it (workbench
`add_xml_scenario`, i.e. `runtime.parse_xml_string` with the scenario's id prefix), but without the demo tags.
"Nothing changed" is always checked against what the database holds (`taxonomy_state`, `object_tags`).
"""

import csv
import io
import re
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.html import escape
from lxml import html as lxml_html
from openedx_tagging import api as oel_tagging
from openedx_tagging.models import ObjectTag, Tag, TagImportTask, Taxonomy
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS, add_xml_scenario

from digicomp_xblock import devsite
from digicomp_xblock.compat import anchor_of
from digicomp_xblock.core.loader import framework_path, load_framework
from digicomp_xblock.scenarios import all_scenarios
from digicomp_xblock.tagging.api import (
    TaggingError,
    competences_in,
    competences_of,
    set_competences,
    sync_taxonomy,
    taxonomy_of,
)

from .helpers import call_handler, response_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

EXPORT_ID = "digicomp-social-work-2025"
STAFF, LEARNER = "lecturer", "student_1"
COURSE = next(s for s in all_scenarios() if s.name == "digicomp-course")
WEEK_1, WEEK_2, OURS = "Week 1: Digital inclusion", "Week 2: Online help and client data", "Your competences"
BOAT, REFERRING = "Who is missing the boat?", "Referring warmly to digital inclusion initiatives"
VIDEO, FILES, APPS = "Video calling with clients", "Keeping client files safe", "Choosing apps together with a client"
ASSESSMENT, COVERAGE = "Self-assessment for this course", "Competences this course develops"
NEW_TEXT = "Ability to apply copyright and cite sources correctly (2026 wording)"



# --- Helpers ---------------------------------------------------------------------------------------------------

def taxonomy_state():
    """Every taxonomy row and every tag row (with its primary key), to compare before and after."""
    taxonomies = list(Taxonomy.objects.order_by("id").values_list("id", "export_id", "name", "description"))
    tags = list(Tag.objects.order_by("id").values_list("id", "taxonomy_id", "external_id", "value", "parent_id"))
    return taxonomies, tags


def object_tags():
    """Every object tag row (object, taxonomy, tag, cached value)."""
    return sorted(ObjectTag.objects.values_list("object_id", "taxonomy_id", "tag_id", "_value"))


def tags_by_id():
    return {tag.external_id: tag for tag in Tag.objects.filter(taxonomy__export_id=EXPORT_ID).select_related("parent")}


def tags_in_order(framework):
    """Clusters, components and statements of the framework, each parent before its children."""
    for cluster in framework.clusters():
        yield cluster
        for component in cluster.components:
            yield component
            yield from component.statements


def statements_in(doc):
    for focus in doc["focuses"]:
        for cluster in focus["clusters"]:
            for component in cluster["components"]:
                yield from component["statements"]


@pytest.fixture
def framework_file(write_yaml):
    """`framework_file("2025.2.0", {"5.2.3": "new text"})`: a copy of the bundled framework file with another data
    version and some English statement texts changed; its path."""

    def write(version, texts=None, remove=()):
        doc = yaml.safe_load(framework_path("social-work-2025").read_text(encoding="utf-8"))
        doc["version"] = version
        for statement in statements_in(doc):
            if statement["id"] in (texts or {}):
                statement["text"]["en"] = texts[statement["id"]]
        for focus in doc["focuses"]:
            for cluster in focus["clusters"]:
                for component in cluster["components"]:
                    component["statements"] = [s for s in component["statements"] if s["id"] not in remove]
        return write_yaml(doc, f"social-work-{version}.yaml")

    return write


@pytest.fixture
def framework_copy(framework_file):
    """Like `framework_file`, loaded."""
    return lambda version, texts=None, remove=(): load_framework(framework_file(version, texts, remove))


@pytest.fixture
def taxonomy(framework):
    """The bundled framework imported as a taxonomy (English values), as `make demo` does."""
    result = sync_taxonomy(framework, "en")
    assert result.created and len(result.changes) == 180
    return result


@pytest.fixture
def course():
    """Registers the demo course like the devsite (without its example tags); the root usage id."""
    add_xml_scenario(COURSE.name, COURSE.title, COURSE.xml)
    return SCENARIOS[COURSE.name].usage_id


def blocks_of(root_usage, user):
    """The course's blocks as `user` sees them, by display name ("course" is the root); a fresh runtime."""
    runtime = WorkbenchRuntime(user)
    found = {}

    def walk(block):
        name = getattr(block, "display_name", None)
        if name:
            found[name] = block
        for child in block.children if block.has_children else []:
            walk(runtime.get_block(child))

    root = runtime.get_block(root_usage)
    found["course"] = root
    walk(root)
    return found


def outline(root_usage):
    """The scenario's sections (level-2 containers) with their units (level-3 containers), from the OLX itself:
    [(section title, [unit titles])]; counts below follow the scenario as it is edited."""
    blocks = blocks_of(root_usage, STAFF)
    runtime = blocks["course"].runtime
    return [(section.display_name, [runtime.get_block(u).display_name for u in section.children])
            for section in (runtime.get_block(c) for c in blocks["course"].children)]


def units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def usage(block) -> str:
    return str(block.scope_ids.usage_id)


def aside_of(block):
    return block.runtime.get_aside_of_type(block, "digicomp_tags")


def tag_unit(root_usage, title, ids, framework):
    """Tag a unit of the course through the api (as the aside would); its usage id."""
    unit = blocks_of(root_usage, STAFF)[title]
    set_competences(usage(unit), framework, ids)
    return usage(unit)


def checkbox(page: str, node_id: str):
    """The picker's checkbox of `node_id`: None when missing, else whether it is checked."""
    match = re.search(rf'<input type="checkbox" id="[^"]+" value="{re.escape(node_id)}" data-level="\w+"( checked)?>',
                      page)
    return None if match is None else bool(match.group(1))


# --- 1. The taxonomy -------------------------------------------------------------------------------------------

def test_sync_creates_the_taxonomy_with_one_tag_per_cluster_component_and_statement(framework, taxonomy):
    assert taxonomy.plan_only is False
    assert all(line.startswith("create ") for line in taxonomy.changes)
    stored = taxonomy_of("social-work-2025")
    assert stored is not None and stored.export_id == EXPORT_ID
    assert Taxonomy.objects.filter(export_id=EXPORT_ID).count() == 1
    assert stored.allow_multiple and not stored.allow_free_text
    assert "data version 2025.1.0" in stored.description

    tags = tags_by_id()
    levels = {}
    for tag in tags.values():
        levels.setdefault(tag.external_id.count("."), []).append(tag.external_id)
    assert {depth: len(ids) for depth, ids in levels.items()} == {0: 9, 1: 27, 2: 144}
    assert sorted(levels[0]) == [c.id for c in framework.clusters()]
    assert set(levels[2]) == {s.id for s in framework.statements()}
    for node_id, tag in tags.items():
        assert tag.value.startswith(f"{node_id} "), tag.value
        parent = node_id.rsplit(".", 1)[0] if "." in node_id else None
        assert (tag.parent.external_id if tag.parent else None) == parent, node_id
    assert tags["5.2.3"].value == "5.2.3 Ability to use copyright and source citation correctly"
    assert tags["6"].value == f"6 {framework.cluster('6').title.get('en')}"


def test_sync_again_changes_nothing(framework, taxonomy):
    before = taxonomy_state()
    again = sync_taxonomy(framework, "en")
    assert (again.created, again.changes, again.plan_only) == (False, (), False)
    assert taxonomy_state() == before


def test_a_new_version_renames_the_changed_tag_and_keeps_object_tags(framework, taxonomy, framework_copy,
                                                                     django_capture_on_commit_callbacks):
    set_competences("unit-a", framework, ["5.2.3", "6"])
    pk_before = tags_by_id()["5.2.3"].pk
    newer = framework_copy("2025.2.0", {"5.2.3": NEW_TEXT})

    # The rename's on_commit hook (openedx_tagging's Celery task, eager in the devsite) runs too.
    with django_capture_on_commit_callbacks(execute=True):
        result = sync_taxonomy(newer, "en")

    assert (result.created, result.changes) == (False, ("rename 5.2.3",))
    tags = tags_by_id()
    assert len(tags) == 180
    assert tags["5.2.3"].value == f"5.2.3 {NEW_TEXT}" and tags["5.2.3"].pk == pk_before
    assert "data version 2025.2.0" in taxonomy_of("social-work-2025").description
    assert competences_of("unit-a", "social-work-2025") == ["5.2.3", "6"]
    values = [tag.value for tag in oel_tagging.get_object_tags("unit-a")]
    assert f"5.2.3 {NEW_TEXT}" in values


@pytest.mark.parametrize("plan_only", [False, True])
def test_an_older_version_after_a_newer_one_is_refused_and_changes_nothing(framework, taxonomy, framework_copy,
                                                                            plan_only):
    sync_taxonomy(framework_copy("2025.2.0", {"5.2.3": NEW_TEXT}), "en")
    set_competences("unit-a", framework, ["5.2.3"])
    before, tagged = taxonomy_state(), object_tags()

    with pytest.raises(TaggingError, match=r"holds data version 2025\.2\.0.*older version 2025\.1\.0"):
        sync_taxonomy(framework, "en", plan_only=plan_only)

    assert taxonomy_state() == before and object_tags() == tagged
    assert tags_by_id()["5.2.3"].value == f"5.2.3 {NEW_TEXT}"


def test_versions_compare_as_numbers_not_text(framework, taxonomy, framework_copy):
    """2025.10.0 is newer than 2025.9.0 (a text comparison would say otherwise)."""
    sync_taxonomy(framework_copy("2025.9.0"), "en")
    assert sync_taxonomy(framework_copy("2025.10.0", {"5.2.3": NEW_TEXT}), "en").changes == ("rename 5.2.3",)
    with pytest.raises(TaggingError):
        sync_taxonomy(framework_copy("2025.9.0"), "en")


def test_dry_run_on_a_fresh_database_creates_nothing(framework):
    result = sync_taxonomy(framework, "en", plan_only=True)
    assert result.plan_only and result.created
    assert result.changes == tuple(f"create {row_id}" for row_id in (t.id for t in tags_in_order(framework)))
    assert len(result.changes) == 180 and result.changes[:2] == ("create 1", "create 1.1")
    assert taxonomy_state() == ([], [])
    assert taxonomy_of("social-work-2025") is None
    assert sync_taxonomy(framework, "en").changes == result.changes  # the real run does what the dry run said


def test_dry_run_of_a_new_version_lists_the_change_and_changes_nothing(framework, taxonomy, framework_copy):
    before, import_logs = taxonomy_state(), TagImportTask.objects.count()
    result = sync_taxonomy(framework_copy("2025.2.0", {"5.2.3": NEW_TEXT}), "en", plan_only=True)
    assert (result.created, result.changes, result.plan_only) == (False, ("rename 5.2.3",), True)
    assert taxonomy_state() == before
    assert TagImportTask.objects.count() == import_logs  # not even openedx_tagging's import log keeps a trace


def test_a_version_without_a_statement_deletes_its_tag_and_only_that_object_tag(framework, taxonomy,
                                                                                framework_copy):
    set_competences("unit-a", framework, ["9.3.4", "9.3"])
    result = sync_taxonomy(framework_copy("2025.2.0", remove=("9.3.4",)), "en")
    assert result.changes == ("delete 9.3.4",)
    assert "9.3.4" not in tags_by_id() and len(tags_by_id()) == 179
    assert competences_of("unit-a", "social-work-2025") == ["9.3"]
    # Tagging with the older framework model asks for the current data instead of failing inside openedx_tagging.
    with pytest.raises(TaggingError, match="the taxonomy has no tag for 9.3.4: import the current framework"):
        set_competences("unit-a", framework, ["9.3.4"])
    assert competences_of("unit-a", "social-work-2025") == ["9.3"]


def test_command_switching_the_language_renames_every_tag_and_keeps_object_tags(framework, taxonomy):
    set_competences("unit-a", framework, ["5.2.3", "6"])
    out = StringIO()
    call_command("digicomp_taxonomy", "--lang", "nl", stdout=out)
    assert out.getvalue() == f"{EXPORT_ID} (data 2025.1.0, values in nl): 180 tag(s) changed\n"
    assert tags_by_id()["6"].value == f"6 {framework.cluster('6').title.get('nl')}"
    assert competences_of("unit-a", "social-work-2025") == ["5.2.3", "6"]


def test_command_imports_then_reports_nothing_to_do():
    first, second = StringIO(), StringIO()
    call_command("digicomp_taxonomy", stdout=first)
    call_command("digicomp_taxonomy", stdout=second)
    assert first.getvalue() == f"{EXPORT_ID} (data 2025.1.0, values in en): created, 180 tag(s) changed\n"
    assert second.getvalue() == f"{EXPORT_ID} (data 2025.1.0, values in en): 0 tag(s) changed\n"
    assert Tag.objects.filter(taxonomy__export_id=EXPORT_ID).count() == 180


def test_command_lang_nl_writes_dutch_values(framework):
    out = StringIO()
    call_command("digicomp_taxonomy", "--lang", "nl", stdout=out)
    assert "values in nl" in out.getvalue()
    assert tags_by_id()["5.2.3"].value == f"5.2.3 {framework.statement('5.2.3').text.get('nl')}"


def test_command_dry_run_on_a_fresh_database_changes_nothing():
    out = StringIO()
    call_command("digicomp_taxonomy", "--dry-run", stdout=out)
    assert "would change" in out.getvalue()
    assert "  create 5.2.3" in out.getvalue()
    assert taxonomy_state() == ([], [])


def test_command_dry_run_counts_the_tags_it_would_create():
    """The dry run's summary must count what the real run then reports (180 tags), not its one summary line."""
    dry, real = StringIO(), StringIO()
    call_command("digicomp_taxonomy", "--dry-run", stdout=dry)
    call_command("digicomp_taxonomy", stdout=real)
    assert "180 tag(s) changed" in real.getvalue()
    assert "180 tag(s) would change" in dry.getvalue(), dry.getvalue()


@pytest.mark.parametrize("args, message", [
    (["--lang", "fr"], "language 'fr' is not in this framework (en nl)"),
    (["--framework", "nope"], "no framework 'nope'; available: social-work-2025"),
    (["--framework", "../framework/social-work-2025"], "no framework '../framework/social-work-2025'"),
])
def test_command_refuses_bad_options_with_a_clear_message(args, message):
    with pytest.raises(CommandError) as raised:
        call_command("digicomp_taxonomy", *args, stdout=StringIO())
    assert message in str(raised.value)
    assert taxonomy_state() == ([], [])


def test_command_refuses_an_older_file_after_a_newer_one(framework_file):
    call_command("digicomp_taxonomy", "--file", str(framework_file("2025.2.0", {"5.2.3": NEW_TEXT})),
                 stdout=StringIO())
    before = taxonomy_state()
    assert tags_by_id()["5.2.3"].value == f"5.2.3 {NEW_TEXT}"
    with pytest.raises(CommandError, match="refusing to replace it with the older version 2025.1.0"):
        call_command("digicomp_taxonomy", stdout=StringIO())
    assert taxonomy_state() == before


# --- 2. set_competences and reading tags -----------------------------------------------------------------------

def test_set_competences_writes_and_replaces(framework, taxonomy):
    assert set_competences("unit-a", framework, ["5", "5.2.3"]) == ["5", "5.2.3"]
    assert competences_of("unit-a", "social-work-2025") == ["5", "5.2.3"]
    assert set_competences("unit-a", framework, ["6.1", "6.1", "1.1.4"]) == ["6.1", "1.1.4"]
    assert sorted(competences_of("unit-a", "social-work-2025")) == ["1.1.4", "6.1"]
    assert set_competences("unit-a", framework, []) == []
    assert competences_of("unit-a", "social-work-2025") == []
    assert object_tags() == []


@pytest.mark.parametrize("ids, named", [
    (["9.9.9"], "9.9.9"),
    (["F1"], "F1"),
    (["5", "9.9.9"], "9.9.9"),
    (["5.2.3", "F1"], "F1"),
    (["1.1.99"], "1.1.99"),
    (["5.2.3 Ability to use copyright and source citation correctly"], "5.2.3 Ability"),
    ([""], "unknown competence ID"),
])
def test_unknown_ids_are_refused_and_stored_tags_stay(framework, taxonomy, ids, named):
    set_competences("unit-a", framework, ["6"])
    before = object_tags()
    with pytest.raises(TaggingError, match="unknown competence ID") as raised:
        set_competences("unit-a", framework, ids)
    assert named in str(raised.value)
    assert object_tags() == before
    assert competences_of("unit-a", "social-work-2025") == ["6"]


def test_more_tags_than_openedx_allows_is_a_tagging_error(framework, taxonomy):
    set_competences("unit-a", framework, ["6"])
    before = object_tags()
    with pytest.raises(TaggingError, match="cannot tag 'unit-a'"):
        set_competences("unit-a", framework, [s.id for s in framework.statements()])
    assert object_tags() == before


def test_set_competences_before_the_taxonomy_exists(framework):
    with pytest.raises(TaggingError, match="not imported yet"):
        set_competences("unit-a", framework, ["5"])
    assert object_tags() == [] and taxonomy_state() == ([], [])
    assert competences_of("unit-a", "social-work-2025") == []


def test_competences_in_many_objects_leaves_out_untagged_and_other_taxonomies(framework, taxonomy):
    set_competences("unit-a", framework, ["5"])
    set_competences("unit-b", framework, ["6.1.1", "1"])
    # Another closed taxonomy whose tags even carry competence-like external ids: not ours.
    other = oel_tagging.create_taxonomy(name="Topics", export_id="topics")
    oel_tagging.add_tag_to_taxonomy(other, "privacy", external_id="5.2.3")
    oel_tagging.add_tag_to_taxonomy(other, "apps", external_id="6")
    oel_tagging.tag_object("unit-a", other, ["privacy"])
    oel_tagging.tag_object("unit-c", other, ["apps"])

    found = competences_in(["unit-a", "unit-b", "unit-c", "unit-d"], "social-work-2025")

    assert found == {"unit-a": ["5"], "unit-b": ["6.1.1", "1"]}
    assert competences_in(["unit-a"], "other-framework") == {}
    set_competences("unit-a", framework, ["6"])  # replacing digicomp tags leaves the other taxonomy's alone
    assert [t.value for t in oel_tagging.get_object_tags("unit-a", taxonomy_id=other.id)] == ["privacy"]


# --- 3. The aside in the workbench -----------------------------------------------------------------------------

def test_staff_tags_a_unit_through_the_aside(framework, taxonomy, course):
    unit = blocks_of(course, STAFF)[FILES]
    aside = aside_of(unit)
    assert aside.object_id == usage(unit)

    status, body = call_handler(aside, "set_competences", {"ids": ["5", "5.2.3"]})

    assert (status, body) == (200, {"ids": ["5", "5.2.3"]})
    all_blocks = [usage(b) for b in blocks_of(course, STAFF).values()]
    assert competences_in(all_blocks, "social-work-2025") == {usage(unit): ["5", "5.2.3"]}


@pytest.mark.parametrize("payload", [{"ids": ["5", "5.2.3"]}, {"ids": []}])
def test_a_learner_cannot_tag(framework, taxonomy, course, payload):
    unit_id = tag_unit(course, FILES, ["6"], framework)
    before = object_tags()
    aside = aside_of(blocks_of(course, LEARNER)[FILES])

    status, body = call_handler(aside, "set_competences", payload)

    assert status == 403 and "only course staff" in body["error"]
    assert object_tags() == before and competences_of(unit_id, "social-work-2025") == ["6"]


@pytest.mark.parametrize("kwargs, status, words", [
    ({"raw_body": b"not json"}, 400, "not valid JSON"),
    ({"raw_body": b"\xff\xfe"}, 400, "not valid JSON"),
    ({"payload": {"ids": "5"}}, 400, 'expected {"ids": [competence IDs as text]}'),
    ({"payload": {"ids": [5]}}, 400, 'expected {"ids"'),
    ({"payload": {"ids": ["5", None]}}, 400, 'expected {"ids"'),
    ({"payload": {"ids": ["5"], "extra": 1}}, 400, 'expected {"ids"'),
    ({"payload": {}}, 400, 'expected {"ids"'),
    ({"payload": ["5"]}, 400, 'expected {"ids"'),
    ({"payload": {"ids": ["9.9.9"]}}, 400, "unknown competence ID(s): 9.9.9"),
    ({"payload": {"ids": ["5", "F2"]}}, 400, "unknown competence ID(s): F2"),
    ({"payload": {"ids": ["5"]}, "method": "GET"}, 405, "use POST"),
])
def test_bad_requests_are_refused_with_a_message_and_change_nothing(framework, taxonomy, course, kwargs, status,
                                                                     words):
    unit_id = tag_unit(course, FILES, ["6"], framework)
    before = object_tags()
    aside = aside_of(blocks_of(course, STAFF)[FILES])

    got, body = call_handler(aside, "set_competences", **kwargs)

    assert got == status and words in body["error"], body
    assert object_tags() == before and competences_of(unit_id, "social-work-2025") == ["6"]


def test_staff_tagging_before_the_taxonomy_exists_is_a_400(course):
    aside = aside_of(blocks_of(course, STAFF)[FILES])
    status, body = call_handler(aside, "set_competences", {"ids": ["5"]})
    assert status == 400 and "not imported yet" in body["error"]
    assert object_tags() == []


@pytest.mark.parametrize("lang, heading, statement_text, cluster_title", [
    ("en", "This unit develops:", "Ability to use copyright and source citation correctly",
     "Providing digital care, help and support"),
    ("nl", "Deze eenheid werkt aan:", "auteursrecht en bronvermelding correct kunnen toepassen", None),
])
@pytest.mark.parametrize("user", [LEARNER, STAFF])
def test_a_tagged_unit_shows_what_it_develops(framework, taxonomy, course, lang, heading, statement_text,
                                              cluster_title, user):
    tag_unit(course, FILES, ["5", "5.2.3"], framework)
    cluster_title = cluster_title or framework.cluster("5").title.get("nl")
    unit = blocks_of(course, user)[FILES]

    with translation.override(lang):
        page = unit.render("student_view").content

    assert page.count(heading) == 1
    assert f'<span class="digicomp-id">5.2.3</span> <a href="/scenario/digicomp-framework/' \
           f'#digicomp-statement-5-2-3">{escape(statement_text)}</a>' in page
    assert f'<span class="digicomp-id">5</span> {escape(cluster_title)}</li>' in page
    if user == LEARNER:
        assert "dc-tags-picker" not in page and checkbox(page, "5.2.3") is None
    else:
        assert "dc-tags-picker" in page
        assert (checkbox(page, "5.2.3"), checkbox(page, "5"), checkbox(page, "5.2.4"), checkbox(page, "5.2")) \
            == (True, True, False, False)
        assert page.count(" checked>") == 2


def test_an_untagged_unit_shows_a_learner_nothing_and_staff_the_empty_picker(framework, taxonomy, course):
    tag_unit(course, FILES, ["6"], framework)
    learner_unit = blocks_of(course, LEARNER)[VIDEO]
    assert aside_of(learner_unit).student_view_aside(learner_unit).content == ""
    page = learner_unit.render("student_view").content
    assert "dc-tags" not in page and "This unit develops" not in page

    staff_page = blocks_of(course, STAFF)[VIDEO].render("student_view").content
    assert "Tag this unit with competences" in staff_page and "This unit develops" not in staff_page
    assert staff_page.count('type="checkbox"') == 9 + 27 + 144 and " checked>" not in staff_page


def test_the_aside_stays_out_of_sections_components_and_the_coverage_block(framework, taxonomy, course):
    tag_unit(course, FILES, ["6"], framework)
    blocks = blocks_of(course, STAFF)
    component = blocks[FILES].runtime.get_block(blocks[FILES].children[0])
    for block in (blocks[WEEK_2], blocks["course"], component):
        assert aside_of(block).student_view_aside(block).content == ""
    assert not aside_of(blocks[COVERAGE]).should_apply_to_block(blocks[COVERAGE])
    # The whole course page shows the tagged unit's panel once, and one picker per unit (7 units) for staff.
    page = blocks["course"].render("student_view").content
    unit_count = sum(len(titles) for _, titles in outline(course))
    assert page.count("This unit develops:") == 1 and page.count('class="dc-tags-picker"') == unit_count


def test_the_learner_panel_can_be_switched_off_but_staff_keep_panel_and_picker(framework, taxonomy, course,
                                                                               settings):
    settings.DIGICOMP_SHOW_COMPETENCES = False
    tag_unit(course, FILES, ["6"], framework)
    assert "This unit develops" not in blocks_of(course, LEARNER)[FILES].render("student_view").content
    staff_page = blocks_of(course, STAFF)[FILES].render("student_view").content
    assert "This unit develops:" in staff_page and checkbox(staff_page, "6") is True


def test_studio_author_view_offers_the_picker_on_components_too(framework, taxonomy, course):
    blocks = blocks_of(course, STAFF)
    component = blocks[FILES].runtime.get_block(blocks[FILES].children[0])
    set_competences(usage(component), framework, ["6.2"])
    page = aside_of(component).author_view_aside(component).content
    assert "This unit develops:" in page and checkbox(page, "6.2") is True and checkbox(page, "6") is False


def test_the_devsite_over_http_applies_the_demo_tags_and_takes_staff_posts_only(client, framework, taxonomy):
    """The middleware registers the scenarios and puts demo_tags.yaml's tags on the units; the picker's POST goes
    to the workbench's aside_handler URL with `?student=`."""
    demo_tags = yaml.safe_load((Path(devsite.__file__).parent / "demo_tags.yaml").read_text(encoding="utf-8"))
    wanted = demo_tags[COURSE.name]
    assert APPS not in wanted

    learner_page = client.get("/scenario/digicomp-course/").content.decode()

    assert learner_page.count("This unit develops:") == len(wanted) and "dc-tags-picker" not in learner_page
    blocks = blocks_of(SCENARIOS[COURSE.name].usage_id, STAFF)
    for title, ids in wanted.items():
        assert competences_of(usage(blocks[title]), "social-work-2025") == ids, title
    assert competences_of(usage(blocks[APPS]), "social-work-2025") == []
    staff_page = client.get("/scenario/digicomp-course/?student=lecturer").content.decode()
    unit_count = sum(len(titles) for _, titles in outline(SCENARIOS[COURSE.name].usage_id))
    assert staff_page.count('class="dc-tags-picker"') == unit_count

    aside = aside_of(blocks[APPS])
    url = aside.runtime.handler_url(aside, "set_competences")
    assert url.endswith("?student=lecturer")
    learner_url = url.replace("student=lecturer", "student=student_1")
    refused = client.post(learner_url, data='{"ids": ["2"]}', content_type="application/json")
    assert refused.status_code == 403 and competences_of(usage(blocks[APPS]), "social-work-2025") == []
    done = client.post(url, data='{"ids": ["2", "5.2.3"]}', content_type="application/json")
    assert done.status_code == 200 and done.json() == {"ids": ["2", "5.2.3"]}
    assert competences_of(usage(blocks[APPS]), "social-work-2025") == ["2", "5.2.3"]
    assert client.get("/scenario/digicomp-course/").content.decode().count("This unit develops:") == len(wanted) + 1


# --- 4. The coverage block -------------------------------------------------------------------------------------

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

    cov = blocks[COVERAGE]._coverage()[2]  # pylint: disable=protected-access
    assert cov.row("1").kind("knowledge") == (1, 0, 0) and cov.row("1").kind("skills") == (0, 0, 0)
    assert cov.row("5").kind("skills") == (0, 1, 0) and cov.row("5").kind("knowledge") == (0, 0, 0)
    assert cov.row("6").kind("attitudes") == (0, 1, 0)
    assert cov.row("5").units == ((), (usage(blocks[APPS]),), ())


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


# --- 5. Recommendations on the profile -------------------------------------------------------------------------

LEVELS = {"1": 3, "5": 2, "6": 0}  # cluster 6 lowest, then 5


def submit_assessment(root_usage):
    block = blocks_of(root_usage, LEARNER)[ASSESSMENT]
    ratings = {s.id: LEVELS[s.id.split(".")[0]] for s in block.scope_statements}
    assert {sid.split(".")[0] for sid in ratings} == {"1", "5", "6"}
    status, body = call_handler(block, "save_answers", {"ratings": ratings, "submit": True})
    assert status == 200, body
    return body["profile_html"]


def test_the_profile_suggests_units_for_the_lowest_clusters(framework, taxonomy, course):
    files = tag_unit(course, FILES, ["6"], framework)
    video = tag_unit(course, VIDEO, ["5.2.3"], framework)
    tag_unit(course, BOAT, ["2"], framework)  # not among the lowest: not suggested

    page = submit_assessment(course)

    title_6 = framework.cluster("6").title.get("en")
    assert f"Because you rated yourself lowest in cluster 6 ({title_6}), these units of the course develop it:" \
        in page
    assert f'<a href="/scenario/digicomp-course/#{anchor_of(files)}">{FILES}</a>' in page
    assert "Cluster 5 (" in page and "is also among your lowest" in page
    assert f'<a href="/scenario/digicomp-course/#{anchor_of(video)}">{VIDEO}</a>' in page
    assert BOAT not in page
    assert page.index(FILES) < page.index(VIDEO)
    # The link's anchor is on the course page.
    course_page = blocks_of(course, LEARNER)["course"].render("student_view").content
    assert f'id="{anchor_of(files)}"' in course_page


def test_the_profile_suggestion_in_dutch(framework, taxonomy, course):
    files = tag_unit(course, FILES, ["6"], framework)
    with translation.override("nl"):
        page = submit_assessment(course)
    assert "Omdat je jezelf de laagste score gaf in cluster 6" in page
    assert f'href="/scenario/digicomp-course/#{anchor_of(files)}"' in page


@pytest.mark.parametrize("tags, words", [
    ({}, "The units of this course are not tagged with competences yet, so there is no suggestion."),
    ({BOAT: ["2"]}, "No unit of this course is tagged with your lowest clusters yet, so there is no suggestion."),
])
def test_the_profile_without_matching_tags_says_why_there_is_no_suggestion(framework, taxonomy, course, tags,
                                                                          words):
    for title, ids in tags.items():
        tag_unit(course, title, ids, framework)
    page = submit_assessment(course)
    assert words in page
    assert "Because you rated yourself lowest" not in page and 'class="dc-suggestions"' not in page


def test_the_profile_before_the_taxonomy_exists_says_nothing_is_tagged(course):
    page = submit_assessment(course)
    assert "The units of this course are not tagged with competences yet" in page
