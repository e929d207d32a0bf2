"""One row per submitted self-assessment moment (the learner's anonymous id only, never free text), and one lock
row per learner and block so that one request at a time writes a learner's record."""

from collections.abc import Mapping

from django.db import models

from .. import conf
from ..core import compact
from ..core.loader import FrameworkError
from ..core.pseudonyms import new_secret


def statement_order(framework_id: str, version: str) -> list[str] | None:
    """The statement IDs of the framework version in order (the layout of `answers`), None when it is unknown."""
    try:
        framework = conf.framework(framework_id)
    except FrameworkError:
        return None
    return [s.id for s in framework.statements()] if framework.version == version else None


def compact_columns(framework_id: str, version: str, ratings: Mapping, scores: Mapping) -> dict:
    """The values of a row's compact columns for its ratings and scores."""
    order = statement_order(framework_id, version)
    return {"cluster_ids": compact.cluster_ids_text(scores), "figures": compact.scores_text(scores),
            "answers": "" if order is None else compact.answers_text(ratings, order)}


class SnapshotQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Created with the compact columns of their ratings and scores, as `save` does."""
        objs = list(objs)
        for record in objs:
            record.fill_compact()
        return super().bulk_create(objs, *args, **kwargs)


class SnapshotRecord(models.Model):
    """A submitted moment of a `digicomp_assessment` block, copied from the block's record of the learner.

    `ratings` and `scores` (JSON) are the record; `cluster_ids`, `figures` and `answers` hold the same numbers as
    short text (core.compact) for the cohort figures and exports, which then decode no JSON. Text, not a column per
    figure: the number of clusters is the framework's (an operator's framework may have others), and splitting
    the text is cheap (measured per moment of the whole framework: `json.loads` of the scores 37 µs and of the
    ratings 27 µs; splitting `figures` 2 µs, into the tuples the cohort reads 14 µs). `answers` follows the
    statement order of the framework version named in the row, and is "" when that framework could not be read
    when the row was written (the cohort then reads `ratings`). The compact columns are derived, never edited:
    `save` and `objects.bulk_create` set them from `ratings` and `scores` (a queryset's `update` of those would
    not).
    """

    course_key = models.CharField(max_length=255, db_index=True)
    block_key = models.CharField(max_length=255, db_index=True)
    learner = models.CharField(max_length=64, db_index=True, help_text="The learner's anonymous user id.")
    moment = models.PositiveSmallIntegerField()
    moment_id = models.CharField(max_length=32, help_text="The snapshot's own identifier (core.snapshots.moment_id).")
    submitted_at = models.DateTimeField(db_index=True)
    framework = models.CharField(max_length=64)
    framework_version = models.CharField(max_length=32)
    scale = models.CharField(max_length=64)
    cluster_ids = models.CharField(max_length=255, default="",
                                   help_text="The clusters in scope, space-separated (core.compact).")
    figures = models.TextField(default="", help_text="Per-cluster and K/S/A scores as text (core.compact).")
    answers = models.TextField(default="", blank=True,
                               help_text="The ratings, a character per statement of the framework (core.compact).")
    shared = models.BooleanField(default=False,
                                 help_text="The learner was told course staff see this moment's answers.")
    # last, on SQLite after every other column in the table too (migration 0009): a column after them costs
    # reading a row's overflow pages
    ratings = models.JSONField(help_text="{statement id: level or 'na'}")
    scores = models.JSONField(help_text="Per-cluster and K/S/A scores (core.scoring.Profile.to_dict()).")

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["block_key", "learner", "moment"], name="digicomp_one_row_per_moment"),
            models.UniqueConstraint(fields=["block_key", "learner", "moment_id"],
                                    name="digicomp_one_row_per_moment_id"),
        ]
        indexes = [models.Index(fields=["course_key", "block_key", "submitted_at"])]

    def __str__(self):
        return f"{self.block_key} {self.learner} #{self.moment}"

    def save(self, *args, **kwargs):
        """Saved with the compact columns of its ratings and scores."""
        self.fill_compact()
        super().save(*args, **kwargs)

    def fill_compact(self) -> None:
        """Set the compact columns from `ratings` and `scores`."""
        for name, value in compact_columns(self.framework, self.framework_version, self.ratings, self.scores).items():
            setattr(self, name, value)


class LearnerLock(models.Model):
    """Locked (SELECT … FOR UPDATE) while a request writes a learner's record of a block: one writer at a time."""

    block_key = models.CharField(max_length=255)
    learner = models.CharField(max_length=64, db_index=True, help_text="The learner's anonymous user id.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["block_key", "learner"], name="digicomp_one_lock_per_learner")]

    def __str__(self):
        return f"{self.block_key} {self.learner}"


class StoredProfile(models.Model):
    """One version of a position profile fixed by a team (a consensus exercise): the document as a profile file
    has it (`core.profiles.profile_yaml`). The latest version of an ID is the profile of that ID."""

    profile_id = models.CharField(max_length=64, db_index=True)
    version = models.PositiveIntegerField(help_text="1 for the first version of the ID, then one more per save.")
    owner_kind = models.CharField(max_length=16, help_text="organisation, programme or course")
    owner_key = models.CharField(max_length=255, help_text="The owner's key (a course key, an organisation's key).")
    framework_id = models.CharField(max_length=64)
    framework_version = models.CharField(max_length=32)
    document = models.TextField(help_text="The profile as YAML, as a profile file holds it.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True, help_text="The username of who saved it.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile_id", "version"], name="digicomp_one_profile_version")]

    def __str__(self):
        return f"{self.profile_id} v{self.version}"


class ConsensusChoice(models.Model):
    """A participant's choice for one statement in a consensus exercise (a `digicomp_consensus` block)."""

    block_key = models.CharField(max_length=255)
    course_key = models.CharField(max_length=255, db_index=True)
    user = models.CharField(max_length=64, db_index=True, help_text="The participant's anonymous user id.")
    name = models.CharField(max_length=150, help_text="The participant's name, shown to the other participants.")
    statement_id = models.CharField(max_length=32)
    choice = models.CharField(max_length=32, help_text="A position ID or 'not-expected'.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["block_key", "user", "statement_id"],
                                               name="digicomp_one_choice_per_statement")]

    def __str__(self):
        return f"{self.block_key} {self.user} {self.statement_id}={self.choice}"


class Programme(models.Model):
    """Course runs grouped by a provider or a study programme (managed in the Django admin): the programme pages
    show what its courses develop together and how its learners grow across them. Course staff of every one of its
    courses may see them; each learner, their own profile across them. `secret` keys the learners' pseudonymous IDs
    in the programme (core.pseudonyms); it never leaves the database."""

    slug = models.SlugField(max_length=64, unique=True, help_text="The programme's ID in addresses.")
    name = models.CharField(max_length=200)
    courses = models.TextField(blank=True, help_text="The course keys of the programme's runs, one per line, in "
                                                     "the order the pages show them.")
    organisations = models.CharField(max_length=255, blank=True, default="",
                                     help_text="Open edX organisation codes, space-separated: every course run of "
                                               "these belongs to the programme too (after the listed ones).")
    created_at = models.DateTimeField(auto_now_add=True)
    secret = models.CharField(max_length=64, default=new_secret, editable=False,
                              help_text="Keys the learners' pseudonymous IDs in this programme (core.pseudonyms).")

    def __str__(self):
        return self.name

    def course_keys(self) -> list[str]:
        """The listed course keys, in order, without blank lines or repeats."""
        return list(dict.fromkeys(line.strip() for line in self.courses.splitlines() if line.strip()))

    def organisation_codes(self) -> list[str]:
        """The organisations whose course runs belong to the programme."""
        return list(dict.fromkeys(self.organisations.split()))
