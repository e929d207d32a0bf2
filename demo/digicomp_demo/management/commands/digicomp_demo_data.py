"""`digicomp_demo_data`: demo accounts and a clearly labelled synthetic cohort for the dashboards."""

import argparse
import random
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_xblock import conf
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard.models import Programme, SnapshotRecord
from digicomp_xblock.platform import course_key_of
from digicomp_xblock.platform.course import course_blocks

from ...registry import register_scenarios

#: The courses with a synthetic cohort: the demo course, and the beginner's (its cohort view compares with the
#: beginner of the example position profile).
COHORT_SCENARIOS = ("digicomp-course", "digicomp-assessment-beginner")
#: The demo's programme: the courses of COHORT_SCENARIOS.
PROGRAMME = "demo-programme"
#: How often a synthetic learner answers "not relevant".
NOT_RELEVANT_SHARE = 0.03


def not_negative(text: str) -> int:
    """An argparse type: a whole number of 0 or more."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


def _assessment_of(scenario):
    root = WorkbenchRuntime("synthetic").get_block(SCENARIOS[scenario].usage_id)
    found = course_blocks(root, "digicomp_assessment")
    if not found:
        raise LookupError(f"no digicomp_assessment in scenario {scenario}")
    return found[0]


class Command(BaseCommand):
    help = "Create demo accounts and a synthetic cohort (learners 'synthetic-…', two moments each)."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=not_negative, default=200, help="how many synthetic learners")
        parser.add_argument("--seed", type=int, default=2025, help="random seed; the same seed gives the same cohort")

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
        keys = []
        for scenario in COHORT_SCENARIOS:
            course_key = self._cohort(_assessment_of(scenario), options["learners"], random.Random(options["seed"]))
            keys.append(course_key)
            self.stdout.write(f"{options['learners']} synthetic learners x 2 moments in {course_key}; "
                              f"cohort page: /digicomp/courses/{course_key}/cohort/ (log in as lecturer / lecturer)")
        Programme.objects.update_or_create(slug=PROGRAMME, defaults={
            "name": "Demo programme: digital social work", "courses": "\n".join(keys)})
        self.stdout.write(f"the programme of these courses: /digicomp/programmes/{PROGRAMME}/ (lecturer)")
        self.stdout.write("the consensus exercise: /scenario/digicomp-consensus/ (lecturer, tutor, coach)")

    def _cohort(self, block, learners: int, rng) -> str:
        """Write the synthetic cohort's rows of one self-assessment (replacing any earlier ones); its course key."""
        framework, scale = conf.framework(block.framework), load_scales().get(block.scale)
        scope = block.scope_statements
        course_key, block_key = course_key_of(block), str(block.scope_ids.usage_id)
        SnapshotRecord.objects.filter(block_key=block_key, learner__startswith="synthetic-").delete()
        # the first moments 14 weeks ago, the second ones 12 weeks later: all in the past, whenever the demo runs
        start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(weeks=14)
        records = []
        for n in range(learners):
            ability = rng.gauss(1.6, 0.6)
            growth = max(0.0, rng.gauss(0.5, 0.35))
            offsets = {c.id: rng.gauss(0, 0.4) for c in framework.clusters()}
            for moment, extra, weeks in ((1, 0.0, 0), (2, growth, 12)):
                ratings = {}
                for statement in scope:
                    level = round(ability + extra + offsets[statement.cluster_id] + rng.gauss(0, 0.5))
                    ratings[statement.id] = "na" if rng.random() < NOT_RELEVANT_SHARE else max(scale.minimum,
                                                                                 min(scale.maximum, level))
                when = start + timedelta(weeks=weeks, days=rng.randint(0, 4), hours=rng.randint(0, 8))
                snapshot = make_snapshot(framework, scale, scope, ratings, {}, when.isoformat(timespec="seconds"),
                                         shared=block.share_answers)
                records.append(SnapshotRecord(
                    course_key=course_key, block_key=block_key, learner=f"synthetic-{n + 1:04d}", moment=moment,
                    moment_id=snapshot["id"],
                    submitted_at=when, framework=framework.id, framework_version=framework.version, scale=scale.id,
                    ratings=snapshot["ratings"], scores=snapshot["scores"], shared=snapshot["shared"]))
        SnapshotRecord.objects.bulk_create(records, batch_size=500)
        return course_key
