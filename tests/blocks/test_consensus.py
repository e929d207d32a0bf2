"""The `digicomp_consensus` block: each staff member's choices, the comparison, fixing the team's profile, its
export, and every refusal (bad input: 400 and nothing stored; not staff: 403)."""

import re

import pytest
import yaml

from digicomp_xblock.core.agreement import agreement
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.dashboard import api
from digicomp_xblock.dashboard.models import ConsensusChoice, StoredProfile
from tests.helpers import block_for, call_handler, make_block, response_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

PROPOSAL = "example-social-work-bachelor"
TEAM = ("lecturer", "tutor", "coach")
CLUSTER_6 = ["6.1.1", "6.1.2", "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.6", "6.3.1", "6.3.2"]


def exercise(profile_id="team-6", **attrs):
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return make_block(f'<digicomp_consensus scope="6" proposal="{PROPOSAL}" profile_id="{profile_id}" '
                      f'profile_name_en="Our team" profile_name_nl="Ons team"{extra}/>', "lecturer")


def choose(block, user, choices):
    status, body = call_handler(block_for(block, user), "save_choices", {"choices": choices})
    assert status == 200, body
    return body


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_participant_s_choices_are_saved_changed_and_taken_back():
    block = exercise()
    assert choose(block, "lecturer", {"6.1.1": "beginner", "6.1.2": "not-expected"}) == {"chosen": 2, "total": 10}
    assert choose(block, "lecturer", {"6.1.1": "pioneer", "6.1.2": None}) == {"chosen": 1, "total": 10}
    [me] = api.participants(str(block.scope_ids.usage_id))
    assert (me.name, me.choices) == ("lecturer", {"6.1.1": "pioneer"})
    html = block_for(block, "lecturer").render("student_view").content
    assert re.search(r'value="pioneer" checked', html)
    # the proposal's choice is marked in each row, and the way to start from it is there
    assert html.count('<span class="dc-proposed">') == 10 and 'data-action="start"' in html


@pytest.mark.parametrize(("payload", "words"), [
    ({"choices": {"99.9.9": "beginner"}}, "unknown statement '99.9.9'"),
    ({"choices": {"1.1.1": "beginner"}}, "statement 1.1.1 is not part of this exercise"),
    ({"choices": {"6.1.1": "expert"}}, "the choice for statement 6.1.1 must be one of beginner, experienced"),
    ({"choices": {"6.1.1": 3}}, "the choice for statement 6.1.1 must be one of"),
    ({"choices": ["6.1.1"]}, 'expected {"choices": {statement ID: choice}}'),
    ({"choices": {}, "more": 1}, 'expected {"choices"'),
    ([], 'expected {"choices"'),
])
def test_bad_choices_are_refused_with_a_precise_message_and_nothing_is_stored(payload, words):
    block = exercise()
    choose(block, "lecturer", {"6.1.1": "beginner"})
    before = list(ConsensusChoice.objects.values_list("user", "statement_id", "choice"))
    # one bad entry among good ones: nothing of the request is stored
    if isinstance(payload, dict) and isinstance(payload.get("choices"), dict) and len(payload) == 1:
        payload = {"choices": {"6.1.2": "pioneer", **payload["choices"]}}
    status, body = call_handler(block, "save_choices", payload)
    assert status == 400 and words in body["error"]
    assert list(ConsensusChoice.objects.values_list("user", "statement_id", "choice")) == before


def test_students_get_a_sentence_and_403_on_every_handler():
    block = exercise()
    choose(block, "lecturer", {"6.1.1": "beginner"})
    choose(block, "tutor", {"6.1.1": "pioneer"})
    student = block_for(block, "student_1")
    html = student.render("student_view").content
    assert "for the course team" in html and "lecturer" not in html and "tutor" not in html
    for handler, payload in (("save_choices", {"choices": {"6.1.1": "beginner"}}),
                             ("fix_profile", {"expectations": dict.fromkeys(CLUSTER_6, "beginner")}),
                             ("submit_studio_edits", {"values": {"scope": "5"}})):
        status, body = call_handler(student, handler, payload)
        assert status == 403, (handler, body)
    assert response_of(student, "export", "format=yaml").status_code == 403
    assert ConsensusChoice.objects.count() == 2 and not StoredProfile.objects.exists()


def test_the_comparison_shows_alpha_the_disagreements_first_and_who_chose_what():
    block = exercise()
    lonely = block_for(block, "lecturer").render("student_view").content
    assert "once at least two colleagues" in lonely and "dc-fix-form" not in lonely
    choices = {"lecturer": {"6.1.1": "beginner", "6.1.2": "beginner", "6.2.1": "beginner"},
               "tutor": {"6.1.1": "beginner", "6.1.2": "pioneer", "6.2.1": "experienced"},
               "coach": {"6.1.1": "beginner", "6.1.2": "experienced", "6.2.1": "beginner"}}
    for user, mine in choices.items():
        choose(block, user, mine)
    html = block_for(block, "tutor").render("student_view").content
    framework = get_framework()
    expected = agreement(framework, resolve_scope(framework, ["6"]), choices)
    text = text_of(html)
    assert f"over all statements: {expected.alpha:.2f}" in text
    assert "Participants: coach, lecturer, tutor" in text
    order = re.findall(r'data-comparison="([\d.]+)"', html)
    assert order[:3] == ["6.1.2", "6.2.1", "6.1.1"]  # a third agree, then two thirds, then all
    first = html[html.index('data-comparison="6.1.2"'):html.index('data-comparison="6.2.1"')]
    assert "33% of the choices" in text_of(first) and "tutor" in first and 'width="33"' in first
    # the fix form starts from the majority; the statements without one are left to decide
    assert re.search(r'data-fix="6.2.1" data-majority="beginner"', html)
    assert re.search(r'data-fix="6.1.2" data-majority=""', html) and "(tie)" in text


def fix_all(block, user="lecturer", **changes):
    decisions = {**dict.fromkeys(CLUSTER_6, "beginner"), **changes}
    return call_handler(block_for(block, user), "fix_profile", {"expectations": decisions})


def test_fixing_stores_a_new_version_with_provenance_and_the_proposal_for_the_rest():
    block = exercise()
    choose(block, "lecturer", {"6.1.1": "beginner"})
    status, body = fix_all(block)
    assert status == 400 and "at least two participants" in body["error"]
    choose(block, "tutor", {"6.1.2": "pioneer"})
    assert fix_all(block, **{"6.2.6": "not-expected"}) == (200, {"profile_id": "team-6", "version": 1})
    assert fix_all(block, "tutor") == (200, {"profile_id": "team-6", "version": 2})
    versions = api.profile_versions("team-6")
    assert [(v.version, v.created_by) for v in versions] == [(1, "lecturer"), (2, "tutor")]
    first = yaml.safe_load(versions[0].document)
    assert first["provenance"]["kind"] == "consensus" and first["provenance"]["participants"] == 2
    assert first["expectations"]["6.2.6"] == "not-expected" and first["expectations"]["1.1.1"] == "beginner"
    assert first["expectations"]["1.3.4"] == {"from": "pioneer", "level": 4} and first["scale"] == "growth-5"
    profile = api.position_profile("team-6", get_framework())
    assert profile.expectation("6.2.6").position == "beginner"  # the latest version
    assert "team-6" in api.profile_ids()


@pytest.mark.parametrize(("decisions", "words"), [
    ({"6.1.1": "beginner"}, "decide every statement before saving; undecided: 6.1.2, 6.2.1"),
    ({**dict.fromkeys(CLUSTER_6, "beginner"), "1.1.1": "beginner"}, "statement 1.1.1 is not part of this exercise"),
    ({**dict.fromkeys(CLUSTER_6, "beginner"), "6.1.1": None}, "the choice for statement 6.1.1 must be one of"),
])
def test_a_fix_that_is_not_complete_or_valid_is_refused_and_nothing_is_stored(decisions, words):
    block = exercise()
    choose(block, "lecturer", {"6.1.1": "beginner"})
    choose(block, "tutor", {"6.1.1": "pioneer"})
    status, body = call_handler(block, "fix_profile", {"expectations": decisions})
    assert status == 400 and words in body["error"]
    assert not StoredProfile.objects.exists()


def test_the_stored_profile_exports_as_yaml_and_csv_for_staff():
    block = exercise()
    assert response_of(block, "export", "format=csv").status_code == 404
    choose(block, "lecturer", {"6.1.1": "beginner"})
    choose(block, "tutor", {"6.1.1": "pioneer"})
    fix_all(block)
    as_yaml = response_of(block_for(block, "coach"), "export", "format=yaml")
    assert as_yaml.status_code == 200 and 'filename="team-6-v1.yaml"' in as_yaml.headers["Content-Disposition"]
    assert yaml.safe_load(as_yaml.text)["id"] == "team-6"
    as_csv = response_of(block, "export", "format=csv")
    assert as_csv.status_code == 200 and as_csv.content_type == "text/csv"
    assert "6.2.6;" in as_csv.text
    assert response_of(block, "export", "format=pdf").status_code == 400


def test_the_team_s_profile_supersedes_the_file_of_its_id_in_the_beginner_assessment():
    assessment = make_block(f'<digicomp_assessment scope="6" position_profile="{PROPOSAL}" '
                            f'target_position="beginner"/>')
    assert "6.2.4" not in {s.id for s in assessment.scope_statements}  # the file: from the experienced position
    block = exercise(profile_id=PROPOSAL)
    choose(block, "lecturer", {"6.2.4": "beginner"})
    choose(block, "tutor", {"6.2.4": "beginner"})
    assert fix_all(block, **{"6.1.1": "pioneer"})[0] == 200
    asked = {s.id for s in block_for(assessment, "student_1").scope_statements}
    assert "6.2.4" in asked and "6.1.1" not in asked


def test_studio_saves_checked_settings_and_olx_refuses_unusable_ones():
    block = exercise()
    assert all(name in block.render("studio_view").content for name in ("scope", "proposal", "profile_name_nl"))
    assert "students see nothing of it" in text_of(block.render("author_view").content)
    status, body = call_handler(block, "submit_studio_edits", {"values": {"profile_id": "Not An ID"}})
    assert status == 400 and "lower-case letters" in body["error"] and block_for(block, "lecturer").profile_id == "team-6"
    status, body = call_handler(block, "submit_studio_edits", {"values": {"scope": "6 99"}, "defaults": []})
    assert status == 400 and "unknown competence ID(s): 99" in body["error"]
    status, _body = call_handler(block, "submit_studio_edits", {"values": {"scope": "5.1"}, "defaults": ["proposal"]})
    fresh = block_for(block, "lecturer")
    assert status == 200 and (fresh.scope, fresh.proposal) == ("5.1", "")
    with pytest.raises(ValueError, match="no position profile 'nope'"):
        make_block('<digicomp_consensus scope="6" proposal="nope" profile_id="x" profile_name_en="a" '
                   'profile_name_nl="b"/>')


def test_retirement_removes_a_participant_s_choices():
    block = exercise()
    choose(block, "lecturer", {"6.1.1": "beginner"})
    choose(block, "tutor", {"6.1.1": "pioneer"})
    me = block_for(block, "tutor").participant_id()
    api.forget_learners([me])
    assert [p.name for p in api.participants(str(block.scope_ids.usage_id))] == ["lecturer"]
