"""openedx_tagging's REST API (the one behind Studio's tag drawer) mounted for the tests that list tags through it."""

from django.urls import include, path

from digicomp_xblock.tagging import compat

urlpatterns = [path("tagging/", include(f"{compat.app_name()}.urls"))]
