"""Who may do what, as one table: every handler of every block and the aside, every dashboard view and export,
for an anonymous visitor, a learner, another learner and course staff, asked the way a browser asks the demo.

The roles in the demo (the XBlock SDK workbench with our user service, `demo/digicomp_demo/services.py`):

- **anonymous**: not signed in. For the blocks that is the workbench's unauthenticated handler URL
  `/unauth_handler/<usage>/<handler>/`, whose user is always `none`, whatever `?student=` says: a learner of its
  own, with its own record (every anonymous visitor shares it). The workbench has no such URL for asides (404).
  (Signed out, `/handler/...?student=NAME` is the user NAME: the SDK's stand-in for a login, not one.)
- **learner**: `ana`, signed in; the URL says `?student=lecturer`, which the demo ignores for a signed-in user.
- **other learner**: `ben`, signed in, with `?student=ana` in the URL: learner B asking for learner A's record.
- **staff**: `lecturer`, signed in (course staff: DIGICOMP_DEMO_STAFF for the blocks, `is_staff` for the pages).

Every user the blocks see (none, ana, ben, cora, lecturer) has submitted one moment of the course's
self-assessment, with a reflection naming them and a level of their own, so each one's record can be told apart.
Each cell then runs on that world and is rolled back; besides its status, every cell checks that

- nothing changed but what a 200 of that subject may change (WRITES): the caller's own record, the block's
  settings, the unit's tags; a refusal changes nothing at all;
- the answer carries nobody else's data, and for the subjects in OWN_DATA, a 200 carries the caller's own.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import entry_points

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS, add_xml_scenario

from digicomp_demo.registry import scenario_xml
from digicomp_xblock.blocks.assessment import AssessmentXBlock
from digicomp_xblock.blocks.consensus import ConsensusXBlock
from digicomp_xblock.blocks.coverage import CoverageXBlock
from digicomp_xblock.blocks.framework import FrameworkBrowserXBlock
from digicomp_xblock.blocks.profile import CourseProfileXBlock
from digicomp_xblock.blocks.tags import CompetenceTagsAside
from digicomp_xblock.dashboard import urls as dashboard_urls
from digicomp_xblock.dashboard.models import ConsensusChoice, Programme, SnapshotRecord, StoredProfile
from digicomp_xblock.platform import course_key_of
from tests.helpers import (
    ASSESSMENT,
    COVERAGE,
    FILES,
    PROFILE,
    aside_of,
    block_for,
    blocks_of,
    call_handler,
    object_tags,
    submit_all,
    usage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

ROLES = ("anonymous", "learner", "other learner", "staff")
#: role -> (who is signed in, whom the URL's ?student= names, whom the blocks see)
WHO = {
    "anonymous": (None, "ana", "none"),
    "learner": ("ana", "lecturer", "ana"),
    "other learner": ("ben", "ana", "ben"),
    "staff": ("lecturer", "lecturer", "lecturer"),
}
BLOCK_CLASSES = (FrameworkBrowserXBlock, AssessmentXBlock, CoverageXBlock, CourseProfileXBlock, ConsensusXBlock,
                 CompetenceTagsAside)
#: The consensus exercise's statements (scenario digicomp-consensus: cluster 6), each decided in a fix.
CLUSTER_6 = ("6.1.1", "6.1.2", "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.6", "6.3.1", "6.3.2")

# The table: what each role gets (HTTP status). 200 on a learner's handler is always the caller's own record.
TABLE = {
    #                                         anonymous  learner  other learner  staff
    # The self-assessment: everyone uses it on their own record; its editor's save is for course staff
    "AssessmentXBlock.save_answers":          (200,      200,     200,           200),
    "AssessmentXBlock.start_moment":          (200,      200,     200,           200),
    "AssessmentXBlock.current_state":         (200,      200,     200,           200),
    "AssessmentXBlock.profile":               (200,      200,     200,           200),
    "AssessmentXBlock.download":              (200,      200,     200,           200),
    "AssessmentXBlock.student_view_user_state": (200,    200,     200,           200),
    "AssessmentXBlock.studio_submit":         (403,      403,     403,           200),
    # the demo course's self-assessment offers no choice of position: refused alike, nothing changes
    "AssessmentXBlock.choose_target":         (400,      400,     400,           400),
    # The coverage map and the tags: course staff only
    "CoverageXBlock.download":                (403,      403,     403,           200),
    "CoverageXBlock.refresh":                 (403,      403,     403,           200),
    "CompetenceTagsAside.set_competences":    (404,      403,     403,           200),
    # The learner's profile in the course: everyone's own, re-rendered after a moment is submitted
    "CourseProfileXBlock.refresh":            (200,      200,     200,           200),
    # The consensus exercise: course staff only (the team's choices, its profile, the exercise's settings)
    "ConsensusXBlock.save_choices":           (403,      403,     403,           200),
    "ConsensusXBlock.fix_profile":            (403,      403,     403,           200),
    "ConsensusXBlock.export":                 (403,      403,     403,           200),
    "ConsensusXBlock.submit_studio_edits":    (403,      403,     403,           200),
    # FrameworkBrowserXBlock has no handlers.
    # The dashboard: signed out, to the login page; the cohort for course staff; each learner's own profile
    "cohort page":                            (302,      403,     403,           200),
    "profile page":                           (302,      200,     200,           200),
    "export clusters.csv":                    (302,      403,     403,           200),
    "export clusters.json":                   (302,      403,     403,           200),
    "export learners.csv":                    (302,      403,     403,           200),
    "export learners.json":                   (302,      403,     403,           200),
    # A programme's pages: for the staff of every one of its courses (here: the demo course alone); each learner's
    # own profile across its courses
    "programme page":                         (302,      403,     403,           200),
    "programme export":                       (302,      403,     403,           200),
    "programme growth export":                (302,      403,     403,           200),
    "programme profile":                      (302,      200,     200,           200),
}
#: How each subject is asked: (method, handler or view, query or JSON body).
REQUESTS = {
    "AssessmentXBlock.save_answers": ("POST", {}),  # a save without changes: only the revision moves on
    "AssessmentXBlock.start_moment": ("POST", {}),
    "AssessmentXBlock.current_state": ("POST", {}),
    "AssessmentXBlock.profile": ("POST", {"compare": None}),
    "AssessmentXBlock.download": ("GET", "format=json"),
    "AssessmentXBlock.student_view_user_state": ("GET", ""),  # the mobile apps' read of the learner's own state
    "AssessmentXBlock.studio_submit": ("POST", {"display_name": "Renamed"}),
    "AssessmentXBlock.choose_target": ("POST", {"target": "pioneer"}),
    "CoverageXBlock.download": ("GET", ""),
    "CoverageXBlock.refresh": ("POST", {}),
    "CourseProfileXBlock.refresh": ("POST", {}),
    "CompetenceTagsAside.set_competences": ("POST", {"ids": ["5"]}),
    "ConsensusXBlock.save_choices": ("POST", {"choices": {"6.1.1": "pioneer"}}),
    "ConsensusXBlock.fix_profile": ("POST", {"expectations": dict.fromkeys(CLUSTER_6, "beginner")}),
    "ConsensusXBlock.export": ("GET", "format=yaml"),
    "ConsensusXBlock.submit_studio_edits": ("POST", {"values": {"display_name": "Renamed"}}),
}
#: The URL pattern (dashboard/urls.py) of each view row.
VIEWS = {"cohort page": "cohort", "profile page": "profile", "programme page": "programme",
         "programme export": "programme_export", "programme growth export": "programme_export",
         "programme profile": "programme_profile", **{
    f"export {what}.{fmt}": "cohort_export" for what in ("clusters", "learners") for fmt in ("csv", "json")}}
#: Subjects whose answer is about the caller's own record: a 200 carries the caller's data (and never another's).
OWN_DATA = {"AssessmentXBlock.save_answers", "AssessmentXBlock.start_moment", "AssessmentXBlock.current_state",
            "AssessmentXBlock.profile", "AssessmentXBlock.download", "AssessmentXBlock.student_view_user_state",
            "profile page", "CourseProfileXBlock.refresh", "programme profile"}
#: Own-data subjects that show scores and no reflections: their percentages must be the caller's level.
SCORES_ONLY = {"profile page", "CourseProfileXBlock.refresh", "programme profile"}
#: What a 200 of a subject may change; anything else changing is a surprise, and a refusal changes nothing.
WRITES = {"AssessmentXBlock.save_answers": "own record", "AssessmentXBlock.start_moment": "own record",
          "AssessmentXBlock.studio_submit": "settings", "CompetenceTagsAside.set_competences": "tags",
          "ConsensusXBlock.save_choices": "choices", "ConsensusXBlock.fix_profile": "profiles",
          "ConsensusXBlock.submit_studio_edits": "settings"}

#: Each user's level (0-4 on growth-5) in their submitted moment: their profile page shows only this percentage.
LEVELS = {"none": 0, "ben": 1, "cora": 2, "lecturer": 3, "ana": 4}


def note(user: str) -> str:
    """The reflection each user wrote: where it shows up, that user's record is in the answer."""
    return f"private note of {user}"


def handlers_of(cls) -> set[str]:
    """The handlers of a block class as XBlock finds them, inherited ones included."""
    return {name for name in dir(cls) if getattr(getattr(cls, name, None), "_is_xblock_handler", False)}


def test_every_handler_and_view_has_a_row():
    """A new handler (or block, or view) without a row in the table fails here."""
    ours = {ep.load() for group in ("xblock.v1", "xblock_asides.v1") for ep in entry_points(group=group)
            if ep.value.startswith("digicomp_xblock.")}
    assert ours == set(BLOCK_CLASSES)
    handlers = {f"{cls.__name__}.{name}" for cls in BLOCK_CLASSES for name in handlers_of(cls)}
    rows = set(TABLE) - set(VIEWS)
    assert handlers == rows
    assert set(REQUESTS) == rows and OWN_DATA | set(WRITES) <= set(TABLE)
    assert {pattern.name for pattern in dashboard_urls.urlpatterns} == set(VIEWS.values())
    assert all(len(outcomes) == len(ROLES) for outcomes in TABLE.values())


def consensus_exercise():
    """The demo's consensus exercise with two participants (tutor, coach) and the team's profile fixed once."""
    add_xml_scenario("digicomp-consensus", "Consensus", scenario_xml("digicomp-consensus"))
    exercise = WorkbenchRuntime("tutor").get_block(SCENARIOS["digicomp-consensus"].usage_id)
    exercise = exercise.runtime.get_block(exercise.children[0])
    for name, choice in (("tutor", "beginner"), ("coach", "pioneer")):
        assert call_handler(block_for(exercise, name), "save_choices", {"choices": {"6.1.1": choice}})[0] == 200
    assert call_handler(exercise, "fix_profile", REQUESTS["ConsensusXBlock.fix_profile"][1])[0] == 200
    return exercise


def dashboard_pages(course_key: str) -> dict[str, str]:
    """The address of every view of VIEWS for the course, and of a programme made of it alone."""
    Programme.objects.create(slug="the-programme", name="The programme", courses=course_key)
    pages = {"cohort page": "cohort/", "profile page": "profile/",
             **{f"export {w}": f"cohort/export/{w}" for w in ("clusters.csv", "clusters.json", "learners.csv",
                                                              "learners.json")}}
    return {**{row: f"/digicomp/courses/{course_key}/{path}" for row, path in pages.items()},
            "programme page": "/digicomp/programmes/the-programme/",
            "programme export": "/digicomp/programmes/the-programme/coverage.csv",
            "programme growth export": "/digicomp/programmes/the-programme/growth.csv",
            "programme profile": "/digicomp/programmes/the-programme/mine/"}


@pytest.fixture
def world(fresh_scenarios, course, taxonomy, client):
    """The demo course in which everyone has submitted a moment; the URLs of every subject."""
    client.get("/")  # the demo's middleware: everything a first request sets up
    for name, level in LEVELS.items():
        status, body = submit_all(blocks_of(course, name)[ASSESSMENT], level, {"1": note(name)})
        assert status == 200, body
    users = {name: get_user_model().objects.create_user(name, is_staff=name == "lecturer")
             for name in LEVELS if name != "none"}
    blocks = blocks_of(course, "lecturer")
    assessment, coverage, aside = blocks[ASSESSMENT], blocks[COVERAGE], aside_of(blocks[FILES])
    course_key = course_key_of(assessment)
    assert SnapshotRecord.objects.filter(course_key=course_key).count() == len(LEVELS)
    exercise = consensus_exercise()
    targets = {"AssessmentXBlock": usage(assessment), "CoverageXBlock": usage(coverage),
               "CourseProfileXBlock": usage(blocks[PROFILE]), "ConsensusXBlock": usage(exercise),
               "CompetenceTagsAside": str(aside.scope_ids.usage_id)}
    return {"users": users, "assessment": usage(assessment), "targets": targets, "pages": dashboard_pages(course_key)}


def snapshot_of_everything() -> dict:
    """Every record of the workbench's store (settings, each user's state), the dashboard's copies, the tags."""
    rows = ((row.scope, row.scope_id, row.user_id, json.loads(row.state)) for row in XBlockState.objects.all())
    found = {(scope, scope_id, user): fields for scope, scope_id, user, fields in rows if fields}  # "{}" stores nothing
    found["dashboard"] = sorted(SnapshotRecord.objects.values_list("learner", "block_key", "moment", "moment_id",
                                                                   "scores"), key=repr)
    found["tags"] = object_tags()
    found["choices"] = sorted(ConsensusChoice.objects.values_list("block_key", "user", "statement_id", "choice"))
    found["profiles"] = sorted(StoredProfile.objects.values_list("profile_id", "version"))
    return found


def allowed_changes(subject: str, acting: str, status: int, world) -> set:
    if status != 200 or subject not in WRITES:
        return set()
    target = world["targets"][subject.split(".", maxsplit=1)[0]]
    return {"own record": {("usage", world["assessment"], acting)}, "settings": {("usage", target, None)},
            "tags": {"tags"}, "choices": {"choices"}, "profiles": {"profiles"}}[WRITES[subject]]


def ask(client, world, subject: str, role: str):
    """The request of `role` for `subject`, as a browser sends it; (url, response)."""
    signed_in, named, _acting = WHO[role]
    client.logout()
    if signed_in:
        client.force_login(world["users"][signed_in])
    if subject in VIEWS:
        url = world["pages"][subject]
        return url, client.get(url)
    block, handler = subject.split(".")
    method, data = REQUESTS[subject]
    target = world["targets"][block]
    kind = "unauth_handler" if role == "anonymous" else "aside_handler" if block == "CompetenceTagsAside" else "handler"
    url = f"/{kind}/{target}/{handler}/?student={named}"
    if method == "GET":
        return url, client.get(f"{url}&{data}" if data else url)
    return url, client.post(url, data=json.dumps(data), content_type="application/json")


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8")


def surprises_of(client, world, subject: str, role: str) -> list[str]:
    """What differs from the table and the rules above in one cell (empty: as expected)."""
    expected = TABLE[subject][ROLES.index(role)]
    acting = WHO[role][2]
    before = snapshot_of_everything()
    url, response = ask(client, world, subject, role)
    found = []
    if response.status_code != expected:
        found.append(f"status {response.status_code}, expected {expected}")
    if response.status_code == 302 and response["Location"] != f"/accounts/login/?next={url}":
        found.append(f"sent to {response['Location']}")
    after = snapshot_of_everything()
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    if changed - allowed_changes(subject, acting, response.status_code, world):
        found.append(f"changed {sorted(map(str, changed))}")
    text = text_of(response)
    others = [user for user in LEVELS if user != acting and note(user) in text]
    if others:
        found.append(f"the answer carries the record of {others}")
    if subject in OWN_DATA and response.status_code == 200:
        if subject in SCORES_ONLY:  # the percentages of the table are the caller's level
            shown, own = set(re.findall(r"<td>(\d+)%</td>", text)), {str(25 * LEVELS[acting])}
            if shown != own:
                found.append(f"the page shows {sorted(shown)}%, the caller's own moment is {sorted(own)}%")
        elif note(acting) not in text:
            found.append("the answer is not about the caller's own record")
    return found


def test_the_table(client, world, figures):
    surprises = {}
    for subject in TABLE:
        for role in ROLES:
            with transaction.atomic():  # each cell starts from the same world
                try:
                    found = surprises_of(client, world, subject, role)
                except Exception as error:  # noqa: BLE001 - a cell that raises is a surprise to report, not to hide
                    found = [f"raised {error!r}"]
                transaction.set_rollback(True)
            if found:
                surprises[f"{role} / {subject}"] = found
    handlers = len(set(TABLE) - set(VIEWS))
    figures(f"authorisation: {len(ROLES)} roles x {handlers} handlers and {len(VIEWS)} views = "
            f"{len(ROLES) * len(TABLE)} checks, {len(surprises)} surprises")
    assert surprises == {}
