"""URLs of the dashboard app (Open edX mounts them under /digicomp/ through the plugin's url_config).

Course keys are parsed where they enter, once: a text the platform does not accept as a course key is a 404, and
the views get the platform's key (Open edX: a CourseKey).
"""

from django.urls import path, register_converter

from .. import platform
from . import views


class CourseKeyConverter:
    """A course key in a URL, as the platform spells it (Open edX: `course-v1:Org+Course+Run`)."""

    regex = r"[^/]+"

    def to_python(self, value: str):
        return platform.current().parse_course_key(value)  # a ValueError: Django answers 404

    def to_url(self, value) -> str:
        return str(value)


register_converter(CourseKeyConverter, "digicomp_course")

app_name = "digicomp_dashboard"
urlpatterns = [
    path("courses/<digicomp_course:course_key>/cohort/", views.cohort_page, name="cohort"),
    path("courses/<digicomp_course:course_key>/profile/", views.profile_page, name="profile"),
    path("courses/<digicomp_course:course_key>/cohort/export/<slug:what>.<slug:fmt>", views.cohort_export,
         name="cohort_export"),
    path("programmes/<slug:slug>/", views.programme_page, name="programme"),
    path("programmes/<slug:slug>/<slug:what>.csv", views.programme_export, name="programme_export"),
    path("programmes/<slug:slug>/mine/", views.programme_profile, name="programme_profile"),
]
