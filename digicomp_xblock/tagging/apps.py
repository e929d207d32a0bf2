"""Django app of digicomp's tagging: the taxonomy command; an Open edX plugin app in the LMS and Studio."""

from django.apps import AppConfig


class TaggingConfig(AppConfig):
    name = "digicomp_xblock.tagging"
    label = "digicomp_tagging"
    verbose_name = "digicomp competence tagging"
    default_auto_field = "django.db.models.BigAutoField"
    # edx-django-utils plugin: no URLs or settings of its own; the app brings the management command.
    plugin_app = {}
