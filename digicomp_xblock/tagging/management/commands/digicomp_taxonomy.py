"""`digicomp_taxonomy`: import or update a framework as an Open edX content-tagging taxonomy."""

from django.core.management.base import BaseCommand, CommandError

from digicomp_xblock import conf
from digicomp_xblock.core.loader import DEFAULT_FRAMEWORK, FrameworkError, load_framework
from digicomp_xblock.tagging.api import TaggingError, export_id, sync_taxonomy


class Command(BaseCommand):
    help = ("Import the competence framework as a content-tagging taxonomy, or update it (replace mode: "
            "running it again changes nothing; a new data version updates tag values and keeps object tags).")

    def add_arguments(self, parser):
        parser.add_argument("--framework", default=DEFAULT_FRAMEWORK, help="bundled framework id")
        parser.add_argument("--file", help="a framework YAML file instead of a bundled one")
        parser.add_argument("--lang", help="language of the tag values (default: the framework's source language)")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")

    def handle(self, *args, **options):
        try:
            framework = load_framework(options["file"]) if options["file"] else conf.framework(options["framework"])
        except FrameworkError as error:
            raise CommandError("\n".join(str(problem) for problem in error.problems)) from None
        lang = options["lang"] or framework.source_language
        if lang not in framework.languages:
            raise CommandError(f"language '{lang}' is not in this framework ({' '.join(framework.languages)})")
        try:
            result = sync_taxonomy(framework, lang, plan_only=options["dry_run"])
        except TaggingError as error:
            raise CommandError(str(error)) from None
        verb = "would change" if result.plan_only else "changed"
        self.stdout.write(f"{export_id(framework.id)} (data {framework.version}, values in {lang}): "
                          f"{'created, ' if result.created else ''}{len(result.changes)} tag(s) {verb}")
        if options["verbosity"] >= 2 or result.plan_only:
            for line in result.changes:
                self.stdout.write(f"  {line}")
