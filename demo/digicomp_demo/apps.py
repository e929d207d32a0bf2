"""Django app of the demo (its page templates and the demo-data command)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "digicomp_demo"
    label = "digicomp_demo"
    verbose_name = "digicomp demo"
