"""The analytics tests run against event-routing-backends (ERB, requirements/test.in); without it they are skipped.

ERB asks edx-platform for two things the suite does not have. Only these are stubbed, where ERB looks them up
(`event_routing_backends.helpers`, which has None for them outside the LMS): the learner's anonymous external id
(`ExternalId`) and the course's overview (its name). Everything else is ERB's own code: the user lookup (in the
test database), the actor, the context, the statement id, the xAPI processor.
"""

import uuid
from types import SimpleNamespace

import pytest

pytest.importorskip("event_routing_backends")

from event_routing_backends import helpers

COURSE_NAME = "Digital competences in social work"


class Platform:
    """The stand-in for edx-platform's ExternalId and course overviews; `anonymous_id(user)` is what it hands out."""

    @staticmethod
    def anonymous_id(user) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"xapi-learner/{user.pk}"))

    def add_new_user_id(self, user, type_name):
        assert type_name == "xapi"
        return SimpleNamespace(external_user_id=self.anonymous_id(user)), True


@pytest.fixture
def platform(monkeypatch):
    stub = Platform()
    monkeypatch.setattr(helpers, "ExternalId", SimpleNamespace(add_new_user_id=stub.add_new_user_id))
    monkeypatch.setattr(helpers, "ExternalIdType", SimpleNamespace(XAPI="xapi"))
    # Called only for a username that no user has any more; ERB refuses to run without it.
    monkeypatch.setattr(helpers, "get_potentially_retired_user_by_username", lambda username: None)
    monkeypatch.setattr(helpers, "get_course_overviews", lambda course_keys: [{"display_name": COURSE_NAME}])
    # ERB caches both look-ups for the life of the process.
    helpers.get_anonymous_user_id.cache_clear()
    helpers.get_course_from_id.cache_clear()
    yield stub
    helpers.get_anonymous_user_id.cache_clear()
    helpers.get_course_from_id.cache_clear()
