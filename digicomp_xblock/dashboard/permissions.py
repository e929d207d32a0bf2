"""Who may see a course's cohort figures: course staff, checked on the server for every view and export.

The rule is pluggable (`DIGICOMP_COHORT_PERMISSION`, a dotted path to `f(user, course_key) -> bool`), so the demo
and Open edX each use their real role system; the default asks Open edX's access rules and, outside Open edX,
Django's `is_staff`.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


def open_edx_or_django_staff(user, course_key: str) -> bool:
    """Course staff or instructor in Open edX (has_access 'staff'); elsewhere a Django staff user."""
    if not user.is_authenticated:
        return False
    try:
        from lms.djangoapps.courseware.access import has_access  # pylint: disable=import-outside-toplevel
        from opaque_keys.edx.keys import CourseKey  # pylint: disable=import-outside-toplevel
    except ImportError:
        return bool(user.is_staff)
    return bool(has_access(user, "staff", CourseKey.from_string(course_key)))


def can_view_cohort(user, course_key: str) -> bool:
    rule = getattr(settings, "DIGICOMP_COHORT_PERMISSION", None)
    check = import_string(rule) if rule else open_edx_or_django_staff
    return bool(check(user, course_key))
