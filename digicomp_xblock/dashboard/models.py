"""One row per submitted self-assessment moment (the learner's anonymous id only, never free text), and one lock
row per learner and block so that one request at a time writes a learner's record."""

from django.db import models


class SnapshotRecord(models.Model):
    """A submitted moment of a `digicomp_assessment` block, copied from the block's record of the learner."""

    course_key = models.CharField(max_length=255, db_index=True)
    block_key = models.CharField(max_length=255, db_index=True)
    learner = models.CharField(max_length=64, db_index=True, help_text="The learner's anonymous user id.")
    moment = models.PositiveSmallIntegerField()
    moment_id = models.CharField(max_length=32, help_text="The snapshot's own identifier (core.snapshots.moment_id).")
    submitted_at = models.DateTimeField(db_index=True)
    framework = models.CharField(max_length=64)
    framework_version = models.CharField(max_length=32)
    scale = models.CharField(max_length=64)
    ratings = models.JSONField(help_text="{statement id: level or 'na'}")
    scores = models.JSONField(help_text="Per-cluster and K/S/A scores (core.scoring.Profile.to_dict()).")
    shared = models.BooleanField(default=False,
                                 help_text="The learner was told course staff see this moment's answers.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["block_key", "learner", "moment"], name="digicomp_one_row_per_moment"),
            models.UniqueConstraint(fields=["block_key", "learner", "moment_id"],
                                    name="digicomp_one_row_per_moment_id"),
        ]
        indexes = [models.Index(fields=["course_key", "block_key", "submitted_at"])]

    def __str__(self):
        return f"{self.block_key} {self.learner} #{self.moment}"


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
