"""Every Django setting of digicomp-xblock: its name, default and meaning, read when it is used (never at import).

An operator sets them in the LMS / Studio settings (Tutor: a settings patch); the dashboard app's
`plugin_settings` writes the defaults into Django's settings, so they show where operators look for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .core.cohort import MIN_GROUP as _MIN_GROUP
from .core.loader import DEFAULT_FRAMEWORK, bundled_frameworks, get_framework
from .core.profiles import get_profile, profile_ids


@dataclass(frozen=True)
class Setting:
    """One `DIGICOMP_*` setting."""

    name: str
    default: object
    meaning: str

    def value(self):
        """The setting as configured now, else its default."""
        from django.conf import settings  # noqa: PLC0415 - settings are read at call time

        return getattr(settings, self.name, self.default)


MIN_GROUP = Setting(
    "DIGICOMP_MIN_GROUP", _MIN_GROUP,
    "No cohort figure is shown for fewer learners than this.")
COHORT_PERMISSION = Setting(
    "DIGICOMP_COHORT_PERMISSION", "",
    "Dotted path of a function f(user, course_key) -> bool that says who sees a course's cohort views and exports "
    "(course_key: the platform's key, in Open edX a CourseKey); empty: the platform's course staff rule.")
BASE_TEMPLATE = Setting(
    "DIGICOMP_BASE_TEMPLATE", "digicomp_dashboard/base.html",
    "Django template that the dashboard pages extend (blocks `title`, `head` and `main`).")
SHOW_COMPETENCES = Setting(
    "DIGICOMP_SHOW_COMPETENCES", True,
    "Whether learners see \"This unit develops …\" under tagged units, unless a course says otherwise in its "
    "Other course settings (`digicomp_show_competences`).")
FRAMEWORK_BROWSER_URL = Setting(
    "DIGICOMP_FRAMEWORK_BROWSER_URL", "",
    "Address of a page with the framework browser block; competence tags link to their statement there.")
FRAMEWORK_DIRS = Setting(
    "DIGICOMP_FRAMEWORK_DIRS", (),
    "Folders of the operator's own framework files (`<id>.yaml`, validated like the bundled one when loaded); a "
    "block names a framework by ID only, never by path.")
PROFILE_DIRS = Setting(
    "DIGICOMP_PROFILE_DIRS", (),
    "Folders of the operator's own position profiles (`<id>.yaml`, validated like the bundled example when "
    "loaded); a self-assessment names a profile by ID only, never by path.")
PLATFORM = Setting(
    "DIGICOMP_PLATFORM", "digicomp_xblock.platform.openedx.OpenEdx",
    "Dotted path of the class that answers what the runtime provides (course keys, links to units, a course's "
    "blocks, anonymous ids, course staff); the demo names its workbench adapter here.")

#: Every setting, in the order the README lists them.
ALL = (MIN_GROUP, COHORT_PERMISSION, BASE_TEMPLATE, SHOW_COMPETENCES, FRAMEWORK_BROWSER_URL, FRAMEWORK_DIRS,
       PROFILE_DIRS, PLATFORM)


def framework(framework_id: str = DEFAULT_FRAMEWORK):
    """A framework by ID, bundled or in the operator's DIGICOMP_FRAMEWORK_DIRS."""
    return get_framework(framework_id, FRAMEWORK_DIRS.value())


def frameworks() -> list[str]:
    """The IDs a block can choose: bundled and the operator's."""
    return bundled_frameworks(FRAMEWORK_DIRS.value())


def profile(profile_id: str, framework):
    """A position profile by ID, bundled or in the operator's DIGICOMP_PROFILE_DIRS, read with `framework`."""
    return get_profile(profile_id, framework, PROFILE_DIRS.value())


def profiles() -> list[str]:
    """The position profile IDs a block can choose: bundled and the operator's."""
    return profile_ids(PROFILE_DIRS.value())
