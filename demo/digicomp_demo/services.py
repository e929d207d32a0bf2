"""A user service for the demo: the workbench's says everyone is a student; ours knows the course staff.

`?student=lecturer` (or any name in DIGICOMP_DEMO_STAFF) is course staff; every other name is a learner.
"""

from django.conf import settings
from xblock.reference.user_service import UserService, XBlockUser

from .platform import anonymous_id


class DemoUserService(UserService):
    """The attributes Open edX's user service gives, for the workbench's `?student=` users."""

    runtime = None  # set by the workbench when it loads the service

    def get_current_user(self):
        name = str(getattr(self.runtime, "user_id", None) or "student_1")
        staff = name in getattr(settings, "DIGICOMP_DEMO_STAFF", ("lecturer",))
        user = XBlockUser(is_current_user=True, emails=[f"{name}@example.invalid"], full_name=name)
        user.opt_attrs.update({
            "edx-platform.user_id": name,
            "edx-platform.username": name,
            "edx-platform.anonymous_user_id": anonymous_id(name),
            "edx-platform.is_authenticated": True,
            "edx-platform.user_is_staff": staff,
            "edx-platform.user_role": "instructor" if staff else "student",
        })
        return user
