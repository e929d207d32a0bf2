"""Django app that registers our xAPI transformer with event-routing-backends; an Open edX plugin app in the LMS."""

from django.apps import AppConfig, apps


class AnalyticsConfig(AppConfig):
    name = "digicomp_xblock.analytics"
    label = "digicomp_analytics"
    verbose_name = "digicomp learning analytics"
    # edx-django-utils plugin: no URLs or settings of its own. Which events reach the LRS is the operator's choice
    # (event-routing-backends' allow-list, see the README), not this app's.
    plugin_app = {}

    def ready(self):
        # Without event-routing-backends there is no registry to join, and no xAPI to send.
        if apps.is_installed("event_routing_backends"):
            from . import xapi  # noqa: F401, PLC0415 - importing the module registers its transformer
