"""Django app of the course dashboard; an Open edX plugin app in the LMS and Studio."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "digicomp_xblock.dashboard"
    label = "digicomp_dashboard"
    verbose_name = "digicomp course dashboard"
    default_auto_field = "django.db.models.BigAutoField"
    # edx-django-utils plugin: settings are read in plugin_settings(), never at import time.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "digicomp_dashboard", "regex": r"^digicomp/", "relative_path": "urls"},
        },
        "settings_config": {
            "lms.djangoapp": {"common": {"relative_path": "plugin_settings"}},
            "cms.djangoapp": {"common": {"relative_path": "plugin_settings"}},
        },
    }

    def ready(self):
        from . import signals  # noqa: PLC0415 - signals connect once the apps are ready

        signals.connect_retirement()
