"""`digicomp_reconcile`: make the dashboard's copies of every learner's moments equal to the blocks' records."""

from django.core.management.base import BaseCommand

from digicomp_xblock import platform
from digicomp_xblock.core.moments import moments_of
from digicomp_xblock.dashboard import api


class Command(BaseCommand):
    help = ("Compare every learner's moments in the self-assessment blocks with the dashboard's rows and repair the "
            "rows: add what is missing, replace what differs, remove what a block does not have. Safe to run at any "
            "time (each learner is locked while their rows are repaired); running it twice changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--course", help="only this course key")

    def handle(self, *args, **options):
        adapter = platform.current()
        learners = added = replaced = removed = 0
        for record in adapter.learner_records("digicomp_assessment"):
            if options["course"] and record.course_key != options["course"]:
                continue
            learners += 1
            with api.one_writer(record.usage_key, record.learner):
                state = adapter.stored_state(record.usage_key, record.user_id) or {}
                done = api.reconcile(record.course_key, record.usage_key, record.learner, moments_of(state))
            added, replaced, removed = added + done.added, replaced + done.replaced, removed + done.removed
        self.stdout.write(f"{learners} learner record(s) checked: {added} row(s) added, {replaced} replaced, "
                          f"{removed} removed")
