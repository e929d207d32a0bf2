"""Position profiles: the model's helpers, the shipped example, and one test per kind of problem in a profile file."""

import copy

import pytest
import yaml

from digicomp_xblock.core.loader import FrameworkError, read_yaml
from digicomp_xblock.core.messages import InputError
from digicomp_xblock.core.profiles import (
    NOT_EXPECTED,
    build_profile,
    load_profile,
    load_vocabulary,
    profile_yaml,
    rank,
)
from digicomp_xblock.core.profiles.files import profiles_dir

EXAMPLE = profiles_dir() / "example-social-work-bachelor.yaml"

#: A small valid profile of the bundled framework, built here so that it does not depend on the example.
BASE = {
    "schema": "digicomp-position-profile/1",
    "id": "team-north",
    "framework": {"id": "social-work-2025", "version": "2025.1.0"},
    "name": {"en": "Team North", "nl": "Team Noord"},
    "description": {"en": "Our choices.", "nl": "Onze keuzes."},
    "owner": {"kind": "organisation", "key": "org-north", "name": "North"},
    "provenance": {"kind": "consensus", "date": "2026-11-30", "participants": 6},
    "scale": "growth-5",
    "expectations": {
        "2.1.1": "experienced",
        "1.1.1": "beginner",
        "1.2.4": {"from": "pioneer", "level": 4},
        "7.2.6": NOT_EXPECTED,
    },
}


@pytest.fixture
def doc():
    return copy.deepcopy(BASE)


def problems_of(path, framework):
    with pytest.raises(FrameworkError) as caught:
        load_profile(path, framework)
    return [str(p) for p in caught.value.problems]


# --- The model ------------------------------------------------------------------------------------------------------

def test_a_valid_profile_in_document_order(doc, write_yaml, framework):
    profile = load_profile(write_yaml(doc, "profile.yaml"), framework)
    assert [sid for sid, _ in profile.expectations] == ["1.1.1", "1.2.4", "2.1.1", "7.2.6"]
    assert profile.positions == ("beginner", "experienced", "pioneer", "pacesetter")
    assert (profile.framework_id, profile.framework_version, profile.migrated_from) == ("social-work-2025",
                                                                                         "2025.1.0", None)
    assert profile.name.get("nl") == "Team Noord" and profile.owner.kind == "organisation"
    assert (profile.provenance.kind, profile.provenance.participants, profile.scale) == ("consensus", 6, "growth-5")
    assert len(profile.undecided(framework)) == 140


def test_expectations_are_cumulative_up_the_positions(doc, framework):
    profile = build_profile(doc, framework)
    assert profile.expected_up_to("beginner") == ("1.1.1",)
    assert profile.expected_up_to("experienced") == ("1.1.1", "2.1.1")
    assert profile.expected_up_to("pioneer") == ("1.1.1", "1.2.4", "2.1.1")
    assert profile.expected_up_to("pacesetter") == ("1.1.1", "1.2.4", "2.1.1")


def test_expected_level_is_the_profiles_own_or_the_default(doc, framework):
    profile = build_profile(doc, framework)
    assert profile.expected_level("1.2.4", "pacesetter", default=3) == 4
    assert profile.expected_level("1.2.4", "experienced", default=3) is None
    assert profile.expected_level("1.1.1", "beginner", default=3) == 3
    assert profile.expected_level("7.2.6", "pacesetter", default=3) is None
    assert profile.expected_level("9.9.9", "pacesetter", default=3) is None
    assert profile.has_levels


def test_an_unknown_position_is_refused_with_a_message(doc, framework):
    with pytest.raises(InputError) as caught:
        build_profile(doc, framework).expected_up_to("chief")
    assert str(caught.value) == "'chief' is not a position of this framework (beginner, experienced, pioneer, pacesetter)"


def test_not_expected_ranks_after_the_last_position():
    positions = ("beginner", "experienced", "pioneer", "pacesetter")
    assert [rank(positions, p) for p in (*positions, NOT_EXPECTED)] == [0, 1, 2, 3, 4]


# --- The shipped example -------------------------------------------------------------------------------------------

def test_the_example_decides_every_statement(framework):
    profile = load_profile(EXAMPLE, framework)
    assert len(profile.expectations) == 144 and profile.undecided(framework) == ()
    assert [len(profile.expected_up_to(p)) for p in profile.positions] == [60, 102, 131, 141]
    assert all(profile.expected_at(s.id, "beginner") for s in framework.cluster("1").components[0].statements)


def test_the_example_says_it_is_an_example_and_not_the_frameworks(framework):
    profile = load_profile(EXAMPLE, framework)
    assert profile.name.get("en").startswith("EXAMPLE") and profile.name.get("nl").startswith("VOORBEELD")
    assert "not theirs" in profile.description.get("en") and "niet de hunne" in profile.description.get("nl")
    assert "not a checklist" in profile.description.get("en")
    assert profile.provenance.kind == "written" and profile.id.startswith("example-")
    assert EXAMPLE.read_text(encoding="utf-8").startswith("# EXAMPLE ONLY.")


# --- The vocabulary ------------------------------------------------------------------------------------------------

def test_the_drafts_six_prior_education_programmes():
    vocabulary = load_vocabulary()
    assert [p.name.get("nl") for p in vocabulary.prior_education] == [
        "Orthopedagogie", "Gezinswetenschappen", "Pedagogie van het jonge kind", "Sociale readaptatiewetenschappen",
        "Sociaal werk", "Toegepaste psychologie"]
    assert vocabulary.prior_education[4].id == "social-work"
    assert vocabulary.column("proposed").get("nl") == "voorstel positie"
    assert vocabulary.column("own").get("nl") == "eigen keuze"


def test_a_vocabulary_missing_a_language_is_refused(write_yaml):
    doc = yaml.safe_load((profiles_dir() / "vocabulary.yaml").read_text(encoding="utf-8"))
    doc["prior_education"][2]["name"].pop("nl")
    with pytest.raises(FrameworkError) as caught:
        load_vocabulary(write_yaml(doc, "vocabulary.yaml"))
    assert "prior_education[2].name [early-childhood-education]: missing language(s): nl" in str(caught.value)


# --- Data versions --------------------------------------------------------------------------------------------------

def test_a_profile_of_an_older_patch_release_is_read_and_marked(doc, write_yaml, framework_copy):
    newer = framework_copy("2025.1.3")
    profile = load_profile(write_yaml(doc, "profile.yaml"), newer)
    assert (profile.framework_version, profile.migrated_from) == ("2025.1.3", "2025.1.0")


# --- Problems, each with its place ----------------------------------------------------------------------------------

def expect(doc):
    return doc["expectations"]


# (what to break, the words the single problem must contain)
BREAKAGES = {
    "unknown statement ID": (lambda d: expect(d).update({"1.1.99": "beginner"}),
                             ["expectations.1.1.99 [1.1.99]", "unknown statement ID"]),
    "malformed statement ID": (lambda d: expect(d).update({"1.4.1": "beginner"}),
                               ["expectations", "'1.4.1' does not match"]),
    "wrong framework id": (lambda d: d["framework"].update(id="youth-work-2024"),
                           ["framework.id", "the profile is for framework 'youth-work-2024', not for 'social-work-2025'"]),
    "newer framework version": (lambda d: d["framework"].update(version="2025.2.0"),
                                ["framework.version", "newer than this framework's 2025.1.0",
                                 "read it with framework data 2025.2.0 or later"]),
    "older minor version": (lambda d: d["framework"].update(version="2025.0.4"),
                            ["framework.version", "written for data version 2025.0.4",
                             'then set framework.version to "2025.1.0"']),
    "older major version": (lambda d: d["framework"].update(version="2024.9.9"),
                            ["framework.version", "whose statements may differ"]),
    "unknown position": (lambda d: expect(d).update({"1.1.1": "chief"}),
                         ["expectations.1.1.1 [1.1.1]",
                          "unknown position 'chief' (one of beginner, experienced, pioneer, pacesetter, not-expected)"]),
    "unknown position with a level": (lambda d: expect(d).update({"1.2.4": {"from": "expert", "level": 2}}),
                                      ["expectations.1.2.4.from [1.2.4]", "unknown position 'expert'"]),
    "level not on the scale": (lambda d: expect(d)["1.2.4"].update(level=7),
                               ["expectations.1.2.4.level [1.2.4]",
                                "level 7 is not on the scale 'growth-5' (0, 1, 2, 3, 4)"]),
    "level without a scale": (lambda d: d.pop("scale"),
                              ["expectations.1.2.4.level", "a level needs the scale it is on"]),
    "level of a statement not expected": (lambda d: expect(d).update({"7.2.6": {"from": NOT_EXPECTED, "level": 1}}),
                                          ["expectations.7.2.6.level", "not expected has no expected level"]),
    "negative level": (lambda d: expect(d)["1.2.4"].update(level=-1),
                       ["expectations.1.2.4.level", "-1 is less than the minimum of 0"]),
    "unknown key in an expectation": (lambda d: expect(d)["1.2.4"].update(lvl=3),
                                      ["expectations.1.2.4", "'lvl' was unexpected"]),
    "expectation of the wrong type": (lambda d: expect(d).update({"1.1.1": 3}),
                                      ["expectations.1.1.1", "3 is not of type 'string', 'object'"]),
    "no expectations": (lambda d: d.update(expectations={}),
                        ["expectations", "should be non-empty"]),
    "unknown scale": (lambda d: d.update(scale="growth-7"),
                      ["scale", "unknown scale 'growth-7' (one of growth-5-kinds, growth-5, three-levels)"]),
    "missing language in the name": (lambda d: d["name"].pop("nl"),
                                     ["name", "missing language(s): nl"]),
    "missing language in the description": (lambda d: d["description"].pop("en"),
                                            ["description", "missing language(s): en"]),
    "undeclared language": (lambda d: d["name"].update(fr="Équipe Nord"),
                            ["name", "not declared in 'languages': fr"]),
    "unknown prior education": (lambda d: d.update(prior_education="law"),
                                ["prior_education", "unknown prior education 'law' (one of orthopedagogy,"]),
    "consensus without participants": (lambda d: d["provenance"].pop("participants"),
                                       ["provenance", "a consensus needs its number of participants"]),
    "consensus of one": (lambda d: d["provenance"].update(participants=1),
                         ["provenance.participants", "1 is less than the minimum of 2"]),
    "written with participants": (lambda d: d["provenance"].update(kind="written"),
                                  ["provenance.participants", "participants belong to a consensus"]),
    "unknown provenance": (lambda d: d["provenance"].update(kind="guessed"),
                           ["provenance.kind", "'guessed' is not one of ['consensus', 'written']"]),
    "bad date": (lambda d: d["provenance"].update(date="30/11/2026"),
                 ["provenance.date", "does not match"]),
    "unknown owner kind": (lambda d: d["owner"].update(kind="team"),
                           ["owner.kind", "'team' is not one of ['organisation', 'programme', 'course']"]),
    "missing owner key": (lambda d: d["owner"].pop("key"),
                          ["owner", "'key' is a required property"]),
    "missing provenance": (lambda d: d.pop("provenance"),
                           ["(document)", "'provenance' is a required property"]),
    "unknown key": (lambda d: d.update(colour="red"),
                    ["(document)", "'colour' was unexpected"]),
    "wrong schema": (lambda d: d.update(schema="digicomp-position-profile/2"),
                     ["schema", "'digicomp-position-profile/1' was expected"]),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_each_kind_of_problem_is_reported_with_its_place(name, doc, write_yaml, framework):
    breaker, expected = BREAKAGES[name]
    breaker(doc)
    path = write_yaml(doc, "profile.yaml")
    problems = problems_of(path, framework)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}: ")
    for words in expected:
        assert words in problems[0]


def test_a_statement_twice_is_refused_with_its_line(doc, write_yaml, framework):
    text = profile_yaml(doc).replace("  1.1.1: beginner\n", "  1.1.1: beginner\n  1.1.1: pioneer\n")
    problems = problems_of(write_yaml(text, "profile.yaml"), framework)
    assert len(problems) == 1 and "duplicate key '1.1.1'" in problems[0] and "line " in problems[0]


def test_unsafe_yaml_is_refused(write_yaml, framework):
    problems = problems_of(write_yaml("id: &x team\nname: *x\n", "profile.yaml"), framework)
    assert "aliases (*x) are not allowed" in problems[0]


def test_every_problem_is_reported_not_only_the_first(doc, write_yaml, framework):
    doc["framework"]["version"] = "2026.1.0"
    doc["name"].pop("nl")
    expect(doc).update({"1.1.77": "beginner", "1.1.2": "chief"})
    expect(doc)["1.2.4"]["level"] = 9
    problems = problems_of(write_yaml(doc, "profile.yaml"), framework)
    assert len(problems) == 5
    assert [p.split(": ")[1] for p in problems] == ["framework.version", "name", "expectations.1.2.4.level [1.2.4]",
                                                    "expectations.1.1.77 [1.1.77]", "expectations.1.1.2 [1.1.2]"]


def test_profile_yaml_reads_back_as_the_same_document(doc, write_yaml):
    path = write_yaml(profile_yaml(doc), "profile.yaml")
    assert path.read_text(encoding="utf-8").startswith("# A position profile for digicomp-xblock.")
    assert read_yaml(path) == doc
