"""What the platform provides to our blocks and pages: the current user, course keys, links to units, a course's
blocks and settings, anonymous ids, course staff.

Open edX is the default (`openedx.py` holds every Open edX-only import); another runtime names its adapter, a
subclass of `Platform`, in the setting DIGICOMP_PLATFORM (the demo does, for the XBlock SDK workbench).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache

from .. import conf


class Platform:
    """The questions only the runtime can answer; every method has an answer that works anywhere."""

    def course_key(self, block) -> str:
        """The block's course as text (empty when the runtime has no courses)."""
        course_key = getattr(block.scope_ids.usage_id, "course_key", None)
        return "" if course_key is None else str(course_key)

    def is_course_key(self, text: str) -> bool:
        """Whether a text (from a URL) names a course the way this platform writes course keys."""
        return bool(text) and "/" not in text

    def parse_course_key(self, text: str):
        """The course key of a text from a URL, as the platform's own object (Open edX: a CourseKey), parsed once
        where the URL enters and handed on as it is; ValueError when the text is no course key of this platform."""
        if not self.is_course_key(text):
            raise ValueError(text)
        return text

    def unit_url(self, block, usage_id) -> str:  # noqa: ARG002 - the interface
        """A link that opens the unit `usage_id` of the block's course (empty when there is none)."""
        return ""

    def course_root(self, course_key: str, username: str):  # noqa: ARG002 - the interface
        """The outermost block of a course, for its structure; None when there is no such course."""
        return

    def course_title(self, course_key, root) -> str:
        """A course's name for people: its root block's display name (Open edX: the course's), else its key."""
        return str(getattr(root, "display_name", "") or course_key)

    def anonymous_id(self, user, course_key: str) -> str:
        """A signed-in Django user's anonymous id in a course, as the blocks' user service gives it."""
        raise NotImplementedError(f"{type(self).__name__} has no anonymous ids for {user} in {course_key}")

    def show_competences(self, block) -> bool:  # noqa: ARG002 - the interface
        """Whether learners see "This unit develops …" in the block's course."""
        return bool(conf.SHOW_COMPETENCES.value())

    def is_course_staff(self, user, course_key: str) -> bool:  # noqa: ARG002 - the interface
        """Whether a Django user is staff of a course (for the dashboard pages)."""
        return bool(user.is_authenticated and user.is_staff)

    def stored_state(self, usage_key: str, user_id) -> dict | None:  # noqa: ARG002 - the interface
        """A learner's user_state fields of a block as they are stored now, read from the database (not from this
        request's caches); None when this runtime cannot say."""
        return None

    def stored_revision(self, usage_key: str, user_id) -> int | None:
        """The `revision` field of `stored_state`, read without decoding the rest of the state (which holds the
        learner's whole history): 0 when nothing is stored, None when this runtime cannot say."""
        state = self.stored_state(usage_key, user_id)
        return None if state is None else state.get("revision", 0)

    def user_state(self, usage_key: str, user) -> dict:
        """A signed-in Django user's user_state fields of a block as stored (empty when there are none, or when
        this runtime cannot say), for pages outside the blocks."""
        return self.stored_state(usage_key, user.id) or {}

    def course_runs(self, organisations: Collection[str]) -> list[str]:  # noqa: ARG002 - the interface
        """The course keys of every course run of these organisations, the earliest start first (for programmes
        filled from organisations); none where the runtime has no organisations."""
        return []

    def organisation(self, course_key) -> str:  # noqa: ARG002 - the interface
        """The organisation of a course ("" where the runtime has none)."""
        return ""

    def user_ids(self, anonymous_ids: Collection[str]) -> dict[str, object]:  # noqa: ARG002 - the interface
        """The user id of each of these anonymous ids that the platform knows, to link a learner's moments across the
        courses of a programme (never shown or stored); ids it does not know are left out."""
        return {}

    def learner_records(self, block_type: str) -> Iterator[LearnerRecord]:  # noqa: ARG002 - the interface
        """Every learner who has state in a block of this type."""
        return iter(())


@dataclass(frozen=True)
class LearnerRecord:
    """Where a learner's state of a block is: the block, its course, the runtime's user id, the anonymous id."""

    usage_key: str
    course_key: str
    user_id: object
    learner: str


@cache
def _adapter(path: str) -> Platform:
    from django.utils.module_loading import import_string  # noqa: PLC0415 - Django settings are read at call time

    return import_string(path)()


def current() -> Platform:
    """The configured platform adapter (DIGICOMP_PLATFORM)."""
    return _adapter(conf.PLATFORM.value())


def user_attr(block, name: str, default=None):
    """An `edx-platform.*` attribute of the current user, from the runtime's user service."""
    service = block.runtime.service(block, "user")
    if service is None:
        return default
    return service.get_current_user().opt_attrs.get(f"edx-platform.{name}", default)


def is_staff(block) -> bool:
    """Course staff or instructor: the platform's role, checked on the server."""
    return bool(user_attr(block, "user_is_staff", False)) or user_attr(block, "user_role") in ("staff", "instructor")


def can_author(block) -> bool:
    """Whether the current user may change a block's settings (its editor's save handler), checked on the server.

    In Studio: write access to the course, from Studio's `studio_user_permissions` service (Studio's editing runtime
    gives every user the role "student"). Elsewhere: course staff. (The LMS never stores a change of settings; the
    workbench would store anyone's.) The block must want the service `studio_user_permissions`.
    """
    permissions = block.runtime.service(block, "studio_user_permissions")
    if permissions is not None:
        usage = block.scope_ids.usage_id
        return bool(permissions.can_write(getattr(usage, "context_key", None) or getattr(usage, "course_key", None)))
    return is_staff(block)


def course_key_of(block) -> str:
    return current().course_key(block)


def unit_url(block, usage_id) -> str:
    return current().unit_url(block, usage_id)


def course_root(course_key: str, username: str):
    return current().course_root(course_key, username)


def anonymous_id_of(user, course_key: str) -> str:
    return current().anonymous_id(user, course_key)


def show_competences(block) -> bool:
    return current().show_competences(block)


def stored_revision(block) -> int | None:
    """The block's stored `revision` for the current learner (see Platform.stored_revision)."""
    return current().stored_revision(str(block.scope_ids.usage_id), block.scope_ids.user_id)


def json_member(rows, column: str, name: str):
    """The member `name` of the JSON text in `column` of the first of `rows` (a queryset), extracted by the database
    (JSON_EXTRACT: SQLite, MySQL and MariaDB), so that Python decodes none of the rest; 0 when there is no row or no
    such member."""
    from django.db.models import F, Func, TextField, Value  # noqa: PLC0415 - Django is loaded when a block writes

    member = Func(F(column), Value(f"$.{name}"), function="JSON_EXTRACT", output_field=TextField())
    value = (rows.annotate(digicomp_member=member)
             .values_list("digicomp_member", flat=True).first())
    return 0 if value is None else int(value)


def user_state_of(block, user) -> dict:
    """A signed-in Django user's state of a block, as stored (see Platform.user_state)."""
    return current().user_state(str(block.scope_ids.usage_id), user)


def resource_url(block_type: str, path: str) -> str:
    """URL of one of our static files outside a block: the LMS's XBlock resource view, else the workbench's."""
    from django.urls import NoReverseMatch, reverse  # noqa: PLC0415

    for name in ("xblock_resource_url", "package_resource"):
        try:
            return reverse(name, args=(block_type, path))
        except NoReverseMatch:
            continue
    return ""


def app_installed(name: str) -> bool:
    from django.apps import apps  # noqa: PLC0415

    return apps.is_installed(name)


def tagging_available() -> bool:
    """Whether Open edX's content tagging is installed here, under the app name of either layout."""
    from ..tagging.compat import APP_NAMES  # noqa: PLC0415

    return any(app_installed(name) for name in APP_NAMES)
