"""Position profiles in the database: versions per ID, the resolver (a stored version supersedes the file of its
ID), what a block can choose, and refusing an invalid profile without storing it."""

from dataclasses import replace

import pytest
import yaml

from digicomp_xblock import conf
from digicomp_xblock.core.loader import FrameworkError
from digicomp_xblock.core.profiles import Expectation, build_profile, profile_doc
from digicomp_xblock.dashboard import api
from digicomp_xblock.dashboard.models import StoredProfile

pytestmark = pytest.mark.django_db

EXAMPLE = "example-social-work-bachelor"


@pytest.fixture
def example(framework):
    return conf.profile(EXAMPLE, framework)


def test_the_document_of_a_profile_builds_the_same_profile(example, framework):
    assert build_profile(profile_doc(example), framework) == example


def test_versions_count_up_per_id_and_the_latest_is_read(example, framework):
    assert api.latest_profile(EXAMPLE) is None
    first = api.save_profile(example, framework, "lecturer")
    changed = replace(example, expectations=tuple((sid, Expectation("pacesetter") if sid == "1.1.1" else e)
                                                  for sid, e in example.expectations))
    second = api.save_profile(changed, framework, "tutor")
    other = api.save_profile(replace(example, id="another"), framework, "coach")
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert [v.created_by for v in api.profile_versions(EXAMPLE)] == ["lecturer", "tutor"]
    assert api.latest_profile(EXAMPLE).version == 2
    assert yaml.safe_load(api.latest_profile(EXAMPLE).document)["expectations"]["1.1.1"] == "pacesetter"
    row = StoredProfile.objects.get(profile_id=EXAMPLE, version=2)
    assert (row.owner_kind, row.framework_id, row.framework_version) == ("programme", framework.id, framework.version)


def test_the_resolver_prefers_the_latest_stored_version_over_the_file(example, framework):
    assert api.position_profile(EXAMPLE, framework) == example  # nothing stored: the bundled file
    changed = replace(example, expectations=((("6.2.4", Expectation("beginner")),)))
    api.save_profile(changed, framework, "lecturer")
    resolved = api.position_profile(EXAMPLE, framework)
    assert resolved.expectations == (("6.2.4", Expectation("beginner")),)
    with pytest.raises(FrameworkError, match="no position profile 'nope'"):
        api.position_profile("nope", framework)


def test_stored_ids_are_listed_with_the_files(example, framework):
    assert api.profile_ids() == conf.profiles()
    api.save_profile(replace(example, id="team-profile"), framework, "lecturer")
    assert api.profile_ids() == sorted([*conf.profiles(), "team-profile"])


def test_an_invalid_profile_is_refused_and_nothing_is_stored(example, framework):
    wrong = replace(example, expectations=((("6.2.4", Expectation("beginner", level=99)),)))
    with pytest.raises(FrameworkError, match="level 99 is not on the scale"):
        api.save_profile(wrong, framework, "lecturer")
    assert not StoredProfile.objects.exists()
