"""Who may see a course's cohort figures: course staff, checked on the server for every view and export.

The rule is pluggable (DIGICOMP_COHORT_PERMISSION, a dotted path to `f(user, course_key) -> bool`, given the key
as the URL parsed it: Open edX's CourseKey); by default it is the platform's course staff rule (Open edX's access
rules; in the demo, Django's `is_staff`).
"""

from __future__ import annotations

from django.utils.module_loading import import_string

from .. import conf, platform


def can_view_cohort(user, course_key) -> bool:
    rule = conf.COHORT_PERMISSION.value()
    if rule:
        return bool(import_string(rule)(user, course_key))
    return bool(user.is_authenticated and platform.current().is_course_staff(user, course_key))


def can_view_programme(user, course_keys) -> bool:
    """Whether the user may see a programme's pages: course staff (the cohort rule) of every one of its courses,
    given as the platform's keys."""
    keys = list(course_keys)
    return bool(keys) and all(can_view_cohort(user, key) for key in keys)
