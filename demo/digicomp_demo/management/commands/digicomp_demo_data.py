"""`digicomp_demo_data`: demo accounts, the demo programme and clearly labelled synthetic learners for the
dashboards."""

import argparse
import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_xblock import conf
from digicomp_xblock.core.model import Framework, Statement
from digicomp_xblock.core.scales import Scale, load_scales
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard.models import Programme, SnapshotRecord
from digicomp_xblock.platform import course_key_of
from digicomp_xblock.platform.course import course_blocks

from ...platform import anonymous_id
from ...registry import register_scenarios

#: The demo programme and its courses in order: the demo course, then its second and third course.
PROGRAMME = "demo-programme"
PROGRAMME_SCENARIOS = ("digicomp-course", "digicomp-course-2", "digicomp-course-3")
#: The beginner's course, not in the programme, has a cohort of its own (learners "synthetic-…" without an
#: account): its cohort view compares them with the beginner of the example position profile.
BEGINNER_SCENARIO = "digicomp-assessment-beginner"
#: The programme's synthetic learners take these paths in turn: (how many years before the latest runs they took
#: the first course, how many of the courses they took, one a year in order).
PATHS = ((2, 3), (2, 3), (2, 2), (1, 2), (0, 1))
#: Usernames of the programme's synthetic learners: accounts named "Synthetic learner", without a usable password.
ACCOUNT = "learner-{:03d}"
ACCOUNTS = r"^learner-[0-9]{3,}$"
#: How often a synthetic learner answers "not relevant".
NOT_RELEVANT_SHARE = 0.03
#: Weeks from a run's first moment to its second.
RUN_WEEKS = 12


def not_negative(text: str) -> int:
    """An argparse type: a whole number of 0 or more."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


@dataclass(frozen=True)
class Assessment:
    """The self-assessment of a scenario, as far as synthetic moments need it."""

    course_key: str
    block_key: str
    framework: Framework
    scale: Scale
    scope: tuple[Statement, ...]
    shared: bool

    @classmethod
    def of(cls, scenario: str) -> "Assessment":
        """The scenario's (first) digicomp_assessment."""
        found = course_blocks(WorkbenchRuntime("synthetic").get_block(SCENARIOS[scenario].usage_id),
                              "digicomp_assessment")
        if not found:
            raise LookupError(f"no digicomp_assessment in scenario {scenario}")
        block = found[0]
        return cls(course_key_of(block), str(block.scope_ids.usage_id), conf.framework(block.framework),
                   load_scales().get(block.scale), tuple(block.scope_statements), block.share_answers)

    def record(self, learner: str, moment: int, when: datetime, ratings: dict) -> SnapshotRecord:
        """The row of a moment with these ratings."""
        snapshot = make_snapshot(self.framework, self.scale, self.scope, ratings, {},
                                 when.isoformat(timespec="seconds"), shared=self.shared)
        return SnapshotRecord(
            course_key=self.course_key, block_key=self.block_key, learner=learner, moment=moment,
            moment_id=snapshot["id"], submitted_at=when, framework=self.framework.id,
            framework_version=self.framework.version, scale=self.scale.id, ratings=snapshot["ratings"],
            scores=snapshot["scores"], shared=snapshot["shared"])


class SyntheticLearner:
    """A learner's level in general and per cluster, which grows in each course run they take."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.level = rng.gauss(1.6, 0.6)
        self.offsets = {}  # cluster ID -> how much better (or worse) than their general level

    def run(self, assessment: Assessment, learner: str, start: datetime) -> list[SnapshotRecord]:
        """Their two moments of a course run: at its start, and RUN_WEEKS later, grown."""
        records = []
        for moment, weeks in ((1, 0), (2, RUN_WEEKS)):
            if moment == 2:
                self.level += max(0.0, self.rng.gauss(0.5, 0.35))
            when = start + timedelta(weeks=weeks, days=self.rng.randint(0, 4), hours=self.rng.randint(0, 8))
            records.append(assessment.record(learner, moment, when, self._ratings(assessment)))
        return records

    def _ratings(self, assessment: Assessment) -> dict:
        scale, ratings = assessment.scale, {}
        for statement in assessment.scope:
            if statement.cluster_id not in self.offsets:
                self.offsets[statement.cluster_id] = self.rng.gauss(0, 0.4)
            level = round(self.level + self.offsets[statement.cluster_id] + self.rng.gauss(0, 0.5))
            ratings[statement.id] = ("na" if self.rng.random() < NOT_RELEVANT_SHARE
                                     else max(scale.minimum, min(scale.maximum, level)))
        return ratings


class Command(BaseCommand):
    help = ("Create the demo accounts, the demo programme of three courses with synthetic learners (accounts "
            "'learner-…' without a password, 1 to 3 courses each, two moments per course) and the beginner's "
            "synthetic cohort ('synthetic-…'), replacing earlier ones.")

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=not_negative, default=200,
                            help="how many synthetic learners in the programme, and in the beginner's cohort")
        parser.add_argument("--seed", type=int, default=2025, help="random seed; the same seed gives the same ratings")

    def handle(self, *args, **options):
        users = get_user_model()
        # lecturer, tutor and coach: the course team (also of the consensus exercise); ana and bram: students
        for name, password, staff in (("lecturer", "lecturer", True), ("tutor", "tutor", True),
                                      ("coach", "coach", True), ("ana", "student", False), ("bram", "student", False)):
            user, _ = users.objects.get_or_create(username=name, defaults={"is_staff": staff})
            user.is_staff = staff
            user.set_password(password)
            user.save()
        register_scenarios()
        courses = [Assessment.of(scenario) for scenario in PROGRAMME_SCENARIOS]
        beginner = Assessment.of(BEGINNER_SCENARIO)
        count, seed = options["learners"], options["seed"]
        # the latest runs started 14 weeks ago (their second moments are in the past, whenever the demo runs)
        latest = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(weeks=14)
        with transaction.atomic():
            names = self._replace_synthetic(count, [a.block_key for a in (*courses, beginner)])
            records, taken = self._programme(courses, names, latest, random.Random(seed))
            rng = random.Random(seed)  # the beginner's cohort is the same whatever the programme's learners do
            for n in range(count):
                records += SyntheticLearner(rng).run(beginner, f"synthetic-{n + 1:04d}", latest)
            SnapshotRecord.objects.bulk_create(records, batch_size=500)
            Programme.objects.update_or_create(slug=PROGRAMME, defaults={
                "name": "Demo programme: digital social work", "courses": "\n".join(c.course_key for c in courses)})
        for i, course in enumerate(courses):
            self._cohort_line(sum(learners for took, learners in taken.items() if took > i), course.course_key)
        self._cohort_line(count, beginner.course_key)
        self.stdout.write(f"the programme of the three courses: /digicomp/programmes/{PROGRAMME}/ (lecturer); its "
                          f"{count} synthetic learners ({ACCOUNT.format(1)}…) took one course: {taken[1]}, "
                          f"two: {taken[2]}, three: {taken[3]}")
        self.stdout.write("the consensus exercise: /scenario/digicomp-consensus/ (lecturer, tutor, coach)")

    @staticmethod
    def _replace_synthetic(count: int, block_keys: list[str]) -> list[str]:
        """Delete the synthetic rows of these blocks (learners "synthetic-…" and those of the synthetic accounts)
        and the synthetic accounts beyond `count`, make the missing ones (without a usable password); the usernames
        of the `count` synthetic accounts."""
        accounts = get_user_model().objects
        names = [ACCOUNT.format(n) for n in range(1, count + 1)]
        earlier = accounts.filter(username__regex=ACCOUNTS)
        ids = [anonymous_id(name) for name in earlier.values_list("username", flat=True)]
        SnapshotRecord.objects.filter(Q(learner__startswith="synthetic-") | Q(learner__in=ids),
                                      block_key__in=block_keys).delete()
        earlier.exclude(username__in=names).delete()
        kept = set(earlier.values_list("username", flat=True))
        accounts.bulk_create([accounts.model(username=name, first_name="Synthetic", last_name="learner",
                                             password=make_password(None))
                              for name in names if name not in kept])
        return names

    @staticmethod
    def _programme(courses: list[Assessment], names: list[str], latest: datetime, rng) -> tuple[list, Counter]:
        """The rows of the programme's synthetic learners, each taking the courses of their path (PATHS) in order,
        one run a year; and how many learners took how many courses."""
        records, taken = [], Counter()
        for n, name in enumerate(names):
            years_before, took = PATHS[n % len(PATHS)]
            learner = SyntheticLearner(rng)
            for i, course in enumerate(courses[:took]):
                records += learner.run(course, anonymous_id(name), latest - timedelta(weeks=52 * (years_before - i)))
            taken[took] += 1
        return records, taken

    def _cohort_line(self, learners: int, course_key: str):
        self.stdout.write(f"{learners} synthetic learners x 2 moments in {course_key}; cohort page: "
                          f"/digicomp/courses/{course_key}/cohort/ (log in as lecturer / lecturer)")
