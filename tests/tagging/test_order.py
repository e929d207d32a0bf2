"""Tags list in framework order (`5.2.2` before `5.2.10`) through openedx_tagging's own listing: its API
(`get_root_tags`, `get_children_tags`, `get_tags`, `search_tags`), the REST view Studio's tag drawer calls, and an
object's tags; and the switch from unpadded values keeps object tags (and their copy of the value) and then changes
nothing.

openedx_tagging has no sort field: it orders one level by value and a tree by the values of a tag's ancestors and
its own (`lineage` in openedx-core, a computed `sort_key` in openedx-learning 0.30), case-insensitively."""

import pytest
from django.urls import reverse

from digicomp_xblock.core.exports import taxonomy as taxonomy_export
from digicomp_xblock.tagging import compat as tagging_compat
from digicomp_xblock.tagging.api import competences_of, set_competences, sync_taxonomy, taxonomy_of
from tests.helpers import object_tags, tags_by_id, tags_in_order, taxonomy_state

oel_tagging = tagging_compat.api()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


def ids(rows):
    return [row["external_id"] for row in rows]


def value_of(node_id):
    return tags_by_id()[node_id].value


def test_root_tags_are_the_clusters_in_order(framework, taxonomy):
    assert ids(oel_tagging.get_root_tags(taxonomy_of(framework.id))) == [str(n) for n in range(1, 10)]


def test_children_of_cluster_5_and_component_5_2_in_order(framework, taxonomy):
    stored = taxonomy_of(framework.id)
    assert ids(oel_tagging.get_children_tags(stored, value_of("5"))) == ["5.1", "5.2", "5.3"]
    assert ids(oel_tagging.get_children_tags(stored, value_of("5.2"))) == [f"5.2.{n}" for n in range(1, 16)]


def test_the_children_of_every_cluster_and_component_are_in_framework_order(framework, taxonomy):
    stored = taxonomy_of(framework.id)
    for cluster in framework.clusters():
        assert ids(oel_tagging.get_children_tags(stored, value_of(cluster.id))) == [c.id for c in cluster.components]
        for component in cluster.components:
            assert (ids(oel_tagging.get_children_tags(stored, value_of(component.id)))
                    == [s.id for s in component.statements]), component.id


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_whole_tree_lists_in_framework_order(framework, lang):
    sync_taxonomy(framework, lang)
    assert ids(oel_tagging.get_tags(taxonomy_of(framework.id))) == [node.id for node in tags_in_order(framework)]


def test_search_results_keep_framework_order(framework, taxonomy):
    found = ids(oel_tagging.search_tags(taxonomy_of(framework.id), "5.2."))
    assert found == ["5", "5.2", *(f"5.2.{n}" for n in range(1, 16))]
    assert ids(oel_tagging.search_tags(taxonomy_of(framework.id), "5.2.01")) == ["5", "5.2", "5.2.1"]


def test_an_objects_tags_list_in_framework_order(framework, taxonomy):
    set_competences("unit-a", framework, ["5.2.10", "5.2.2", "5.1", "5.2.1"])
    listed = oel_tagging.get_object_tags("unit-a", taxonomy_id=taxonomy_of(framework.id).id)
    assert [row.tag.external_id for row in listed] == ["5.1", "5.2.1", "5.2.2", "5.2.10"]
    assert competences_of("unit-a", framework.id) == ["5.2.10", "5.2.2", "5.1", "5.2.1"]  # ours: tagging order


@pytest.fixture
def studio_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("studio-admin", "admin@example.org", "x"))
    return client


@pytest.mark.urls("tests.tagging.urls")
@pytest.mark.parametrize("query, expected", [
    ({}, [str(n) for n in range(1, 10)]),  # the drawer's first level
    ({"parent_tag": "5"}, ["5.1", "5.2", "5.3"]),
    ({"parent_tag": "5.2"}, [f"5.2.{n}" for n in range(1, 16)]),
    ({"parent_tag": "5.2", "full_depth_threshold": 1000}, [f"5.2.{n}" for n in range(1, 16)]),
    # A search matches the shown value: "5.2.1" finds 5.2.10-15 (with their ancestors), 5.2.1 is "5.2.01".
    ({"search_term": "5.2.1", "full_depth_threshold": 1000}, ["5", "5.2", "5.2.10", "5.2.11", "5.2.12", "5.2.13",
                                                              "5.2.14", "5.2.15"]),
])
def test_the_rest_view_of_studios_tag_drawer_lists_in_framework_order(framework, taxonomy, studio_client, query,
                                                                       expected):
    if "parent_tag" in query:
        query = {**query, "parent_tag": value_of(query["parent_tag"])}
    url = reverse("oel_tagging:taxonomy-tags", kwargs={"pk": taxonomy_of(framework.id).pk})
    response = studio_client.get(url, {"page_size": 500, **query}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    assert ids(response.json()["results"]) == expected


@pytest.mark.urls("tests.tagging.urls")
def test_the_rest_view_lists_the_whole_tree_in_framework_order(framework, taxonomy, studio_client):
    url = reverse("oel_tagging:taxonomy-tags", kwargs={"pk": taxonomy_of(framework.id).pk})
    response = studio_client.get(url, {"full_depth_threshold": 1000}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    assert ids(response.json()["results"]) == [node.id for node in tags_in_order(framework)]


def test_a_taxonomy_with_unpadded_values_is_renamed_in_place_and_keeps_object_tags(
        framework, monkeypatch, django_capture_on_commit_callbacks):
    """A taxonomy imported before values were padded (`5.2.2 …`): the next run renames the statements' tags
    (the same rows, so objects keep them) and the run after it changes nothing."""
    with monkeypatch.context() as patch:
        patch.setattr(taxonomy_export, "sortable_id", lambda node_id, widths: node_id)
        sync_taxonomy(framework, "en")
    assert value_of("5.2.2").startswith("5.2.2 ")
    set_competences("unit-a", framework, ["5.2.2", "5.2.10", "6"])
    pks = {node_id: tag.pk for node_id, tag in tags_by_id().items()}
    tagged_pks = sorted(tag_pk for _object, _taxonomy, tag_pk, _value in object_tags())

    # A rename updates the object tags' copy of the value in an on_commit hook (openedx_tagging's Celery task,
    # eager here) on the releases that defer it.
    with django_capture_on_commit_callbacks(execute=True):
        result = sync_taxonomy(framework, "en")

    statements = [s.id for s in framework.statements()]
    renamed = sorted(s for s in statements if s.split(".")[-1] != s.split(".")[-1].zfill(2))
    assert sorted(line.removeprefix("rename ") for line in result.changes) == renamed
    assert all(line.startswith("rename ") for line in result.changes) and len(renamed) == 144 - 12  # all but 2.2.10, 5.1.10-12, 5.2.10-15, 5.3.10-11
    assert {node_id: tag.pk for node_id, tag in tags_by_id().items()} == pks
    assert value_of("5.2.2").startswith("5.2.02 ") and value_of("5.2.10").startswith("5.2.10 ")
    assert competences_of("unit-a", framework.id) == ["5.2.2", "5.2.10", "6"]
    rows = object_tags()
    assert sorted(tag_pk for _object, _taxonomy, tag_pk, _value in rows) == tagged_pks
    assert sorted(value for *_rest, value in rows) == sorted(value_of(n) for n in ("5.2.2", "5.2.10", "6"))
    # The copies are what Studio's tag search uses to leave out the tags an object already has.
    assert ids(oel_tagging.search_tags(taxonomy_of(framework.id), "5.2.0", exclude_object_id="unit-a")) == [
        "5", "5.2", *(f"5.2.{n}" for n in range(1, 10) if n != 2)]
    assert ids(oel_tagging.get_children_tags(taxonomy_of(framework.id), value_of("5.2"))) == [
        f"5.2.{n}" for n in range(1, 16)]

    before = taxonomy_state(), object_tags()
    again = sync_taxonomy(framework, "en")
    assert again.changes == ()
    assert (taxonomy_state(), object_tags()) == before
