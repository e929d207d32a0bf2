"""Reading and writing competence tags through tagging/api.py, against openedx_tagging's real tables."""



import pytest

from digicomp_xblock.tagging import compat as tagging_compat
from digicomp_xblock.tagging.api import (
    TaggingError,
    competences_in,
    competences_of,
    set_competences,
)
from tests.helpers import (
    object_tags,
    taxonomy_state,
)

# openedx_tagging's API and models, from where this release keeps them (tagging/compat.py).
oel_tagging = tagging_compat.api()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


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
    before = taxonomy_state()  # openedx_tagging's own (a built-in Languages taxonomy on Ulmo)
    with pytest.raises(TaggingError, match="not imported yet"):
        set_competences("unit-a", framework, ["5"])
    assert object_tags() == [] and taxonomy_state() == before
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


