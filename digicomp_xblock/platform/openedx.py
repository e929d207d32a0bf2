"""Open edX: every import of the LMS / Studio (modulestore, access rules, anonymous ids, retirement) is here,
made when it is needed, so the rest of the package imports anywhere."""

from __future__ import annotations

import hashlib
import json

from . import LearnerRecord, Platform, json_member

#: How long a course version's answer to "has it a block of this type?" is kept (a new version is asked anew).
COURSE_VERSION_SECONDS = 24 * 3600
#: The same for a course that names no version (its answer may change without a new key): a short while.
UNVERSIONED_SECONDS = 300
#: How many anonymous ids one query looks up (databases limit the parameters of a query).
LOOKUP_BATCH = 1000


class OpenEdx(Platform):
    """The LMS and Studio."""

    def is_course_key(self, text: str) -> bool:
        try:
            self.parse_course_key(text)
        except ValueError:
            return False
        return True

    def parse_course_key(self, text: str):
        from opaque_keys import InvalidKeyError  # noqa: PLC0415

        try:
            return course_key_of_text(text)
        except InvalidKeyError:
            raise ValueError(text) from None

    def unit_url(self, block, usage_id) -> str:
        block_course = getattr(block.scope_ids.usage_id, "course_key", None)
        if block_course is None:
            return ""
        from django.urls import NoReverseMatch, reverse  # noqa: PLC0415

        try:
            return reverse("jump_to", kwargs={"course_id": str(block_course), "location": str(usage_id)})
        except NoReverseMatch:  # Studio has no jump_to
            return ""

    def course_root(self, course_key: str, username: str):  # noqa: ARG002 - the modulestore needs no user
        from opaque_keys import InvalidKeyError  # noqa: PLC0415
        from xmodule.modulestore.django import modulestore  # noqa: PLC0415

        try:
            return modulestore().get_course(course_key_of_text(course_key))
        except InvalidKeyError:
            return None

    def anonymous_id(self, user, course_key: str) -> str:
        from common.djangoapps.student.models import anonymous_id_for_user  # noqa: PLC0415

        return anonymous_id_for_user(user, course_key_of_text(course_key))

    def show_competences(self, block) -> bool:
        default = super().show_competences(block)
        block_course = getattr(block.scope_ids.usage_id, "course_key", None)
        if block_course is None:
            return default
        from xmodule.modulestore.django import modulestore  # noqa: PLC0415

        course = modulestore().get_course(block_course)
        other = getattr(course, "other_course_settings", None) or {}
        return bool(other.get("digicomp_show_competences", default))

    def is_course_staff(self, user, course_key: str) -> bool:
        if not user.is_authenticated:
            return False
        from lms.djangoapps.courseware.access import has_access  # noqa: PLC0415

        return bool(has_access(user, "staff", course_key_of_text(course_key)))

    def stored_state(self, usage_key: str, user_id) -> dict | None:
        from lms.djangoapps.courseware.models import StudentModule  # noqa: PLC0415
        from opaque_keys.edx.keys import UsageKey  # noqa: PLC0415

        state = (StudentModule.objects.filter(student_id=user_id, module_state_key=UsageKey.from_string(usage_key))
                 .values_list("state", flat=True).first())
        return json.loads(state) if state else {}

    def stored_revision(self, usage_key: str, user_id) -> int | None:
        from lms.djangoapps.courseware.models import StudentModule  # noqa: PLC0415
        from opaque_keys.edx.keys import UsageKey  # noqa: PLC0415

        rows = StudentModule.objects.filter(student_id=user_id, module_state_key=UsageKey.from_string(usage_key))
        return json_member(rows, "state", "revision")

    def course_runs(self, organisations):
        from openedx.core.djangoapps.content.course_overviews.models import CourseOverview  # noqa: PLC0415

        runs = CourseOverview.objects.filter(org__in=list(organisations)).order_by("start", "id")
        return [str(key) for key in runs.values_list("id", flat=True)]

    def organisation(self, course_key) -> str:
        return str(getattr(course_key_of_text(course_key), "org", ""))

    def user_ids(self, anonymous_ids):
        from common.djangoapps.student.models import AnonymousUserId  # noqa: PLC0415

        ids, found = list(anonymous_ids), {}
        for start in range(0, len(ids), LOOKUP_BATCH):
            found.update(AnonymousUserId.objects.filter(anonymous_user_id__in=ids[start:start + LOOKUP_BATCH])
                         .values_list("anonymous_user_id", "user_id"))
        return found

    def learner_records(self, block_type: str):
        from common.djangoapps.student.models import anonymous_id_for_user  # noqa: PLC0415
        from django.contrib.auth import get_user_model  # noqa: PLC0415
        from lms.djangoapps.courseware.models import StudentModule  # noqa: PLC0415

        users = get_user_model().objects
        rows = StudentModule.objects.filter(module_type=block_type).values_list("module_state_key", "course_id",
                                                                                "student_id")
        for usage_key, course_id, user_id in rows.iterator():
            learner = anonymous_id_for_user(users.get(pk=user_id), course_id)
            yield LearnerRecord(str(usage_key), str(course_id), user_id, learner)


def course_has_block(course, block_type: str) -> bool:
    """Whether a course (a CourseBlock) has a block of `block_type`: the modulestore is asked once per course version
    (each publish makes a new one) and the answer kept in Django's cache, so a page that asks on every request (the
    course tab's `is_enabled`) does not walk the course each time."""
    from django.core.cache import cache  # noqa: PLC0415

    version = getattr(course, "course_version", None) or getattr(course, "subtree_edited_on", None)
    digest = hashlib.sha256(f"{block_type}|{course.id}|{version or ''}".encode()).hexdigest()[:32]
    key = f"digicomp:has-block:{digest}"
    found = cache.get(key)
    if found is None:
        from xmodule.modulestore.django import modulestore  # noqa: PLC0415

        found = bool(modulestore().get_items(course.id, qualifiers={"category": block_type}))
        cache.set(key, found, COURSE_VERSION_SECONDS if version else UNVERSIONED_SECONDS)
    return found


def course_key_of_text(text):
    """An Open edX CourseKey of a course key text (a CourseKey as it is: the dashboard's URLs parse theirs once);
    InvalidKeyError when it is not one."""
    from opaque_keys.edx.keys import CourseKey  # noqa: PLC0415

    return text if isinstance(text, CourseKey) else CourseKey.from_string(text)


def anonymous_ids_of(user) -> list[str]:
    """Every anonymous user id the platform has for a user (one per course)."""
    from common.djangoapps.student.models import AnonymousUserId  # noqa: PLC0415

    return list(AnonymousUserId.objects.filter(user=user).values_list("anonymous_user_id", flat=True))


def retirement_signal():
    """The platform's USER_RETIRE_LMS_MISC signal, or None outside Open edX."""
    try:
        from openedx.core.djangoapps.user_api.accounts.signals import USER_RETIRE_LMS_MISC  # noqa: PLC0415
    except ImportError:
        return None
    return USER_RETIRE_LMS_MISC
