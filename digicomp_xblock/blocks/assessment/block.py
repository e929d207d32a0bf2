"""The self-assessment block: its fields, composed with the mixins that do the work."""

from django.utils.translation import gettext_noop as _
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String

from ...core.moments import Moments, stored
from ...core.scales import DEFAULT_SCALE
from ..mixins import FrameworkMixin, I18nMixin, ResourcesMixin
from .configuration import ConfigurationMixin
from .handlers import HandlersMixin
from .records import RecordsMixin
from .student import StudentViewMixin
from .studio import StudioMixin


class Points(Float):
    """A Float that writes a whole number as one: OLX `weight="1"` exports as `weight="1"`, not `"1.0"`."""

    def to_string(self, value):
        value = self.to_json(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return super().to_string(value)


class History(List):
    """The learner's moments: read as a `core.moments.Moments` (each decoded when first used), stored as text.

    A value that is replaced, never changed in place. XBlock deep-copies a mutable field's value on its first read
    in a request, to tell at save time whether it changed; for a long history that copy cost more than the rest of
    a save. Not marked mutable, the field is saved when a new value is assigned, as a submit does (with
    `core.moments.appended`, which also writes the moments of an older record, JSON objects, as text)."""

    MUTABLE = False

    def from_json(self, value):
        return Moments(super().from_json(value) or [])

    def enforce_type(self, value):
        return value if isinstance(value, Moments) else super().enforce_type(value)

    def to_json(self, value):
        return None if value is None else stored(value)


class AssessmentXBlock(StudentViewMixin, HandlersMixin, RecordsMixin, StudioMixin, ConfigurationMixin, FrameworkMixin,
                       I18nMixin, ResourcesMixin, CompletableXBlockMixin, XBlock):
    """Learners rate themselves on the statements in scope and see their profile per cluster grow.

    Complete at the first submitted moment (not by viewing); on the web and in the mobile apps (whose native
    screens may use `student_view_data` and the handler `student_view_user_state`); anonymous visitors are asked
    to sign in, for the answers are kept per learner.
    """

    has_custom_completion = True
    multi_device = True
    icon_class = "problem"
    has_author_view = True

    display_name = String(display_name=_("Display name"), default=_("Digital competence self-assessment"),
                          scope=Scope.settings)
    introduction = String(display_name=_("Introduction"), default="", scope=Scope.settings, multiline_editor=True,
                          help=_("Shown above the statements: why and how learners take this self-assessment."))
    second_language = String(
        display_name=_("Second language of the texts"), default="", scope=Scope.settings,
        help=_("A language of the framework (en, nl) in which the display name and the introduction are also given; "
               "learners who read that language see those."))
    display_name_second = String(display_name=_("Display name in the second language"), default="",
                                 scope=Scope.settings)
    introduction_second = String(display_name=_("Introduction in the second language"), default="",
                                 scope=Scope.settings, multiline_editor=True)
    scope = String(display_name=_("Scope"), default="", scope=Scope.settings,
                   help=_("Cluster, component or statement IDs separated by spaces (e.g. '1 2 5.2.3'); "
                          "empty means the whole framework."))
    scale = String(display_name=_("Scale"), default=DEFAULT_SCALE, scope=Scope.settings)
    position_profile = String(
        display_name=_("Position profile"), default="", scope=Scope.settings,
        help=_("The ID of a position profile your team agreed (empty: none). With a target position, only the "
               "statements in scope that the profile expects up to that position are asked, and learners see how "
               "their answers compare with the expected level."))
    target_position = String(
        display_name=_("Target position"), default="", scope=Scope.settings,
        help=_("The position learners aim for in this course: beginner, experienced, pioneer or pacesetter."))
    learner_chooses_target = Boolean(
        display_name=_("Learners may choose the position they compare with"), default=False, scope=Scope.settings,
        help=_("With a position profile: learners may compare their answers with another position than the target "
               "position. The statements asked stay the same."))
    allow_not_relevant = Boolean(display_name=_("Offer 'not relevant to my work'"), default=True,
                                 scope=Scope.settings)
    max_moments = Integer(display_name=_("Assessment moments"), default=3, scope=Scope.settings,
                          help=_("How many times a learner can submit (e.g. start and end of the course)."))
    show_profile = Boolean(display_name=_("Show the profile after submitting"), default=True, scope=Scope.settings)
    share_answers = Boolean(
        display_name=_("Course staff see each learner's answers"), default=False, scope=Scope.settings,
        help=_("Off: course staff see figures of groups only, never one learner's answers. On: they also see each "
               "learner's ratings and scores (never the reflections). Learners are told which, before they answer; "
               "a change applies to moments submitted after it."))
    weight = Points(display_name=_("Participation weight"), default=0.0, scope=Scope.settings,
                    help=_("Points for submitting at least once (never for the levels chosen); 0 means not graded."))

    draft = Dict(default={}, scope=Scope.user_state, help="Answers not yet submitted: ratings and reflections.")
    snapshots = History(default=[], scope=Scope.user_state,
                        help="Submitted assessment moments, oldest first (replaced, never changed in place).")
    editing = Boolean(default=True, scope=Scope.user_state, help="Whether a moment is being answered.")
    revision = Integer(default=0, scope=Scope.user_state, help="Counts the saves, so a tab can see it is behind.")
    chosen_target = String(default="", scope=Scope.user_state,
                           help="The position the learner compares with, where the course allows a choice.")

    @property
    def has_score(self):
        return self.weight > 0

    def max_score(self):
        return 1
