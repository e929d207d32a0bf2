"""Open edX: every import of the LMS / Studio (modulestore, access rules, anonymous ids, retirement) is here,
made when it is needed, so the rest of the package imports anywhere."""

from __future__ import annotations

from . import Platform


class OpenEdx(Platform):
    """The LMS and Studio."""

    def is_course_key(self, text: str) -> bool:
        from opaque_keys import InvalidKeyError  # noqa: PLC0415

        try:
            course_key_of_text(text)
        except InvalidKeyError:
            return False
        return True

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


def course_key_of_text(text: str):
    """An Open edX CourseKey of a course key text; InvalidKeyError when it is not one."""
    from opaque_keys.edx.keys import CourseKey  # noqa: PLC0415

    return CourseKey.from_string(text)


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
