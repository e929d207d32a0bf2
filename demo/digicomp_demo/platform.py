"""The XBlock SDK workbench as digicomp's platform (DIGICOMP_PLATFORM of the demo's settings).

A scenario is a course: its key is the first part of its blocks' usage ids; a unit's link is the scenario page
at the unit's anchor; a signed-in user's anonymous id is the one the demo's user service gives their name.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_xblock.platform import LearnerRecord, Platform, json_member
from digicomp_xblock.rendering.presentation import element_id


def anonymous_id(name: str) -> str:
    """The anonymous id the demo gives a user name: a keyed hash with the deployment's secret (SECRET_KEY), so
    nobody without it can tell whose row is whose (Open edX computes its own per course)."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"digicomp-demo-learner:{name}".encode(), hashlib.sha256).hexdigest()[:32]


def course_of(usage_id) -> str:
    """The workbench's stand-in for a course key: the scenario part of a usage id (`<scenario>.<block>...`)."""
    return str(usage_id).split(".", 1)[0]


def scenario_of(course_key: str):
    """`(name, scenario)` of the workbench scenario that is this course, else None."""
    return next(((name, scenario) for name, scenario in SCENARIOS.items()
                 if course_of(scenario.usage_id) == course_key), None)


class Workbench(Platform):
    """What the workbench provides, and what the demo adds to it."""

    def course_key(self, block) -> str:
        return course_of(block.scope_ids.usage_id)

    def is_course_key(self, text: str) -> bool:
        return scenario_of(text) is not None

    def unit_url(self, block, usage_id) -> str:  # noqa: ARG002 - the interface
        found = scenario_of(course_of(usage_id))
        anchor = element_id(usage_id)
        return f"/scenario/{found[0]}/#{anchor}" if found else f"#{anchor}"

    def course_root(self, course_key: str, username: str):
        found = scenario_of(course_key)
        return None if found is None else WorkbenchRuntime(username).get_block(found[1].usage_id)

    def course_title(self, course_key: str, root) -> str:  # noqa: ARG002 - the interface
        found = scenario_of(course_key)
        return found[1].description if found else course_key

    def anonymous_id(self, user, course_key: str) -> str:  # noqa: ARG002 - one id for every course
        return anonymous_id(user.get_username())

    def stored_state(self, usage_key: str, user_id) -> dict | None:
        state = (XBlockState.objects.filter(scope="usage", scope_id=usage_key, user_id=user_id)
                 .values_list("state", flat=True).first())
        return json.loads(state) if state else {}

    def stored_revision(self, usage_key: str, user_id) -> int | None:
        rows = XBlockState.objects.filter(scope="usage", scope_id=usage_key, user_id=user_id)
        return json_member(rows, "state", "revision")

    def user_state(self, usage_key: str, user) -> dict:
        return self.stored_state(usage_key, user.get_username()) or {}  # the workbench's user id is the name

    def user_ids(self, anonymous_ids):
        wanted = set(anonymous_ids)
        users = get_user_model().objects.values_list("pk", "username").iterator()
        return {anonymous: pk for pk, name in users if (anonymous := anonymous_id(name)) in wanted}

    def learner_records(self, block_type: str):
        rows = XBlockState.objects.filter(scope="usage", tag=block_type).exclude(user_id=None)
        for usage_key, user_id in rows.values_list("scope_id", "user_id").iterator():
            yield LearnerRecord(usage_key, course_of(usage_key), user_id, anonymous_id(user_id))

