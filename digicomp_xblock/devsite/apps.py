"""Django app of the demo (it carries the page templates)."""

from django.apps import AppConfig


class DevsiteConfig(AppConfig):
    name = "digicomp_xblock.devsite"
    label = "digicomp_devsite"
    verbose_name = "digicomp demo"
