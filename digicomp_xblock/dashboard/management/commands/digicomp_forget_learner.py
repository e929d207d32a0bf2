"""`digicomp_forget_learner`: delete a learner's snapshot rows (retirement outside the platform's pipeline)."""

from django.core.management.base import BaseCommand, CommandError

from digicomp_xblock.dashboard.api import forget_learners


class Command(BaseCommand):
    help = "Delete every self-assessment snapshot row of the learners with these anonymous user ids."

    def add_arguments(self, parser):
        parser.add_argument("anonymous_ids", nargs="+", help="anonymous user id(s)")

    def handle(self, *args, **options):
        ids = [i.strip() for i in options["anonymous_ids"] if i.strip()]
        if not ids:
            raise CommandError("give at least one anonymous user id")
        deleted = forget_learners(ids)
        self.stdout.write(f"deleted {deleted} snapshot row(s) of {len(ids)} learner(s)")
