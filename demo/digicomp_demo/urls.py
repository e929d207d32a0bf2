"""URLs of the demo: the workbench's and the language switch."""

from django.urls import include, path
from workbench.urls import urlpatterns as workbench_urlpatterns

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("digicomp/", include("digicomp_xblock.dashboard.urls")),
    *workbench_urlpatterns,
]
