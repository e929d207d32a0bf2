"""What differs between Open edX and other runtimes (the workbench), in one small module."""

from __future__ import annotations

import hashlib


def user_attr(block, name: str, default=None):
    """An `edx-platform.*` attribute of the current user, from the runtime's user service."""
    service = block.runtime.service(block, "user")
    if service is None:
        return default
    return service.get_current_user().opt_attrs.get(f"edx-platform.{name}", default)


def is_staff(block) -> bool:
    """Course staff or instructor: the platform's role, checked on the server."""
    return bool(user_attr(block, "user_is_staff", False)) or user_attr(block, "user_role") in ("staff", "instructor")


def anchor_of(usage_id, prefix: str = "dc-unit-") -> str:
    """An element ID for a block on a page (the workbench shows a whole scenario on one page)."""
    return prefix + hashlib.sha1(str(usage_id).encode("utf-8")).hexdigest()[:10]


def jump_url(block, usage_id) -> str:
    """A link that opens a unit: the LMS's jump_to, else (workbench) the scenario page at that unit."""
    course_key = getattr(block.scope_ids.usage_id, "course_key", None)
    if course_key is not None:
        from django.urls import NoReverseMatch, reverse  # pylint: disable=import-outside-toplevel

        try:
            return reverse("jump_to", kwargs={"course_id": str(course_key), "location": str(usage_id)})
        except NoReverseMatch:
            pass
    found = _workbench_scenario(_workbench_course(usage_id))
    return f"/scenario/{found[0]}/#{anchor_of(usage_id)}" if found else f"#{anchor_of(usage_id)}"


def _workbench_scenario(course_key: str):
    """`(name, scenario)` of the workbench scenario that is this course (see course_key_of), else None."""
    try:
        from workbench.scenarios import SCENARIOS  # pylint: disable=import-outside-toplevel
    except ImportError:
        return None
    return next(((name, scenario) for name, scenario in SCENARIOS.items()
                 if _workbench_course(scenario.usage_id) == course_key), None)


def panel_enabled(block) -> bool:
    """Whether learners see "This unit develops …": the course's *Other course settings* key
    `digicomp_show_competences` in Open edX, else the Django setting DIGICOMP_SHOW_COMPETENCES (default on)."""
    from django.conf import settings  # pylint: disable=import-outside-toplevel

    default = getattr(settings, "DIGICOMP_SHOW_COMPETENCES", True)
    course_key = getattr(block.scope_ids.usage_id, "course_key", None)
    if course_key is None:
        return default
    try:
        from xmodule.modulestore.django import modulestore  # pylint: disable=import-outside-toplevel
    except ImportError:
        return default
    course = modulestore().get_course(course_key)
    other = getattr(course, "other_course_settings", None) or {}
    return bool(other.get("digicomp_show_competences", default))


def course_key_of(block) -> str:
    """The block's course as text: the course key in Open edX, the scenario in the workbench."""
    course_key = getattr(block.scope_ids.usage_id, "course_key", None)
    return str(course_key) if course_key is not None else _workbench_course(block.scope_ids.usage_id)


def _workbench_course(usage_id) -> str:
    """The workbench's stand-in for a course key: the scenario part of a usage id (`<scenario>.<block>...`)."""
    return str(usage_id).split(".", 1)[0]


def course_block(course_key: str, username: str):
    """The outermost block of a course, for its structure: Open edX's modulestore, else the workbench scenario
    the demo names its course after; None when there is no such course."""
    try:
        from opaque_keys import InvalidKeyError  # pylint: disable=import-outside-toplevel
        from opaque_keys.edx.keys import CourseKey  # pylint: disable=import-outside-toplevel
        from xmodule.modulestore.django import modulestore  # pylint: disable=import-outside-toplevel
    except ImportError:
        pass
    else:
        try:
            return modulestore().get_course(CourseKey.from_string(course_key))
        except InvalidKeyError:
            return None
    found = _workbench_scenario(course_key)
    if found is None:
        return None
    from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel

    return WorkbenchRuntime(username).get_block(found[1].usage_id)


def demo_anonymous_id(name: str) -> str:
    """The anonymous id the demo gives a user name (Open edX computes its own per course)."""
    return hashlib.sha256(f"demo:{name}".encode()).hexdigest()[:32]


def anonymous_id_of(user, course_key: str) -> str:
    """A signed-in user's anonymous id in a course: Open edX's, else the demo's."""
    try:
        from common.djangoapps.student.models import anonymous_id_for_user  # pylint: disable=import-outside-toplevel
        from opaque_keys.edx.keys import CourseKey  # pylint: disable=import-outside-toplevel
    except ImportError:
        return demo_anonymous_id(user.get_username())
    return anonymous_id_for_user(user, CourseKey.from_string(course_key))


def resource_url(block_type: str, path: str) -> str:
    """URL of one of our static files outside a block: the LMS's XBlock resource view, else the workbench's."""
    from django.urls import NoReverseMatch, reverse  # pylint: disable=import-outside-toplevel

    for name in ("xblock_resource_url", "package_resource"):
        try:
            return reverse(name, args=(block_type, path))
        except NoReverseMatch:
            continue
    return ""


def app_installed(name: str) -> bool:
    from django.apps import apps  # pylint: disable=import-outside-toplevel

    return apps.is_installed(name)


def tagging_available() -> bool:
    """Whether Open edX's content tagging is installed here."""
    from django.apps import apps  # pylint: disable=import-outside-toplevel

    return apps.is_installed("openedx_tagging")
