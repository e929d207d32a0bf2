"""The framework as an Open edX taxonomy: `sync_taxonomy` and the `digicomp_taxonomy` command, against
openedx_tagging's real tables. "Nothing changed" is always checked against what the database holds."""


from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from digicomp_xblock.core.exports.taxonomy import id_widths, sortable_id
from digicomp_xblock.tagging import compat as tagging_compat
from digicomp_xblock.tagging.api import (
    TaggingError,
    competences_of,
    set_competences,
    sync_taxonomy,
    taxonomy_of,
)
from tests.helpers import (
    EXPORT_ID,
    NEW_TEXT,
    object_tags,
    tags_by_id,
    tags_in_order,
    taxonomy_state,
)

# openedx_tagging's API and models, from where this release keeps them (tagging/compat.py).
oel_tagging = tagging_compat.api()
Tag, TagImportTask, Taxonomy = (getattr(tagging_compat.models(), name) for name in ("Tag", "TagImportTask", "Taxonomy"))

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


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
    widths = id_widths(framework)
    for node_id, tag in tags.items():
        assert tag.value.startswith(f"{sortable_id(node_id, widths)} "), tag.value
        parent = node_id.rsplit(".", 1)[0] if "." in node_id else None
        assert (tag.parent.external_id if tag.parent else None) == parent, node_id
    assert tags["5.2.3"].value == "5.2.03 Ability to use copyright and source citation correctly"
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
    assert tags["5.2.3"].value == f"5.2.03 {NEW_TEXT}" and tags["5.2.3"].pk == pk_before
    assert "data version 2025.2.0" in taxonomy_of("social-work-2025").description
    assert competences_of("unit-a", "social-work-2025") == ["5.2.3", "6"]
    values = [tag.value for tag in oel_tagging.get_object_tags("unit-a")]
    assert f"5.2.03 {NEW_TEXT}" in values


@pytest.mark.parametrize("plan_only", [False, True])
def test_an_older_version_after_a_newer_one_is_refused_and_changes_nothing(framework, taxonomy, framework_copy,
                                                                            plan_only):
    sync_taxonomy(framework_copy("2025.2.0", {"5.2.3": NEW_TEXT}), "en")
    set_competences("unit-a", framework, ["5.2.3"])
    before, tagged = taxonomy_state(), object_tags()

    with pytest.raises(TaggingError, match=r"holds data version 2025\.2\.0.*older version 2025\.1\.0"):
        sync_taxonomy(framework, "en", plan_only=plan_only)

    assert taxonomy_state() == before and object_tags() == tagged
    assert tags_by_id()["5.2.3"].value == f"5.2.03 {NEW_TEXT}"


def test_versions_compare_as_numbers_not_text(framework, taxonomy, framework_copy):
    """2025.10.0 is newer than 2025.9.0 (a text comparison would say otherwise)."""
    sync_taxonomy(framework_copy("2025.9.0"), "en")
    assert sync_taxonomy(framework_copy("2025.10.0", {"5.2.3": NEW_TEXT}), "en").changes == ("rename 5.2.3",)
    with pytest.raises(TaggingError):
        sync_taxonomy(framework_copy("2025.9.0"), "en")


def test_dry_run_on_a_fresh_database_creates_nothing(framework):
    before = taxonomy_state()  # openedx_tagging's own (a built-in Languages taxonomy on Ulmo)
    result = sync_taxonomy(framework, "en", plan_only=True)
    assert result.plan_only and result.created
    assert result.changes == tuple(f"create {row_id}" for row_id in (t.id for t in tags_in_order(framework)))
    assert len(result.changes) == 180 and result.changes[:2] == ("create 1", "create 1.1")
    assert taxonomy_state() == before
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
    with pytest.raises(TaggingError, match=r"the taxonomy has no tag for 9\.3\.4: import the current framework"):
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
    assert tags_by_id()["5.2.3"].value == f"5.2.03 {framework.statement('5.2.3').text.get('nl')}"


def test_command_dry_run_on_a_fresh_database_changes_nothing():
    before = taxonomy_state()  # openedx_tagging's own (a built-in Languages taxonomy on Ulmo)
    out = StringIO()
    call_command("digicomp_taxonomy", "--dry-run", stdout=out)
    assert "would change" in out.getvalue()
    assert "  create 5.2.3" in out.getvalue()
    assert taxonomy_state() == before


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
    before = taxonomy_state()  # openedx_tagging's own (a built-in Languages taxonomy on Ulmo)
    with pytest.raises(CommandError) as raised:
        call_command("digicomp_taxonomy", *args, stdout=StringIO())
    assert message in str(raised.value)
    assert taxonomy_state() == before


def test_command_refuses_an_older_file_after_a_newer_one(framework_file):
    call_command("digicomp_taxonomy", "--file", str(framework_file("2025.2.0", {"5.2.3": NEW_TEXT})),
                 stdout=StringIO())
    before = taxonomy_state()
    assert tags_by_id()["5.2.3"].value == f"5.2.03 {NEW_TEXT}"
    with pytest.raises(CommandError, match=r"refusing to replace it with the older version 2025\.1\.0"):
        call_command("digicomp_taxonomy", stdout=StringIO())
    assert taxonomy_state() == before


