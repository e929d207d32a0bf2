"""URLs of the demo: the workbench's (its scenario pages rendered by the demo's runtime) and the language switch."""

from django.urls import include, path, re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from . import views

BLOCKVIEW = {"template": "workbench/blockview.html"}

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("digicomp/", include("digicomp_xblock.dashboard.urls")),
    # The workbench's four scenario pages, before its own patterns for them.
    re_path(r"^scenario/(?P<scenario_id>[^/]+)/(?P<view_name>[^/]+)/$", views.show_scenario, name="scenario"),
    re_path(r"^scenario/(?P<scenario_id>[^/]+)/$", views.show_scenario, name="workbench_show_scenario"),
    re_path(r"^view/(?P<scenario_id>[^/]+)/(?P<view_name>[^/]+)/$", views.show_scenario, BLOCKVIEW),
    re_path(r"^view/(?P<scenario_id>[^/]+)/$", views.show_scenario, BLOCKVIEW),
    *workbench_urlpatterns,
]
