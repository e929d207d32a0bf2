"""URLs of the dashboard app (Open edX mounts them under /digicomp/ through the plugin's url_config)."""

from django.urls import re_path

from . import views

COURSE = r"(?P<course_key>[^/]+)"

app_name = "digicomp_dashboard"
urlpatterns = [
    re_path(rf"^courses/{COURSE}/cohort/$", views.cohort_page, name="cohort"),
    re_path(rf"^courses/{COURSE}/profile/$", views.learner_profile, name="learner_profile"),
    re_path(rf"^courses/{COURSE}/cohort/export/(?P<what>[a-z]+)\.(?P<fmt>[a-z]+)$", views.cohort_export,
            name="cohort_export"),
]
